using System.Globalization;
using Fazhi.Core.Common;

namespace Fazhi.Core.Clocks;

/// <summary>What the official calendar says about one date.</summary>
public enum HolidayKind
{
    /// <summary>A public holiday (法定节假日), including weekend days inside a holiday range.</summary>
    Holiday,

    /// <summary>An adjusted working weekend day (调休上班日).</summary>
    Workday,
}

/// <summary>One dated line of the calendar file.</summary>
/// <param name="Date">The date.</param>
/// <param name="Kind">Holiday or adjusted workday.</param>
/// <param name="Name">The festival it belongs to (e.g. 春节), when the file names it.</param>
public sealed record HolidayEntry(DateOnly Date, HolidayKind Kind, string? Name);

/// <summary>A calendar file with problems; each line error carries the line number the user sees.</summary>
public sealed record CalendarFileError(IReadOnlyList<RowError> Lines)
    : Error("calendar-file", $"节假日安排文件有 {Lines.Count} 处错误：" + string.Join("；", Lines.Select(l => $"第 {l.Line} 行：{l.Message}")));

/// <summary>
/// The official holiday schedule: public holidays and adjusted working weekend days, per published year.
/// The project's copy is <c>Clocks/Data/holidays-cn.txt</c> (from the State Council General Office notices, law.md §9).
/// </summary>
public sealed class HolidaySchedule
{
    /// <summary>First year the calendar index covers.</summary>
    public const int FirstYear = 2000;

    /// <summary>Last year the calendar index covers.</summary>
    public const int LastYear = 2099;

    private HolidaySchedule(IReadOnlyDictionary<DateOnly, HolidayEntry> entries, IReadOnlyDictionary<int, string?> years)
    {
        Entries = entries;
        PublishedYears = years;
    }

    /// <summary>Every listed date.</summary>
    public IReadOnlyDictionary<DateOnly, HolidayEntry> Entries { get; }

    /// <summary>Years with a published schedule, with the notice they come from (null when the file does not say).</summary>
    public IReadOnlyDictionary<int, string?> PublishedYears { get; }

    /// <summary>The schedule shipped with Fazhi (embedded resource <c>holidays-cn.txt</c>).</summary>
    public static HolidaySchedule Official => LazyOfficial.Value;

    private static readonly Lazy<HolidaySchedule> LazyOfficial = new(LoadOfficial);

    private static HolidaySchedule LoadOfficial()
    {
        using var stream = typeof(HolidaySchedule).Assembly.GetManifestResourceStream("Fazhi.Core.Clocks.Data.holidays-cn.txt")
            ?? throw new InvalidOperationException("The embedded holiday calendar is missing.");
        using var reader = new StreamReader(stream);
        var result = Parse(reader);
        return result.IsError ? throw new InvalidOperationException(result.Error.Message) : result.Value;
    }

