using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Clocks;

public sealed class ClockApiTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static readonly Uri Clocks = new("/api/clocks", UriKind.Relative);

    private static string ChinaToday() =>
        DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> OpenAsync(HttpClient client, string org, string caseId, string rule, string start)
    {
        var response = await client.PostAsJsonAsync(Clocks, new { orgCode = org, caseType = "reconsideration", caseId, rule, start, handler = "fuyi" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Opened_clock_carries_its_statutory_due_date_and_explanation()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var clock = await OpenAsync(client, "YXQ-SFJ", "FY-2025-001", "reconsideration.acceptance-review", "2025-01-24");
        clock.GetProperty("due").GetString().ShouldBe("2025-02-07");
        clock.GetProperty("status").GetString().ShouldBe("running");
        string.Join("\n", clock.GetProperty("explanation").EnumerateArray().Select(e => e.GetString())).ShouldContain("春节");
    }

    [Fact]
    public async Task Overdue_and_due_soon_lists_follow_the_org_tree()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var overdue = await OpenAsync(client, "YXQ-SFJ", "FY-2025-OVERDUE", "reconsideration.acceptance-review", "2025-03-03");
        var soon = await OpenAsync(client, "YXQ-SFJ", "FY-SOON", "reconsideration.acceptance-review", ChinaToday());

        var overdueList = await client.GetStringAsync(new Uri("/api/clocks/overdue", UriKind.Relative));
        overdueList.ShouldContain(overdue.GetProperty("id").GetString()!);
        var soonList = await client.GetStringAsync(new Uri("/api/clocks/due-soon?within=5", UriKind.Relative));
        soonList.ShouldContain(soon.GetProperty("id").GetString()!);
        soonList.ShouldNotContain(overdue.GetProperty("id").GetString()!);

        var township = await app.SignedInClientAsync("qingshi");
        (await township.GetStringAsync(new Uri("/api/clocks/overdue", UriKind.Relative))).ShouldNotContain(overdue.GetProperty("id").GetString()!);
        (await township.GetAsync(new Uri($"/api/clocks/{overdue.GetProperty("id").GetString()}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync(new Uri($"/clocks/{overdue.GetProperty("id").GetString()}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var dashboard = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        dashboard.ShouldContain("已逾期的期限");
        dashboard.ShouldContain("FY-2025-OVERDUE");
        var page = await client.GetStringAsync(new Uri("/clocks?view=overdue", UriKind.Relative));
        page.ShouldContain("FY-2025-OVERDUE");
    }

    [Fact]
    public async Task Suspension_extension_and_stop_change_the_clock_as_the_law_says()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var clock = await OpenAsync(client, "YXQ-SFJ", "FY-2024-DEC", "reconsideration.decision", "2024-09-20");
        var id = clock.GetProperty("id").GetString();
        clock.GetProperty("due").GetString().ShouldBe("2024-11-19");

        var extended = await client.PostAsJsonAsync(new Uri($"/api/clocks/{id}/extend", UriKind.Relative), new { days = 30, approvedBy = "复议机构负责人", on = "2024-11-10" });
        extended.StatusCode.ShouldBe(HttpStatusCode.OK, await extended.Content.ReadAsStringAsync());
        (await extended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString().ShouldBe("2024-12-19");

        var tooLong = await client.PostAsJsonAsync(new Uri($"/api/clocks/{id}/extend", UriKind.Relative), new { days = 30, approvedBy = "复议机构负责人", on = "2024-11-11" });
        tooLong.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        tooLong.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var stopped = await client.PostAsJsonAsync(new Uri($"/api/clocks/{id}/stop", UriKind.Relative), new { on = "2024-12-20" });
        var body = await stopped.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("met-late");

        var page = await client.GetStringAsync(new Uri($"/clocks/{id}", UriKind.Relative));
        page.ShouldContain("为什么是这一天");
        page.ShouldContain("复议机构负责人");
    }

    [Fact]
    public async Task Bad_input_gets_chinese_problem_details_and_opens_nothing()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var badDate = await client.PostAsJsonAsync(Clocks, new { orgCode = "YXQ-SFJ", caseType = "reconsideration", caseId = "X-1", rule = "reconsideration.decision", start = "2024-02-30" });
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badDate.Content.ReadAsStringAsync()).ShouldContain("不是有效日期");

        var unknownRule = await client.PostAsJsonAsync(Clocks, new { orgCode = "YXQ-SFJ", caseType = "reconsideration", caseId = "X-2", rule = "no.such", start = "2024-02-01" });
        unknownRule.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var township = await app.SignedInClientAsync("qingshi");
        var outOfScope = await township.PostAsJsonAsync(Clocks, new { orgCode = "YXQ-SFJ", caseType = "mediation", caseId = "X-3", rule = "mediation.judicial-confirmation", start = "2024-02-01" });
        ((int)outOfScope.StatusCode).ShouldBeInRange(400, 404);

        (await client.GetStringAsync(new Uri("/api/clocks/overdue", UriKind.Relative))).ShouldNotContain("X-1");
    }

    [Fact]
    public async Task Leader_can_read_but_not_open_clocks()
    {
        var leader = await app.SignedInClientAsync("lingdao");
        (await leader.GetAsync(new Uri("/api/clocks/overdue", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await leader.PostAsJsonAsync(Clocks, new { orgCode = "YXQ", caseType = "reconsideration", caseId = "L-1", rule = "reconsideration.decision", start = "2024-02-01" });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
