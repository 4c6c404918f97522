using Fazhi.Core.Cases;
using Fazhi.Core.Common;

namespace Fazhi.Core.Litigation;

/// <summary>Instance of a lawsuit.</summary>
public enum Instance
{
    /// <summary>一审.</summary>
    First,

    /// <summary>二审.</summary>
    Second,

    /// <summary>再审.</summary>
    Retrial,
}

/// <summary>Where a litigation case stands.</summary>
public enum LitigationStage
{
    /// <summary>Filed by the court, complaint copy not yet received (已立案).</summary>
    Filed,

    /// <summary>Complaint copy received; defence period running (答辩期).</summary>
    Defending,

    /// <summary>Defence submitted; awaiting hearing or judgment (审理中).</summary>
    Pending,

    /// <summary>Concluded (已结案).</summary>
    Closed,
}

/// <summary>How a lawsuit ended (law.md §2.2).</summary>
public enum LitigationOutcome
{
    /// <summary>驳回原告诉讼请求 (XSS Art.69).</summary>
    DismissClaims,

    /// <summary>撤销 (Art.70).</summary>
    Revoke,

    /// <summary>履行法定职责 (Art.72).</summary>
    OrderPerform,

    /// <summary>履行给付义务 (Art.73).</summary>
    OrderPay,

    /// <summary>确认违法 (Art.74).</summary>
    ConfirmIllegal,

    /// <summary>确认无效 (Art.75).</summary>
    ConfirmInvalid,

    /// <summary>补救措施、赔偿 (Art.76).</summary>
    RemedyCompensate,

    /// <summary>变更 (Art.77).</summary>
    Change,

    /// <summary>行政协议责任 (Art.78).</summary>
    AgreementLiability,

    /// <summary>准予撤诉 (Art.62).</summary>
    Withdrawn,

    /// <summary>按撤诉处理 (Art.58).</summary>
    DeemedWithdrawn,

    /// <summary>裁定驳回起诉.</summary>
    SuitDismissed,

    /// <summary>调解 (Art.60).</summary>
    Mediation,

    /// <summary>移送.</summary>
    Transferred,

    /// <summary>终结.</summary>
    Ended,
}

/// <summary>Rank of the agency head who appeared (CT Art.2).</summary>
public enum HeadRank
{
    /// <summary>正职负责人.</summary>
    Principal,

    /// <summary>副职负责人.</summary>
    Deputy,

    /// <summary>其他参与分管的负责人.</summary>
    Other,
}

/// <summary>Codes and labels of litigation.</summary>
public static class LitigationCodes
{
    /// <summary>Case type of litigation cases and their clocks.</summary>
    public const string CaseType = "litigation";

    /// <summary>Instances.</summary>
    public static CodeTable<Instance> Instances { get; } = new(
        (Instance.First, "first", "一审"),
        (Instance.Second, "second", "二审"),
        (Instance.Retrial, "retrial", "再审"));

    /// <summary>Stages.</summary>
    public static CodeTable<LitigationStage> Stages { get; } = new(
        (LitigationStage.Filed, "filed", "已立案"),
        (LitigationStage.Defending, "defending", "答辩期"),
        (LitigationStage.Pending, "pending", "审理中"),
        (LitigationStage.Closed, "closed", "已结案"));

    /// <summary>Outcomes.</summary>
    public static CodeTable<LitigationOutcome> Outcomes { get; } = new(
        (LitigationOutcome.DismissClaims, "dismiss_claims", "判决驳回诉讼请求"),
        (LitigationOutcome.Revoke, "revoke", "判决撤销"),
        (LitigationOutcome.OrderPerform, "order_perform", "判决履行法定职责"),
        (LitigationOutcome.OrderPay, "order_pay", "判决履行给付义务"),
        (LitigationOutcome.ConfirmIllegal, "confirm_illegal", "判决确认违法"),
        (LitigationOutcome.ConfirmInvalid, "confirm_invalid", "判决确认无效"),
        (LitigationOutcome.RemedyCompensate, "remedy_compensate", "判决采取补救措施或赔偿"),
        (LitigationOutcome.Change, "change", "判决变更"),
        (LitigationOutcome.AgreementLiability, "agreement_liability", "判决承担行政协议责任"),
        (LitigationOutcome.Withdrawn, "withdrawn", "准予撤诉"),
        (LitigationOutcome.DeemedWithdrawn, "deemed_withdrawn", "按撤诉处理"),
        (LitigationOutcome.SuitDismissed, "suit_dismissed", "裁定驳回起诉"),
        (LitigationOutcome.Mediation, "mediation", "调解"),
        (LitigationOutcome.Transferred, "transferred", "移送"),
        (LitigationOutcome.Ended, "ended", "终结"));

