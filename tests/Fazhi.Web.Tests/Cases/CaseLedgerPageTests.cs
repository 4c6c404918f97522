using System.Net;
using System.Text;
using AngleSharp.Dom;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Cases;

/// <summary>The ledger import/export page (/reconsideration/import, /litigation/import): upload with dry run and partial,
/// every bad row on the page, nothing written on errors, scope, export and template downloads.</summary>
public sealed class CaseLedgerPageTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private const string Header = "案号,复议机关编码,收到申请日期,被申请人,行政行为类别,申请人,受理日期,结案日期,结案方式\n";

    [Fact]
    public async Task A_good_csv_creates_the_cases_which_the_list_then_shows()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var csv = Header
            + "云府复〔2024〕页1号,YXQ-SFJ,2024-11-11,YXQ-SCJ,行政处罚,孙某某,,,\n"
            + "云府复〔2024〕页2号,YXQ-SFJ,2024-11-11,YXQ-SCJ,行政处罚,李某、王某,2024-11-13,2024-12-20,维持\n";

        var page = await Html.ParseAsync(await UploadAsync(client, "reconsideration", "ledger.csv", csv));

        page.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已新增 2 件案件");
        Stats(page)["读取"].ShouldBe("2 行");
        Stats(page)["写入数据库"].ShouldBe("已写入");
        page.QuerySelector("#errors-h").ShouldBeNull();
        var list = await Html.PageAsync(client, "/reconsideration?from=2024-11-11&to=2024-11-11");
        var numbers = list.QuerySelectorAll("table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        numbers.ShouldBe(["云府复〔2024〕页1号", "云府复〔2024〕页2号"], ignoreOrder: true);

        var again = await Html.ParseAsync(await UploadAsync(client, "reconsideration", "ledger.csv", csv));
        again.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已新增 0 件案件");
        Stats(again)["已存在，跳过"].ShouldStartWith("2 件");
    }

    [Fact]
    public async Task The_upload_limit_is_stated_on_the_page_and_explained_when_exceeded()
    {
        var client = await app.SignedInClientAsync("fuyi");

        var page = await Html.PageAsync(client, "/reconsideration/import");
        page.QuerySelector("label[for=Input_File]")!.TextContent.ShouldContain("不超过 300 MB");

        // What the status-code page says for 413 (the server refuses a larger body before the page runs).
        var response = await client.GetAsync(new Uri("/errors/413", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var error = await Html.ParseAsync(response);
        error.QuerySelector("h1")!.TextContent.ShouldBe("上传的文件太大");
        error.QuerySelector("[role=alert] p")!.TextContent.ShouldContain("./fazhi import");
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_created_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var csv = Header + "云府复〔2024〕页3号,YXQ-SFJ,2024-10-08,YXQ-SCJ,行政处罚,赵某,,,\n";

        var page = await Html.ParseAsync(await UploadAsync(client, "reconsideration", "ledger.csv", csv, dryRun: true));

        page.QuerySelector(".notice.info")!.TextContent.ShouldContain("检查通过，本次没有写入");
        Stats(page)["可新增"].ShouldBe("1 件");
        Stats(page)["写入数据库"].ShouldBe("未写入");
        (await CaseExistsAsync("云府复〔2024〕页3号")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_each_line_and_reason_and_writes_nothing()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var csv = Header
            + "云府复〔2024〕页4号,YXQ-SFJ,2024-09-02,YXQ-SCJ,行政处罚,钱某,,,\n"
            + "云府复〔2024〕页5号,YXQ-SFJ,2024-09-02,YXQ-SCJ,行政处罚,孙某,2024-09-04,2024-10-08,驳回上诉\n"
            + "云府复〔2024〕页6号,YXQ-SFJ,2024-09-02,YXQ-SCJ,行政处罚,周某,2024-09-10,2024-09-05,维持\n"
            + "云府复〔2024〕页7号,YXQ-SFJ,2024-09-02,YXQ-SCJ,行政处罚,吴某,,,\n"
            + "云府复〔2024〕页7号,YXQ-SFJ,2024-09-03,YXQ-SCJ,行政处罚,郑某,,,\n";

        var response = await UploadAsync(client, "reconsideration", "ledger.csv", csv);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector(".notice.bad")!.TextContent.ShouldContain("未写入任何数据");
        Stats(page)["写入数据库"].ShouldBe("未写入");
        var rows = ErrorRows(page);
        rows.Select(r => r.Line).ShouldBe(["3", "4", "5", "6"]);
        rows[0].Reason.ShouldContain("结案方式“驳回上诉”无效");
        rows[1].Reason.ShouldContain("结案日期 2024-09-05 不能早于受理日期 2024-09-10");
        rows[2].Reason.ShouldContain("在本文件中重复（第 5、6 行）");
        rows[3].Reason.ShouldContain("在本文件中重复");
        (await CaseExistsAsync("云府复〔2024〕页4号")).ShouldBeFalse();
    }

    [Fact]
    public async Task Partial_writes_the_good_rows_and_lists_the_bad_ones()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var csv = Header
            + "云府复〔2024〕页8号,YXQ-SFJ,2024-08-05,YXQ-SCJ,行政处罚,冯某,,,\n"
            + "云府复〔2024〕页9号,YXQ-SFJ,2024-08-05,YXQ-SCJ,没有这种类别,陈某,,,\n";

        var page = await Html.ParseAsync(await UploadAsync(client, "reconsideration", "ledger.csv", csv, partial: true));

        page.QuerySelector(".notice.info")!.TextContent.ShouldContain("已导入 1 件案件");
        Stats(page)["写入数据库"].ShouldBe("已写入");
        ErrorRows(page).Single().Line.ShouldBe("3");
        (await CaseExistsAsync("云府复〔2024〕页8号")).ShouldBeTrue();
        (await CaseExistsAsync("云府复〔2024〕页9号")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_file_or_another_kind_of_file_is_a_field_error()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var token = await FazhiAppFactory.AntiforgeryTokenAsync(client, "/reconsideration/import");
        using var empty = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var page = await Html.ParseAsync(await client.PostAsync(new Uri("/reconsideration/import", UriKind.Relative), empty));
        page.QuerySelector("[data-valmsg-for='Input.File']")!.TextContent.ShouldBe("请上传导入文件（.jsonl、.csv 或 .xlsx）。");
        page.QuerySelector("#report-h").ShouldBeNull();

        var wrong = await Html.ParseAsync(await UploadAsync(client, "reconsideration", "ledger.txt", Header));
        wrong.QuerySelector("[data-valmsg-for='Input.File']")!.TextContent.ShouldBe("只支持 .jsonl、.csv 和 .xlsx 文件。");
    }

    [Fact]
    public async Task Rows_for_orgs_outside_the_users_scope_are_bad_rows()
    {
        var township = await app.SignedInClientAsync("qingshi");
        var csv = Header + "云府复〔2024〕页10号,YXQ-SFJ,2024-07-01,YXQ-SCJ,行政处罚,褚某,,,\n";

        var page = await Html.ParseAsync(await UploadAsync(township, "reconsideration", "ledger.csv", csv));

        var row = ErrorRows(page).Single();
        row.Line.ShouldBe("2");
        row.Reason.ShouldContain("复议机关“YXQ-SFJ”不在您的管辖范围内");
        (await CaseExistsAsync("云府复〔2024〕页10号")).ShouldBeFalse();
    }

    [Fact]
    public async Task Users_who_may_not_handle_cases_get_neither_the_page_nor_the_button()
    {
        var leader = await app.SignedInClientAsync("lingdao");
        var get = await leader.GetAsync(new Uri("/reconsideration/import", UriKind.Relative));
        get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        get.Headers.Location!.AbsolutePath.ShouldBe("/errors/403");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Header)), "Input.File", "ledger.csv" } };
        var post = await leader.PostAsync(new Uri("/litigation/import", UriKind.Relative), upload);
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.AbsolutePath.ShouldBe("/errors/403");
        (await Html.PageAsync(leader, "/reconsideration")).QuerySelector("a[href='/reconsideration/import']").ShouldBeNull();
        (await Html.PageAsync(leader, "/litigation")).QuerySelector("a[href='/litigation/import']").ShouldBeNull();

        var staff = await app.SignedInClientAsync("yingsu");
        (await Html.PageAsync(staff, "/litigation")).QuerySelector("a[href='/litigation/import']")!.TextContent.ShouldBe("导入/导出台账");
        (await Html.PageAsync(staff, "/reconsideration")).QuerySelector("a[href='/reconsideration/import']")!.TextContent.ShouldBe("导入/导出台账");
    }

    [Fact]
    public async Task Export_downloads_the_ledger_of_an_org_in_scope_and_refuses_one_outside_it()
    {
        var client = await app.SignedInClientAsync("fuyi");
        await UploadAsync(client, "reconsideration", "ledger.csv", Header + "云府复〔2023〕页11号,YXQ-SFJ,2023-06-01,YXQ-SCJ,行政处罚,卫某,,,\n");

        var file = await client.GetAsync(new Uri("/reconsideration/import?handler=export&org=YXQ-SFJ&year=2023&format=csv", UriKind.Relative));
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        file.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("reconsideration-YXQ-SFJ-2023.csv");
        var csv = await file.Content.ReadAsStringAsync();
        csv.ShouldContain("云府复〔2023〕页11号");
        csv.ShouldNotContain("云府复〔2024〕");

        var township = await app.SignedInClientAsync("qingshi");
        var form = await Html.PageAsync(township, "/reconsideration/import");
        form.QuerySelectorAll("select[name='org'] option").Select(o => o.GetAttribute("value")).ShouldBe(["YXQ-QS", "YXQ-QS-SFS"]);
        var refused = await township.GetAsync(new Uri("/reconsideration/import?handler=export&org=YXQ-SFJ&format=csv", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await Html.ParseAsync(refused);
        page.QuerySelector("#export-error")!.TextContent.ShouldContain("单位“YXQ-SFJ”不存在或不在您的管辖范围内。");
        page.QuerySelector("select[name='format'] option[selected]")!.GetAttribute("value").ShouldBe("csv");

        var badYear = await Html.ParseAsync(await client.GetAsync(new Uri("/reconsideration/import?handler=export&org=YXQ-SFJ&year=abc&format=csv", UriKind.Relative)));
        badYear.QuerySelector("#export-error")!.TextContent.ShouldContain("年度应为四位数字");
    }

    [Fact]
    public async Task The_template_links_download_the_blank_templates_and_the_page_names_the_columns()
    {
        var client = await app.SignedInClientAsync("yingsu");
        var page = await Html.PageAsync(client, "/litigation/import");
        page.QuerySelector("h1")!.TextContent.ShouldBe("行政应诉台账导入/导出");
        page.QuerySelector("details summary")!.TextContent.ShouldContain("案号*、应诉单位编码*、受理法院*");
        var links = page.QuerySelectorAll("a[href*='/template']").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldBe(["/api/litigation/template?format=xlsx", "/api/litigation/template?format=csv"]);

        var xlsx = await client.GetAsync(new Uri(links[0], UriKind.Relative));
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await xlsx.Content.ReadAsByteArrayAsync()).Take(2).ShouldBe("PK"u8.ToArray());
        var csv = await client.GetByteArrayAsync(new Uri(links[1], UriKind.Relative));
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(csv, 3, csv.Length - 3).ShouldStartWith("案号,应诉单位编码,受理法院");
    }

    [Fact]
    public async Task A_litigation_jsonl_file_is_imported_on_the_litigation_page()
    {
        var client = await app.SignedInClientAsync("yingsu");
        const string row = """{"case_number":"(2024)云0101行初页1号","org":"YXQ-SFJ","court":"云溪区人民法院","filed_on":"2024-05-06","cause":"行政处罚","plaintiffs":["蒋某"]}""";

        var page = await Html.ParseAsync(await UploadAsync(client, "litigation", "lawsuits.jsonl", row + "\n"));

        page.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已新增 1 件案件");
        page.QuerySelector(".notice.ok a")!.GetAttribute("href").ShouldBe("/litigation");
        (await app.WithDbAsync(db => db.LitigationCases.AnyAsync(c => c.CaseNumber == "(2024)云0101行初页1号"))).ShouldBeTrue();
    }

    private Task<bool> CaseExistsAsync(string caseNumber) =>
        app.WithDbAsync(db => db.ReconsiderationCases.AnyAsync(c => c.CaseNumber == caseNumber));

    private static Dictionary<string, string> Stats(IDocument page) =>
        page.QuerySelectorAll("dl.props dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());

    private static List<(string Line, string Reason)> ErrorRows(IDocument page) =>
        page.QuerySelectorAll("table[aria-labelledby='errors-h'] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList())
            .Select(c => (c[0], c[1])).ToList();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string line, string fileName, string text, bool dryRun = false,
        bool partial = false)
    {
        var path = $"/{line}/import";
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await FazhiAppFactory.AntiforgeryTokenAsync(client, path)), "__RequestVerificationToken" },
            { new StringContent(dryRun ? "true" : "false"), "Input.DryRun" },
            { new StringContent(partial ? "true" : "false"), "Input.Partial" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "Input.File", fileName },
        };
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
