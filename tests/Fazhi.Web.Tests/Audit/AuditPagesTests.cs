using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Fazhi.Core.Audit;
using Fazhi.Core.Users;
using Fazhi.TestKit;
using Fazhi.Web;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Audit;

public sealed class AuditPagesTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    [Fact]
    public async Task Auditor_sees_entries_and_the_chain_verifies_intact()
    {
        var shenji = await app.SignedInClientAsync("shenji");
        var page = await Html.PageAsync(shenji, "/audit");
        var rows = Rows(page);
        rows.ShouldNotBeEmpty();
        rows.ShouldContain(r => r.Actor == "shenji" && r.Action == "登录成功" && r.Org == "云溪区人民政府");
        var hashCell = page.QuerySelector("tbody tr td:last-child")!;
        hashCell.TextContent.Trim().Length.ShouldBe(12);
        hashCell.GetAttribute("title")!.Length.ShouldBe(64);
        hashCell.GetAttribute("title")!.ShouldStartWith(hashCell.TextContent.Trim());

        var verified = await Html.ParseAsync(await PostVerifyAsync(shenji, "/audit"));
        var notice = verified.QuerySelector(".notice.ok")!.TextContent;
        notice.ShouldContain("哈希链完整");
        var head = await app.WithDbAsync(db => db.AuditHeads.SingleAsync());
        notice.ShouldContain($"共校验 {head.LastSequence} 条记录");
        notice.ShouldContain(head.LastHash);
    }

    [Fact]
    public async Task A_tampered_entry_is_reported_with_its_sequence_and_a_chinese_problem()
    {
        var shenji = await app.SignedInClientAsync("shenji");
        var original = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == 3).Select(e => e.ActorName).SingleAsync());
        await SetActorNameBehindTheAppsBackAsync(3, "mallory");
        try
        {
            var page = await Html.ParseAsync(await PostVerifyAsync(shenji, "/audit"));
            var notice = page.QuerySelector(".notice.bad")!.TextContent;
            notice.ShouldContain("哈希链已断开");
            notice.ShouldContain("从第 3 条记录起校验失败");
            notice.ShouldContain("第 3 条记录的内容与其哈希不符");
        }
        finally
        {
            await SetActorNameBehindTheAppsBackAsync(3, original);
        }
    }

    [Fact]
    public async Task Township_admin_cannot_see_entries_of_actors_of_other_orgs()
    {
        await app.SignedInClientAsync("admin");
        await app.SignedInClientAsync("tiaojie");
        var qingshi = await app.SignedInClientAsync("qingshi");
        var rows = Rows(await Html.PageAsync(qingshi, "/audit"));
        rows.ShouldContain(r => r.Actor == "qingshi");
        rows.ShouldAllBe(r => r.Org == "青石镇人民政府" || r.Org == "青石镇司法所");
        Rows(await Html.PageAsync(qingshi, "/audit?actor=admin")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_without_an_audit_role_is_refused()
    {
        var fuyi = await app.SignedInClientAsync("fuyi");
        var response = await fuyi.GetAsync(new Uri("/audit", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/errors/403");
    }

    [Fact]
    public async Task Filters_from_the_query_string_narrow_the_list_and_stay_in_the_form()
    {
        var shenji = await app.SignedInClientAsync("shenji");
        var page = await Html.PageAsync(shenji, "/audit?action=sign-in.succeeded&actor=shenji&entityType=User");
        var rows = Rows(page);
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.Action == "登录成功" && r.Actor == "shenji");
        page.QuerySelector("#action option[selected]")!.TextContent.ShouldBe("登录成功");
        page.QuerySelector("#entityType option[selected]")!.TextContent.ShouldBe("用户");
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#actor")!.Value.ShouldBe("shenji");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ChinaTime.Zone));
        Rows(await Html.PageAsync(shenji, $"/audit?actor=shenji&from={Day(today)}&to={Day(today)}")).ShouldNotBeEmpty();
        Rows(await Html.PageAsync(shenji, $"/audit?actor=shenji&from={Day(today.AddDays(1))}")).ShouldBeEmpty();
        Rows(await Html.PageAsync(shenji, $"/audit?actor=shenji&to={Day(today.AddDays(-1))}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sequence_and_cursor_page_to_older_entries()
    {
        var admin = await app.SignedInClientAsync("admin");
        for (var i = 0; i < 3; i++)
        {
            await app.SignedInClientAsync("admin");
        }

        var newest = Rows(await Html.PageAsync(admin, "/audit"))[0].Sequence;
        var older = Rows(await Html.PageAsync(admin, $"/audit?before={newest}"));
        older.ShouldNotBeEmpty();
        older.ShouldAllBe(r => r.Sequence < newest);
        Rows(await Html.PageAsync(admin, $"/audit?seq={newest - 1}"))[0].Sequence.ShouldBeLessThanOrEqualTo(newest - 1);
    }

    [Fact]
    public async Task Next_page_link_keeps_the_filters()
    {
        var admin = await app.SignedInClientAsync("admin");
        for (var i = 0; i < 50; i++)
        {
            await app.SignedInClientAsync("admin");
        }

        var page = await Html.PageAsync(admin, "/audit?actor=admin&action=sign-in.succeeded");
        Rows(page).Count.ShouldBe(50);
        var next = page.QuerySelectorAll(".pager a").Single(a => a.TextContent.StartsWith("下一页", StringComparison.Ordinal)).GetAttribute("href")!;
        next.ShouldContain("actor=admin");
        next.ShouldContain("action=sign-in.succeeded");
        var last = Rows(page)[^1].Sequence;
        next.ShouldContain($"before={last}");
        var second = Rows(await Html.PageAsync(admin, next));
        second.ShouldNotBeEmpty();
        second.ShouldAllBe(r => r.Sequence < last && r.Actor == "admin");
    }

    [Fact]
    public async Task User_entries_link_to_the_user_page_for_admins_only()
    {
        var admin = await app.SignedInClientAsync("admin");
        var created = await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative),
            new { userName = "lianjie", displayName = "链接", orgCode = "YXQ-SFJ", roles = new[] { Roles.Leader }, password = "Known-Passw0rd-42" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var asAdmin = await Html.PageAsync(admin, "/audit?entityType=UserRole&action=created");
        asAdmin.QuerySelectorAll("tbody a[href='/users/lianjie']").Select(a => a.TextContent).ShouldContain("lianjie：领导（只读）");

        var asAuditor = await Html.PageAsync(await app.SignedInClientAsync("shenji"), "/audit?entityType=User&action=created");
        asAuditor.QuerySelectorAll("tbody a[href^='/users/']").ShouldBeEmpty();
        asAuditor.QuerySelectorAll("tbody td span").Select(s => s.TextContent).ShouldContain("lianjie");
    }

    [Fact]
    public async Task Org_entries_link_to_the_org_page()
    {
        var admin = await app.SignedInClientAsync("admin");
        var created = await admin.PostAsJsonAsync(new Uri("/api/orgs", UriKind.Relative),
            new { code = "YXQ-SJJ-1", name = "云溪区审计局审计一科", type = "other", parent = "YXQ-SJJ" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await Html.PageAsync(admin, "/audit?entityType=Org");
        page.QuerySelector("tbody a[href='/orgs/YXQ-SJJ-1']")!.TextContent.ShouldBe("云溪区审计局审计一科");
    }

    [Fact]
    public void Every_known_action_and_entity_type_has_a_chinese_label()
    {
        AuditQuery.KnownActions.ShouldAllBe(a => AuditQuery.ActionLabel(a) != a);
        AuditQuery.KnownEntityTypes.ShouldAllBe(t => AuditQuery.EntityLabel(t) != t);
    }

    /// <summary>Edits a log entry the way someone with the database owner's rights could: the append-only guard
    /// (ADR 0004) is lifted for the update and put back.</summary>
    private Task<int> SetActorNameBehindTheAppsBackAsync(long sequence, string actorName) => app.WithDbAsync(async db =>
    {
        if (app.Database.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_change");
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET actor_name = {actorName} WHERE sequence = {sequence}");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_change");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update");
            await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET actor_name = {actorName} WHERE sequence = {sequence}");
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;");
        }

        return 0;
    });

    private sealed record Row(long Sequence, string Actor, string Org, string Action);

    private static List<Row> Rows(IDocument page) =>
        page.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => new Row(long.Parse(c[0], CultureInfo.InvariantCulture), c[2], c[3], c[4])).ToList();

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> PostVerifyAsync(HttpClient client, string pagePath)
    {
        var token = await FazhiAppFactory.AntiforgeryTokenAsync(client, pagePath);
        return await client.PostAsync(new Uri("/audit?handler=verify", UriKind.Relative),
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
    }
}
