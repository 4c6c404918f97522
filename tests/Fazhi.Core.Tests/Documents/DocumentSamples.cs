using Fazhi.Core.Documents;

namespace Fazhi.Core.Tests.Documents;

/// <summary>A fictional case in 云溪区 with every field filled, for each document kind.</summary>
internal static class DocumentSamples
{
    public static ReconsiderationDocumentInput For(ReconsiderationDocumentKind kind, string law = "2023") => new()
    {
        Kind = kind,
        LawVersion = law,
        Issuer = "云溪区人民政府",
        DocumentNumber = kind switch
        {
            ReconsiderationDocumentKind.AcceptanceNotice => "云府复受〔2026〕12号",
            ReconsiderationDocumentKind.CorrectionNotice => "云府复补〔2026〕5号",
            ReconsiderationDocumentKind.NonAcceptanceDecision => "云府复不受〔2026〕2号",
            ReconsiderationDocumentKind.AnswerNotice => "云府复答〔2026〕12号",
            ReconsiderationDocumentKind.HearingNotice => "云府复听〔2026〕3号",
            ReconsiderationDocumentKind.SuspensionNotice => "云府复中〔2026〕1号",
            ReconsiderationDocumentKind.ResumptionNotice => "云府复恢〔2026〕1号",
            ReconsiderationDocumentKind.ExtensionNotice => "云府复延〔2026〕4号",
            _ => "云府复决〔2026〕12号",
        },
        CaseNumber = "云府复〔2026〕12号",
        Applicants = ["李明"],
        Agent = "王芳，云溪区明正律师事务所律师",
        Respondent = "云溪区市场监督管理局",
        ThirdParties = ["云溪区青禾食品有限公司"],
        Matter = "行政处罚",
        ChallengedAct = "于2026年9月20日作出的《行政处罚决定书》（云市监罚〔2026〕31号）",
        Request = "撤销被申请人作出的《行政处罚决定书》（云市监罚〔2026〕31号）",
        ApplicantArguments = "被申请人认定的违法事实不清，罚款数额明显过高",
        RespondentArguments = "该处罚决定认定事实清楚，证据确凿，程序合法，请求予以维持",
        ReceivedDate = new DateOnly(2026, 10, 9),
        AcceptedDate = new DateOnly(2026, 10, 13),
        CorrectionItems = ["写明明确的行政复议请求", "提供被申请复议的行政处罚决定书复印件", "提供申请人的身份证明复印件"],
        CorrectionDeadline = new DateOnly(2026, 10, 27),
        NonAcceptanceReason = "申请人提出的事项属于对行政机关作出的行政处分不服，不属于行政复议范围",
        HearingDate = new DateOnly(2026, 11, 18),
        HearingTime = new TimeOnly(9, 30),
        HearingPlace = "云溪区人民政府行政复议听证室（云溪区政务中心三楼）",
        HearingMatters = "被申请人认定违法事实的证据是否充分，罚款数额是否适当",
        SuspensionGround = "本案需要以云溪区人民法院正在审理的相关民事案件的结果为依据",
        SuspensionDate = new DateOnly(2026, 11, 2),
        ResumptionDate = new DateOnly(2026, 11, 25),
        ExtensionDays = 30,
        NewDueDate = new DateOnly(2027, 1, 11),
        Outcome = DecisionOutcome.Revoke,
        DecisionDetail = "责令被申请人自收到本决定书之日起六十日内重新作出行政行为",
        Facts = "2026年9月20日，被申请人以申请人销售的预包装食品标签不符合食品安全国家标准为由，对申请人作出罚款人民币二万元的行政处罚。经查，被申请人提交的现场检查笔录未载明检查的具体时间，抽样记录也缺少申请人的签字确认",
        Reasoning = "被申请人认定申请人违法事实的主要证据不足，作出的行政处罚决定认定事实不清，依法应予撤销",
        SigningDate = new DateOnly(2026, 12, 2),
    };
}
