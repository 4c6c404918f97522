using Fazhi.Core.Audit;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Clocks;

/// <summary>Import a holiday schedule file (the format of <c>holidays-cn.txt</c>).</summary>
/// <param name="Text">The file's content.</param>
/// <param name="DryRun">Check and report what would change, write nothing.</param>
public sealed record ImportCalendar(string Text, bool DryRun = false);

/// <summary>A day whose kind the import changes.</summary>
/// <param name="Date">The day.</param>
/// <param name="Before">Its kind before.</param>
/// <param name="After">Its kind after.</param>
public sealed record CalendarDayChange(DateOnly Date, DayKind Before, DayKind After);

/// <summary>A clock whose due date or provisional flag the import changes.</summary>
/// <param name="ClockId">The clock.</param>
/// <param name="CaseType">Line of work.</param>
/// <param name="CaseId">Case id.</param>
/// <param name="RuleId">Rule id.</param>
/// <param name="OldDue">Due date before.</param>
/// <param name="NewDue">Due date after.</param>
/// <param name="OldProvisional">Provisional before.</param>
/// <param name="NewProvisional">Provisional after.</param>
public sealed record ClockDueChange(Guid ClockId, string CaseType, string CaseId, string RuleId, DateOnly OldDue, DateOnly NewDue,
    bool OldProvisional, bool NewProvisional);

/// <summary>What an import did (or, for a dry run, would do).</summary>
/// <param name="Years">Years in the file.</param>
/// <param name="NewlyPublished">Years that had no published schedule before.</param>
/// <param name="Days">Days whose kind changed.</param>
/// <param name="OldVersion">Calendar version before.</param>
/// <param name="NewVersion">Calendar version after.</param>
/// <param name="ClocksChecked">Open clocks recomputed (those whose period overlaps a changed day).</param>
/// <param name="Changed">Clocks whose result changed.</param>
/// <param name="Committed">False for a dry run.</param>
public sealed record CalendarImportReport(IReadOnlyList<int> Years, IReadOnlyList<int> NewlyPublished, IReadOnlyList<CalendarDayChange> Days,
    string OldVersion, string NewVersion, int ClocksChecked, IReadOnlyList<ClockDueChange> Changed, bool Committed);

/// <summary>
/// Imports a holiday schedule: validates the whole file first (line-numbered errors, nothing changed on any error),
/// stores each year in <c>calendar_years</c> (audited), switches to the new calendar, and recomputes in the same
/// transaction every open clock whose result could change, auditing each changed clock.
/// </summary>
public sealed class CalendarImportHandler(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Recompute on the generic path even on SQLite (tests compare it with the fast path).</summary>
    internal bool GenericRecompute { get; init; }

    /// <summary>Rows per reading chunk of the fast path (tests make it small to cross chunk boundaries).</summary>
    internal int FastPathChunkRows { get; init; } = SqliteClockRecompute.DefaultChunkRows;

    /// <summary>Imports, or returns the file's errors.</summary>
    public async Task<Result<CalendarImportReport>> HandleAsync(ImportCalendar cmd, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        // Ended before the transaction; the using ends it too when the file is rejected.
        using var prepare = Tracing.Phase("calendar.prepare");
        using var reader = new StringReader(cmd.Text);
        var parsed = HolidaySchedule.Parse(reader);
        if (parsed.IsError)
        {
            return parsed.Error;
        }

        var file = parsed.Value;
        if (file.PublishedYears.Count == 0)
        {
            return new CalendarFileError([new RowError(0, "文件中没有任何年份的节假日安排。")]);
        }

        var old = await calendars.CurrentAsync(db, ct);
        var next = CalendarSnapshot.Of(old.Calendar.Schedule.Overlay(file), calendars.Catalog);
        var years = file.PublishedYears.Keys.Order().ToList();
        var newlyPublished = years.Where(y => !old.Calendar.IsPublished(y)).ToList();
        var days = new List<CalendarDayChange>();
        DateOnly? min = null, max = null;
        foreach (var y in years)
        {
            var first = new DateOnly(y, 1, 1);
            var last = new DateOnly(y, 12, 31);
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                var (before, after) = (old.Calendar.KindOf(d), next.Calendar.KindOf(d));
                if (before != after)
                {
                    days.Add(new CalendarDayChange(d, before, after));
                }
            }

            // A newly published year changes the provisional flag of every clock that reaches into it.
            var (from, to) = newlyPublished.Contains(y) ? (first, last)
                : days.Any(c => c.Date.Year == y) ? (days.First(c => c.Date.Year == y).Date, days.Last(c => c.Date.Year == y).Date)
                : (DateOnly.MaxValue, DateOnly.MinValue);
            if (from <= to)
            {
                min = min is { } m && m < from ? m : from;
                max = max is { } n && n > to ? n : to;
            }
        }

        prepare?.Dispose();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!cmd.DryRun)
        {
            using var store = Tracing.Phase("calendar.store-years");
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var y in years)
            {
                db.CalendarYears.Add(new CalendarYear(y, file.PublishedYears[y], file.YearText(y), now, db.Actor.Name));
            }

            await db.SaveChangesAsync(ct);
        }

        var (checkedCount, changed) = min is { } lo && max is { } hi
            ? await ClockRecompute.RunAsync(db, next, lo, hi, write: !cmd.DryRun, clock.GetUtcNow().UtcDateTime, ct, generic: GenericRecompute, chunkRows: FastPathChunkRows)
            : (0, []);
        if (cmd.DryRun)
        {
            await tx.RollbackAsync(ct);
        }
        else
        {
            await SqliteWal.CommitAsync(db, tx, ct);
            calendars.Invalidate();
        }

        return new CalendarImportReport(years, newlyPublished, days, old.Version, next.Version, checkedCount, changed, !cmd.DryRun);
    }
}