    /// <summary>
    /// Parses the calendar format. Blank lines and lines starting with <c>#</c> are ignored.
    /// <c>year YYYY [SOURCE]</c> starts a year's published schedule; <c>YYYY-MM-DD holiday|workday [NAME]</c> lists one date,
    /// which must lie in the year of the heading above it. Files without headings (the shared data file) publish every
    /// year that has at least one dated line. All problems are reported, each with its line number.
    /// </summary>
    public static Result<HolidaySchedule> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<RowError>();
        var entries = new Dictionary<DateOnly, (HolidayEntry Entry, int Line)>();
        var years = new Dictionary<int, string?>();
        int? heading = null;
        var lineNo = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == "year")
            {
                if (parts.Length < 2 || parts[1].Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                {
                    errors.Add(new RowError(lineNo, $"年份标题格式应为“year YYYY 来源”，实际为“{line}”。"));
                    continue;
                }

                if (y is < FirstYear or > LastYear)
                {
                    errors.Add(new RowError(lineNo, $"年份 {y} 超出支持范围（{FirstYear}–{LastYear}）。"));
                    continue;
                }

                if (years.ContainsKey(y))
                {
                    errors.Add(new RowError(lineNo, $"年份 {y} 的标题重复。"));
                }

                years[y] = parts.Length > 2 ? parts[2].Trim() : null;
                heading = y;
                continue;
            }

            if (parts.Length < 2)
            {
                errors.Add(new RowError(lineNo, $"格式应为“YYYY-MM-DD holiday|workday [名称]”，实际为“{line}”。"));
                continue;
            }

            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new RowError(lineNo, $"日期“{parts[0]}”无效，应为 YYYY-MM-DD 格式的真实日期。"));
                continue;
            }

            HolidayKind kind;
            switch (parts[1])
            {
                case "holiday":
                    kind = HolidayKind.Holiday;
                    break;
                case "workday":
                    kind = HolidayKind.Workday;
                    break;
                default:
                    errors.Add(new RowError(lineNo, $"第二列应为 holiday（节假日）或 workday（调休上班日），实际为“{parts[1]}”。"));
                    continue;
            }

            if (date.Year is < FirstYear or > LastYear)
            {
                errors.Add(new RowError(lineNo, $"日期 {date:yyyy-MM-dd} 超出支持范围（{FirstYear}–{LastYear} 年）。"));
                continue;
            }

            if (heading is { } h && date.Year != h)
            {
                errors.Add(new RowError(lineNo, $"日期 {date:yyyy-MM-dd} 不在本段标题的年份 {h} 内。"));
                continue;
            }

            if (kind == HolidayKind.Workday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new RowError(lineNo, $"调休上班日 {date:yyyy-MM-dd} 是{ChineseDates.Weekday(date)}，本来就是工作日，应为周六或周日。"));
                continue;
            }

            if (entries.TryGetValue(date, out var previous))
            {
                errors.Add(new RowError(lineNo, previous.Entry.Kind == kind
                    ? $"日期 {date:yyyy-MM-dd} 重复（第 {previous.Line} 行已列出）。"
                    : $"日期 {date:yyyy-MM-dd} 相互矛盾：第 {previous.Line} 行列为{Label(previous.Entry.Kind)}，本行列为{Label(kind)}。"));
                continue;
            }

            entries[date] = (new HolidayEntry(date, kind, parts.Length > 2 ? parts[2].Trim() : null), lineNo);
            if (heading is null)
            {
                years.TryAdd(date.Year, null);
            }
        }

        if (errors.Count > 0)
        {
            return new CalendarFileError(errors);
        }

        return new HolidaySchedule(entries.ToDictionary(e => e.Key, e => e.Value.Entry), years);
    }

    /// <summary>
    /// A stable version string of the schedule's content (what counts for due dates: listed dates, their kinds, and the
    /// published years): the first 16 hex digits of the SM3 digest of a canonical listing. Names and sources do not count.
    /// </summary>
    public string Version => _version ??= ComputeVersion();

    private string? _version;

    private string ComputeVersion()
    {
        var sb = new System.Text.StringBuilder(Entries.Count * 20 + PublishedYears.Count * 6);
        foreach (var y in PublishedYears.Keys.Order())
        {
            sb.Append(y.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var e in Entries.Values.OrderBy(e => e.Date))
        {
            sb.Append(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(e.Kind == HolidayKind.Holiday ? " h\n" : " w\n");
        }

        return Fazhi.Core.Audit.Sm3.HexOf(sb.ToString())[..16];
    }

    /// <summary>
    /// This schedule with each year that <paramref name="layer"/> publishes replaced by the layer's version of that year
    /// (its dates and its source). Years the layer does not publish are kept.
    /// </summary>
    public HolidaySchedule Overlay(HolidaySchedule layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var entries = Entries.Where(e => !layer.PublishedYears.ContainsKey(e.Key.Year)).ToDictionary(e => e.Key, e => e.Value);
        foreach (var (date, entry) in layer.Entries)
        {
            entries[date] = entry;
        }

        var years = PublishedYears.ToDictionary(y => y.Key, y => y.Value);
        foreach (var (year, source) in layer.PublishedYears)
        {
            years[year] = source;
        }

        return new HolidaySchedule(entries, years);
    }

    /// <summary>One published year in the file format (a <c>year</c> heading and its dated lines), for storing an import.</summary>
    public string YearText(int year)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("year ").Append(year.ToString(CultureInfo.InvariantCulture));
        if (PublishedYears.TryGetValue(year, out var source) && !string.IsNullOrEmpty(source))
        {
            sb.Append(' ').Append(source);
        }

        sb.Append('\n');
        foreach (var e in Entries.Values.Where(e => e.Date.Year == year).OrderBy(e => e.Date))
        {
            sb.Append(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(e.Kind == HolidayKind.Holiday ? " holiday" : " workday");
            if (!string.IsNullOrEmpty(e.Name))
            {
                sb.Append(' ').Append(e.Name);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Chinese label of a kind.</summary>
    public static string Label(HolidayKind kind) => kind == HolidayKind.Holiday ? "节假日" : "调休上班日";
}
