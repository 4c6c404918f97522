using Fazhi.Core.Cases;
using Fazhi.Core.Common;

namespace Fazhi.Core.Reconsideration;

/// <summary>
/// An administrative reconsideration case (行政复议案件) handled by a reconsideration body (<see cref="OrgId"/>). The row
/// holds the current state; <see cref="Cases.CaseEvent"/> rows hold the timeline, <see cref="Clocks.Clock"/> rows the
/// statutory periods. State changes go through <see cref="ReconsiderationWorkflow"/>, which checks each transition
/// against the stage (law.md §1.3) and moves the clocks in the same save.
/// </summary>
public sealed class ReconsiderationCase : IImportedCase
{
    /// <summary>Longest case number.</summary>
    public const int MaxCaseNumberLength = 64;

    /// <summary>Longest name (respondent, party).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest long text (request, act, facts).</summary>
    public const int MaxTextLength = 4000;

    private ReconsiderationCase()
    {
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The reconsideration body handling the case (scope checks use it).</summary>
    public Guid OrgId { get; private set; }

    /// <summary>Case number, unique within the org (e.g. 云溪复〔2026〕12号).</summary>
    public string CaseNumber { get; private set; } = "";

    /// <summary>Governing law version: "2017" or "2023".</summary>
    public string LawVersion { get; private set; } = LawVersions.V2023;

    /// <summary>How the application arrived.</summary>
    public IntakeChannel Channel { get; private set; }

    /// <summary>Day the application was received (day 0 of the acceptance review).</summary>
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>The respondent agency when it is in the org tree.</summary>
    public Guid? RespondentOrgId { get; private set; }

    /// <summary>The respondent's name (always set; copied from the org when in the tree).</summary>
    public string RespondentName { get; private set; } = "";

    /// <summary>Kind of act challenged.</summary>
    public MatterType Matter { get; private set; }

    /// <summary>Day the challenged act was made, if known.</summary>
    public DateOnly? ActDate { get; private set; }

    /// <summary>The challenged act (e.g. its document number and title).</summary>
    public string? ChallengedAct { get; private set; }

    /// <summary>What the applicant asks for (行政复议请求).</summary>
    public string? Request { get; private set; }

    /// <summary>Applicant names joined with 、 (for lists and search; the parties table has the details).</summary>
    public string ApplicantNames { get; private set; } = "";

    /// <summary>Current stage.</summary>
    public ReconsiderationStage Stage { get; private set; }

    /// <summary>Procedure once accepted.</summary>
    public ReviewProcedure? Procedure { get; private set; }

    /// <summary>Day of the correction notice.</summary>
    public DateOnly? CorrectionRequestedOn { get; private set; }

    /// <summary>What must be corrected.</summary>
    public string? CorrectionItems { get; private set; }

    /// <summary>Day the corrections arrived.</summary>
    public DateOnly? CorrectionReceivedOn { get; private set; }

    /// <summary>Day of acceptance (受理), or the day it is deemed accepted.</summary>
    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>True when accepted by operation of law (视为受理).</summary>
    public bool DeemedAccepted { get; private set; }

    /// <summary>Day of the non-acceptance decision.</summary>
    public DateOnly? NotAcceptedOn { get; private set; }

    /// <summary>Why it was not accepted.</summary>
    public string? NotAcceptedReason { get; private set; }

    /// <summary>Day the copy of the application was sent to the respondent.</summary>
    public DateOnly? CopySentOn { get; private set; }

    /// <summary>Day the respondent's written answer arrived.</summary>
    public DateOnly? AnswerReceivedOn { get; private set; }

    /// <summary>Scheduled hearing (local time), when one is set.</summary>
    public DateTime? HearingAt { get; private set; }

    /// <summary>Hearing place.</summary>
    public string? HearingPlace { get; private set; }

    /// <summary>Day the hearing was held.</summary>
    public DateOnly? HearingHeldOn { get; private set; }

    /// <summary>Start of the current suspension.</summary>
    public DateOnly? SuspendedOn { get; private set; }

    /// <summary>Ground of the current or last suspension.</summary>
    public SuspensionGround? SuspensionGround { get; private set; }

    /// <summary>Approved extension of the decision period, in days.</summary>
    public int ExtendedDays { get; private set; }

    /// <summary>Day of conclusion.</summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>How it was concluded.</summary>
    public ReconsiderationOutcome? Outcome { get; private set; }

    /// <summary>Facts found (for the decision).</summary>
    public string? Facts { get; private set; }

    /// <summary>Reasoning (for the decision).</summary>
    public string? Reasoning { get; private set; }

    /// <summary>Day the decision was published.</summary>
    public DateOnly? PublishedOn { get; private set; }

    /// <summary>Day the decision was copied to the respondent's superior department (抄告, XFY23 Art.79).</summary>
    public DateOnly? CopiedToSuperiorOn { get; private set; }

    /// <summary>Public tracking code of an online application (the applicant sees this case's status with it).</summary>
    public string? TrackingCode { get; private set; }

    /// <summary>The handler (承办人).</summary>
    public Guid? HandlerUserId { get; private set; }

    /// <summary>When the case was registered (UTC).</summary>
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

    /// <summary>Year of receipt (indexed for indicators).</summary>
    public int ReceivedYear { get; private set; }

    /// <summary>True while the case is open (not concluded, not accepted, not abandoned).</summary>
    public bool IsOpen => Stage is ReconsiderationStage.Received or ReconsiderationStage.Correction or ReconsiderationStage.Accepted or ReconsiderationStage.Suspended;

    /// <summary>Creates a case in the received stage. Field checks are the caller's (see <see cref="RegisterReconsideration"/>).</summary>
    internal static ReconsiderationCase Create(Guid orgId, string caseNumber, string lawVersion, IntakeChannel channel, DateOnly receivedOn,
        Guid? respondentOrgId, string respondentName, MatterType matter, DateOnly? actDate, string? challengedAct, string? request,
        string applicantNames, Guid? handlerUserId, string? trackingCode, DateTime nowUtc) =>
        new()
        {
            Id = Ids.New(),
            OrgId = orgId,
            CaseNumber = caseNumber,
            LawVersion = lawVersion,
            Channel = channel,
            ReceivedOn = receivedOn,
            ReceivedYear = receivedOn.Year,
            RespondentOrgId = respondentOrgId,
            RespondentName = respondentName,
            Matter = matter,
            ActDate = actDate,
            ChallengedAct = challengedAct,
            Request = request,
            ApplicantNames = applicantNames,
            Stage = ReconsiderationStage.Received,
            HandlerUserId = handlerUserId,
            TrackingCode = trackingCode,
            CreatedAtUtc = nowUtc,
        };

    internal void RequestCorrection(DateOnly on, string items)
    {
        Stage = ReconsiderationStage.Correction;
        CorrectionRequestedOn = on;
        CorrectionItems = items;
        CorrectionReceivedOn = null;
    }

    internal void ReceiveCorrection(DateOnly on)
    {
        Stage = ReconsiderationStage.Received;
        CorrectionReceivedOn = on;
    }

    internal void Abandon(DateOnly on)
    {
        Stage = ReconsiderationStage.Abandoned;
        ClosedOn = on;
    }

    internal void Accept(DateOnly on, ReviewProcedure procedure, bool deemed)
    {
        Stage = ReconsiderationStage.Accepted;
        AcceptedOn = on;
        DeemedAccepted = deemed;
        Procedure = procedure;
    }

    internal void NotAccept(DateOnly on, string reason)
    {
        Stage = ReconsiderationStage.NotAccepted;
        NotAcceptedOn = on;
        NotAcceptedReason = reason;
    }

    internal void ConvertToOrdinary() => Procedure = ReviewProcedure.Ordinary;

    internal void SendCopy(DateOnly on) => CopySentOn = on;

    internal void ReceiveAnswer(DateOnly on) => AnswerReceivedOn = on;

    internal void ScheduleHearing(DateTime at, string place)
    {
        HearingAt = at;
        HearingPlace = place;
    }

    internal void HoldHearing(DateOnly on) => HearingHeldOn = on;

    internal void Suspend(DateOnly on, SuspensionGround ground)
    {
        Stage = ReconsiderationStage.Suspended;
        SuspendedOn = on;
        SuspensionGround = ground;
    }

    internal void Resume()
    {
        Stage = ReconsiderationStage.Accepted;
        SuspendedOn = null;
    }

    internal void Extend(int days) => ExtendedDays += days;

    internal void Close(DateOnly on, ReconsiderationOutcome outcome, string? facts, string? reasoning)
    {
        Stage = ReconsiderationStage.Closed;
        ClosedOn = on;
        Outcome = outcome;
        Facts = facts;
        Reasoning = reasoning;
        SuspendedOn = null;
    }

    internal void Publish(DateOnly on) => PublishedOn = on;

    internal void CopyToSuperior(DateOnly on) => CopiedToSuperiorOn = on;

    internal void AssignHandler(Guid? userId) => HandlerUserId = userId;

    /// <summary>Imports set the whole state at once (history of cases handled elsewhere).</summary>
    internal void ImportState(ReconsiderationStage stage, DateOnly? accepted, DateOnly? notAccepted, ReviewProcedure? procedure,
        DateOnly? closed, ReconsiderationOutcome? outcome)
    {
        Stage = stage;
        AcceptedOn = accepted;
        NotAcceptedOn = notAccepted;
        Procedure = procedure;
        ClosedOn = closed;
        Outcome = outcome;
    }
}

/// <summary>Role of a party.</summary>
public enum PartyRole
{
    /// <summary>申请人.</summary>
    Applicant,

