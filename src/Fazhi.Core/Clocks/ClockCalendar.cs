using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Clocks;

/// <summary>
/// One year's holiday schedule imported at run time (<c>./fazhi calendar import</c>). Rows are only ever added: the
/// latest import of a year replaces that year of the embedded data; earlier imports stay as history.
/// </summary>
public sealed class CalendarYear
{
    private CalendarYear()
    {
    }

    internal CalendarYear(int year, string? source, string lines, DateTime importedAtUtc, string importedBy)
    {
        Id = Ids.New();
        Year = year;
        Source = source;
        Lines = lines;
        ImportedAtUtc = importedAtUtc;
        ImportedBy = importedBy;
    }

    /// <summary>Id (version-7 GUID, so later imports sort after earlier ones).</summary>
    public Guid Id { get; private set; }

    /// <summary>The year.</summary>
    public int Year { get; private set; }

    /// <summary>The notice the schedule comes from (the <c>year</c> heading's text).</summary>
    public string? Source { get; private set; }

    /// <summary>The year in the file format: its heading and dated lines.</summary>
    public string Lines { get; private set; } = "";

    /// <summary>When it was imported (UTC).</summary>
    public DateTime ImportedAtUtc { get; private set; }

    /// <summary>Who imported it.</summary>
    public string ImportedBy { get; private set; } = "";
}

/// <summary>The calendar in use: the working-day index, its version, and a calculator over it (no explanations).</summary>
/// <param name="Calendar">The index.</param>
/// <param name="Version">The schedule's <see cref="HolidaySchedule.Version"/>.</param>
/// <param name="Calculator">Deadlines on this calendar.</param>
public sealed record CalendarSnapshot(WorkingCalendar Calendar, string Version, DeadlineCalculator Calculator)
{
    /// <summary>The snapshot of a schedule with a catalog.</summary>
    public static CalendarSnapshot Of(HolidaySchedule schedule, RuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var calendar = new WorkingCalendar(schedule);
        return new CalendarSnapshot(calendar, schedule.Version, new DeadlineCalculator(calendar, catalog, new DeadlineOptions { Explain = false }));
    }
}

/// <summary>
/// Supplies the calendar in use: the embedded schedule with the imported years of <c>calendar_years</c> layered over it.
/// A singleton that caches the snapshot and rebuilds it when the number of imported rows changes (rows are only added),
/// so an import by the command line reaches a running web app at its next clock operation.
/// </summary>
public sealed class ClockCalendar(RuleCatalog catalog)
{
    private Cached? _cached;

    /// <summary>The catalog clocks use.</summary>
    public RuleCatalog Catalog => catalog;

    /// <summary>The snapshot for the database's current calendar data.</summary>
    public async Task<CalendarSnapshot> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stamp = await db.CalendarYears.CountAsync(ct);
        if (Volatile.Read(ref _cached) is { } cached && cached.Stamp == stamp)
        {
            return cached.Snapshot;
        }

        // Two callers may rebuild at once; both build the same snapshot, the last one is kept.
        var snapshot = CalendarSnapshot.Of(await ScheduleAsync(db, ct), catalog);
        Volatile.Write(ref _cached, new Cached(stamp, snapshot));
        return snapshot;
    }

    /// <summary>Forgets the cached snapshot (after an import in this process).</summary>
    public void Invalidate() => Volatile.Write(ref _cached, null);

    /// <summary>The embedded schedule with the latest import of each year layered over it.</summary>
    public static async Task<HolidaySchedule> ScheduleAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.CalendarYears.AsNoTracking().Select(y => new { y.Id, y.Year, y.ImportedAtUtc, y.Lines }).ToListAsync(ct);
        var schedule = HolidaySchedule.Official;
        foreach (var row in rows.GroupBy(r => r.Year).Select(g => g.OrderBy(r => r.ImportedAtUtc).ThenBy(r => r.Id).Last()).OrderBy(r => r.Year))
        {
            using var reader = new StringReader(row.Lines);
            var parsed = HolidaySchedule.Parse(reader);
            if (parsed.IsError)
            {
                throw new InvalidOperationException($"Stored calendar year {row.Year} does not parse: {parsed.Error.Message}");
            }

            schedule = schedule.Overlay(parsed.Value);
        }

        return schedule;
    }

    private sealed record Cached(int Stamp, CalendarSnapshot Snapshot);
}
