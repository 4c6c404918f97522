using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Fazhi.Core.Users;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Users;

public sealed class UserPagesTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private const string KnownPassword = "Known-Passw0rd-42";

    [Fact]
    public async Task Admin_creates_a_user_and_the_generated_password_signs_in_once()
    {
        var admin = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(admin, "/users/new", "/users/new",
            ("Input.UserName", "wangwu"), ("Input.DisplayName", "王五"), ("Input.OrgCode", "YXQ-CD-SFS"),
            ("Input.Roles", Roles.MediationStaff), ("Input.Password", ""));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/users/wangwu");

        var details = await Html.PageAsync(admin, "/users/wangwu");
        details.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已创建用户“wangwu”");
        details.QuerySelector(".notice.info")!.TextContent.ShouldContain("只显示这一次");
        var password = details.QuerySelector("#new-password")!.TextContent.Trim();
        password.Length.ShouldBe(14);
        (await Html.PageAsync(admin, "/users/wangwu")).QuerySelector("#new-password").ShouldBeNull();

        var signIn = await FazhiAppFactory.SignInAsync(app.NewClient(), "wangwu", password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldEndWith("/account/password?first=1");
    }

    [Fact]
    public async Task New_user_form_lists_orgs_in_scope_and_every_role_with_chinese_labels()
    {
        var page = await Html.PageAsync(await app.SignedInClientAsync("qingshi"), "/users/new");
        var orgs = page.QuerySelectorAll("#Input_OrgCode option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        orgs.ShouldBe(["YXQ-QS", "YXQ-QS-SFS"]);
        page.QuerySelector("#Input_OrgCode option[value='YXQ-QS-SFS']")!.TextContent.ShouldStartWith("\u3000\u3000");
        page.QuerySelector("fieldset legend")!.TextContent.ShouldBe("角色");
        page.QuerySelectorAll("input[name='Input.Roles']").Length.ShouldBe(Roles.All.Count);
        page.QuerySelector("#password-hint")!.TextContent.ShouldContain("留空则自动生成");
    }

    [Fact]
    public async Task Create_with_a_taken_user_name_shows_the_chinese_field_error()
    {
        var admin = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(admin, "/users/new", "/users/new",
            ("Input.UserName", "fuyi"), ("Input.DisplayName", "重名"), ("Input.OrgCode", "YXQ-SFJ"),
            ("Input.Roles", Roles.ReconsiderationStaff), ("Input.Password", ""));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.UserName']")!.TextContent.ShouldContain("已被使用");
    }

    [Fact]
    public async Task Township_admin_sees_only_users_of_their_subtree()
    {
        var page = await Html.PageAsync(await app.SignedInClientAsync("qingshi"), "/users");
        var names = page.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        names.ShouldContain("qingshi");
        names.ShouldNotContain("admin");
        names.ShouldNotContain("tiaojie");
        page.QuerySelectorAll("tbody tr td:nth-child(3) a").ShouldAllBe(a => a.GetAttribute("href")!.StartsWith("/orgs/YXQ-QS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Township_admin_gets_404_for_a_user_outside_their_subtree()
    {
        var qingshi = await app.SignedInClientAsync("qingshi");
        (await qingshi.GetAsync(new Uri("/users/tiaojie", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var put = await qingshi.PutAsJsonAsync(new Uri("/api/users/tiaojie", UriKind.Relative),
            new { displayName = "改名", orgCode = "YXQ-QS", roles = new[] { Roles.MediationStaff } });
        put.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_user_answers_404()
    {
        var admin = await app.SignedInClientAsync("admin");
        (await admin.GetAsync(new Uri("/users/nobody-here", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leader_is_refused_the_user_pages_and_api()
    {
        var lingdao = await app.SignedInClientAsync("lingdao");
        var page = await lingdao.GetAsync(new Uri("/users", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/errors/403");
        (await lingdao.GetAsync(new Uri("/api/users", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Search_and_keyset_paging_narrow_the_list()
    {
        var admin = await app.SignedInClientAsync("admin");
        var found = await Html.PageAsync(admin, "/users?q=" + Uri.EscapeDataString("郑国强"));
        found.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ShouldBe(["qingshi"]);

        var after = await Html.PageAsync(admin, "/users?after=lingdao");
        var names = after.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        names.ShouldContain("qingshi");
        names.ShouldAllBe(n => string.CompareOrdinal(n, "lingdao") > 0);
        after.QuerySelector(".pager a")!.TextContent.ShouldBe("第一页");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it()
    {
        var admin = await app.SignedInClientAsync("admin");
        await CreateThroughApiAsync(admin, "suoding", KnownPassword);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await FazhiAppFactory.SignInAsync(app.NewClient(), "suoding", "Wrong-Passw0rd-" + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await FazhiAppFactory.SignInAsync(app.NewClient(), "suoding", KnownPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("账号已被锁定");

        var locked = await app.WithDbAsync(async db =>
        {
            var id = (await db.Users.SingleAsync(u => u.UserName == "suoding")).Id.ToString();
            return await db.AuditEntries.CountAsync(e => e.Action == "sign-in.locked" && e.EntityId == id);
        });
        locked.ShouldBe(1);
        (await Html.PageAsync(admin, "/users/suoding")).QuerySelector(".props .badge")!.TextContent.ShouldBe("已锁定");

        var unlock = await PostFormAsync(admin, "/users/suoding", "/users/suoding?handler=Unlock");
        unlock.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await Html.PageAsync(admin, "/users/suoding");
        after.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已解除锁定");
        after.QuerySelector(".props .badge")!.TextContent.ShouldBe("正常");

        (await FazhiAppFactory.SignInAsync(app.NewClient(), "suoding", KnownPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Admin_cannot_lock_themself()
    {
        var admin = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(admin, "/users/admin", "/users/admin?handler=Lock");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector(".notice.bad")!.TextContent.ShouldContain("不能锁定您自己的账号");
        page.QuerySelector(".props .badge")!.TextContent.ShouldBe("正常");
    }

    [Fact]
    public async Task Admin_locks_a_user_who_then_cannot_sign_in()
    {
        var admin = await app.SignedInClientAsync("admin");
        await CreateThroughApiAsync(admin, "jinyong", KnownPassword);
        (await PostFormAsync(admin, "/users/jinyong", "/users/jinyong?handler=Lock")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refused = await FazhiAppFactory.SignInAsync(app.NewClient(), "jinyong", KnownPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("请联系管理员解锁");
    }

    [Fact]
    public async Task Reset_password_shows_a_new_password_that_signs_in()
    {
        var admin = await app.SignedInClientAsync("admin");
        await CreateThroughApiAsync(admin, "chongzhi", KnownPassword);
        var reset = await PostFormAsync(admin, "/users/chongzhi", "/users/chongzhi?handler=ResetPassword");
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var password = (await Html.PageAsync(admin, "/users/chongzhi")).QuerySelector("#new-password")!.TextContent.Trim();

        (await FazhiAppFactory.SignInAsync(app.NewClient(), "chongzhi", KnownPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signIn = await FazhiAppFactory.SignInAsync(app.NewClient(), "chongzhi", password);
        signIn.Headers.Location!.ToString().ShouldEndWith("/account/password?first=1");
    }

    [Fact]
    public async Task Editing_roles_is_saved_and_shows_in_the_history()
    {
        var admin = await app.SignedInClientAsync("admin");
        await CreateThroughApiAsync(admin, "bianji", KnownPassword);
        var save = await PostFormAsync(admin, "/users/bianji", "/users/bianji",
            ("Input.DisplayName", "编辑后"), ("Input.OrgCode", "YXQ-SFJ"), ("Input.Roles", Roles.Leader));
        save.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await Html.PageAsync(admin, "/users/bianji");
        page.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已保存");
        page.QuerySelector("h1")!.TextContent.ShouldContain("编辑后");
        var history = page.QuerySelectorAll("#history-h ~ .table-wrap tbody tr")
            .Select(tr => string.Join("|", tr.QuerySelectorAll("td").Skip(3).Select(td => td.TextContent.Trim()))).ToList();
        history.ShouldContain("新增|账号|");
        history.ShouldContain("删除|角色：人民调解工作人员|");
        history.ShouldContain("新增|角色：领导（只读）|");
        history.ShouldContain(h => h.StartsWith("修改|账号|", StringComparison.Ordinal) && h.Contains("姓名", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edit_with_no_role_keeps_the_form_and_shows_the_chinese_error()
    {
        var admin = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(admin, "/users/fuyi", "/users/fuyi",
            ("Input.DisplayName", "陈立新"), ("Input.OrgCode", "YXQ-SFJ"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.Roles']")!.TextContent.ShouldBe("请至少选择一个角色。");
    }

    [Fact]
    public async Task Bad_create_through_the_api_answers_problem_details_with_chinese_field_errors()
    {
        var admin = await app.SignedInClientAsync("admin");
        var response = await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative),
            new { userName = "meiyoujuese", displayName = "没有角色", orgCode = "YXQ-SFJ", roles = Array.Empty<string>() });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("roles")[0].GetString().ShouldBe("请至少选择一个角色。");
        problem.RootElement.GetProperty("errors").TryGetProperty("userName", out _).ShouldBeFalse();
    }

    private static async Task CreateThroughApiAsync(HttpClient admin, string userName, string password)
    {
        var response = await admin.PostAsJsonAsync(new Uri("/api/users", UriKind.Relative),
            new { userName, displayName = "测试用户", orgCode = "YXQ-SFJ", roles = new[] { Roles.MediationStaff }, password });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, params (string Name, string Value)[] fields)
    {
        var token = await FazhiAppFactory.AntiforgeryTokenAsync(client, pagePath);
        var values = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token));
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values));
    }
}
