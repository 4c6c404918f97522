using System.Net;
using System.Text;
using AngleSharp.Dom;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Orgs;

public sealed class OrgPagesTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    [Fact]
    public async Task Tree_page_lists_the_demo_orgs_with_links_to_their_details()
    {
        var client = await app.SignedInClientAsync("admin");
        var page = await Html.PageAsync(client, "/orgs");
        var links = TreeLinks(page);
        links.ShouldContain("/orgs/YXQ");
        links.ShouldContain("/orgs/YXQ-SFJ");
        links.ShouldContain("/orgs/YXQ-CD");
        links.ShouldContain("/orgs/YXQ-CD-SFS");
        page.QuerySelector(".tree > li > details")!.HasAttribute("open").ShouldBeTrue();
        page.QuerySelector("a[href='/orgs/YXQ-CD']")!.Closest("details")!.HasAttribute("open").ShouldBeFalse();
        page.QuerySelector("a[href='/orgs/YXQ-CD']")!.Closest("summary")!.TextContent.ShouldContain("下级单位 1 个");
        page.QuerySelectorAll("a.btn").Select(a => a.TextContent).ShouldContain("新增单位");
    }

    [Fact]
    public async Task Search_shows_a_flat_table_of_matching_orgs()
    {
        var client = await app.SignedInClientAsync("admin");
        var page = await Html.PageAsync(client, "/orgs?q=" + Uri.EscapeDataString("司法所"));
        page.QuerySelector(".tree").ShouldBeNull();
        var rows = page.QuerySelectorAll("table tbody tr");
        rows.Length.ShouldBe(10);
        rows.ShouldAllBe(r => r.TextContent.Contains("司法所"));
    }

    [Fact]
    public async Task Township_admin_sees_only_their_township()
    {
        var client = await app.SignedInClientAsync("qingshi");
        var page = await Html.PageAsync(client, "/orgs");
        TreeLinks(page).Distinct().Order().ShouldBe(["/orgs/YXQ-QS", "/orgs/YXQ-QS-SFS"]);
        page.Body!.TextContent.ShouldNotContain("云溪区司法局");

        var search = await Html.PageAsync(client, "/orgs?q=YXQ-CD");
        search.QuerySelectorAll("table tbody tr").ShouldBeEmpty();
    }

    [Fact]
    public async Task Township_admin_gets_404_for_another_township_and_its_edit_page()
    {
        var client = await app.SignedInClientAsync("qingshi");
        (await client.GetAsync(new Uri("/orgs/YXQ-CD", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri("/orgs/YXQ-BS/edit", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri("/orgs/NO-SUCH-ORG", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Township_detail_breadcrumb_stops_at_the_scope()
    {
        var client = await app.SignedInClientAsync("qingshi");
        var page = await Html.PageAsync(client, "/orgs/YXQ-QS-SFS");
        var crumbs = page.QuerySelectorAll(".breadcrumb a").Select(a => a.GetAttribute("href")).ToList();
        crumbs.ShouldBe(["/orgs", "/orgs/YXQ-QS"]);
    }

    [Fact]
    public async Task Leader_gets_no_create_button_and_is_refused_the_create_form()
    {
        var client = await app.SignedInClientAsync("lingdao");
        var page = await Html.PageAsync(client, "/orgs");
        page.Body!.TextContent.ShouldNotContain("新增单位");
        page.Body!.TextContent.ShouldNotContain("导入");

        var response = await client.GetAsync(new Uri("/orgs/new", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/errors/403");
    }

    [Fact]
    public async Task Detail_page_shows_properties_children_users_and_history()
    {
        var client = await app.SignedInClientAsync("admin");
        var page = await Html.PageAsync(client, "/orgs/YXQ-CD-SFS");
        page.QuerySelector("h1")!.TextContent.ShouldBe("城东司法所");
        page.QuerySelectorAll(".breadcrumb a").Select(a => a.GetAttribute("href")).ShouldBe(["/orgs", "/orgs/YXQ", "/orgs/YXQ-CD"]);
        var props = page.QuerySelector("dl.props")!.TextContent;
        props.ShouldContain("司法所");
        props.ShouldContain("城东街道办事处");
        props.ShouldContain("第 3 级");
        var user = page.QuerySelector("#users-h")!.ParentElement!.QuerySelector("tbody tr")!;
        user.QuerySelector("a")!.GetAttribute("href").ShouldBe("/users/tiaojie");
        user.TextContent.ShouldContain("人民调解工作人员");
        page.QuerySelector("#history-h")!.ParentElement!.QuerySelector("tbody tr")!.TextContent.ShouldContain("新增");
    }

    [Fact]
    public async Task Viewer_who_cannot_manage_users_sees_user_names_without_links()
    {
        var client = await app.SignedInClientAsync("lingdao");
        var page = await Html.PageAsync(client, "/orgs/YXQ-SFJ");
        var users = page.QuerySelector("#users-h")!.ParentElement!;
        users.TextContent.ShouldContain("王晓梅");
        users.QuerySelectorAll("a").ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_with_a_duplicate_code_shows_the_field_error_and_creates_nothing()
    {
        var client = await app.SignedInClientAsync("admin");
        var before = await app.WithDbAsync(db => db.Orgs.CountAsync());
        var response = await PostFormAsync(client, "/orgs/new", new()
        {
            ["Input.Code"] = "YXQ-SFJ",
            ["Input.Name"] = "重复编码的单位",
            ["Input.Type"] = "department",
            ["Input.ParentCode"] = "YXQ",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent.ShouldBe("编码“YXQ-SFJ”已被其他单位使用。");
        (await app.WithDbAsync(db => db.Orgs.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_form_offers_the_orgs_in_scope_as_parents_with_the_requested_one_selected()
    {
        var client = await app.SignedInClientAsync("qingshi");
        var form = await Html.PageAsync(client, "/orgs/new?parent=YXQ-QS-SFS");
        form.QuerySelector("select[name='Input.ParentCode'] option[selected]")!.GetAttribute("value").ShouldBe("YXQ-QS-SFS");
        form.QuerySelectorAll("select[name='Input.ParentCode'] option").Select(o => o.GetAttribute("value"))
            .ShouldBe(["", "YXQ-QS", "YXQ-QS-SFS"]);
        form.QuerySelectorAll("input:not([type=hidden]), select").ShouldAllBe(i => form.QuerySelector($"label[for='{i.Id}']") != null);
    }

    [Fact]
    public async Task Create_with_valid_input_redirects_to_the_detail_page_with_a_notice()
    {
        var client = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(client, "/orgs/new", new()
        {
            ["Input.Code"] = "YXQ-BY-NEW1",
            ["Input.Name"] = "北苑街道综合执法队",
            ["Input.Type"] = "other",
            ["Input.ParentCode"] = "YXQ-BY",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/orgs/YXQ-BY-NEW1");
        var detail = await Html.PageAsync(client, "/orgs/YXQ-BY-NEW1");
        detail.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已新增单位“北苑街道综合执法队”");
        detail.QuerySelector("dl.props")!.TextContent.ShouldContain("北苑街道办事处");
    }

    [Fact]
    public async Task Township_admin_cannot_create_under_another_township()
    {
        var client = await app.SignedInClientAsync("qingshi");
        var response = await PostFormAsync(client, "/orgs/new", new()
        {
            ["Input.Code"] = "YXQ-BS-X",
            ["Input.Name"] = "越权单位",
            ["Input.Type"] = "other",
            ["Input.ParentCode"] = "YXQ-BS",
        });
        var page = await Html.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.ParentCode']")!.TextContent.ShouldContain("不在您的管辖范围内");
        (await app.WithDbAsync(db => db.Orgs.AnyAsync(o => o.Code == "YXQ-BS-X"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Moving_an_org_under_its_own_child_is_refused()
    {
        var client = await app.SignedInClientAsync("admin");
        var form = await Html.PageAsync(client, "/orgs/YXQ-NH/edit");
        form.QuerySelector("select[name='Input.ParentCode'] option[value='YXQ-NH-SFS']")!.HasAttribute("disabled").ShouldBeTrue();

        var response = await PostFormAsync(client, "/orgs/YXQ-NH/edit", new()
        {
            ["Input.Name"] = "南湖街道办事处",
            ["Input.Type"] = "subdistrict",
            ["Input.ParentCode"] = "YXQ-NH-SFS",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.ParentCode']")!.TextContent.ShouldBe("不能把单位移到它自己或它的下级单位之下。");
        (await app.WithDbAsync(db => db.Orgs.Where(o => o.Code == "YXQ-NH").Select(o => o.Depth).SingleAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task Editing_renames_and_moves_an_org()
    {
        var client = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(client, "/orgs/YXQ-LT-SFS/edit", new()
        {
            ["Input.Name"] = "龙潭司法所（已迁移）",
            ["Input.Type"] = "justice-office",
            ["Input.ParentCode"] = "YXQ-SFJ",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await Html.PageAsync(client, response.Headers.Location!.ToString());
        page.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已保存");
        page.QuerySelector("dl.props")!.TextContent.ShouldContain("云溪区司法局");
        page.QuerySelector("#history-h")!.ParentElement!.TextContent.ShouldContain("名称、上级单位");
    }

    [Fact]
    public async Task Import_with_a_missing_parent_and_a_duplicate_code_lists_each_bad_row_and_imports_nothing()
    {
        var client = await app.SignedInClientAsync("admin");
        var before = await app.WithDbAsync(db => db.Orgs.CountAsync());
        var csv = "编码,名称,类型,上级编码\n"
            + "IMP-BAD-1,正确的一行,政府部门,YXQ\n"
            + "IMP-BAD-2,上级不存在,政府部门,NO-SUCH-PARENT\n"
            + "YXQ-SFJ,编码重复,政府部门,YXQ\n";
        var response = await UploadAsync(client, csv, dryRun: false);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector(".notice.bad")!.TextContent.ShouldContain("未导入任何单位");
        var rows = page.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        rows.Count.ShouldBe(2);
        rows[0][0].ShouldBe("3");
        rows[0][1].ShouldContain("NO-SUCH-PARENT");
        rows[1][0].ShouldBe("4");
        rows[1][1].ShouldContain("YXQ-SFJ");
        (await app.WithDbAsync(db => db.Orgs.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Valid_import_is_checked_by_a_dry_run_then_creates_the_orgs()
    {
        var client = await app.SignedInClientAsync("admin");
        var before = await app.WithDbAsync(db => db.Orgs.CountAsync());
        var csv = "编码,名称,类型,上级编码\n"
            + "IMP-OK-2,云溪区某某中心办公室,其他,IMP-OK-1\n"
            + "IMP-OK-1,云溪区某某中心,department,YXQ\n";

        var dry = await Html.ParseAsync(await UploadAsync(client, csv, dryRun: true));
        dry.QuerySelector(".notice.info")!.TextContent.ShouldContain("可以导入 2 个单位");
        (await app.WithDbAsync(db => db.Orgs.CountAsync())).ShouldBe(before);

        var done = await Html.ParseAsync(await UploadAsync(client, csv, dryRun: false));
        done.QuerySelector(".notice.ok")!.TextContent.ShouldContain("已新增 2 个单位");
        (await app.WithDbAsync(db => db.Orgs.CountAsync())).ShouldBe(before + 2);
        (await app.WithDbAsync(db => db.Orgs.Where(o => o.Code == "IMP-OK-2").Select(o => o.Depth).SingleAsync())).ShouldBe(2);
    }

    [Fact]
    public async Task Import_without_a_file_asks_for_one()
    {
        var client = await app.SignedInClientAsync("admin");
        var response = await PostFormAsync(client, "/orgs/import", new() { ["Input.DryRun"] = "false" });
        var page = await Html.ParseAsync(response);
        page.QuerySelector("[data-valmsg-for='Input.File']")!.TextContent.ShouldBe("请选择要导入的 CSV 或 XLSX 文件。");
    }

    [Fact]
    public async Task Import_template_is_utf8_with_bom_and_has_an_example_under_the_users_org()
    {
        var client = await app.SignedInClientAsync("qingshi");
        var response = await client.GetAsync(new Uri("/orgs/import/template.csv", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("编码,名称,类型,上级编码");
        lines[1].Split(',')[3].ShouldBe("YXQ-QS");
    }

    private static List<string?> TreeLinks(IDocument page) =>
        page.QuerySelectorAll(".tree a").Select(a => a.GetAttribute("href")).Where(h => h != "/orgs" && !h!.Contains('?', StringComparison.Ordinal)).ToList();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await FazhiAppFactory.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, bool dryRun)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await FazhiAppFactory.AntiforgeryTokenAsync(client, "/orgs/import")), "__RequestVerificationToken" },
            { new StringContent(dryRun ? "true" : "false"), "Input.DryRun" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Input.File", "orgs.csv" },
        };
        return await client.PostAsync(new Uri("/orgs/import", UriKind.Relative), content);
    }
}
