namespace Fazhi.Core.Clocks;

/// <summary>
/// The values the domain brief (law.md) marks UNVERIFIED, so that an installation can correct them without a code change.
/// Defaults follow law.md; each property names the section it comes from.
/// </summary>
public sealed record ClockSettings
{
    /// <summary>Province whose standing-committee filing regulation applies to <c>normative-document.filing</c>:
    /// <c>BJ</c>, <c>SH</c>, <c>SD</c> (verified texts, law.md §7.2) or null for the generic 30-day rule.</summary>
    public string? Province { get; init; }

    /// <summary>Filing period (calendar days) for provinces without a verified text (law.md §7.2: "likely identical").</summary>
    public int NormativeDocumentFilingDays { get; init; } = 30;

    /// <summary>Filing with the higher-level government (calendar days; law.md §7.2, one province verified).</summary>
    public int HigherGovernmentFilingDays { get; init; } = 30;

    /// <summary>Legality review of a normative document (working days; 国办发〔2018〕115号 "at most 15", law.md §7.2, unverified).</summary>
    public int NormativeDocumentLegalityReviewWorkingDays { get; init; } = 15;

    /// <summary>Publication of random-inspection results (working days; law.md §4, local texts only).</summary>
    public int RandomInspectionPublicationWorkingDays { get; init; } = 20;

    /// <summary>Extension of the 90-day penalty decision period (days; SAMR sector rule, law.md §3.1). Null: no maximum.</summary>
    public int? PenaltyDecisionExtensionDays { get; init; } = 30;

    /// <summary>Unit of the 5-day correction notice under the 2007 Implementing Regulation (law.md §1.2: unit unverified).</summary>
    public PeriodUnit Reconsideration2017CorrectionNoticeUnit { get; init; } = PeriodUnit.WorkingDays;

    /// <summary>Whether a suspension (中止) stops the reconsideration decision clock (law.md §1.3: practice excludes it).</summary>
    public bool SuspensionStopsReconsiderationDecision { get; init; } = true;

    /// <summary>Day by which departments submit the annual rule-of-law report (law.md §8: before 1 March).</summary>
    public (int Month, int Day) DepartmentAnnualReportDate { get; init; } = (3, 1);

    /// <summary>Day by which governments submit the annual report (law.md §8: before 1 April; county channel unverified).</summary>
    public (int Month, int Day) GovernmentAnnualReportDate { get; init; } = (4, 1);

    /// <summary>People's mediation: a dispute is generally concluded within this many months (law.md §6, 2002 rule).</summary>
    public int MediationConclusionMonths { get; init; } = 1;
}
