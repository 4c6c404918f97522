using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Reports;

/// <summary>The annual report over HTTP: API journey from draft to publication, pages, portal, scope and roles.</summary>
public sealed class ReportPagesTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year - 1;

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_report_goes_from_generated_draft_to_the_portal_and_its_figures_lead_to_de_identified_cases()
    {
        var caseId = await RegisterAsync("YXQ-QS", "青复〔报告〕1号", "钱某某");
        var admin = await app.SignedInClientAsync("admin");
        var created = await admin.PostAsJsonAsync(U("/api/reports"), new { org = "YXQ-QS", year = Year });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("report").GetProperty("id").GetGuid();
        json.GetProperty("report").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("part").GetString())
            .ShouldBe(["measures", "shortcomings", "first_responsibility", "next_year", "other"]);

        // Incomplete: refused with the reasons, in Chinese.
        var refused = await admin.PostAsync(U($"/api/reports/{id}/submit"), null);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("待补充");

        var parts = new[]
        {
            new { part = "measures", text = "全年共收到行政复议申请{{reconsideration.received}}。" },
            new { part = "shortcomings", text = "办案力量不足。" },
            new { part = "first_responsibility", text = "主要负责人带头学法。" },
            new { part = "next_year", text = "1.加强复议工作。" },
            new { part = "other", text = "无。" },
        };
        (await admin.PutAsJsonAsync(U($"/api/reports/{id}"), new { parts })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<JsonElement>(U($"/api/reports/{id}/check"))).GetArrayLength().ShouldBe(0);
        (await admin.PostAsync(U($"/api/reports/{id}/submit"), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var early = await admin.PostAsync(U($"/api/reports/{id}/approve"), null);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("保密审查");
        (await admin.PostAsJsonAsync(U($"/api/reports/{id}/secrecy-review"), new { note = "不涉密" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync(U($"/api/reports/{id}/approve"), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var edit = await admin.PutAsJsonAsync(U($"/api/reports/{id}"), new { parts });
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await edit.Content.ReadAsStringAsync()).ShouldContain("新版本");
        var published = await (await admin.PostAsync(U($"/api/reports/{id}/publish"), null)).Content.ReadFromJsonAsync<JsonElement>();
        published.GetProperty("report").GetProperty("status").GetString().ShouldBe("published");
        var received = published.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("indicator").GetString() == "reconsideration.received");
        received.GetProperty("numerator").GetDouble().ShouldBeGreaterThanOrEqualTo(1);

        // Portal: anyone can read it; the figure's cases are listed without the applicant.
        var anonymous = app.NewClient();
        var page = await anonymous.GetStringAsync(U($"/public/reports/YXQ-QS/{Year}"));
        page.ShouldContain("青石镇人民政府关于");
        page.ShouldContain("figure=reconsideration.received");
        var figure = await anonymous.GetStringAsync(U($"/public/reports/YXQ-QS/{Year}?figure=reconsideration.received"));
        figure.ShouldContain("青复〔报告〕1号");
        figure.ShouldNotContain("钱某某");
        figure.ShouldNotContain(caseId.ToString());
        (await anonymous.GetStringAsync(U("/public/reports"))).ShouldContain($"/public/reports/YXQ-QS/{Year}");

        // Staff pages: the report, its frozen figure with the case linked, the DOCX.
        (await admin.GetStringAsync(U($"/reports/{id}"))).ShouldContain("已公开");
        (await admin.GetStringAsync(U($"/reports/{id}/figures/reconsideration.received"))).ShouldContain($"/reconsideration/{caseId}");
        var docx = await admin.GetAsync(U($"/api/reports/{id}/docx"));
        docx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        (await docx.Content.ReadAsByteArrayAsync()).Take(2).ShouldBe("PK"u8.ToArray());
        (await admin.GetStringAsync(U($"/reports?org=YXQ&year={Year}"))).ShouldContain("青石镇人民政府");
    }

    [Fact]
    public async Task Scope_roles_and_bad_input_are_enforced()
    {
        var admin = await app.SignedInClientAsync("admin");
        var created = await admin.PostAsJsonAsync(U("/api/reports"), new { org = "YXQ-SCJ", year = Year });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report").GetProperty("id").GetGuid();

        var township = await app.SignedInClientAsync("qingshi");
        (await township.GetAsync(U($"/api/reports/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync(U($"/reports/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.PostAsync(U($"/api/reports/{id}/submit"), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var leader = await app.SignedInClientAsync("lingdao");
        (await leader.GetAsync(U($"/api/reports/{id}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await leader.PostAsync(U($"/api/reports/{id}/submit"), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var unknown = await admin.PutAsJsonAsync(U($"/api/reports/{id}"), new { parts = new[] { new { part = "other", text = "{{no.such}}" } } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("no.such");
        (await admin.PostAsync(U($"/api/reports/{id}/fly"), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsJsonAsync(U("/api/reports"), new { org = "YXQ-SCJ", year = Year })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.GetAsync(U($"/public/reports/YXQ-SCJ/{Year}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var fact = await admin.PostAsJsonAsync(U("/api/manual-facts"), new { fact = "manual.law_study_sessions", org = "YXQ-SCJ", year = Year, value = 6 });
        fact.StatusCode.ShouldBe(HttpStatusCode.Created);
        var badFact = await admin.PostAsJsonAsync(U("/api/manual-facts"), new { fact = "manual.law_study_sessions", org = "YXQ-SCJ", year = Year, value = -2 });
        badFact.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFact.Content.ReadAsStringAsync()).ShouldContain("数值应为不小于 0 的数");
        (await admin.GetStringAsync(U($"/facts?org=YXQ-SCJ&year={Year}"))).ShouldContain("政府常务会议会前学法");
    }

    private async Task<Guid> RegisterAsync(string orgCode, string number, string applicant)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Fazhi.Core.Data.AppDbContext>();
        var orgId = await db.Orgs.Where(o => o.Code == orgCode).Select(o => o.Id).SingleAsync();
        var r = await sp.GetRequiredService<RegisterReconsiderationHandler>().HandleAsync(
            new RegisterReconsideration(orgId, number, null, "in_person", new DateOnly(Year, 2, 5), "YXQ-SFJ", "penalty", null, "行政处罚决定", "撤销",
                [new PartyInput("applicant", applicant)]),
            OrgScope.Everything, null, CancellationToken.None);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value!.Id;
    }
}
