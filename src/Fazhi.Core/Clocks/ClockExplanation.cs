using Fazhi.Core.Data;
using Fazhi.Core.Orgs;

namespace Fazhi.Core.Clocks;

/// <summary>A stored clock with the explanation of its due date ("why this date"), computed on the current calendar.</summary>
/// <param name="Clock">The clock, with its suspensions and extensions.</param>
/// <param name="RuleName">Chinese name of its rule.</param>
/// <param name="Explanation">The calculator's sentences, for the clock's current state.</param>
public sealed record ClockExplanation(Clock Clock, string RuleName, IReadOnlyList<string> Explanation);

/// <summary>Explains a stored clock for case pages, the clock page and the API.</summary>
public sealed class ClockExplainQuery(ClockService clocks, ClockCalendar calendars, AppDbContext db)
{
    /// <summary>The clock and why its due date is what it is; null when absent or outside the scope.</summary>
    public async Task<ClockExplanation?> HandleAsync(Guid clockId, OrgScope scope, CancellationToken ct)
    {
        if (await clocks.FindAsync(clockId, scope, ct) is not { } clock)
        {
            return null;
        }

        var snapshot = await calendars.CurrentAsync(db, ct);
        var rule = snapshot.Calculator.Catalog.Find(clock.RuleId);
        var result = snapshot.Explaining().Calculate(clock.Request(clock.Suspensions, clock.ExtendedDays));
        IReadOnlyList<string> lines = result.IsError ? [result.Error.Message] : result.Value.Explanation;
        if (clock.Suspensions.Any(s => s.To is null))
        {
            lines = [.. lines, "该期限目前处于中止状态：中止结束（恢复计算）时将重新计算届满日。"];
        }

        return new ClockExplanation(clock, rule?.Name ?? clock.RuleId, lines);
    }

    /// <summary>Explains clocks already loaded (with suspensions and extensions) and already scope-checked by the caller,
    /// e.g. all clocks of a case for its page.</summary>
    public async Task<IReadOnlyList<ClockExplanation>> ExplainAsync(IReadOnlyList<Clock> loaded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var snapshot = await calendars.CurrentAsync(db, ct);
        var calculator = snapshot.Explaining();
        return loaded.Select(clock =>
        {
            var result = calculator.Calculate(clock.Request(clock.Suspensions, clock.ExtendedDays));
            IReadOnlyList<string> lines = result.IsError ? [result.Error.Message] : result.Value.Explanation;
            if (clock.Suspensions.Any(s => s.To is null))
            {
                lines = [.. lines, "该期限目前处于中止状态：中止结束（恢复计算）时将重新计算届满日。"];
            }

            return new ClockExplanation(clock, snapshot.Calculator.Catalog.Find(clock.RuleId)?.Name ?? clock.RuleId, lines);
        }).ToList();
    }
}

/// <summary>Calculators that explain, over a calendar snapshot (the snapshot's own calculator skips explanations).</summary>
public static class CalendarSnapshotExtensions
{
    /// <summary>A calculator on the snapshot's calendar that writes the Chinese explanation.</summary>
    public static DeadlineCalculator Explaining(this CalendarSnapshot snapshot, DeadlineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new DeadlineCalculator(snapshot.Calendar, snapshot.Calculator.Catalog, options ?? new DeadlineOptions());
    }
}
