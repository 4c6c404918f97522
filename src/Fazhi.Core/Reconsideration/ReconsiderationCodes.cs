using Fazhi.Core.Common;

namespace Fazhi.Core.Reconsideration;

/// <summary>Where a case stands (law.md §1.3). The stage decides which steps are allowed next.</summary>
public enum ReconsiderationStage
{
    /// <summary>Application received, acceptance review running (收到申请 / 受理审查中).</summary>
    Received,

    /// <summary>Correction requested, waiting for the applicant (补正中).</summary>
    Correction,

    /// <summary>Accepted; under review (已受理 / 审理中).</summary>
    Accepted,

    /// <summary>Review suspended (中止).</summary>
    Suspended,

    /// <summary>Concluded by decision, mediation, settlement or termination (已审结).</summary>
    Closed,

    /// <summary>Not accepted (不予受理).</summary>
    NotAccepted,

    /// <summary>The applicant did not correct in time: deemed abandoned (视为放弃申请).</summary>
    Abandoned,
}

/// <summary>The kind of act challenged (matter type, 行政行为类别).</summary>
public enum MatterType
{
    /// <summary>行政处罚.</summary>
    Penalty,

    /// <summary>投诉举报处理.</summary>
    ComplaintHandling,

    /// <summary>政府信息公开.</summary>
    InformationDisclosure,

    /// <summary>征收征用及补偿.</summary>
    Expropriation,

    /// <summary>行政许可.</summary>
    Licensing,

    /// <summary>行政强制措施.</summary>
    CoerciveMeasure,

    /// <summary>行政确认.</summary>
    Confirmation,

    /// <summary>不履行法定职责.</summary>
    Inaction,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>Ordinary or simplified procedure (普通程序 / 简易程序, XFY23 Arts.53–55; the 2017 law had only one).</summary>
public enum ReviewProcedure
{
    /// <summary>普通程序.</summary>
    Ordinary,

    /// <summary>简易程序 (2023 law only).</summary>
    Simplified,
}

/// <summary>How the application arrived.</summary>
public enum IntakeChannel
{
    /// <summary>当面递交 (staff entry).</summary>
    InPerson,

    /// <summary>邮寄.</summary>
    Mail,

    /// <summary>网上申请 (public portal).</summary>
    Online,

    /// <summary>口头申请 (recorded by staff).</summary>
    Oral,

    /// <summary>转送 (forwarded by another agency).</summary>
    Forwarded,

    /// <summary>批量导入.</summary>
    Import,
}

/// <summary>How a case was concluded (law.md §1.4).</summary>
public enum ReconsiderationOutcome
{
    /// <summary>维持 (XFY23 Art.68; XFY17 Art.28(1)).</summary>
    Uphold,

    /// <summary>撤销 (Art.64; XFY17 Art.28(3)).</summary>
    Revoke,

    /// <summary>变更 (Art.63).</summary>
    Change,

    /// <summary>确认违法 (Art.65).</summary>
    ConfirmIllegal,

    /// <summary>责令履行 (Art.66).</summary>
    OrderPerform,

    /// <summary>确认无效 (Art.67; new in 2023).</summary>
    ConfirmInvalid,

    /// <summary>驳回行政复议请求 (Art.69).</summary>
    DismissClaim,

    /// <summary>驳回行政复议申请 (Art.33).</summary>
    RejectApplication,

    /// <summary>调解 (Art.73).</summary>
    Mediation,

    /// <summary>和解后撤回申请 (Art.74).</summary>
    Settlement,

    /// <summary>终止 (Art.41).</summary>
    Terminated,
}

/// <summary>Grounds of suspension (中止), XFY23 Art.39.</summary>
public enum SuspensionGround
{
    /// <summary>申请人死亡，其近亲属尚未确定是否参加.</summary>
    ApplicantDied,

    /// <summary>申请人丧失参加行政复议的行为能力，尚未确定法定代理人.</summary>
    IncapacityNoAgent,

    /// <summary>申请人下落不明.</summary>
    ApplicantMissing,

    /// <summary>作为申请人的法人或者其他组织终止，尚未确定权利义务承受人.</summary>
    OrganisationEnded,

    /// <summary>因不可抗力或者其他正当理由，不能参加行政复议.</summary>
    ForceMajeure,

    /// <summary>依照规定进行调解、和解，申请人和被申请人同意中止.</summary>
    MediationAgreed,

    /// <summary>案件涉及的法律适用问题需要有权机关作出解释或者确认.</summary>
    LegalInterpretation,

    /// <summary>案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结.</summary>
    DependsOnOtherCase,