    /// <summary>Head ranks.</summary>
    public static CodeTable<HeadRank> HeadRanks { get; } = new(
        (HeadRank.Principal, "principal", "正职负责人"),
        (HeadRank.Deputy, "deputy", "副职负责人"),
        (HeadRank.Other, "other", "其他分管负责人"));

    /// <summary>Outcomes where the agency lost, by default (law.md §2.2; configurable in indicators).</summary>
    public static IReadOnlySet<LitigationOutcome> Losses { get; } = new HashSet<LitigationOutcome>
    {
        LitigationOutcome.Revoke, LitigationOutcome.OrderPerform, LitigationOutcome.OrderPay, LitigationOutcome.ConfirmIllegal,
        LitigationOutcome.ConfirmInvalid, LitigationOutcome.RemedyCompensate, LitigationOutcome.Change, LitigationOutcome.AgreementLiability,
    };

    /// <summary>True for judgments (判决), as opposed to rulings and other closures.</summary>
    public static bool IsJudgment(this LitigationOutcome o) => o <= LitigationOutcome.AgreementLiability;
}

/// <summary>
/// An administrative lawsuit in which an org of the tree is the defendant (行政应诉案件). <see cref="OrgId"/> is the
/// defendant (or the org handling the response); further defendants are in <see cref="LitigationDefendant"/>.
/// </summary>
public sealed class LitigationCase : IImportedCase
{
    /// <summary>Longest case number.</summary>
    public const int MaxCaseNumberLength = 64;

    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest text.</summary>
    public const int MaxTextLength = 4000;

    private LitigationCase()
    {
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Defendant or handling org.</summary>
    public Guid OrgId { get; private set; }

    /// <summary>The court's case number, e.g. （2026）浙0102行初123号; unique within the org.</summary>
    public string CaseNumber { get; private set; } = "";

    /// <summary>Court.</summary>
    public string Court { get; private set; } = "";

    /// <summary>Instance.</summary>
    public Instance Instance { get; private set; }

    /// <summary>Day the court filed the case.</summary>
    public DateOnly FiledOn { get; private set; }

    /// <summary>Year of filing (indexed for indicators).</summary>
    public int FiledYear { get; private set; }

    /// <summary>Day the defendant received the complaint copy (starts the 15-day defence period).</summary>
    public DateOnly? ComplaintReceivedOn { get; private set; }

    /// <summary>Cause (案由).</summary>
    public string Cause { get; private set; } = "";

    /// <summary>Plaintiffs joined with 、.</summary>
    public string Plaintiffs { get; private set; } = "";

    /// <summary>Day the defence was submitted.</summary>
    public DateOnly? DefenceSubmittedOn { get; private set; }

    /// <summary>Stage.</summary>
    public LitigationStage Stage { get; private set; }

    /// <summary>Day concluded.</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Outcome.</summary>
    public LitigationOutcome? Outcome { get; private set; }

    /// <summary>Day the judgment or ruling was served (starts the appeal period).</summary>
    public DateOnly? ServedOn { get; private set; }

    /// <summary>Day an appeal was lodged.</summary>
    public DateOnly? AppealedOn { get; private set; }

    /// <summary>Day the judgment was performed.</summary>
    public DateOnly? PerformedOn { get; private set; }

    /// <summary>The reconsideration case this suit follows, if any.</summary>
    public Guid? ReconsiderationCaseId { get; private set; }

    /// <summary>The earlier-instance case, if any.</summary>
    public Guid? PreviousInstanceId { get; private set; }

    /// <summary>Handler.</summary>
    public Guid? HandlerUserId { get; private set; }

    /// <summary>When registered (UTC).</summary>
    public DateTime CreatedAtUtc { get; private set; }

    /// <inheritdoc/>
    public DateOnly? ImportedOn { get; private set; }

    /// <inheritdoc/>
    public string? ImportNote { get; private set; }

    /// <summary>Records where an imported case came from (see <see cref="CaseEvent.Timeline"/>).</summary>
    internal void NoteImport(DateOnly on, string note)
    {
        ImportedOn = on;
        ImportNote = note[..Math.Min(note.Length, CaseEvent.MaxNoteLength)];
    }

    /// <summary>True until closed.</summary>
    public bool IsOpen => Stage != LitigationStage.Closed;

    internal static LitigationCase Create(Guid orgId, string caseNumber, string court, Instance instance, DateOnly filedOn, string cause, string plaintiffs,
        Guid? reconsiderationCaseId, Guid? previousInstanceId, Guid? handlerUserId, DateTime nowUtc) =>
        new()
        {
            Id = Ids.New(),
            OrgId = orgId,
            CaseNumber = caseNumber,
            Court = court,
            Instance = instance,
            FiledOn = filedOn,
            FiledYear = filedOn.Year,
            Cause = cause,
            Plaintiffs = plaintiffs,
            Stage = LitigationStage.Filed,
            ReconsiderationCaseId = reconsiderationCaseId,
            PreviousInstanceId = previousInstanceId,
            HandlerUserId = handlerUserId,
            CreatedAtUtc = nowUtc,
        };

    internal void ReceiveComplaint(DateOnly on)
    {
        ComplaintReceivedOn = on;
        Stage = LitigationStage.Defending;
    }

    internal void SubmitDefence(DateOnly on)
    {
        DefenceSubmittedOn = on;
        Stage = LitigationStage.Pending;
    }

    internal void Close(DateOnly on, LitigationOutcome outcome, DateOnly? servedOn)
    {
        Stage = LitigationStage.Closed;
        ClosedOn = on;
        Outcome = outcome;
        ServedOn = servedOn;
    }

    internal void Appeal(DateOnly on) => AppealedOn = on;

    internal void Perform(DateOnly on) => PerformedOn = on;
}

/// <summary>A defendant agency of a lawsuit (co-defendants after reconsideration, XSS Art.26).</summary>
public sealed class LitigationDefendant
{
    private LitigationDefendant()
    {
    }

