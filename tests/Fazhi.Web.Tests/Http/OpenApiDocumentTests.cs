using System.Net;
using System.Text.Json;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Http;

/// <summary>
/// The OpenAPI document is committed (docs/api/openapi-v1.json) so that API changes show in diffs. When an endpoint
/// changes on purpose, regenerate it: FAZHI_UPDATE_OPENAPI=1 dotnet test tests/Fazhi.Web.Tests --filter OpenApi
/// </summary>
public sealed class OpenApiDocumentTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    [Fact]
    public async Task Served_document_matches_the_committed_one()
    {
        var response = await app.NewClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var served = Normalize(await response.Content.ReadAsStringAsync());
        var committedPath = Path.Combine(RepositoryRoot(), "docs", "api", "openapi-v1.json");
        if (Environment.GetEnvironmentVariable("FAZHI_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committedPath)!);
            await File.WriteAllTextAsync(committedPath, served);
        }

        File.Exists(committedPath).ShouldBeTrue($"{committedPath} is missing; regenerate it with FAZHI_UPDATE_OPENAPI=1.");
        served.ShouldBe(await File.ReadAllTextAsync(committedPath),
            "The API changed: review the difference and regenerate docs/api/openapi-v1.json with FAZHI_UPDATE_OPENAPI=1.");
    }

    [Fact]
    public async Task Document_lists_the_org_user_and_audit_endpoints()
    {
        using var doc = JsonDocument.Parse(await app.NewClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/orgs");
        paths.ShouldContain("/api/orgs/import");
        paths.ShouldContain("/api/users/{userName}/reset-password");
        paths.ShouldContain("/api/audit/verify");
        paths.ShouldContain("/api/me");
    }

    private static string Normalize(string json)
    {
        // Stable formatting; the server list depends on the host and is left out.
        using var doc = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var p in doc.RootElement.EnumerateObject().Where(p => p.Name != "servers"))
            {
                p.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fazhi.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (Fazhi.slnx) not found above the test output.");
    }
}
