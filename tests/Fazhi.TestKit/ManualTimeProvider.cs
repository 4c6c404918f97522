namespace Fazhi.TestKit;

/// <summary>
/// A clock that moves only when a test moves it (Microsoft.Extensions.TimeProvider.Testing is not served by the
/// package mirror). Local time is UTC so that results do not depend on the machine's time zone.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>The instant every test clock starts at unless told otherwise: 2026-03-02 01:30:00 UTC (09:30 in Beijing).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward (or back, with a negative span).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now = _now.Add(by);
        }
    }

    /// <summary>Sets the clock to an instant.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            _now = value.ToUniversalTime();
        }
    }
}