    /// <summary>附带审查规范性文件.</summary>
    NormativeDocumentReview,

    /// <summary>其他需要中止的情形.</summary>
    Other,
}

/// <summary>Codes and labels of the reconsideration enums.</summary>
public static class ReconsiderationCodes
{
    /// <summary>Case type of reconsideration cases and their clocks.</summary>
    public const string CaseType = "reconsideration";

    /// <summary>Stages.</summary>
    public static CodeTable<ReconsiderationStage> Stages { get; } = new(
        (ReconsiderationStage.Received, "received", "受理审查中"),
        (ReconsiderationStage.Correction, "correction", "补正中"),
        (ReconsiderationStage.Accepted, "accepted", "审理中"),
        (ReconsiderationStage.Suspended, "suspended", "中止审理"),
        (ReconsiderationStage.Closed, "closed", "已审结"),
        (ReconsiderationStage.NotAccepted, "not_accepted", "不予受理"),
        (ReconsiderationStage.Abandoned, "abandoned", "视为放弃申请"));

    /// <summary>Matter types.</summary>
    public static CodeTable<MatterType> Matters { get; } = new(
        (MatterType.Penalty, "penalty", "行政处罚"),
        (MatterType.ComplaintHandling, "complaint_handling", "投诉举报处理"),
        (MatterType.InformationDisclosure, "information_disclosure", "政府信息公开"),
        (MatterType.Expropriation, "expropriation", "征收征用及补偿"),
        (MatterType.Licensing, "licensing", "行政许可"),
        (MatterType.CoerciveMeasure, "coercive_measure", "行政强制措施"),
        (MatterType.Confirmation, "confirmation", "行政确认"),
        (MatterType.Inaction, "inaction", "不履行法定职责"),
        (MatterType.Other, "other", "其他"));

    /// <summary>Procedures.</summary>
    public static CodeTable<ReviewProcedure> Procedures { get; } = new(
        (ReviewProcedure.Ordinary, "ordinary", "普通程序"),
        (ReviewProcedure.Simplified, "simplified", "简易程序"));

    /// <summary>Channels.</summary>
    public static CodeTable<IntakeChannel> Channels { get; } = new(
        (IntakeChannel.InPerson, "in_person", "当面递交"),
        (IntakeChannel.Mail, "mail", "邮寄"),
        (IntakeChannel.Online, "online", "网上申请"),
        (IntakeChannel.Oral, "oral", "口头申请"),
        (IntakeChannel.Forwarded, "forwarded", "转送"),
        (IntakeChannel.Import, "import", "批量导入"));

    /// <summary>Outcomes.</summary>
    public static CodeTable<ReconsiderationOutcome> Outcomes { get; } = new(
        (ReconsiderationOutcome.Uphold, "uphold", "维持"),
        (ReconsiderationOutcome.Revoke, "revoke", "撤销"),
        (ReconsiderationOutcome.Change, "change", "变更"),
        (ReconsiderationOutcome.ConfirmIllegal, "confirm_illegal", "确认违法"),
        (ReconsiderationOutcome.OrderPerform, "order_perform", "责令履行"),
        (ReconsiderationOutcome.ConfirmInvalid, "confirm_invalid", "确认无效"),
        (ReconsiderationOutcome.DismissClaim, "dismiss_claim", "驳回行政复议请求"),
        (ReconsiderationOutcome.RejectApplication, "reject_application", "驳回行政复议申请"),
        (ReconsiderationOutcome.Mediation, "mediation", "调解"),
        (ReconsiderationOutcome.Settlement, "settlement", "和解撤回"),
        (ReconsiderationOutcome.Terminated, "terminated", "终止"));

    /// <summary>Suspension grounds.</summary>
    public static CodeTable<SuspensionGround> SuspensionGrounds { get; } = new(
        (SuspensionGround.ApplicantDied, "applicant_died", "申请人死亡，近亲属尚未确定是否参加行政复议"),
        (SuspensionGround.IncapacityNoAgent, "incapacity", "申请人丧失行为能力，尚未确定法定代理人"),
        (SuspensionGround.ApplicantMissing, "applicant_missing", "申请人下落不明"),
        (SuspensionGround.OrganisationEnded, "organisation_ended", "申请人组织终止，尚未确定权利义务承受人"),
        (SuspensionGround.ForceMajeure, "force_majeure", "因不可抗力或者其他正当理由不能参加行政复议"),
        (SuspensionGround.MediationAgreed, "mediation_agreed", "调解、和解期间双方同意中止"),
        (SuspensionGround.LegalInterpretation, "legal_interpretation", "法律适用问题需有权机关解释或者确认"),
        (SuspensionGround.DependsOnOtherCase, "depends_on_other_case", "需以其他尚未审结案件的结果为依据"),
        (SuspensionGround.NormativeDocumentReview, "normative_document_review", "附带审查规范性文件"),
        (SuspensionGround.Other, "other", "其他需要中止的情形"));

