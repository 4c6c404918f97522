using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Clocks;

public sealed class DeadlineCalculatorTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    [Fact]
    public async Task Api_computes_the_law_test_vector_with_its_explanation()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var response = await client.PostAsJsonAsync(new Uri("/api/deadlines/compute", UriKind.Relative),
            new { rule = "reconsideration.acceptance-review", from = "2025-01-24" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        doc.RootElement.GetProperty("due").GetString().ShouldBe("2025-02-07");
        doc.RootElement.GetProperty("provisional").GetBoolean().ShouldBeFalse();
        var explanation = string.Join("\n", doc.RootElement.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()));
        explanation.ShouldContain("春节");
        explanation.ShouldContain("2025-01-26");
    }

    [Fact]
    public async Task Api_applies_a_suspension_to_a_calendar_day_period()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var response = await client.PostAsJsonAsync(new Uri("/api/deadlines/compute", UriKind.Relative),
            new { rule = "litigation.defence", from = "2024-09-26" });
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetString().ShouldBe("2024-10-11");
    }

    [Fact]
    public async Task Api_refuses_an_unknown_rule_and_a_backwards_suspension_with_problem_details()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var unknown = await client.PostAsJsonAsync(new Uri("/api/deadlines/compute", UriKind.Relative), new { rule = "no.such-rule", from = "2025-01-24" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("未知的期限规则");

        var backwards = await client.PostAsJsonAsync(new Uri("/api/deadlines/compute", UriKind.Relative), new
        {
            rule = "reconsideration.decision",
            from = "2025-03-03",
            suspensions = new[] { new { from = "2025-03-20", to = "2025-03-10", kind = (string?)null, reason = (string?)null } },
        });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync()).ShouldContain("结束日早于开始日");

        var badDate = await client.PostAsJsonAsync(new Uri("/api/deadlines/compute", UriKind.Relative), new { rule = "litigation.defence", from = "2025-02-30" });
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badDate.Content.ReadAsStringAsync()).ShouldContain("不是有效日期");
    }

    [Fact]
    public async Task Rule_list_has_every_required_rule_with_its_article()
    {
        var client = await app.SignedInClientAsync("lingdao");
        var rules = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/deadlines/rules", UriKind.Relative));
        var ids = rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        foreach (var id in new[]
                 {
                     "reconsideration.acceptance-review", "reconsideration.correction-notice", "reconsideration.respondent-answer",
                     "reconsideration.decision", "reconsideration.decision-simplified", "litigation.defence", "penalty.decision",
                     "penalty.publication", "information-request.reply", "normative-document.filing", "mediation.judicial-confirmation",
                 })
        {
            ids.ShouldContain(id);
        }

        rules.EnumerateArray().ShouldAllBe(r => r.GetProperty("versions").EnumerateArray().All(v => v.GetProperty("article").GetString()!.Length > 0));
    }

    [Fact]
    public async Task Calculator_page_shows_the_due_date_and_why()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var html = await client.GetStringAsync(new Uri("/deadlines?rule=reconsideration.acceptance-review&from=2025-01-24", UriKind.Relative));
        html.ShouldContain("2025-02-07（星期五）");
        html.ShouldContain("为什么是这一天");
        html.ShouldContain("第三十条");
    }

    [Fact]
    public async Task Calculator_page_shows_chinese_field_errors_for_bad_input()
    {
        var client = await app.SignedInClientAsync("fuyi");
        var html = await client.GetStringAsync(new Uri("/deadlines?rule=reconsideration.decision&from=2025-13-40", UriKind.Relative));
        html.ShouldContain("不是有效日期");
        html.ShouldNotContain("为什么是这一天");
    }

    [Fact]
    public async Task Api_needs_a_signed_in_user()
    {
        var response = await app.NewClient().PostAsJsonAsync(new Uri("/api/deadlines/compute", UriKind.Relative), new { rule = "litigation.defence", from = "2024-09-26" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
