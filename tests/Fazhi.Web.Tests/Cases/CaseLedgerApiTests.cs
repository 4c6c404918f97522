using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Cases;

/// <summary>Import, export and template of the case ledgers over HTTP: all-or-nothing with every bad row, scope, round trip.</summary>
public sealed class CaseLedgerApiTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private static MultipartFormDataContent File(string name, string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public async Task A_jsonl_file_with_a_bad_row_writes_nothing_and_a_good_one_round_trips_through_the_export()
    {
        var staff = await app.SignedInClientAsync("fuyi");
        const string good = """{"case_number":"云府复〔2025〕API1号","org":"YXQ-SFJ","received_on":"2025-03-03","respondent":"YXQ-SCJ","matter_type":"penalty","applicants":["孙某某"]}""";
        const string bad = """{"case_number":"云府复〔2025〕API2号","org":"YXQ-SFJ","received_on":"2025-03-04","respondent":"YXQ-SCJ","matter_type":"no-such-type"}""";

        var refused = await staff.PostAsync(U("/api/reconsideration/import"), File("cases.jsonl", good + "\n" + bad + "\n"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("report").GetProperty("errors").EnumerateArray().ToList();
        errors.Single().GetProperty("line").GetInt32().ShouldBe(2);
        problem.GetProperty("report").GetProperty("committed").GetBoolean().ShouldBeFalse();

        var ok = await staff.PostAsync(U("/api/reconsideration/import"), File("cases.jsonl", good + "\n"));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32().ShouldBe(1);
        var again = await staff.PostAsync(U("/api/reconsideration/import"), File("cases.jsonl", good + "\n"));
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("skipped").GetInt32().ShouldBe(1);

        var csv = await staff.GetStringAsync(U("/api/reconsideration/export?org=YXQ-SFJ&year=2025&format=csv"));
        csv.ShouldContain("云府复〔2025〕API1号");
        var template = await staff.GetByteArrayAsync(U("/api/litigation/template?format=xlsx"));
        template.Take(2).ShouldBe("PK"u8.ToArray());
        (await staff.PostAsync(U("/api/reconsideration/import"), File("cases.txt", good))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rows_and_exports_outside_the_callers_scope_are_refused()
    {
        var township = await app.SignedInClientAsync("qingshi");
        const string row = """{"case_number":"云府复〔2025〕API9号","org":"YXQ-SFJ","received_on":"2025-03-03","respondent":"YXQ-SCJ","matter_type":"penalty"}""";
        var r = await township.PostAsync(U("/api/reconsideration/import"), File("cases.jsonl", row + "\n"));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("\"line\":1");
        (await township.GetAsync(U("/api/reconsideration/export?org=YXQ&format=csv"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var leader = await app.SignedInClientAsync("lingdao");
        (await leader.PostAsync(U("/api/reconsideration/import"), File("cases.jsonl", row + "\n"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
