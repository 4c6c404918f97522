using System.Diagnostics;
using System.Globalization;
using Fazhi.Core.Data;
using Fazhi.Core.Indicators;
using Fazhi.Core.Orgs;
using Microsoft.Data.Sqlite;

namespace Fazhi.Benchmarks;

/// <summary>
/// The full indicator set for one county and year over N reconsideration cases (2021–2025, spread over a city tree of
/// 4 counties × 5 orgs × 4 orgs), N/4 lawsuits with hearings, and a decision clock per accepted case. Set-up bulk-loads
/// rows with prepared SQL (deterministic, seed 42); each size is measured warm, median of 7 runs, with a stopwatch:
/// <c>dotnet run -c Release --project bench/Fazhi.Benchmarks -- --indicators [N ...]</c>.
/// </summary>
internal static class IndicatorBenchmarks
{
    private static readonly string[] Outcomes =
        ["uphold", "revoke", "change", "confirm_illegal", "order_perform", "confirm_invalid", "dismiss_claim", "reject_application", "mediation", "settlement", "terminated"];

    private static readonly int[] OutcomeWeights = [400, 80, 20, 30, 20, 5, 100, 50, 150, 100, 45];

    private static readonly string[] LitigationOutcomes =
        ["dismiss_claims", "revoke", "order_perform", "confirm_illegal", "change", "withdrawn", "deemed_withdrawn", "suit_dismissed", "mediation"];

    public static async Task<int> MeasureAsync(int[] sizes)
    {
        foreach (var n in sizes)
        {
            using var bench = new BenchDatabase();
            var tree = bench.LoadTree([4, 5, 4]);
            var setup = Stopwatch.StartNew();
            Load(bench.Options.ConnectionString, tree, n);
            if (Environment.GetEnvironmentVariable("FAZHI_BENCH_KEEP") is { Length: > 0 } keep)
            {
                // Keeps a copy for looking at query plans (sqlite3 KEEP "EXPLAIN QUERY PLAN …").
                using var conn = new SqliteConnection(bench.Options.ConnectionString);
                conn.Open();
                using var vacuum = conn.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", $"{keep}-{n}.db");
                vacuum.ExecuteNonQuery();
            }

            var county = tree.First(t => t.Depth == 1).Id;
            string code;
            await using (var db = bench.NewContext())
            {
                code = db.Orgs.Where(o => o.Id == county).Select(o => o.Code).Single();

                // What the application does after an import of this size (SqliteStatistics): the planner's statistics.
                var analyse = Stopwatch.StartNew();
                await SqliteStatistics.OptimizeAsync(db, analyse: true, CancellationToken.None);
                Console.WriteLine($"// statistics (ANALYZE, analysis_limit 1000): {analyse.Elapsed.TotalSeconds:F2} s");
            }

            Console.WriteLine($"{n:N0} reconsideration cases (+{n / 4:N0} lawsuits, decision clocks): set-up {setup.Elapsed.TotalSeconds:F1} s");
            var times = new List<double>();
            IndicatorReport? report = null;
            for (var run = 0; run < 8; run++)
            {
                await using var db = bench.NewContext();
                var service = new IndicatorService(db, IndicatorCatalog.Default, TimeProvider.System);
                var sw = Stopwatch.StartNew();
                var r = await service.EvaluateAsync(code, 2025, OrgScope.Everything, CancellationToken.None);
                sw.Stop();
                report = r.Value;
                if (run > 0)
                {
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var f = report!.Figures.ToDictionary(x => x.Indicator);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  county {code}, 2025: received {f["reconsideration.received"].Numerator:N0}, concluded {f["reconsideration.concluded"].Numerator:N0}, "
                + $"correction rate {f["reconsideration.correction_rate"].Value:F2}%, overdue {f["reconsideration.overdue"].Numerator:N0}, lawsuits {f["litigation.new"].Numerator:N0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  full indicator set: median {times[times.Count / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}) over {times.Count} warm runs"));
        }

        return 0;
    }

    private static void Load(string connectionString, List<(Guid Id, Guid? Parent, int Depth)> tree, int count)
    {
        var rnd = new Random(42);
        var orgs = tree.Where(t => t.Depth > 0).Select(t => t.Id.ToString().ToUpperInvariant()).ToArray();
        var totalWeight = OutcomeWeights.Sum();
        var first = new DateOnly(2021, 1, 1);
        var horizon = new DateOnly(2026, 3, 31);
        using var conn = new SqliteConnection(connectionString);
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;"; // 1 GiB page cache: set-up only
            pragma.ExecuteNonQuery();
        }

