using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Fazhi.Core.Cases;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Portal;

/// <summary>The public portal (anonymous) and the staff attachment endpoints, over HTTP.</summary>
public sealed class PortalTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

    [Fact]
    public async Task Landing_page_is_public_and_shows_no_staff_navigation()
    {
        var client = app.NewClient();
        var page = await Html.PageAsync(client, "/public");
        page.Body!.TextContent.ShouldContain("在线申请行政复议");
        page.Body.TextContent.ShouldContain("查询办理进度");
        page.QuerySelector(".sidenav").ShouldBeNull();
        page.Body.TextContent.ShouldNotContain("工作台");
    }

    [Fact]
    public async Task An_online_application_with_an_attachment_gives_a_tracking_code_that_shows_the_stage()
    {
        var client = app.NewClient();
        var name = Unique("张三");
        var response = await ApplyAsync(client, Form(name, "13912345678"), ("决定书.pdf", Pdf));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldBe("/public/reconsideration/submitted");

        var submitted = await Html.PageAsync(client, "/public/reconsideration/submitted");
        var code = submitted.QuerySelector(".tracking-code")!.TextContent.Trim();
        code.Length.ShouldBe(12);
        var number = submitted.QuerySelector("#case-number")!.TextContent.Trim();
        number.ShouldStartWith("复〔");
        // Shown once: a second visit has nothing to show.
        (await client.GetAsync(new Uri("/public/reconsideration/submitted", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stored = await app.WithDbAsync(async db =>
        {
            var c = await db.ReconsiderationCases.SingleAsync(x => x.TrackingCode == code);
            var files = await db.CaseAttachments.Where(a => a.CaseId == c.Id).ToListAsync();
            return (c.Channel, c.CaseNumber, c.Request, Files: files);
        });
        stored.Channel.ShouldBe(IntakeChannel.Online);
        stored.CaseNumber.ShouldBe(number);
        stored.Request!.ShouldContain("事实和理由");
        stored.Files.Count.ShouldBe(1);
        stored.Files[0].UploadedBy.ShouldBeNull();
        stored.Files[0].Sm3.ShouldBe(Convert.ToHexStringLower(Fazhi.Core.Audit.Sm3.Hash(Pdf)));

        var result = await TrackAsync(client, code.ToLowerInvariant(), "5678");
        result.QuerySelector(".stage")!.TextContent.ShouldBe("受理审查中");
        result.QuerySelector("#result")!.TextContent.ShouldContain(number);
        result.QuerySelectorAll("ol.timeline li").Single().TextContent.ShouldContain("收到网上申请");
        result.Body!.TextContent.ShouldNotContain(name);
        result.Body.TextContent.ShouldNotContain("13912345678");
    }

    [Fact]
    public async Task A_wrong_code_or_a_wrong_phone_gives_the_same_generic_message()
    {
        var client = app.NewClient();
        (await ApplyAsync(client, Form(Unique("李四"), "13800004321"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = (await Html.PageAsync(client, "/public/reconsideration/submitted")).QuerySelector(".tracking-code")!.TextContent.Trim();

        var wrongCode = await TrackAsync(client, "ZZZZZZZZZZZZ", "4321");
        var wrongPhone = await TrackAsync(client, code, "1234");
        foreach (var page in new[] { wrongCode, wrongPhone })
        {
            page.QuerySelector(".validation-summary-errors")!.TextContent.ShouldContain("未找到该申请，请核对查询码和手机号后四位");
            page.QuerySelector("#result").ShouldBeNull();
        }
    }

    [Fact]
    public async Task Missing_required_fields_are_reported_per_field_and_nothing_is_saved()
    {
        var client = app.NewClient();
        var name = Unique("王五");
        var form = Form(name, "13800001111");
        form.Remove("Input.Request");
        form.Remove("Input.Respondent");
        form["Input.Matter"] = "";
        var response = await ApplyAsync(client, form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        FieldError(page, "Input.Request").ShouldBe("请填写行政复议请求。");
        FieldError(page, "Input.Respondent").ShouldContain("请填写被申请人");
        FieldError(page, "Input.Matter").ShouldBe("请选择被申请行为类别。");
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.ApplicantName']")!.Value.ShouldBe(name);
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("textarea[name='Input.Facts']")!.Value.ShouldBe("事实：处罚过重。");
        (await CasesOfAsync(name)).ShouldBe(0);
    }

    [Theory]
    [InlineData("申请书.pdf", "MZ")]
    [InlineData("申请书.txt", "<html><script>alert(1)</script></html>")]
    public async Task A_forbidden_file_type_is_refused_and_nothing_is_saved(string fileName, string content)
    {
        var client = app.NewClient();
        var name = Unique("赵六");
        var attachmentsBefore = await app.WithDbAsync(db => db.CaseAttachments.CountAsync());
        var bytes = Encoding.ASCII.GetBytes(content).Concat(new byte[] { 0x90, 0, 3, 0 }.Take(content == "MZ" ? 4 : 0)).ToArray();
        var response = await ApplyAsync(client, Form(name, "13800002222"), ("证据.pdf", Pdf), (fileName, bytes));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        FieldError(page, "Files").ShouldContain("不支持的文件类型，仅支持 PDF、JPG、PNG、DOC、DOCX、XLS、XLSX、OFD、TXT");
        (await CasesOfAsync(name)).ShouldBe(0);
        (await app.WithDbAsync(db => db.CaseAttachments.CountAsync())).ShouldBe(attachmentsBefore);
    }

    [Fact]
    public async Task Only_governments_can_be_chosen_as_the_reconsideration_body()
    {
        var client = app.NewClient();
        var page = await Html.PageAsync(client, "/public/reconsideration/apply");
        page.QuerySelectorAll("select[name='Input.OrgId'] option").Select(o => o.TextContent).ShouldBe(["云溪区人民政府"]);

        var name = Unique("孙七");
        var form = Form(name, "13800003333");
        form["Input.OrgId"] = (await app.WithDbAsync(db => db.Orgs.Where(o => o.Code == "YXQ-SFJ").Select(o => o.Id).SingleAsync())).ToString();
        var response = await ApplyAsync(client, form);
        FieldError(await Html.ParseAsync(response), "Input.OrgId").ShouldBe("请选择行政复议机关。");
        (await CasesOfAsync(name)).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_list_and_download_attachments_in_scope_and_get_404_outside_it()
    {
        var applicant = app.NewClient();
        (await ApplyAsync(applicant, Form(Unique("周八"), "13800005555"), ("行政处罚决定书（扫描件）.pdf", Pdf))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var code = (await Html.PageAsync(applicant, "/public/reconsideration/submitted")).QuerySelector(".tracking-code")!.TextContent.Trim();
        var (caseId, attachmentId) = await app.WithDbAsync(async db =>
        {
            var id = await db.ReconsiderationCases.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync();
            return (id, await db.CaseAttachments.Where(a => a.CaseId == id).Select(a => a.Id).SingleAsync());
        });

        var admin = await app.SignedInClientAsync("admin");
        var list = await admin.GetAsync(new Uri($"/api/cases/reconsideration/{caseId}/attachments", UriKind.Relative));
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await list.Content.ReadAsStringAsync();
        json.ShouldContain(Convert.ToHexStringLower(Fazhi.Core.Audit.Sm3.Hash(Pdf)));

        var download = await admin.GetAsync(new Uri($"/attachments/{attachmentId}", UriKind.Relative));
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("行政处罚决定书（扫描件）.pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == attachmentId.ToString() && e.Action == CaseAttachments.ViewedPersonalData)))
            .ShouldBe(1);

        var township = await app.SignedInClientAsync("qingshi");
        (await township.GetAsync(new Uri($"/attachments/{attachmentId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync(new Uri($"/api/cases/reconsideration/{caseId}/attachments", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.NewClient().GetAsync(new Uri($"/attachments/{attachmentId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Staff_upload_through_the_api_returns_the_digest_and_refuses_forbidden_types()
    {
        var caseId = await RegisterByStaffAsync();
        var client = await app.SignedInClientAsync("admin");
        var ok = await PostFileAsync(client, $"/api/cases/reconsideration/{caseId}/attachments", "答复书.pdf", Pdf, ("category", "答复书"));
        ok.StatusCode.ShouldBe(HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        (await ok.Content.ReadAsStringAsync()).ShouldContain(Convert.ToHexStringLower(Fazhi.Core.Audit.Sm3.Hash(Pdf)));

        var exe = await PostFileAsync(client, $"/api/cases/reconsideration/{caseId}/attachments", "tool.exe", [(byte)'M', (byte)'Z', 0x90, 0]);
        exe.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await exe.Content.ReadAsStringAsync()).ShouldContain("不支持的文件类型");

        var leader = await app.SignedInClientAsync("lingdao");
        (await PostFileAsync(leader, $"/api/cases/reconsideration/{caseId}/attachments", "x.pdf", Pdf)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_upload_form_of_the_partial_stores_the_file_and_goes_back_with_a_notice()
    {
        var caseId = await RegisterByStaffAsync();
        var client = await app.SignedInClientAsync("admin");
        var token = await FazhiAppFactory.AntiforgeryTokenAsync(client, "/reconsideration/new");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("reconsideration"), "CaseType" },
            { new StringContent(caseId.ToString()), "CaseId" },
            { new StringContent($"/reconsideration/{caseId}"), "ReturnUrl" },
            { new StringContent("证据材料"), "Category" },
            { File("现场照片.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]), "Upload", "现场照片.png" },
        };
        var response = await client.PostAsync(new Uri("/attachments/upload", UriKind.Relative), form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/reconsideration/{caseId}");
        (await app.WithDbAsync(db => db.CaseAttachments.Where(a => a.CaseId == caseId).Select(a => a.FileName).ToListAsync())).ShouldBe(["现场照片.png"]);
    }

    private async Task<Guid> RegisterByStaffAsync() => await app.WithDbAsync(async db =>
    {
        var gov = await db.Orgs.Where(o => o.Code == "YXQ").Select(o => o.Id).SingleAsync();
        var handler = new RegisterReconsiderationHandler(db, new Fazhi.Core.Clocks.ClockCalendar(Fazhi.Core.Clocks.RuleCatalog.Default), TimeProvider.System);
        var r = await handler.HandleAsync(new RegisterReconsideration(gov, null, null, "mail", Fazhi.Core.Clocks.ChineseDates.Today(TimeProvider.System), "YXQ-SFJ",
            "penalty", null, "处罚决定", "撤销", [new PartyInput("applicant", Unique("吴九"))]), Fazhi.Core.Orgs.OrgScope.Everything, null, CancellationToken.None);
        return r.Value!.Id;
    });

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string path, string fileName, byte[] data, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent { { File(fileName, data), "file", fileName } };
        foreach (var (n, v) in fields)
        {
            form.Add(new StringContent(v), n);
        }

        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    private Task<int> CasesOfAsync(string applicant) =>
        app.WithDbAsync(db => db.ReconsiderationCases.CountAsync(c => c.ApplicantNames == applicant));

    private static string Unique(string name) => $"{name}{Guid.NewGuid().ToString("N")[..6]}";

    private static Dictionary<string, string> Form(string applicant, string phone) => new()
    {
        ["Input.ApplicantName"] = applicant,
        ["Input.IdNumber"] = "33010219900101123X",
        ["Input.Phone"] = phone,
        ["Input.Address"] = "云溪区青山镇幸福路1号",
        ["Input.Respondent"] = "云溪区市场监督管理局",
        ["Input.Matter"] = "penalty",
        ["Input.ChallengedAct"] = "云市监罚〔2026〕12号行政处罚决定书",
        ["Input.Request"] = "请求撤销该行政处罚决定。",
        ["Input.Facts"] = "事实：处罚过重。",
    };

    private static async Task<HttpResponseMessage> ApplyAsync(HttpClient client, Dictionary<string, string> fields, params (string Name, byte[] Data)[] files)
    {
        var page = await Html.PageAsync(client, "/public/reconsideration/apply");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var org = page.QuerySelector<AngleSharp.Html.Dom.IHtmlOptionElement>("select[name='Input.OrgId'] option[value]:not([value=''])")!.Value;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (!fields.ContainsKey("Input.OrgId"))
        {
            form.Add(new StringContent(org), "Input.OrgId");
        }

        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v), k);
        }

        foreach (var (name, data) in files)
        {
            form.Add(File(name, data), "Files", name);
        }

        return await client.PostAsync(new Uri("/public/reconsideration/apply", UriKind.Relative), form);
    }

    private static ByteArrayContent File(string name, byte[] data)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static async Task<IDocument> TrackAsync(HttpClient client, string code, string last4)
    {
        var token = await FazhiAppFactory.AntiforgeryTokenAsync(client, "/public/track");
        var response = await client.PostAsync(new Uri("/public/track", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.PhoneLast4"] = last4,
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await Html.ParseAsync(response);
    }

    private static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
}

/// <summary>The tracking lookup is rate-limited per client address (a low limit configured for the test).</summary>
public sealed class PortalRateLimitTests(PortalRateLimitTests.LowLimitApp app) : IClassFixture<PortalRateLimitTests.LowLimitApp>
{
    [Fact]
    public async Task Lookups_beyond_the_limit_get_429_while_the_form_still_loads()
    {
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var token = await FazhiAppFactory.AntiforgeryTokenAsync(client, "/public/track");
            var response = await client.PostAsync(new Uri("/public/track", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Code"] = "ABCDEFGHJKLM",
                ["Input.PhoneLast4"] = "1234",
                ["__RequestVerificationToken"] = token,
            }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                (await response.Content.ReadAsStringAsync()).ShouldContain("请稍后再试");
            }
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    public sealed class LowLimitApp : FazhiAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:TrackPerMinute", "2");
        }
    }
}
