using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;

namespace Fazhi.Benchmarks;

/// <summary>
/// Importing reconsideration cases from JSON Lines into SQLite (<c>fazhi import reconsideration FILE</c>). A deterministic
/// generator writes the file: 11 orgs (a root with 10 children), receipt dates 2022–2025 (both law versions), a mix of
/// stages (20% received, 30% accepted, 40% closed with an outcome, 10% not accepted), one or two applicants, a respondent
/// in the tree for half of the cases. The measured call is <see cref="ImportReconsiderationHandler.HandleAsync"/> on a
/// fresh migrated database: parse, validate, cases + parties + clocks + events + search rows + one audit entry per case,
/// commit. Timed with a stopwatch (<c>--import</c>, see Program.cs): the set-up is long and one run is seconds.
/// </summary>
public static class CaseImportBenchmarks
{
    private static readonly string[] Matters = ["penalty", "complaint_handling", "information_disclosure", "expropriation", "licensing", "coercive_measure", "confirmation", "inaction", "other"];
    private static readonly string[] Outcomes23 = ["uphold", "revoke", "change", "confirm_illegal", "order_perform", "confirm_invalid", "dismiss_claim", "reject_application", "mediation", "settlement", "terminated"];
    private static readonly string[] Outcomes17 = ["uphold", "revoke", "change", "confirm_illegal", "order_perform", "dismiss_claim", "reject_application", "mediation", "settlement", "terminated"];
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "军", "杰", "涛"];

    /// <summary><c>dotnet run -c Release --project bench/Fazhi.Benchmarks -- --import [SIZES…]</c> (default 10000 100000 1000000).</summary>
    public static async Task<int> MeasureAsync(int[] sizes)
    {
        using var phases = new PhaseListener();
        using var gcLog = Environment.GetEnvironmentVariable("FAZHI_BENCH_GCLOG") == "1" ? new GcEventLog() : null;
        foreach (var n in sizes)
        {
            var file = Path.Combine(Path.GetTempPath(), $"fazhi-import-{n}-{Guid.NewGuid():N}.jsonl");
            using var db = new BenchDatabase();
            try
            {
                var codes = db.LoadTree([10]).Select((_, i) => $"B{i}").ToArray();
                Generate(file, n, codes);
                await using var context = db.NewContext();
                var calendars = new ClockCalendar(RuleCatalog.Default);
                // Warm-up outside the timing: the calendar index (cached by the app's singleton) and EF's model.
                await calendars.CurrentAsync(context, CancellationToken.None);
                var handler = new ImportReconsiderationHandler(context, calendars, TimeProvider.System);
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                var (gc0, gc1, gc2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var report = await handler.HandleAsync(stream, CaseFileFormat.JsonLines, new CaseImportOptions(DryRun: Environment.GetEnvironmentVariable("FAZHI_BENCH_DRY") == "1", SourceName: "bench.jsonl", ExclusiveDatabase: true), OrgScope.Everything, CancellationToken.None);
                watch.Stop();
                if (report.Valid != n)
                {
                    throw new InvalidOperationException($"Import failed: {report.Created} created, first error: {(report.Errors.Count > 0 ? report.Errors[0] : null)}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n,9:N0} cases ({new FileInfo(file).Length / 1048576.0:F0} MB): {watch.Elapsed.TotalSeconds,6:F2} s = {n / watch.Elapsed.TotalSeconds,8:N0} cases/s (load {ClockRecomputeBenchmarks.Load()})"));
                Console.WriteLine($"  phases: {phases.Drain()}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  GC: {GC.CollectionCount(0) - gc0} gen0, {GC.CollectionCount(1) - gc1} gen1, {GC.CollectionCount(2) - gc2} gen2 collections, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)n / 1024:F1} KB a case"));
            }
            finally
            {
                File.Delete(file);
            }
        }

        return 0;
    }

    /// <summary>Writes <paramref name="n"/> cases (seeded, so every run imports the same file).</summary>
    public static void Generate(string path, int n, string[] orgCodes)
    {
        var random = new Random(20260301);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var first = new DateOnly(2022, 1, 3);
        var sb = new StringBuilder(512);
        for (var i = 0; i < n; i++)
        {
            var org = orgCodes[random.Next(orgCodes.Length)];
            var received = first.AddDays(random.Next(0, 4 * 365));
            var v2023 = received >= LawVersions.Effective2023;
            var stage = random.Next(10);
            sb.Clear();
            sb.Append("{\"case_number\":\"").Append(org).Append("复〔").Append(received.Year).Append('〕').Append(i + 1).Append("号\",\"org\":\"").Append(org)
                .Append("\",\"received_on\":\"").Append(Iso(received)).Append("\",\"respondent\":\"")
                .Append(random.Next(2) == 0 ? orgCodes[random.Next(orgCodes.Length)] : $"某某{Given[random.Next(Given.Length)]}公司")
                .Append("\",\"matter_type\":\"").Append(Matters[random.Next(Matters.Length)]).Append("\",\"applicants\":[\"").Append(Name(random)).Append('"');
            if (random.Next(3) == 0)
            {
                sb.Append(",\"").Append(Name(random)).Append('"');
            }

            sb.Append("],\"request\":\"撤销行政处罚决定书第").Append(random.Next(1000, 9999)).Append("号\"");
            if (stage == 9)
            {
                sb.Append(",\"not_accepted_on\":\"").Append(Iso(received.AddDays(random.Next(1, 6)))).Append('"');
            }
            else if (stage >= 2)
            {
                var accepted = received.AddDays(random.Next(0, 6));
                var simplified = v2023 && random.Next(4) == 0;
                sb.Append(",\"accepted_on\":\"").Append(Iso(accepted)).Append("\",\"procedure\":\"").Append(simplified ? "simplified" : "ordinary").Append('"');
                if (stage >= 5)
                {
                    var outcomes = v2023 ? Outcomes23 : Outcomes17;
                    sb.Append(",\"closed_on\":\"").Append(Iso(accepted.AddDays(random.Next(10, 75)))).Append("\",\"outcome\":\"").Append(outcomes[random.Next(outcomes.Length)]).Append('"');
                }
            }

            sb.Append('}');
            w.WriteLine(sb);
        }
    }

    private static string Name(Random r) => Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)] + (r.Next(2) == 0 ? Given[r.Next(Given.Length)] : "");

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
