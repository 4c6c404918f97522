using Fazhi.Core.Litigation;

namespace Fazhi.Core.Indicators;

/// <summary>What the grouped queries return for one subtree and year; every case set is counted from it.</summary>
/// <param name="Received">Reconsideration applications received in the year.</param>
/// <param name="Accepted">Accepted in the year.</param>
/// <param name="NotAccepted">Not accepted in the year.</param>
/// <param name="ConcludedByOutcome">Accepted cases concluded in the year, by outcome code.</param>
/// <param name="Overdue">Cases whose decision period was overrun (see docs/indicators.md).</param>
/// <param name="FiledByInstance">Lawsuits filed in the year, by instance.</param>
/// <param name="LitigationClosed">Lawsuits concluded in the year, by instance and outcome.</param>
/// <param name="Heard">One row per lawsuit with hearings in the year.</param>
internal sealed record IndicatorData(long Received, long Accepted, long NotAccepted, IReadOnlyDictionary<string, long> ConcludedByOutcome, long Overdue,
    IReadOnlyDictionary<Instance, long> FiledByInstance, IReadOnlyList<LitigationClosedCount> LitigationClosed, IReadOnlyList<HeardCase> Heard);

/// <summary>Lawsuits concluded with one instance and outcome.</summary>
internal sealed record LitigationClosedCount(Instance Instance, LitigationOutcome Outcome, long Count);

/// <summary>A lawsuit heard in the year: its hearings of the year, those with the head present, and those where the head spoke.</summary>
internal sealed record HeardCase(Instance Instance, int Hearings, int Present, int Spoke);
