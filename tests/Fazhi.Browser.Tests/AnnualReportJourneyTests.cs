using Fazhi.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Fazhi.Browser.Tests;

/// <summary>The rule-of-law office generates a township's annual report, completes it, takes it through review and
/// approval, publishes it and finds it on the portal — in Chromium, through the forms a user uses.</summary>
public sealed class AnnualReportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly int Year = DateTime.UtcNow.AddHours(8).Year - 1;

    [Fact]
    public async Task A_report_is_generated_completed_approved_and_published()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(FazhiAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync($"/reports?org=YXQ&year={Year}");
        await Screenshot(page, "annual-report-overview.png");
        await page.Locator("tr", new() { HasText = "白沙镇人民政府" }).GetByRole(AriaRole.Button, new() { Name = "生成初稿" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已根据数据生成报告初稿");
        await Expect(page.GetByText("还有待补充的内容").First).ToBeVisibleAsync();

        await page.Locator("#text-0").FillAsync($"{Year}年，全镇坚持依法行政，收到行政复议申请{{{{reconsideration.received}}}}。\n（一）推进依法决策\n1.重大事项经合法性审查。");
        await page.Locator("#text-1").FillAsync("基层法治力量仍然薄弱，原因是专业人员不足。");
        await page.Locator("#text-2").FillAsync("主要负责人带头学法，专题研究法治建设。");
        await page.Locator("#text-3").FillAsync("1.充实法治工作力量。\n2.加强执法人员培训。");
        await page.Locator("#text-4").FillAsync("无。");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已保存");
        await Expect(page.GetByText("通过：五个部分齐全")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已提交审核");
        await page.GetByRole(AriaRole.Button, new() { Name = "审定" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("尚未通过保密审查");
        await page.GetByRole(AriaRole.Button, new() { Name = "签署保密审查" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("保密审查已签署");
        await page.GetByRole(AriaRole.Button, new() { Name = "审定" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("报告已审定");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "DOCX（公文格式）" }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".docx");
        await page.GetByRole(AriaRole.Button, new() { Name = "在门户网站公开" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("报告已在门户网站公开");
        await Screenshot(page, "annual-report-published.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "门户网站地址" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"白沙镇人民政府关于{Year}年度法治政府建设情况的报告" })).ToBeVisibleAsync();
        await page.Locator("a.figure").First.ClickAsync();
        await Expect(page.Locator("#figure")).ToContainTextAsync("收到行政复议申请");
        await Screenshot(page, "annual-report-portal.png");
    }

    private static async Task Screenshot(IPage page, string fileName)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000, $"{path} looks empty");
    }
}
