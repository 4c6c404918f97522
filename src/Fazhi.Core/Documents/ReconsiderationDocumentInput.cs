namespace Fazhi.Core.Documents;

/// <summary>
/// Everything a reconsideration document may need, independent of how cases are stored: the case handler maps its
/// case onto this record. Only the fields the kind's template uses are required; a missing one is reported by its
/// Chinese name (see <see cref="ReconsiderationDocuments.Compose"/>). Names, acts and reasons are plain text as they
/// should read in the document, without final punctuation.
/// </summary>
public sealed record ReconsiderationDocumentInput
{
    /// <summary>Which document.</summary>
    public required ReconsiderationDocumentKind Kind { get; init; }

    /// <summary>The version of the Administrative Reconsideration Law the case runs under: "2017" or "2023".</summary>
    public required string LawVersion { get; init; }

    /// <summary>The reconsideration body (行政复议机关), e.g. 云溪区人民政府: title line and signature.</summary>
    public required string Issuer { get; init; }

    /// <summary>The document number (文号), e.g. 云府复受〔2026〕12号.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>The case number (案号), e.g. 云府复〔2026〕12号.</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The applicants (申请人), each as it should be printed (name, or name with identity details).</summary>
    public IReadOnlyList<string> Applicants { get; init; } = [];

    /// <summary>The applicants' agent (委托代理人).</summary>
    public string? Agent { get; init; }

    /// <summary>The respondent (被申请人), e.g. 云溪区市场监督管理局.</summary>
    public string? Respondent { get; init; }

    /// <summary>Third parties (第三人).</summary>
    public IReadOnlyList<string> ThirdParties { get; init; } = [];

    /// <summary>The matter as a Chinese label (复议事项), e.g. 行政处罚.</summary>
    public string? Matter { get; init; }

    /// <summary>The challenged act as it reads after 作出的, e.g. 《行政处罚决定书》（云市监罚〔2026〕31号）.</summary>
    public string? ChallengedAct { get; init; }

    /// <summary>The applicant's request (行政复议请求), e.g. 撤销被申请人作出的……行政处罚决定.</summary>
    public string? Request { get; init; }

    /// <summary>What the applicant argues (申请人称), for the decision.</summary>
    public string? ApplicantArguments { get; init; }

    /// <summary>What the respondent answers (被申请人称), for the decision.</summary>
    public string? RespondentArguments { get; init; }

    /// <summary>When the application was received.</summary>
    public DateOnly? ReceivedDate { get; init; }

    /// <summary>When it was accepted.</summary>
    public DateOnly? AcceptedDate { get; init; }

    /// <summary>What the applicant must correct or add, one item each (补正事项).</summary>
    public IReadOnlyList<string> CorrectionItems { get; init; } = [];

    /// <summary>The last day for the correction.</summary>
    public DateOnly? CorrectionDeadline { get; init; }

    /// <summary>Why the application is not accepted (不予受理的理由).</summary>
    public string? NonAcceptanceReason { get; init; }

    /// <summary>Whether the case runs under the simple procedure (简易程序, 2023 law): answer Art. 54, 5 working days.</summary>
    public bool SimpleProcedure { get; init; }

    /// <summary>The respondent's answer period in days; null takes the statutory one (10, or 5 under the simple procedure).</summary>
    public int? AnswerPeriodDays { get; init; }

    /// <summary>The hearing day.</summary>
    public DateOnly? HearingDate { get; init; }

    /// <summary>The hearing's start time.</summary>
    public TimeOnly? HearingTime { get; init; }

    /// <summary>Where the hearing takes place.</summary>
    public string? HearingPlace { get; init; }

    /// <summary>What the hearing is to examine (拟听证事项).</summary>
    public string? HearingMatters { get; init; }

    /// <summary>Why the review is suspended (中止原因), e.g. 申请人因不可抗力不能参加行政复议.</summary>
    public string? SuspensionGround { get; init; }

    /// <summary>From when the review is suspended.</summary>
    public DateOnly? SuspensionDate { get; init; }

    /// <summary>From when the review resumes.</summary>
    public DateOnly? ResumptionDate { get; init; }

    /// <summary>By how many days the decision period is extended (at most 30).</summary>
    public int? ExtensionDays { get; init; }

    /// <summary>The decision's new due date after the extension.</summary>
    public DateOnly? NewDueDate { get; init; }

    /// <summary>The decision's outcome.</summary>
    public DecisionOutcome? Outcome { get; init; }

    /// <summary>What the decision orders beyond the outcome's standard wording, e.g. the changed penalty, or the duty
    /// and the period for 责令履行, or 责令被申请人在六十日内重新作出行政行为 after 撤销.</summary>
    public string? DecisionDetail { get; init; }

    /// <summary>The facts found (经审理查明).</summary>
    public string? Facts { get; init; }

    /// <summary>The reasoning (本机关认为).</summary>
    public string? Reasoning { get; init; }

    /// <summary>The date of the document (成文日期).</summary>
    public required DateOnly SigningDate { get; init; }
}
