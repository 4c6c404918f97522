using System.Net;
using System.Text.RegularExpressions;
using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Fazhi.TestKit;

/// <summary>
/// The web app on a throwaway database, migrated and seeded with the demo district (password <see cref="Password"/>).
/// Use as an xunit class fixture. <see cref="StartKestrel"/> switches to a real port for browser tests.
/// </summary>
public class FazhiAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The password of every demo account in tests.</summary>
    public const string Password = "Test-Passw0rd-Fazhi";

    private bool _kestrel;

    /// <summary>Also generate the demo cases on first run (slower; off by default so most tests start fast).</summary>
    public bool DemoCases { get; init; }

    public TestDatabase Database { get; } = new();

    /// <summary>Serve on a real Kestrel port (127.0.0.1, chosen by the OS) instead of the in-memory test server.</summary>
    public void StartKestrel()
    {
        _kestrel = true;
        UseKestrel(0);
        StartServer();
    }

    /// <summary>The base address of the Kestrel server.</summary>
    public Uri ServerAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Fazhi:DemoOnFirstRun", "true");
        builder.UseSetting("Fazhi:DemoCases", DemoCases ? "true" : "false");
        builder.UseSetting("Fazhi:KeysDirectory", Path.Combine(Path.GetTempPath(), "fazhi-test-keys"));
        builder.UseSetting("FAZHI_ADMIN_PASSWORD", Password);
        if (_kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }
    }

    public Task InitializeAsync()
    {
        // Building the server runs the start-up tasks: migrations and the demo district.
        _ = Services;
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="body"/> against the app's database in a fresh scope, as the command line would.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActorAccessor>().Current = AuditActor.CommandLine;
        return await body(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as a demo user.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName)
    {
        var client = NewClient();
        var response = await SignInAsync(client, userName, Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>Posts the sign-in form (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Reads the antiforgery token from a page's form.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