    /// <summary>委托代理人.</summary>
    Agent,

    /// <summary>第三人.</summary>
    ThirdParty,
}

/// <summary>A party to a reconsideration case. Identity number, phone and address are personal data: shown masked, and
/// every full view is audited.</summary>
public sealed class ReconsiderationParty
{
    /// <summary>Roles.</summary>
    public static CodeTable<PartyRole> Roles { get; } = new(
        (PartyRole.Applicant, "applicant", "申请人"),
        (PartyRole.Agent, "agent", "委托代理人"),
        (PartyRole.ThirdParty, "third_party", "第三人"));

    private ReconsiderationParty()
    {
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The case.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>Order within the case.</summary>
    public int Position { get; private set; }

    /// <summary>Role.</summary>
    public PartyRole Role { get; private set; }

    /// <summary>Name of the person or organisation.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Identity document number or unified social credit code (personal data).</summary>
    public string? IdNumber { get; private set; }

    /// <summary>Phone (personal data).</summary>
    public string? Phone { get; private set; }

    /// <summary>Address (personal data).</summary>
    public string? Address { get; private set; }

    /// <summary>Creates a party.</summary>
    public static ReconsiderationParty Create(Guid caseId, int position, PartyRole role, string name, string? idNumber, string? phone, string? address) =>
        new()
        {
            Id = Ids.New(),
            CaseId = caseId,
            Position = position,
            Role = role,
            Name = name.Trim(),
            IdNumber = Blank(idNumber),
            Phone = Blank(phone),
            Address = Blank(address),
        };

    /// <summary>Masks all but the first and last characters of personal data: 3301********1234.</summary>
    public static string? Mask(string? value, int keepStart = 2, int keepEnd = 2)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (value.Length <= keepStart + keepEnd)
        {
            return new string('*', value.Length);
        }

        return string.Concat(value.AsSpan(0, keepStart), new string('*', value.Length - keepStart - keepEnd), value.AsSpan(value.Length - keepEnd));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Kind of supervision letter.</summary>
public enum LetterKind
{
    /// <summary>行政复议意见书 (XFY23 Art.76; XFYSS Art.57 ¶1).</summary>
    Opinion,

    /// <summary>行政复议建议书 (XFYSS Art.57 ¶2).</summary>
    Recommendation,
}

/// <summary>An opinion or recommendation letter issued from a case, with the recipient's reply.</summary>
public sealed class ReconsiderationLetter
{
    /// <summary>Kinds.</summary>
    public static CodeTable<LetterKind> Kinds { get; } = new(
        (LetterKind.Opinion, "opinion", "行政复议意见书"),
        (LetterKind.Recommendation, "recommendation", "行政复议建议书"));

    private ReconsiderationLetter()
    {
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The case it was issued from.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>Kind.</summary>
    public LetterKind Kind { get; private set; }

    /// <summary>Day issued.</summary>
    public DateOnly IssuedOn { get; private set; }

    /// <summary>Recipient agency.</summary>
    public string Recipient { get; private set; } = "";

    /// <summary>What the letter asks.</summary>
    public string? Content { get; private set; }

    /// <summary>Day the recipient reported its corrections.</summary>
    public DateOnly? RepliedOn { get; private set; }

    /// <summary>Creates a letter.</summary>
    internal static ReconsiderationLetter Create(Guid caseId, LetterKind kind, DateOnly on, string recipient, string? content) =>
        new() { Id = Ids.New(), CaseId = caseId, Kind = kind, IssuedOn = on, Recipient = recipient.Trim(), Content = string.IsNullOrWhiteSpace(content) ? null : content.Trim() };

    internal void Reply(DateOnly on) => RepliedOn = on;
}
