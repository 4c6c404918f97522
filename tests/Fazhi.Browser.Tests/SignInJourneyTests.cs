using System.Text.RegularExpressions;
using Fazhi.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Fazhi.Browser.Tests;

public sealed partial class SignInJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_is_sent_to_sign_in_and_after_a_wrong_password_signs_in_to_the_dashboard()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();

        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码不正确");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await ScreenshotAsync(page, "sign-in-wrong-password.png");

        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync(FazhiAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.App.ServerAddress, "/").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("云溪区人民政府").First).ToBeVisibleAsync();
        (await page.TitleAsync()).ShouldContain("工作台");
        await ScreenshotAsync(page, "dashboard.png");
    }

    private static async Task ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000, $"{path} looks empty");
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();
}
