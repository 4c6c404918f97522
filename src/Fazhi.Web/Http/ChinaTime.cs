namespace Fazhi.Web;

/// <summary>Display times in China Standard Time (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaTime
{
    /// <summary>The zone (Asia/Shanghai when the system knows it, else a fixed UTC+8).</summary>
    public static readonly TimeZoneInfo Zone = Fazhi.Core.Clocks.ChineseDates.Zone;

    /// <summary>Formats a UTC instant as local Chinese time.</summary>
    public static string Format(DateTime utc, string format = "yyyy-MM-dd HH:mm:ss") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Today's date in China, the date the law counts from.</summary>
    public static DateOnly Today(TimeProvider time) => Fazhi.Core.Clocks.ChineseDates.Today(time);
}
