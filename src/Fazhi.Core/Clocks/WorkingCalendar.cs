namespace Fazhi.Core.Clocks;

/// <summary>How the calendar classifies a day.</summary>
public enum DayKind : byte
{
    /// <summary>An ordinary Monday–Friday working day.</summary>
    Working,

    /// <summary>An ordinary Saturday or Sunday (休息日).</summary>
    Weekend,

    /// <summary>A public holiday (法定节假日) from the official schedule.</summary>
    Holiday,

    /// <summary>A weekend day made a working day by the schedule (调休上班日).</summary>
    AdjustedWorkday,
}

/// <summary>
/// The working-day calendar with a precomputed index, so that "the n-th working day after d" and the roll-forward of a
/// calendar-day deadline are array look-ups (law.md §0.1):
/// <c>IsWorkingDay(d) = d in workday-list || (d is Mon–Fri and d not in holiday-list)</c>.
/// Years without a published schedule count weekends only; <see cref="IsPublished"/> tells callers to mark results
/// that depend on them provisional.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>First date the index covers.</summary>
    public static readonly DateOnly MinDate = new(HolidaySchedule.FirstYear, 1, 1);

    /// <summary>Last date the index covers.</summary>
    public static readonly DateOnly MaxDate = new(HolidaySchedule.LastYear, 12, 31);

    private static readonly Lazy<WorkingCalendar> LazyOfficial = new(() => new WorkingCalendar(HolidaySchedule.Official));

    private readonly int _base;
    private readonly DayKind[] _kind;

    // _workingBefore[i] = number of working days strictly before day i; one extra slot at the end.
    private readonly int[] _workingBefore;

    // _working[k] = offset of the k-th working day (0-based).
    private readonly int[] _working;

    // _nextNonHoliday[i] = offset of the first day on or after i that is not a public holiday.
    private readonly int[] _nextNonHoliday;
    private readonly bool[] _published;

    /// <summary>Builds the index for 2000–2099 from a schedule.</summary>
    public WorkingCalendar(HolidaySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
        _base = MinDate.DayNumber;
        var days = MaxDate.DayNumber - _base + 1;
        _kind = new DayKind[days];
        _workingBefore = new int[days + 1];
        var working = new List<int>(days * 5 / 7 + 8);
        for (var i = 0; i < days; i++)
        {
            var d = DateOnly.FromDayNumber(_base + i);
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var kind = weekend ? DayKind.Weekend : DayKind.Working;
            if (schedule.Entries.TryGetValue(d, out var e))
            {
                kind = e.Kind == HolidayKind.Holiday ? DayKind.Holiday : DayKind.AdjustedWorkday;
            }

            _kind[i] = kind;
            _workingBefore[i + 1] = _workingBefore[i];
            if (kind is DayKind.Working or DayKind.AdjustedWorkday)
            {
                working.Add(i);
                _workingBefore[i + 1]++;
            }
        }

        _working = [.. working];
        _nextNonHoliday = new int[days];
        var next = days; // past the end: no such day
        for (var i = days - 1; i >= 0; i--)
        {
            if (_kind[i] != DayKind.Holiday)
            {
                next = i;
            }

            _nextNonHoliday[i] = next;
        }

        _published = new bool[HolidaySchedule.LastYear - HolidaySchedule.FirstYear + 1];
        foreach (var y in schedule.PublishedYears.Keys)
        {
            _published[y - HolidaySchedule.FirstYear] = true;
        }
    }

    /// <summary>The calendar built from the schedule shipped with Fazhi.</summary>
    public static WorkingCalendar Official => LazyOfficial.Value;

    /// <summary>The schedule behind this index.</summary>
    public HolidaySchedule Schedule { get; }

    /// <summary>True when the index covers the date.</summary>
    public static bool Covers(DateOnly date) => date >= MinDate && date <= MaxDate;

    /// <summary>The kind of a day. The date must be covered.</summary>
    public DayKind KindOf(DateOnly date) => _kind[Offset(date)];

    /// <summary>True for working days (including adjusted working weekends). The date must be covered.</summary>
    public bool IsWorkingDay(DateOnly date) => _kind[Offset(date)] is DayKind.Working or DayKind.AdjustedWorkday;

    /// <summary>True when the year has a published holiday schedule.</summary>
    public bool IsPublished(int year) => year is >= HolidaySchedule.FirstYear and <= HolidaySchedule.LastYear && _published[year - HolidaySchedule.FirstYear];

    /// <summary>True when any year from <paramref name="from"/> to <paramref name="to"/> has no published schedule.</summary>
    public bool AnyUnpublished(DateOnly from, DateOnly to)
    {
        for (var y = from.Year; y <= to.Year; y++)
        {
            if (!IsPublished(y))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The years in the range without a published schedule.</summary>
    public IEnumerable<int> UnpublishedYears(DateOnly from, DateOnly to)
    {
        for (var y = from.Year; y <= to.Year; y++)
        {
            if (!IsPublished(y))
            {
                yield return y;
            }
        }
    }

    /// <summary>Number of working days in the closed range [from, to] (0 when to is before from). Both must be covered.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to) =>
        to < from ? 0 : _workingBefore[Offset(to) + 1] - _workingBefore[Offset(from)];

    /// <summary>
    /// The n-th working day strictly after <paramref name="start"/> (n ≥ 1; the start day is excluded). False when the
    /// answer lies outside the index.
    /// </summary>
    public bool TryAddWorkingDays(DateOnly start, int n, out DateOnly result)
    {
        var i = start.DayNumber - _base;
        if ((uint)i >= (uint)_kind.Length || n < 1)
        {
            result = default;
            return false;
        }

        // Working days up to and including start, then n more.
        var k = _workingBefore[i + 1] + n - 1;
        if ((uint)k >= (uint)_working.Length)
        {
            result = default;
            return false;
        }

        result = DateOnly.FromDayNumber(_base + _working[k]);
        return true;
    }

    /// <summary>
    /// The first day on or after <paramref name="date"/> that ends a deadline: a working day, or — when
    /// <paramref name="weekends"/> is false — any day that is not a public holiday. False outside the index.
    /// </summary>
    public bool TryRollForward(DateOnly date, bool weekends, out DateOnly result)
    {
        var i = date.DayNumber - _base;
        if ((uint)i >= (uint)_kind.Length)
        {
            result = default;
            return false;
        }

        int j;
        if (weekends)
        {
            var k = _workingBefore[i];
            if (_kind[i] is DayKind.Working or DayKind.AdjustedWorkday)
            {
                result = date;
                return true;
            }

            if ((uint)k >= (uint)_working.Length)
            {
                result = default;
                return false;
            }

            j = _working[k];
        }
        else
        {
            j = _nextNonHoliday[i];
            if (j >= _kind.Length)
            {
                result = default;
                return false;
            }
        }

        result = DateOnly.FromDayNumber(_base + j);
        return true;
    }

    /// <summary>The festival name for a listed date, when the schedule names it.</summary>
    public string? NameOf(DateOnly date) => Schedule.Entries.TryGetValue(date, out var e) ? e.Name : null;

    private int Offset(DateOnly date)
    {
        var i = date.DayNumber - _base;
        return (uint)i < (uint)_kind.Length ? i : throw new ArgumentOutOfRangeException(nameof(date), date, "Outside the calendar index (2000–2099).");
    }
}
