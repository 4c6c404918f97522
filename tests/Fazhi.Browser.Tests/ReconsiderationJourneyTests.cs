using Fazhi.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Fazhi.Browser.Tests;

/// <summary>A reconsideration handler registers an application at the counter, accepts it and sees its clocks and
/// documents — in Chromium, through the forms a user uses.</summary>
public sealed class ReconsiderationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Handler_registers_an_application_accepts_it_and_sees_the_clocks_and_the_acceptance_notice()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "fuyi");

        await page.GotoAsync("/reconsideration/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(page.GetByText("请填写行政复议请求。")).ToBeVisibleAsync();
        await Expect(page.GetByText("至少填写一名申请人。")).ToBeVisibleAsync();

        await page.GetByLabel("姓名或名称").FillAsync("周浏览");
        await page.GetByLabel("被申请人（单位编码或名称）").FillAsync("YXQ-SCJ");
        await page.GetByLabel("被申请行为类别").SelectOptionAsync("penalty");
        await page.GetByLabel("被申请的行政行为（文书名称和文号）").FillAsync("云市监罚〔2026〕66号行政处罚决定书");
        await page.GetByLabel("行政复议请求").FillAsync("请求撤销该行政处罚决定");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记行政复议申请");
        await Expect(page.GetByText("受理审查：届满日")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "reconsideration-registered.png");

        await page.Locator("details.step > summary", new() { HasText = "受理" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认受理" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已受理");
        await Expect(page.GetByText("作出行政复议决定（普通程序）：届满日")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "行政复议受理通知书" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "reconsideration-accepted.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "行政复议受理通知书" }).ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".docx");
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(FazhiAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000, $"{path} looks empty");
    }
}
