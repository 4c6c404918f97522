using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Import;

/// <summary>
/// A bulk import from the command line (<see cref="CaseImportOptions.ExclusiveDatabase"/>) writes through SQLite's rollback
/// journal when no other connection has the database open, and leaves the database in WAL mode afterwards, whether it
/// committed or rolled back; with another connection open it stays in WAL mode throughout.
/// </summary>
public sealed class ImportRollbackJournalTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await ImportReconsiderationTests.NewDatabaseAsync();
        if (!_core.IsPostgres)
        {
            await _core.ExecuteSqlAsync("PRAGMA journal_mode = WAL");
        }
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Alone_the_import_uses_the_rollback_journal_and_returns_to_wal()
    {
        if (_core.IsPostgres)
        {
            return; // SQLite's journal.
        }

        SqliteConnection.ClearAllPools();
        var (report, phases) = await ImportAsync(Cases(30), exclusive: true);

        report.Errors.ShouldBeEmpty();
        report.Created.ShouldBe(30);
        phases.ShouldContain("import.rollback-journal");
        phases.ShouldNotContain("checkpoint");
        (await JournalModeAsync()).ShouldBe("wal");
        (await _core.WithContextAsync(db => db.ReconsiderationCases.CountAsync())).ShouldBe(30);
        (await _core.WithContextAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pragma_index_list('reconsideration_cases')").SingleAsync()))
            .ShouldBeGreaterThan(5); // the deferred indexes were built again
        File.Exists(FilePath() + "-journal").ShouldBeFalse();
    }

    [Fact]
    public async Task A_failed_import_alone_rolls_back_and_returns_to_wal()
    {
        if (_core.IsPostgres)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        var bad = Cases(30).Replace("\"matter_type\":\"penalty\"", "\"matter_type\":\"bogus\"", StringComparison.Ordinal);
        var lines = Cases(30).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[^1] = bad.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var (report, phases) = await ImportAsync(string.Join("\n", lines) + "\n", exclusive: true);

        report.Committed.ShouldBeFalse();
        report.Errors.Single().Line.ShouldBe(30);
        phases.ShouldContain("import.rollback-journal");
        (await JournalModeAsync()).ShouldBe("wal");
        (await _core.WithContextAsync(db => db.ReconsiderationCases.CountAsync())).ShouldBe(0);
        (await _core.WithContextAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ReconsiderationCase)))).ShouldBe(0);
    }

    [Fact]
    public async Task With_another_connection_open_the_import_stays_in_wal()
    {
        if (_core.IsPostgres)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        await using var reader = new SqliteConnection(_core.Database.ConnectionString);
        await reader.OpenAsync(Ct);
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT count(*) FROM reconsideration_cases";
        Convert.ToInt64(await count.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture).ShouldBe(0); // SQLite opens the file lazily
        var (report, phases) = await ImportAsync(Cases(30), exclusive: true);

        report.Created.ShouldBe(30);
        phases.ShouldNotContain("import.rollback-journal");
        phases.ShouldContain("checkpoint");
        (await JournalModeAsync()).ShouldBe("wal");
        Convert.ToInt64(await count.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture).ShouldBe(30);
    }

    [Fact]
    public async Task Without_the_option_the_import_stays_in_wal()
    {
        if (_core.IsPostgres)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        var (report, phases) = await ImportAsync(Cases(30), exclusive: false);

        report.Created.ShouldBe(30);
        phases.ShouldNotContain("import.rollback-journal");
        (await JournalModeAsync()).ShouldBe("wal");
    }

    [Fact]
    public async Task Large_index_builds_sort_in_runs_and_hand_the_connection_back_as_they_found_it()
    {
        if (_core.IsPostgres)
        {
            return; // SQLite's sorter.
        }

        SqliteConnection.ClearAllPools();
        var (report, phases) = await ImportAsync(Cases(300), exclusive: true, sortInRunsFrom: 1);

        report.Errors.ShouldBeEmpty();
        report.Created.ShouldBe(300);
        phases.ShouldContain("import.indexes.sort-in-runs");
        (await _core.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").SingleAsync()))
            .ShouldBe("ok"); // every rebuilt index holds exactly the table's rows
        (await _core.WithContextAsync(db => db.ReconsiderationCases.CountAsync(c => c.Stage == ReconsiderationStage.Accepted && c.ReceivedOn == new DateOnly(2026, 3, 2))))
            .ShouldBe(300);

        // The pooled connection the import used (the only one) comes back with SQLite's defaults.
        await using var db = _core.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA threads";
        Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture).ShouldBe(0);
        cmd.CommandText = "PRAGMA cache_size";
        Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture).ShouldBe(-2000);
    }

    [Fact]
    public async Task Smaller_index_builds_sort_in_memory()
    {
        if (_core.IsPostgres)
        {
            return;
        }

        var (report, phases) = await ImportAsync(Cases(30), exclusive: true);

        report.Created.ShouldBe(30);
        phases.ShouldContain("import.indexes");
        phases.ShouldNotContain("import.indexes.sort-in-runs");
    }

    private static string Cases(int n)
    {
        var lines = new StringBuilder();
        for (var i = 1; i <= n; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $$"""{"case_number":"复〔2026〕{{i}}号","org":"yx","received_on":"2026-03-02","respondent":"某某公司","matter_type":"penalty","applicants":["张三"],"accepted_on":"2026-03-04"}""").Append('\n');
        }

        return lines.ToString();
    }

    // Imports as a bulk load (the threshold lowered to one row) and returns the Fazhi.Core phases it went through.
    private async Task<(CaseImportReport Report, List<string> Phases)> ImportAsync(string jsonl, bool exclusive, int? sortInRunsFrom = null)
    {
        var phases = new List<string>();
        using var root = new Activity("test").Start();
        var trace = root.TraceId;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Tracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.TraceId == trace)
                {
                    lock (phases)
                    {
                        phases.Add(a.OperationName);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        CaseImportTuning.DeferIndexesFrom.Value = 1;
        CaseImportTuning.SortInRunsFrom.Value = sortInRunsFrom;
        try
        {
            await using var db = _core.NewContext();
            var report = await new ImportReconsiderationHandler(db, new ClockCalendar(RuleCatalog.Default), _core.Clock)
                .HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), CaseFileFormat.JsonLines,
                    new CaseImportOptions(ExclusiveDatabase: exclusive), OrgScope.Everything, Ct);
            lock (phases)
            {
                return (report, [.. phases]);
            }
        }
        finally
        {
            CaseImportTuning.DeferIndexesFrom.Value = null;
            CaseImportTuning.SortInRunsFrom.Value = null;
        }
    }

    private Task<string> JournalModeAsync() =>
        _core.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync());

    private string FilePath() => new SqliteConnectionStringBuilder(_core.Database.ConnectionString).DataSource;
}
