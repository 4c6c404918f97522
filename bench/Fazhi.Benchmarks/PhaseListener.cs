using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fazhi.Benchmarks;

/// <summary>Collects the phase activities of Fazhi.Core (<see cref="Fazhi.Core.Common.Tracing"/>) and prints their durations.</summary>
internal sealed class PhaseListener : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<(string Name, TimeSpan Duration)> _phases = [];

    public PhaseListener()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Fazhi.Core.Common.Tracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                lock (_phases)
                {
                    _phases.Add((a.OperationName, a.Duration));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The phases since the last call, as "name 1.23 s" (summed over repeats, "×n"), in the order they first
    /// ended; then forgets them.</summary>
    public string Drain()
    {
        lock (_phases)
        {
            var sb = new StringBuilder();
            foreach (var g in _phases.GroupBy(p => p.Name))
            {
                var count = g.Count();
                sb.Append(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(p => p.Duration.TotalSeconds):F2} s{(count > 1 ? $" (×{count})" : "")}; ");
            }

            _phases.Clear();
            return sb.ToString().TrimEnd(' ', ';');
        }
    }

    public void Dispose() => _listener.Dispose();
}
