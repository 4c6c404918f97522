using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Cases;

/// <summary>The reconsideration and litigation API and pages, end to end over HTTP with a signed-in handler.</summary>
public sealed class ReconsiderationWebTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static readonly string[] Plaintiffs = ["王某"];

    [Fact]
    public async Task A_case_is_registered_accepted_and_decided_through_the_api_with_documents_and_pages()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var created = await client.PostAsJsonAsync("/api/reconsideration", new
        {
            orgCode = "YXQ-SFJ",
            receivedOn = "2026-03-02",
            respondent = "YXQ-SCJ",
            matterType = "penalty",
            channel = "in_person",
            challengedAct = "云市监罚〔2026〕8号行政处罚决定书",
            request = "撤销该行政处罚决定",
            parties = new[] { new { role = "applicant", name = "张测试", idNumber = "330102199001011234", phone = "13900001111" } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("case").GetProperty("id").GetString();
        body.GetProperty("clocks")[0].GetProperty("rule").GetString().ShouldBe("reconsideration.acceptance-review");

        var illegal = await client.PostAsJsonAsync($"/api/reconsideration/{id}/steps", new { action = "close", on = "2026-03-05", outcome = "uphold" });
        illegal.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var accepted = await client.PostAsJsonAsync($"/api/reconsideration/{id}/steps", new { action = "accept", on = "2026-03-04", procedure = "ordinary" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var before = await client.PostAsJsonAsync($"/api/reconsideration/{id}/steps", new { action = "close", on = "2026-03-03", outcome = "revoke" });
        before.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badCode = await client.PostAsJsonAsync($"/api/reconsideration/{id}/steps", new { action = "close", on = "2026-04-03", outcome = "quash" });
        badCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badCode.Content.ReadAsStringAsync()).ShouldContain("结案方式无效");
        var closed = await client.PostAsJsonAsync($"/api/reconsideration/{id}/steps", new { action = "close", on = "2026-04-03", outcome = "revoke", facts = "查明的事实", reasoning = "理由" });
        closed.StatusCode.ShouldBe(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var view = await closed.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("case").GetProperty("stage").GetString().ShouldBe("closed");
        var docs = view.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        docs.ShouldContain("acceptance-notice");
        docs.ShouldContain("decision");

        var docx = await client.GetAsync($"/api/reconsideration/{id}/documents/decision");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        bytes[0].ShouldBe((byte)'P'); // a ZIP package
        bytes[1].ShouldBe((byte)'K');

        var page = await client.GetStringAsync($"/reconsideration/{id}");
        page.ShouldContain("为什么是这一天");
        page.ShouldContain("行政复议决定书");
        page.ShouldNotContain("330102199001011234"); // masked until the audited full view
        var list = await client.GetStringAsync("/reconsideration?q=张测");
        list.ShouldContain("张测试");
    }

    [Fact]
    public async Task Cases_outside_the_scope_are_not_found()
    {
        var handler = await app.SignedInClientAsync("fuyi");
        var created = await handler.PostAsJsonAsync("/api/reconsideration", new
        {
            orgCode = "YXQ-SFJ",
            receivedOn = "2026-03-02",
            respondent = "某镇政府",
            matterType = "other",
            request = "请求撤销",
            parties = new[] { new { name = "李某" } },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case").GetProperty("id").GetString();
        var township = await app.SignedInClientAsync("qingshi");
        (await township.GetAsync($"/api/reconsideration/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync($"/reconsideration/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_lawsuit_runs_from_complaint_to_judgment_with_head_appearance()
    {
        var client = await app.SignedInClientAsync("yingsu");
        var created = await client.PostAsJsonAsync("/api/litigation", new
        {
            orgCode = "YXQ-SFJ",
            caseNumber = "（2026）江0102行初1号",
            court = "青山市云溪区人民法院",
            instance = "first",
            filedOn = "2026-03-02",
            complaintReceivedOn = "2026-03-05",
            cause = "行政处罚",
            plaintiffs = Plaintiffs,
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("case").GetProperty("id").GetString();
        body.GetProperty("clocks")[0].GetProperty("due").GetString().ShouldBe("2026-03-20");
        foreach (var step in new object[]
        {
            new { action = "submit_defence", on = "2026-03-16" },
            new { action = "record_hearing", on = "2026-04-20", headPresent = true, headName = "李局长", headRank = "deputy", headSpoke = true, staffPresent = true },
            new { action = "close", on = "2026-05-20", outcome = "confirm_illegal", servedOn = "2026-05-22" },
            new { action = "perform", on = "2026-06-01" },
        })
        {
            var r = await client.PostAsJsonAsync($"/api/litigation/{id}/steps", step);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        }

        var page = await client.GetStringAsync($"/litigation/{id}");
        page.ShouldContain("李局长");
        page.ShouldContain("不服判决上诉期限");
    }
}
