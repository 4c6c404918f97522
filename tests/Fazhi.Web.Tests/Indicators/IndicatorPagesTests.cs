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

namespace Fazhi.Web.Tests.Indicators;

public sealed class IndicatorPagesTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static readonly int ThisYear = DateTime.UtcNow.AddHours(8).Year;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<Guid> RegisterAsync(string orgCode, string number)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Fazhi.Core.Data.AppDbContext>();
        var orgId = await db.Orgs.Where(o => o.Code == orgCode).Select(o => o.Id).SingleAsync();
        var received = new DateOnly(ThisYear, 1, 5);
        var r = await sp.GetRequiredService<RegisterReconsiderationHandler>().HandleAsync(
            new RegisterReconsideration(orgId, number, null, "in_person", received, "YXQ-SFJ", "penalty", null, "行政处罚决定", "撤销",
                [new PartyInput("applicant", "赵某某")]),
            OrgScope.Everything, null, CancellationToken.None);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value!.Id;
    }

    [Fact]
    public async Task The_api_returns_the_report_json_and_rolls_a_township_up_into_the_district()
    {
        var id = await RegisterAsync("YXQ-QS", "青复〔指标〕1号");
        var admin = await app.SignedInClientAsync("admin");
        var district = await admin.GetFromJsonAsync<JsonElement>(U($"/api/indicators?org=YXQ&year={ThisYear}"));
        district.GetProperty("org").GetString().ShouldBe("YXQ");
        district.GetProperty("year").GetInt32().ShouldBe(ThisYear);
        var figures = district.GetProperty("figures").EnumerateArray().ToList();
        var received = figures.Single(f => f.GetProperty("indicator").GetString() == "reconsideration.received");
        received.GetProperty("numerator").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        received.GetProperty("unit").GetString().ShouldBe("件");
        received.GetProperty("denominator").ValueKind.ShouldBe(JsonValueKind.Null);
        figures.Single(f => f.GetProperty("indicator").GetString() == "reconsideration.correction_rate").GetProperty("definition_version").GetString().ShouldNotBeNullOrEmpty();

        var cases = await admin.GetStringAsync(U($"/api/indicators/reconsideration.received/cases?org=YXQ&year={ThisYear}&set=numerator&pageSize=200"));
        cases.ShouldContain(id.ToString());

        var page = await admin.GetStringAsync(U($"/indicators?org=YXQ&year={ThisYear}"));
        page.ShouldContain("行政复议纠错率");
        page.ShouldContain("/indicators/reconsideration.received/cases?org=YXQ");
        var list = await admin.GetStringAsync(U($"/indicators/reconsideration.received/cases?org=YXQ-QS&year={ThisYear}&set=numerator"));
        list.ShouldContain("青复〔指标〕1号");
        list.ShouldContain($"/reconsideration/{id}");
        list.ShouldContain("赵某某");
    }

    [Fact]
    public async Task Orgs_outside_the_users_scope_answer_404_on_pages_and_api()
    {
        var township = await app.SignedInClientAsync("qingshi");
        (await township.GetAsync(U($"/api/indicators?org=YXQ&year={ThisYear}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync(U($"/api/indicators/reconsideration.received/cases?org=YXQ&year={ThisYear}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync(U($"/indicators?org=YXQ&year={ThisYear}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await township.GetAsync(U($"/indicators/reconsideration.received/cases?org=YXQ&year={ThisYear}&set=numerator"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var own = await township.GetAsync(U($"/api/indicators?org=YXQ-QS&year={ThisYear}"));
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await township.GetStringAsync(U("/indicators"));
        page.ShouldContain("青石镇人民政府");
        page.ShouldNotContain("<option value=\"YXQ\"");

        var bad = await township.GetAsync(U("/api/indicators?org=YXQ-QS&year=1999"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("年份 1999 无效");
        (await app.NewClient().GetAsync(U("/api/indicators?org=YXQ&year=2025"))).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}
