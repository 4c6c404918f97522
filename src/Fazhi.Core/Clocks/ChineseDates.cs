using System.Globalization;

namespace Fazhi.Core.Clocks;

/// <summary>Date formatting for the Chinese explanations.</summary>
public static class ChineseDates
{
    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>星期一 … 星期日.</summary>
    public static string Weekday(DateOnly date) => Weekdays[(int)date.DayOfWeek];

    /// <summary>The first and last day of a year (for ranges of dates stored as text, which an index can serve).</summary>
    public static (DateOnly First, DateOnly Last) YearSpan(int year) => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>ISO date: 2025-02-07.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses exactly <c>yyyy-MM-dd</c> (ASCII digits, a real date), without culture or format lists.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        static int Digits(ReadOnlySpan<char> s)
        {
            var n = 0;
            foreach (var c in s)
            {
                if (c is < '0' or > '9')
                {
                    return -1;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }

        var (y, m, d) = (Digits(text[..4]), Digits(text.Slice(5, 2)), Digits(text.Slice(8, 2)));
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>China Standard Time (Asia/Shanghai when the system knows it, else a fixed UTC+8).</summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>Today's date in China, the date the law counts from.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, Zone));
    }

    /// <summary>Chinese long date: 2026年12月2日.</summary>
    public static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>ISO date with the weekday: 2025-02-07（星期五）.</summary>
    public static string WithWeekday(DateOnly date) => $"{Iso(date)}（{Weekday(date)}）";

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}
