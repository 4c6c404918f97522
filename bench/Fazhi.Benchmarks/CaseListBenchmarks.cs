using System.Diagnostics;
using System.Globalization;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Benchmarks;

/// <summary>
/// The reconsideration list query (the ledger page and <c>GET /api/reconsideration</c>) over 10k, 100k and 1M cases on
/// SQLite. The cases come from the import generator (<see cref="CaseImportBenchmarks.Generate"/>) through the real
/// importer. Each filter of the page is run as the first page and as several later pages (keyset cursors taken from
/// the previous page), for a signed-in user whose scope is the whole tree and for one scoped to a single org; the
/// figures are p50 and p95 over all of those requests per filter. <c>--list [SIZES…]</c> (see Program.cs).
/// </summary>
public static class CaseListBenchmarks
{
    private const int Repeats = 20;

    public static async Task<int> MeasureAsync(int[] sizes)
    {
        foreach (var n in sizes)
        {
            var file = Path.Combine(Path.GetTempPath(), $"fazhi-list-{n}-{Guid.NewGuid():N}.jsonl");
            using var db = new BenchDatabase();
            try
            {
                var tree = db.LoadTree([10]);
                var codes = tree.Select((_, i) => $"B{i}").ToArray();
                CaseImportBenchmarks.Generate(file, n, codes);
                var calendars = new ClockCalendar(RuleCatalog.Default);
                await using (var context = db.NewContext())
                {
                    var handler = new ImportReconsiderationHandler(context, calendars, TimeProvider.System);
                    await using var stream = File.OpenRead(file);
                    var report = await handler.HandleAsync(stream, CaseFileFormat.JsonLines, new CaseImportOptions(SourceName: "bench.jsonl"), OrgScope.Everything, CancellationToken.None);
                    if (report.Created != n)
                    {
                        throw new InvalidOperationException($"Import made {report.Created} of {n} cases.");
                    }
                }

                await using (var context = db.NewContext())
                {
                    await context.Database.ExecuteSqlRawAsync("ANALYZE");
                }

                var leaf = tree[3].Id;
                var filters = new (string Name, CaseFilter Filter)[]
                {
                    ("no filter", new CaseFilter()),
                    ("stage = accepted", new CaseFilter(Stage: "accepted")),
                    ("org subtree", new CaseFilter(OrgId: leaf)),
                    ("received in a month", new CaseFilter(From: new DateOnly(2024, 3, 1), To: new DateOnly(2024, 3, 31))),
                    ("matter + outcome", new CaseFilter(Matter: "penalty", Outcome: "revoke")),
                    ("respondent contains", new CaseFilter(Respondent: "公司")),
                    ("search 2 chars (张伟)", new CaseFilter(Q: "张伟")),
                    ("search 3+ chars (撤销行政)", new CaseFilter(Q: "撤销行政")),
                    ("search case number", new CaseFilter(Q: "B3复〔2024〕1")),
                    ("clock overdue", new CaseFilter(Clock: "overdue")),
                    ("stage + search + org", new CaseFilter(Q: "王芳", Stage: "closed", OrgId: leaf)),
                };
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n:N0} reconsideration cases, page size 50:"));
                foreach (var scope in new[] { ("all orgs", OrgScope.Everything), ("one org", OrgScope.Subtree(leaf)) })
                {
                    foreach (var (name, filter) in filters)
                    {
                        var times = new List<double>();
                        for (var r = 0; r < Repeats; r++)
                        {
                            CaseCursor? after = null;
                            for (var page = 0; page < 3; page++)
                            {
                                await using var context = db.NewContext();
                                var query = new ReconsiderationQuery(context, calendars, TimeProvider.System);
                                var watch = Stopwatch.StartNew();
                                var result = await query.ListAsync(filter, scope.Item2, after, 50, CancellationToken.None);
                                watch.Stop();
                                if (r > 0)
                                {
                                    times.Add(watch.Elapsed.TotalMilliseconds); // the first round warms the caches
                                }

                                after = result.Next;
                                if (after is null)
                                {
                                    break;
                                }
                            }
                        }

                        times.Sort();
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {scope.Item1,-8} {name,-28} p50 {Percentile(times, 0.50),7:F1} ms   p95 {Percentile(times, 0.95),7:F1} ms"));
                    }
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        return 0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
