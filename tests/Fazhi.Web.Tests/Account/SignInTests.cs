using System.Net;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Account;

public sealed class SignInTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    [Fact]
    public async Task Anonymous_request_is_sent_to_the_sign_in_page()
    {
        var response = await app.NewClient().GetAsync(new Uri("/", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/account/login");
    }

    [Fact]
    public async Task Demo_admin_signs_in_and_sees_the_dashboard_in_chinese()
    {
        var client = await app.SignedInClientAsync("admin");
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        html.ShouldContain("工作台");
        html.ShouldContain("云溪区人民政府");
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_chinese_message()
    {
        var client = app.NewClient();
        var response = await FazhiAppFactory.SignInAsync(client, "lingdao", "wrong-password");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("用户名或密码不正确");
    }

    [Fact]
    public async Task Api_without_sign_in_answers_401()
    {
        var response = await app.NewClient().GetAsync(new Uri("/api/orgs", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
