using System.Net;
using System.Text;
using System.Text.Json;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.ReportAnalysis;

public sealed class ReportAnalysisWebTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> PostApiAsync(HttpClient client, byte[] bytes, string name)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        return await client.PostAsync(U("/api/report-analysis"), content);
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, byte[]? bytes, string name)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await FazhiAppFactory.AntiforgeryTokenAsync(client, "/analyze")), "__RequestVerificationToken" },
        };
        if (bytes is not null)
        {
            content.Add(new ByteArrayContent(bytes), "Upload", name);
        }

        return await client.PostAsync(U("/analyze"), content);
    }

    [Fact]
    public async Task The_api_returns_parts_facts_and_inconsistencies_of_an_example_report()
    {
        var client = await app.SignedInClientAsync("lingdao");
        var response = await PostApiAsync(client, ReportFixtures.Example("2023_shanghai-qingpu.txt"), "qingpu.txt");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        var parts = root.GetProperty("parts");
        parts.GetProperty("measures").GetBoolean().ShouldBeTrue();
        parts.GetProperty("shortcomings").GetBoolean().ShouldBeTrue();
        parts.GetProperty("first_responsibility").GetBoolean().ShouldBeTrue();
        parts.GetProperty("next_year").GetBoolean().ShouldBeTrue();
        parts.GetProperty("other").GetBoolean().ShouldBeFalse();
        root.GetProperty("facts").EnumerateArray()
            .ShouldContain(f => f.GetProperty("value").GetDecimal() == 858 && f.GetProperty("unit").GetString() == "件" && f.GetProperty("text").GetString() == "审结858件");
        var inconsistency = root.GetProperty("inconsistencies").EnumerateArray().ShouldHaveSingleItem();
        inconsistency.GetProperty("stated").GetDecimal().ShouldBe(88.8m);
        inconsistency.GetProperty("computed").GetDecimal().ShouldBe(88.65m);
        inconsistency.GetProperty("explanation").GetString().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("report.pdf", "不支持")]
    [InlineData("empty.txt", "是空的")]
    [InlineData("binary.txt", "不是文本文件")]
    [InlineData("archive.docx", "不是 Word")]
    [InlineData("big.txt", "超过 10 MB")]
    public async Task The_api_refuses_bad_files_with_problem_details_in_chinese(string name, string message)
    {
        var client = await app.SignedInClientAsync("admin");
        byte[] bytes = name switch
        {
            "empty.txt" => [],
            "binary.txt" => ReportFixtures.Binary(),
            "archive.docx" => ReportFixtures.ZipNotDocx(),
            "big.txt" => Enumerable.Repeat((byte)'a', (10 * 1024 * 1024) + 1).ToArray(),
            _ => Encoding.UTF8.GetBytes(ReportFixtures.Complete),
        };
        var response = await PostApiAsync(client, bytes, name);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    [Fact]
    public async Task The_api_and_the_page_need_a_signed_in_user()
    {
        var anonymous = app.NewClient();
        (await PostApiAsync(anonymous, Encoding.UTF8.GetBytes(ReportFixtures.Complete), "r.txt")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await anonymous.GetAsync(U("/analyze"));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task The_page_shows_parts_facts_and_inconsistencies_of_an_uploaded_docx()
    {
        var client = await app.SignedInClientAsync("lingdao");
        var get = await Html.PageAsync(client, "/analyze");
        get.QuerySelector("nav a[href='/analyze']")!.TextContent.ShouldBe("报告分析");

        var response = await PostPageAsync(client, ReportFixtures.Docx(), "自然资源局.docx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelectorAll("#parts tbody tr").Length.ShouldBe(5);
        page.QuerySelector("#parts tr[data-part='first_responsibility']")!.TextContent.ShouldContain("主要负责人履行第一责任人职责情况");
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("五个部分齐全");
        page.QuerySelector("#inconsistencies")!.TextContent.ShouldContain("6件 ÷ 30件");
        page.QuerySelectorAll("#facts tbody tr").Length.ShouldBe(3);
    }

    [Theory]
    [InlineData(null, "请选择要分析的报告文件")]
    [InlineData("binary.txt", "不是文本文件")]
    [InlineData("photo.jpg", "不支持“.jpg”")]
    public async Task The_page_shows_what_to_fix_for_a_bad_upload(string? name, string message)
    {
        var client = await app.SignedInClientAsync("admin");
        var bytes = name is null ? null : name.EndsWith(".jpg", StringComparison.Ordinal) ? [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] : ReportFixtures.Binary();
        var response = await PostPageAsync(client, bytes, name ?? "");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(response);
        page.QuerySelector("#upload-error")!.TextContent.ShouldContain(message);
        page.QuerySelector("#parts").ShouldBeNull();
    }
}