    /// <summary>The case.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>Order.</summary>
    public int Position { get; private set; }

    /// <summary>The org when in the tree.</summary>
    public Guid? OrgId { get; private set; }

    /// <summary>Name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Creates a defendant.</summary>
    internal static LitigationDefendant Create(Guid caseId, int position, Guid? orgId, string name) =>
        new() { CaseId = caseId, Position = position, OrgId = orgId, Name = name };
}

/// <summary>
/// A hearing session of a lawsuit with the appearance of the defendant's head (law.md §2.4): head present, rank, spoke,
/// staff present, reason for absence, summoned by the court.
/// </summary>
public sealed class LitigationHearing
{
    private LitigationHearing()
    {
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The case.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>Day held.</summary>
    public DateOnly HeldOn { get; private set; }

    /// <summary>The head appeared.</summary>
    public bool HeadPresent { get; private set; }

    /// <summary>The head's name.</summary>
    public string? HeadName { get; private set; }

    /// <summary>The head's rank.</summary>
    public HeadRank? HeadRank { get; private set; }

    /// <summary>The head spoke in court (出声).</summary>
    public bool HeadSpoke { get; private set; }

    /// <summary>Staff of the agency appeared.</summary>
    public bool StaffPresent { get; private set; }

    /// <summary>Reason the head was absent.</summary>
    public string? AbsenceReason { get; private set; }

    /// <summary>The court required the head to appear.</summary>
    public bool CourtSummonedHead { get; private set; }

    internal static LitigationHearing Create(Guid caseId, DateOnly heldOn, bool headPresent, string? headName, HeadRank? rank, bool headSpoke,
        bool staffPresent, string? absenceReason, bool summoned) =>
        new()
        {
            Id = Ids.New(),
            CaseId = caseId,
            HeldOn = heldOn,
            HeadPresent = headPresent,
            HeadName = headName,
            HeadRank = headPresent ? rank : null,
            HeadSpoke = headPresent && headSpoke,
            StaffPresent = staffPresent,
            AbsenceReason = headPresent ? null : absenceReason,
            CourtSummonedHead = summoned,
        };
}