        using var tx = conn.BeginTransaction();
        var rc = Command(conn, "INSERT INTO reconsideration_cases (id, org_id, case_number, law_version, channel, received_on, respondent_name, matter, applicant_names, stage, "
            + "procedure, accepted_on, deemed_accepted, not_accepted_on, extended_days, closed_on, outcome, created_at_utc, received_year) VALUES "
            + "($id, $org, $no, $law, 'in_person', $recv, '某局', 'penalty', '申请人', $stage, $proc, $acc, 0, $na, 0, $closed, $outcome, '2026-01-01 00:00:00', $year)",
            "$id", "$org", "$no", "$law", "$recv", "$stage", "$proc", "$acc", "$na", "$closed", "$outcome", "$year");
        var clock = Command(conn, "INSERT INTO clocks (id, org_id, case_type, case_id, handler_user_id, rule_id, law_version, start_date, extended_days, calendar_version, "
            + "due_date, provisional, status, stopped_on, opened_at_utc) VALUES ($id, $org, 'reconsideration', $case, NULL, 'reconsideration.decision', $law, $start, 0, 'bench', "
            + "$due, 0, $status, $stopped, '2026-01-01 00:00:00')",
            "$id", "$org", "$case", "$law", "$start", "$due", "$status", "$stopped");
        var lit = Command(conn, "INSERT INTO litigation_cases (id, org_id, case_number, court, instance, filed_on, filed_year, cause, plaintiffs, stage, closed_on, outcome, created_at_utc) "
            + "VALUES ($id, $org, $no, '某法院', $inst, $filed, $year, '行政处罚', '原告', $stage, $closed, $outcome, '2026-01-01 00:00:00')",
            "$id", "$org", "$no", "$inst", "$filed", "$year", "$stage", "$closed", "$outcome");
        var hearing = Command(conn, "INSERT INTO litigation_hearings (id, case_id, held_on, head_present, head_spoke, staff_present, court_summoned_head) VALUES ($id, $case, $held, $p, $s, 1, 0)",
            "$id", "$case", "$held", "$p", "$s");

        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string NewId() => new Guid(rnd.NextInt64().ToString("x16", CultureInfo.InvariantCulture) + rnd.NextInt64().ToString("x16", CultureInfo.InvariantCulture)).ToString().ToUpperInvariant();

        for (var i = 0; i < count; i++)
        {
            var id = NewId();
            var org = orgs[rnd.Next(orgs.Length)];
            var received = first.AddDays(rnd.Next(5 * 365));
            var law = received.Year >= 2024 ? "2023" : "2017";
            Set(rc, id, org, $"复{i}", law, Iso(received));
            string stage;
            object? accepted = null, notAccepted = null, closed = null, outcome = null, proc = null;
            var roll = rnd.Next(100);
            if (roll < 8)
            {
                stage = "not_accepted";
                notAccepted = Iso(received.AddDays(rnd.Next(3, 20)));
            }
            else
            {
                var acc = received.AddDays(rnd.Next(1, 8));
                accepted = Iso(acc);
                proc = "ordinary";
                var due = acc.AddDays(60);
                var close = acc.AddDays(rnd.Next(15, 66));
                string status;
                object? stopped = null;
                if (close > horizon || rnd.Next(100) < 2)
                {
                    stage = "accepted";
                    status = "running";
                }
                else
                {
                    stage = "closed";
                    closed = Iso(close);
                    stopped = closed;
                    var w = rnd.Next(totalWeight);
                    var k = 0;
                    while (w >= OutcomeWeights[k])
                    {
                        w -= OutcomeWeights[k++];
                    }

                    outcome = Outcomes[k];
                    status = close > due ? "met-late" : "met";
                }

                Set(clock, NewId(), org, id.ToLowerInvariant(), law, accepted, Iso(due), status, stopped);
                clock.ExecuteNonQuery();
            }

            rc.Parameters["$stage"].Value = stage;
            rc.Parameters["$proc"].Value = proc ?? DBNull.Value;
            rc.Parameters["$acc"].Value = accepted ?? DBNull.Value;
            rc.Parameters["$na"].Value = notAccepted ?? DBNull.Value;
            rc.Parameters["$closed"].Value = closed ?? DBNull.Value;
            rc.Parameters["$outcome"].Value = outcome ?? DBNull.Value;
            rc.Parameters["$year"].Value = received.Year;
            rc.ExecuteNonQuery();

            if (i % 4 == 0)
            {
                var lid = NewId();
                var filed = first.AddDays(rnd.Next(5 * 365));
                var litClosed = filed.AddDays(rnd.Next(30, 300));
                var isClosed = litClosed <= horizon && rnd.Next(100) < 90;
                Set(lit, lid, org, $"诉{i}", rnd.Next(100) < 80 ? "first" : "second", Iso(filed), filed.Year, isClosed ? "closed" : "pending",
                    isClosed ? Iso(litClosed) : null, isClosed ? LitigationOutcomes[rnd.Next(LitigationOutcomes.Length)] : null);
                lit.ExecuteNonQuery();
                for (var h = rnd.Next(3); h > 0; h--)
                {
                    var present = rnd.Next(100) < 80;
                    Set(hearing, NewId(), lid, Iso(filed.AddDays(rnd.Next(20, 200))), present ? 1 : 0, present && rnd.Next(100) < 60 ? 1 : 0);
                    hearing.ExecuteNonQuery();
                }
            }
        }

        tx.Commit();
    }

    private static SqliteCommand Command(SqliteConnection conn, string sql, params string[] parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(p, null));
        }

        return cmd;
    }

    private static void Set(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
