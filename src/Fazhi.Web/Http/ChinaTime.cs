namespace Fazhi.Web;

/// <summary>Display times in China Standard Time (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaTime
{
    /// <summary>The zone (Asia/Shanghai when the system knows it, else a fixed UTC+8).</summary>
    public static readonly TimeZoneInfo Zone = Find();

    /// <summary>Formats a UTC instant as local Chinese time.</summary>
    public static string Format(DateTime utc, string format = "yyyy-MM-dd HH:mm:ss") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Today's date in China, the date the law counts from.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, Zone));
    }

    private static TimeZoneInfo Find()
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
