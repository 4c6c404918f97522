using System.Globalization;
using System.Text;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Microsoft.Data.Sqlite;

namespace Fazhi.Benchmarks;

/// <summary>
/// Recomputing a million stored open clocks after a calendar import (SQLite). The import publishes a (synthetic) 2027
/// schedule and corrects 2026 (国庆节 2026-10-07 becomes a working day), so the affected range is 2026-10-07 … 2027-12-31.
/// Clocks start between 2026-07-01 and 2026-12-31 on five rules (5, 10, 20 working days; 60, 90 calendar days), one in
/// fifty of the 60-day ones with a 10-day suspension. The database is built once by plain SQL and copied before each
/// iteration; the measured call is <see cref="CalendarImportHandler.HandleAsync"/>: validation, storing the years,
/// reading and recomputing the affected clocks, writing the changed ones with one audit entry each, commit.
/// Not a BenchmarkDotNet class: an iteration takes longer than the in-process toolchain allows and the set-up is long,
/// so <c>--recompute-1m</c> times it with a stopwatch (see Program.cs).
/// </summary>
public sealed class ClockRecomputeBenchmarks
{
    private static readonly string[] Rules =
    [
        "reconsideration.acceptance-review", "reconsideration.respondent-answer", "information-request.reply",
        "reconsideration.decision", "penalty.decision",
    ];

    private BenchDatabase _template = null!;
    private string _templateFile = "";
    private string _workFile = "";
    private string _importText = "";

    public int Clocks { get; init; }

    public void Setup()
    {
        _template = new BenchDatabase();
        _templateFile = new SqliteConnectionStringBuilder(_template.Options.ConnectionString).DataSource;
        _workFile = _templateFile + ".work.db";
        var orgs = _template.LoadTree([10, 10]).Select(n => n.Id.ToString().ToUpperInvariant()).ToArray();
        Load(_template.Options.ConnectionString, orgs, Clocks);
        _importText = ImportText();
    }

    public void CopyDatabase()
    {
        SqliteConnection.ClearAllPools();
        File.Copy(_templateFile, _workFile, overwrite: true);
    }

    public Task<int> ImportAndRecompute() => ImportAndRecompute(_workFile, _importText);