/// <summary>
/// Recomputes stored open clocks on a new calendar without change tracking: one streaming read of the clocks whose
/// period (start, due] overlaps the changed days, in-memory computation, then batched updates of the changed rows with
/// an audit entry each (<see cref="AuditBatch"/>), all in the caller's transaction. A clock's result depends only on the
/// days from its start to its due date (ADR 0010), so clocks outside the range cannot change. This generic path serves
/// PostgreSQL; SQLite takes <see cref="SqliteClockRecompute"/>, which writes the same rows and audit entries (chained in rowid order).
/// </summary>
internal static class ClockRecompute
{
    private const int WriteBatch = 1000;

    public static async Task<(int Checked, List<ClockDueChange> Changed)> RunAsync(AppDbContext db, CalendarSnapshot calendar,
        DateOnly from, DateOnly to, bool write, DateTime nowUtc, CancellationToken ct, bool generic = false,
        int chunkRows = SqliteClockRecompute.DefaultChunkRows)
    {
        if (!generic && SqliteClockRecompute.Supports(db)
            && await SqliteClockRecompute.RunAsync(db, calendar, from, to, write, nowUtc, ct, chunkRows) is { } fast)
        {
            return fast;
        }

        var open = db.Clocks.AsNoTracking().Where(c =>
            (c.Status == ClockStatus.Running || c.Status == ClockStatus.Suspended) && c.DueDate >= from && c.StartDate < to);
        var suspensions = (await db.ClockSuspensions.AsNoTracking()
                .Where(s => open.Any(c => c.Id == s.ClockId)).ToListAsync(ct))
            .GroupBy(s => s.ClockId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ClockSuspension>)g.OrderBy(s => s.Number).ToList());

        var changed = new List<(Clock Clock, Deadline Deadline)>();
        var checkedCount = 0;
        await foreach (var c in open.AsAsyncEnumerable().WithCancellation(ct))
        {
            checkedCount++;
            var result = calendar.Calculator.Calculate(c.Request(suspensions.GetValueOrDefault(c.Id) ?? [], c.ExtendedDays));
            if (result.IsError)
            {
                // Valid when it was stored; a new calendar cannot make a request invalid except outside the index.
                throw new InvalidOperationException($"Clock {c.Id} cannot be recomputed: {result.Error.Message}");
            }

            if (result.Value.Due != c.DueDate || result.Value.Provisional != c.Provisional)
            {
                changed.Add((c, result.Value));
            }
        }

        var type = db.Model.FindEntityType(typeof(Clock))!;
        var rows = new (string Fields, string Before, string After, ClockDueChange Change)[changed.Count];
        Parallel.For(0, changed.Count, i =>
        {
            var (c, d) = changed[i];
            var before = AuditBatch.Digest(type, c);
            var change = new ClockDueChange(c.Id, c.CaseType, c.CaseId, c.RuleId, c.DueDate, d.Due, c.Provisional, d.Provisional);
            var oldVersion = c.CalendarVersion;
            c.Apply(d, calendar.Version);
            var fields = new List<string>(3);
            if (change.OldDue != change.NewDue)
            {
                fields.Add(nameof(Clock.DueDate));
            }

            if (change.OldProvisional != change.NewProvisional)
            {
                fields.Add(nameof(Clock.Provisional));
            }

            if (oldVersion != calendar.Version)
            {
                fields.Add(nameof(Clock.CalendarVersion));
            }

            fields.Sort(StringComparer.Ordinal);
            rows[i] = (string.Join(",", fields), before, AuditBatch.Digest(type, c), change);
        });

        if (write && changed.Count > 0)
        {
            if (db.Database.IsSqlite() && changed.Count > 10_000)
            {
                // Random index updates across a large table: a 2 MB page cache (the default) thrashes. Per connection.
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
            }

            await using var writer = new BulkWriter<Clock>(db, WriteBatch, nameof(Clock.DueDate), nameof(Clock.Provisional), nameof(Clock.CalendarVersion));
            await using var audit = await AuditBatch.BeginAsync(db, nowUtc, ct);
            for (var i = 0; i < changed.Count; i++)
            {
                await writer.AddAsync(changed[i].Clock, ct);
                await audit.UpdatedAsync(nameof(Clock), changed[i].Clock.Id.ToString(), rows[i].Fields, rows[i].Before, rows[i].After, ct);
            }

            await writer.FlushAsync(ct);
            await audit.CompleteAsync(ct);
        }


        return (checkedCount, rows.Select(r => r.Change).ToList());
    }
}
