using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

/// <summary>
/// SQLite's fast recompute path (raw statements, digests on a second thread) writes exactly what the generic path
/// writes: the same clock rows and the same audit entries, byte for byte, and the chain verifies.
/// </summary>
public sealed class ClockRecomputeFastPathTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly string[] Rules =
    [
        "reconsideration.acceptance-review", "reconsideration.respondent-answer", "information-request.reply",
        "reconsideration.decision", "penalty.decision",
    ];

    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"fazhi-test-{Guid.NewGuid():N}-copy.db");
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _copy, _copy + "-wal", _copy + "-shm" })
        {
            File.Delete(f);
        }
    }

    // mostStopped: four in five clocks are stopped, so the fast path looks the few open ones up by rowid instead of
    // scanning the table; chunkRows: small chunks make the reads and writes cross many chunk boundaries.
    [Theory]
    [InlineData(false, false, SqliteClockRecompute.DefaultChunkRows)]
    [InlineData(true, false, 7)]
    [InlineData(false, true, 3)]
    [InlineData(true, true, SqliteClockRecompute.DefaultChunkRows)]
    public async Task The_fast_path_writes_the_same_rows_and_audit_entries_as_the_generic_path(bool signedIn, bool mostStopped, int chunkRows)
    {
        if (_core.IsPostgres)
        {
            return; // The fast path is SQLite's; PostgreSQL always takes the generic one.
        }

        var org = await _core.IdOfAsync("yx-qs-sfs");
        var random = new Random(7);
        var ids = new List<Guid>();
        for (var i = 0; i < 120; i++)
        {
            // Few start days: many clocks share rule, law and start (the fast path computes such a key once), and some of
            // those are suspended or extended (they must not take the shared result).
            var start = new DateOnly(2026, 9, 1).AddDays(random.Next(0, 12) * 10);
            var caseId = i % 7 == 0 ? $"青山复字〔2026〕第{i}号 \"引号\" \\ 斜杠" : $"FY-{i}";
            await using var db = _core.NewContext();
            var r = await new ClockService(db, _calendars, _core.Clock).OpenAsync(
                new OpenClock(org, i % 3 == 0 ? "information-request" : "reconsideration", caseId, Rules[(i + (i / 5)) % Rules.Length], start,
                    HandlerUserId: i % 4 == 0 ? Guid.NewGuid() : null),
                OrgScope.Everything, Ct);
            r.IsError.ShouldBeFalse(r.Error?.ToString());
            ids.Add(r.Value.Id);
        }

        // Some suspended (open suspension), some with a closed suspension, some stopped, some extended.
        for (var i = 0; i < ids.Count; i += 5)
        {
            await using var db = _core.NewContext();
            var service = new ClockService(db, _calendars, _core.Clock);
            if (Rules[(i + (i / 5)) % Rules.Length] == "reconsideration.decision" || i % 3 == 0)
            {
                var clock = await db.Clocks.AsNoTracking().SingleAsync(c => c.Id == ids[i]);
                var s = await service.SuspendAsync(ids[i], clock.StartDate.AddDays(3), SuspensionKind.CaseSuspended, "等待鉴定", OrgScope.Everything, Ct);
                if (!s.IsError && i % 2 == 0)
                {
                    await service.ResumeAsync(ids[i], clock.StartDate.AddDays(9), OrgScope.Everything, Ct);
                }
            }
            else if (i % 10 == 6)
            {
                var e = await service.ExtendAsync(ids[i], 30, "复议机构负责人", (await db.Clocks.AsNoTracking().SingleAsync(c => c.Id == ids[i])).StartDate.AddDays(5),
                    "案情复杂", OrgScope.Everything, Ct);
                e.IsError.ShouldBeFalse(e.Error?.ToString());
            }
            else if (i % 10 == 1)
            {
                var clock = await db.Clocks.AsNoTracking().SingleAsync(c => c.Id == ids[i]);
                await service.StopAsync(ids[i], clock.StartDate.AddDays(2), OrgScope.Everything, Ct);
            }
        }

        if (mostStopped)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (i % 5 != 0)
                {
                    await using var db = _core.NewContext();
                    var clock = await db.Clocks.AsNoTracking().SingleAsync(c => c.Id == ids[i]);
                    if (clock.Status != ClockStatus.Met && clock.Status != ClockStatus.MetLate)
                    {
                        (await new ClockService(db, _calendars, _core.Clock).StopAsync(ids[i], clock.StartDate.AddDays(1), OrgScope.Everything, Ct))
                            .IsError.ShouldBeFalse();
                    }
                }
            }
        }

        _core.Actor.Current = signedIn ? new AuditActor(Guid.NewGuid(), "张三", org) : AuditActor.CommandLine;
        await _core.ExecuteSqlAsync($"VACUUM INTO '{_copy}'");
        // 2026-10-07 becomes a working day, and 2027 is published.
        var text = string.Join("\n", HolidaySchedule.Official.YearText(2026).Split('\n').Where(l => !l.StartsWith("2026-10-07", StringComparison.Ordinal)))
            + "\nyear 2027 测试安排\n2027-01-01 holiday 元旦\n2027-02-08 holiday 春节\n2027-02-09 holiday 春节\n2027-02-20 workday 春节调休上班\n";

        CalendarImportReport fast;
        await using (var db = _core.NewContext())
        {
            var r = await new CalendarImportHandler(db, _calendars, _core.Clock) { FastPathChunkRows = chunkRows }
                .HandleAsync(new ImportCalendar(text), Ct);
            r.IsError.ShouldBeFalse(r.Error?.Message);
            fast = r.Value;
        }

        CalendarImportReport generic;
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_copy}").Apply(builder);
        await using (var db = new AppDbContext(builder.Options, _core.Actor, _core.Clock))
        {
            var r = await new CalendarImportHandler(db, new ClockCalendar(RuleCatalog.Default), _core.Clock) { GenericRecompute = true }
                .HandleAsync(new ImportCalendar(text), Ct);
            r.IsError.ShouldBeFalse(r.Error?.Message);
            generic = r.Value;
            (await new VerifyAuditChainHandler(db).HandleAsync(Ct)).Intact.ShouldBeTrue();
        }

        fast.Changed.Count.ShouldBeGreaterThan(mostStopped ? 5 : 20);
        fast.ClocksChecked.ShouldBe(generic.ClocksChecked);
        // The fast path visits clocks in rowid order, the generic one in (status, due) order: the same set either way.
        fast.Changed.OrderBy(c => c.ClockId).ShouldBe(generic.Changed.OrderBy(c => c.ClockId));
        var expected = await DumpAsync($"Data Source={_copy}");
        var actual = await DumpAsync(_core.Database.ConnectionString);
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].ShouldBe(expected[i], $"row {i}");
        }

        await using (var db = _core.NewContext())
        {
            (await new VerifyAuditChainHandler(db).HandleAsync(Ct)).Intact.ShouldBeTrue();
        }
    }

    // Every column of the clocks, audit entries and head, with its storage class; except what depends on the new
    // calendar year's random id (its entity id and digest, and so every hash from there on: both chains are verified)
    // and the entries' sequence numbers (the two paths chain the same entries in different orders; the head's last
    // sequence still has to match).
    private static async Task<List<string>> DumpAsync(string connectionString)
    {
        var rows = new List<string>();
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        foreach (var table in new[]
                 {
                     "clocks ORDER BY id",
                     "at_utc, actor_id, actor_name, org_id, action, entity_type, changed_fields, "
                        + "CASE entity_type WHEN 'CalendarYear' THEN '' ELSE entity_id END, "
                        + "CASE entity_type WHEN 'CalendarYear' THEN '' ELSE before_digest || after_digest END FROM audit_entries "
                        + "ORDER BY entity_type = 'CalendarYear' DESC, CASE entity_type WHEN 'CalendarYear' THEN sequence END, entity_type, entity_id, sequence",
                     "id, last_sequence FROM audit_head",
                 })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = table.StartsWith("clocks", StringComparison.Ordinal) ? $"SELECT * FROM {table}" : $"SELECT {table}";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i =>
                    $"{reader.GetName(i)}={reader.GetDataTypeName(i)}:{(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
            }
        }

        return rows;
    }
}
