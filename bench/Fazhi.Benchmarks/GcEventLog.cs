using System.Diagnostics.Tracing;
using System.Globalization;

namespace Fazhi.Benchmarks;

/// <summary>Prints each garbage collection (generation, reason, pause) to standard error while it lives: a diagnostic of
/// the import benchmark, on when FAZHI_BENCH_GCLOG=1.</summary>
internal sealed class GcEventLog : EventListener
{
    private readonly DateTime _origin = DateTime.UtcNow;
    private DateTime _start;
    private string _what = "";

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCStart_V2":
                _start = e.TimeStamp.ToUniversalTime();
                _what = string.Create(CultureInfo.InvariantCulture, $"gen{e.Payload![1]} reason {e.Payload[2]} type {e.Payload[3]}");
                break;
            case "GCEnd_V1":
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  gc at {(_start - _origin).TotalSeconds:F2} s: {_what}, paused {(e.TimeStamp.ToUniversalTime() - _start).TotalMilliseconds:F1} ms"));
                break;
            case "GCHeapStats_V2":
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"     sizes gen0 {Mb(e.Payload![0])} gen1 {Mb(e.Payload[2])} gen2 {Mb(e.Payload[4])} loh {Mb(e.Payload[6])} promoted0 {Mb(e.Payload[1])} promoted1 {Mb(e.Payload[3])}"));
                break;
        }
    }

    private static string Mb(object? v) => (Convert.ToDouble(v, CultureInfo.InvariantCulture) / 1048576).ToString("F0", CultureInfo.InvariantCulture);
}