    private static async Task<int> ImportAndRecompute(string file, string importText)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}");
        var builder = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<AppDbContext>();
        options.Apply(builder);
        await using var db = new AppDbContext(builder.Options, new Fazhi.Core.Audit.AuditActorAccessor { Current = Fazhi.Core.Audit.AuditActor.CommandLine }, TimeProvider.System);
        var r = await new CalendarImportHandler(db, new ClockCalendar(RuleCatalog.Default), TimeProvider.System)
            .HandleAsync(new ImportCalendar(importText), CancellationToken.None);
        if (r.IsError)
        {
            throw new InvalidOperationException(r.Error.Message);
        }

        Console.WriteLine($"// checked {r.Value.ClocksChecked:N0} open clocks, changed {r.Value.Changed.Count:N0}");
        return r.Value.Changed.Count;
    }

    /// <summary>
    /// <c>dotnet run -c Release --project bench/Fazhi.Benchmarks -- --recompute-1m [CLOCKS]</c>: builds the database,
    /// then times three imports (each on a fresh copy) with a stopwatch in this process, and three more each in a fresh
    /// process of its own, and prints the figures.
    /// </summary>
    public static async Task<int> MeasureOnceAsync(int clocks)
    {
        var b = new ClockRecomputeBenchmarks { Clocks = clocks };
        var setup = System.Diagnostics.Stopwatch.StartNew();
        b.Setup();
        Console.WriteLine($"set-up: {clocks:N0} open clocks loaded in {setup.Elapsed.TotalSeconds:F1} s");
        using var phases = new PhaseListener();
        try
        {
            for (var run = 1; run <= 3; run++)
            {
                b.CopyDatabase();
                var allocated = GC.GetTotalAllocatedBytes();
                var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var sw = System.Diagnostics.Stopwatch.StartNew();
                await b.ImportAndRecompute();
                Console.WriteLine($"run {run}: import + recompute {sw.Elapsed.TotalSeconds:F2} s (load {Load()}); "
                    + $"allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB, GCs {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}, "
                    + $"peak working set {Environment.WorkingSet / 1e6:F0} MB");
                Console.WriteLine($"  phases: {phases.Drain()}");
            }

            // What `fazhi calendar import` does: the import as the only work of a fresh process (no JIT-compiled code, no
            // grown heap or page cache from the set-up). The process time adds the runtime's start and exit.
            for (var run = 1; run <= 3; run++)
            {
                b.CopyDatabase();
                var start = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                {
                    start.ArgumentList.Add(typeof(ClockRecomputeBenchmarks).Assembly.Location);
                }

                start.ArgumentList.Add("--recompute-file");
                start.ArgumentList.Add(b._workFile);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                using var child = System.Diagnostics.Process.Start(start)!;
                await child.WaitForExitAsync();
                Console.WriteLine($"  fresh process {run}: {sw.Elapsed.TotalSeconds:F2} s from start to exit");
                if (child.ExitCode != 0)
                {
                    return child.ExitCode;
                }
            }
        }
        finally
        {
            b.Cleanup();
        }

        return 0;
    }

    /// <summary><c>--recompute-file FILE</c>: one import and recompute on a copy of the loaded database, timed, as the only
    /// work of this process (see <see cref="MeasureOnceAsync"/>).</summary>
    public static async Task<int> RunOnFileAsync(string file)
    {
        using var phases = new PhaseListener();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await ImportAndRecompute(file, ImportText());
        Console.WriteLine($"fresh process: import + recompute {sw.Elapsed.TotalSeconds:F2} s (load {Load()}); peak working set {Environment.WorkingSet / 1e6:F0} MB");
        Console.WriteLine($"  phases: {phases.Drain()}");
        return 0;
    }

    /// <summary>The 1-minute load average (Linux), printed with every figure: the machine is shared.</summary>
    internal static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("FAZHI_BENCH_KEEP") is { Length: > 0 } keep)
        {
            // Keep the loaded database for inspection (query plans) under the given name.
            File.Copy(_templateFile, keep, overwrite: true);
        }

        foreach (var f in new[] { _workFile, _workFile + "-wal", _workFile + "-shm" })
        {
            File.Delete(f);
        }

        _template.Dispose();
    }

    /// <summary>The 2026 schedule without the 2026-10-07 holiday, and a synthetic 2027 schedule.</summary>
    internal static string ImportText()
    {
        var sb = new StringBuilder();
        foreach (var line in HolidaySchedule.Official.YearText(2026).Split('\n'))
        {
            if (line.Length > 0 && !line.StartsWith("2026-10-07", StringComparison.Ordinal))
            {
                sb.Append(line).Append('\n');
            }
        }

        sb.Append("year 2027 基准测试用的虚构安排\n");
        foreach (var (from, days, name) in new[] { ("2027-01-01", 3, "元旦"), ("2027-02-06", 9, "春节"), ("2027-04-05", 1, "清明节"), ("2027-05-01", 5, "劳动节"), ("2027-06-09", 1, "端午节"), ("2027-09-15", 1, "中秋节"), ("2027-10-01", 7, "国庆节") })
        {
            var d = DateOnly.Parse(from, CultureInfo.InvariantCulture);
            for (var i = 0; i < days; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{d.AddDays(i):yyyy-MM-dd} holiday {name}\n");
            }
        }

        sb.Append("2027-02-20 workday 春节调休上班\n2027-05-08 workday 劳动节调休上班\n2027-09-26 workday 国庆节调休上班\n2027-10-09 workday 国庆节调休上班\n");
        return sb.ToString();
    }

    /// <summary>Bulk-loads open clocks with their due dates on the shipped calendar (set-up, not measured).</summary>
    internal static void Load(string connectionString, string[] orgs, int count)
    {
        var calculator = new DeadlineCalculator(WorkingCalendar.Official, RuleCatalog.Default, new DeadlineOptions { Explain = false });
        var version = HolidaySchedule.Official.Version;
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }

        using var tx = conn.BeginTransaction();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO clocks (id, org_id, case_type, case_id, handler_user_id, rule_id, law_version, start_date, extended_days, calendar_version, due_date, provisional, status, stopped_on, opened_at_utc) "
            + "VALUES ($id, $org, 'reconsideration', $case, NULL, $rule, $law, $start, 0, $version, $due, $prov, $status, NULL, '2026-07-01 00:00:00')";
        var pid = cmd.Parameters.Add("$id", SqliteType.Text);
        var porg = cmd.Parameters.Add("$org", SqliteType.Text);
        var pcase = cmd.Parameters.Add("$case", SqliteType.Text);
        var prule = cmd.Parameters.Add("$rule", SqliteType.Text);
        var plaw = cmd.Parameters.Add("$law", SqliteType.Text);
        var pstart = cmd.Parameters.Add("$start", SqliteType.Text);
        cmd.Parameters.AddWithValue("$version", version);
        var pdue = cmd.Parameters.Add("$due", SqliteType.Text);
        var pprov = cmd.Parameters.Add("$prov", SqliteType.Integer);
        var pstatus = cmd.Parameters.Add("$status", SqliteType.Text);
        using var sus = conn.CreateCommand();
        sus.CommandText = "INSERT INTO clock_suspensions (clock_id, number, \"from\", \"to\", kind, reason) VALUES ($c, 1, $f, $t, 'suspended', '基准测试')";
        var sc = sus.Parameters.Add("$c", SqliteType.Text);
        var sf = sus.Parameters.Add("$f", SqliteType.Text);
        var st = sus.Parameters.Add("$t", SqliteType.Text);
        var first = new DateOnly(2026, 7, 1);
        for (var i = 0; i < count; i++)
        {
            var rule = Rules[i % Rules.Length];
            var start = first.AddDays(i / Rules.Length % 184);
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            var suspended = rule == "reconsideration.decision" && i % 50 == 3;
            var request = new DeadlineRequest(rule, start)
            {
                Suspensions = suspended ? [new Suspension(start.AddDays(5), start.AddDays(14), SuspensionKind.CaseSuspended)] : [],
            };
            var d = calculator.Calculate(request);
            if (d.IsError)
            {
                throw new InvalidOperationException(d.Error.Message);
            }

            pid.Value = id;
            porg.Value = orgs[i % orgs.Length];
            pcase.Value = $"C{i}";
            prule.Value = rule;
            plaw.Value = d.Value.Version.Version;
            pstart.Value = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            pdue.Value = d.Value.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            pprov.Value = d.Value.Provisional ? 1 : 0;
            pstatus.Value = "running";
            cmd.ExecuteNonQuery();
            if (suspended)
            {
                sc.Value = id;
                sf.Value = start.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                st.Value = start.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                sus.ExecuteNonQuery();
            }
        }

        tx.Commit();
        using var checkpoint = conn.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }
}