    /// <summary>Outcomes that count as a correction (纠错) by default (law.md §1.5).</summary>
    public static IReadOnlySet<ReconsiderationOutcome> Corrections { get; } = new HashSet<ReconsiderationOutcome>
    {
        ReconsiderationOutcome.Revoke, ReconsiderationOutcome.Change, ReconsiderationOutcome.ConfirmIllegal,
        ReconsiderationOutcome.OrderPerform, ReconsiderationOutcome.ConfirmInvalid,
    };

    /// <summary>Outcomes that are decisions (决定) rather than mediation, settlement or termination.</summary>
    public static bool IsDecision(this ReconsiderationOutcome o) =>
        o is not (ReconsiderationOutcome.Mediation or ReconsiderationOutcome.Settlement or ReconsiderationOutcome.Terminated);

    /// <summary>The article of the law version that provides for an outcome; null when the version has no such outcome.</summary>
    public static string? Article(ReconsiderationOutcome o, string lawVersion) => lawVersion == LawVersions.V2017
        ? o switch
        {
            ReconsiderationOutcome.Uphold => "《行政复议法》（2017）第二十八条第一款第（一）项",
            ReconsiderationOutcome.OrderPerform => "《行政复议法》（2017）第二十八条第一款第（二）项",
            ReconsiderationOutcome.Revoke or ReconsiderationOutcome.Change or ReconsiderationOutcome.ConfirmIllegal => "《行政复议法》（2017）第二十八条第一款第（三）项",
            ReconsiderationOutcome.DismissClaim => "《行政复议法实施条例》第四十八条第一款第（一）项",
            ReconsiderationOutcome.RejectApplication => "《行政复议法实施条例》第四十八条第一款第（二）项",
            ReconsiderationOutcome.Mediation => "《行政复议法实施条例》第五十条",
            ReconsiderationOutcome.Settlement => "《行政复议法实施条例》第四十条",
            ReconsiderationOutcome.Terminated => "《行政复议法实施条例》第四十二条",
            _ => null,
        }
        : o switch
        {
            ReconsiderationOutcome.Change => "《行政复议法》（2023）第六十三条",
            ReconsiderationOutcome.Revoke => "《行政复议法》（2023）第六十四条",
            ReconsiderationOutcome.ConfirmIllegal => "《行政复议法》（2023）第六十五条",
            ReconsiderationOutcome.OrderPerform => "《行政复议法》（2023）第六十六条",
            ReconsiderationOutcome.ConfirmInvalid => "《行政复议法》（2023）第六十七条",
            ReconsiderationOutcome.Uphold => "《行政复议法》（2023）第六十八条",
            ReconsiderationOutcome.DismissClaim => "《行政复议法》（2023）第六十九条",
            ReconsiderationOutcome.RejectApplication => "《行政复议法》（2023）第三十三条",
            ReconsiderationOutcome.Mediation => "《行政复议法》（2023）第七十三条",
            ReconsiderationOutcome.Settlement => "《行政复议法》（2023）第七十四条",
            _ => "《行政复议法》（2023）第四十一条",
        };
}

/// <summary>Versions of the Administrative Reconsideration Law a case can be governed by (law.md §0.2).</summary>
public static class LawVersions
{
    /// <summary>The 2017 text with the 2007 Implementing Regulation (cases received up to 2023-12-31).</summary>
    public const string V2017 = "2017";

    /// <summary>The 2023 revision, in force from 2024-01-01 (XFY23 Art.90).</summary>
    public const string V2023 = "2023";

    /// <summary>The day the 2023 revision took effect.</summary>
    public static readonly DateOnly Effective2023 = new(2024, 1, 1);

    /// <summary>The version in force on a receipt date — the default for a case (transitional rule UNVERIFIED, law.md §0.2).</summary>
    public static string ForReceipt(DateOnly receivedOn) => receivedOn >= Effective2023 ? V2023 : V2017;

    /// <summary>Parses "2017"/"2023"; null text gives the default for the receipt date.</summary>
    public static bool TryResolve(string? text, DateOnly receivedOn, out string version)
    {
        var t = text?.Trim();
        version = string.IsNullOrEmpty(t) ? ForReceipt(receivedOn) : t;
        return version is V2017 or V2023;
    }
}
