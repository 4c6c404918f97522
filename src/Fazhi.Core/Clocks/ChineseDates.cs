using System.Globalization;

namespace Fazhi.Core.Clocks;

/// <summary>Date formatting for the Chinese explanations.</summary>
public static class ChineseDates
{
    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>星期一 … 星期日.</summary>
    public static string Weekday(DateOnly date) => Weekdays[(int)date.DayOfWeek];

    /// <summary>ISO date: 2025-02-07.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO date with the weekday: 2025-02-07（星期五）.</summary>
    public static string WithWeekday(DateOnly date) => $"{Iso(date)}（{Weekday(date)}）";
}
