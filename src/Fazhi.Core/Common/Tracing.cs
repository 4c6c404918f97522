using System.Diagnostics;

namespace Fazhi.Core.Common;

/// <summary>
/// Activities around the phases of long bulk operations (calendar recompute, case import), so that a listener (the
/// benchmarks, an OpenTelemetry exporter) can see where the time goes. Nothing is recorded when no listener is attached.
/// </summary>
public static class Tracing
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "Fazhi.Core";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a phase activity (null when nobody listens); dispose it to end the phase.</summary>
    internal static Activity? Phase(string name) => Source.StartActivity(name);
}
