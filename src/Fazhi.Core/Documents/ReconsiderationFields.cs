using System.Globalization;

namespace Fazhi.Core.Documents;

/// <summary>
/// The placeholders reconsideration templates may use, each with its Chinese label, the input property it comes from
/// (the key of a <see cref="Common.ValidationError"/> when it is missing) and how its text is made.
/// </summary>
public static class ReconsiderationFields
{
    private static readonly Field[] Table =
    [
        new("issuer", "行政复议机关", "issuer", i => Text(i.Issuer)),
        new("document_number", "文号", "documentNumber", i => Text(i.DocumentNumber)),
        new("case_number", "案号", "caseNumber", i => Text(i.CaseNumber)),
        new("applicants", "申请人", "applicants", i => Join(i.Applicants)),
        new("agent", "委托代理人", "agent", i => Text(i.Agent)),
        new("respondent", "被申请人", "respondent", i => Text(i.Respondent)),
        new("third_parties", "第三人", "thirdParties", i => Join(i.ThirdParties)),
        new("all_parties", "申请人和被申请人", "applicants", AllParties),
        new("claimants", "申请人", "applicants", i => [i.ThirdParties.Any(t => !string.IsNullOrWhiteSpace(t)) ? "申请人、第三人" : "申请人"]),
        new("matter", "复议事项", "matter", i => Text(i.Matter)),
        new("challenged_act", "被申请复议的行政行为", "challengedAct", i => Text(i.ChallengedAct)),
        new("request", "行政复议请求", "request", i => Text(i.Request)),
        new("applicant_arguments", "申请人的主张", "applicantArguments", i => Text(i.ApplicantArguments)),
        new("respondent_arguments", "被申请人的答复意见", "respondentArguments", i => Text(i.RespondentArguments)),
        new("received_date", "收到申请日期", "receivedDate", i => Date(i.ReceivedDate)),
        new("accepted_date", "受理日期", "acceptedDate", i => Date(i.AcceptedDate)),
        new("correction_items", "补正事项", "correctionItems", i => [.. i.CorrectionItems.Where(c => !string.IsNullOrWhiteSpace(c)).Select(Clean)], IsList: true),
        new("correction_deadline", "补正期限", "correctionDeadline", i => Date(i.CorrectionDeadline)),
        new("non_acceptance_reason", "不予受理的理由", "nonAcceptanceReason", i => Text(i.NonAcceptanceReason)),
        new("answer_period", "答复期限", "answerPeriodDays", i => [ReconsiderationLegalBasis.Days(AnswerDays(i), i.LawVersion)]),
        new("answer_period_days", "答复期限（日数）", "answerPeriodDays", i => [AnswerDays(i).ToString(CultureInfo.InvariantCulture)]),
        new("decision_period", "作出决定的期限", "lawVersion", i => [i.LawVersion == ReconsiderationLegalBasis.Version2023 && i.SimpleProcedure ? "三十日" : "六十日"]),
        new("hearing_date", "听证日期", "hearingDate", i => Date(i.HearingDate)),
        new("hearing_time", "听证时间", "hearingTime", i => i.HearingTime is { } t ? [ChineseTime(t)] : []),
        new("hearing_place", "听证地点", "hearingPlace", i => Text(i.HearingPlace)),
        new("hearing_matters", "拟听证事项", "hearingMatters", i => Text(i.HearingMatters)),
        new("suspension_ground", "中止原因", "suspensionGround", i => Text(i.SuspensionGround)),
        new("suspension_date", "中止日期", "suspensionDate", i => Date(i.SuspensionDate)),
        new("resumption_date", "恢复审理日期", "resumptionDate", i => Date(i.ResumptionDate)),
        new("extension_days", "延长天数", "extensionDays", i => i.ExtensionDays is { } d ? [d.ToString(CultureInfo.InvariantCulture)] : []),
        new("new_due_date", "延长后的决定期限", "newDueDate", i => Date(i.NewDueDate)),
        new("outcome", "决定结果", "outcome", i => i.Outcome is { } o ? [o.Label()] : []),
        new("outcome_text", "决定结果", "outcome", OutcomeText),
        new("outcome_basis", "决定结果", "outcome", i => i.Outcome is { } o && ReconsiderationLegalBasis.ForOutcome(o, i.LawVersion) is { } b ? [b] : []),
        new("decision_detail", "决定的具体内容", "decisionDetail", i => Text(i.DecisionDetail)),
        new("facts", "经审理查明的事实", "facts", i => Text(i.Facts)),
        new("reasoning", "本机关认为（理由）", "reasoning", i => Text(i.Reasoning)),
        new("signing_date", "成文日期", "signingDate", i => [OfficialDocx.ChineseDate(i.SigningDate)]),
        new("law", "适用法律", "lawVersion", _ => [ReconsiderationLegalBasis.Law]),
        new("basis", "法律依据", "lawVersion", i => ReconsiderationLegalBasis.ForDocument(i.Kind, i.LawVersion, i.SimpleProcedure) is { } b ? [b] : []),
        new("no_answer_basis", "逾期不答复的法律后果依据", "lawVersion", i => [ReconsiderationLegalBasis.NoAnswer(i.LawVersion)]),
    ];

    private static readonly Dictionary<string, Field> ByName = Table.ToDictionary(f => f.Definition.Name, StringComparer.Ordinal);

    /// <summary>Every placeholder, for <see cref="DocumentTemplate.Parse"/>.</summary>
    public static IReadOnlyList<TemplateField> Definitions { get; } = [.. Table.Select(f => f.Definition)];

    /// <summary>The placeholder's values for this input: empty when not provided, one element for plain fields.</summary>
    public static IReadOnlyList<string> ValueOf(string name, ReconsiderationDocumentInput input) =>
        ByName.TryGetValue(name, out var field) ? field.Value(input) : [];

    /// <summary>The input property (camelCase) a placeholder comes from, used as the validation error's key.</summary>
    public static string PropertyOf(string name) => ByName.TryGetValue(name, out var field) ? field.Property : name;

    /// <summary>The placeholder's Chinese label.</summary>
    public static string LabelOf(string name) => ByName.TryGetValue(name, out var field) ? field.Definition.Label : name;

    /// <summary>A time as documents print it: 上午9时30分, 下午2时.</summary>
    public static string ChineseTime(TimeOnly time)
    {
        var (part, hour) = time.Hour switch
        {
            < 12 => ("上午", time.Hour),
            12 => ("中午", 12),
            < 18 => ("下午", time.Hour - 12),
            _ => ("晚上", time.Hour - 12),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{part}{hour}时") + (time.Minute == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{time.Minute}分"));
    }

    private static int AnswerDays(ReconsiderationDocumentInput i) =>
        i.AnswerPeriodDays ?? ReconsiderationLegalBasis.DefaultAnswerDays(i.LawVersion, i.SimpleProcedure);

    private static string[] AllParties(ReconsiderationDocumentInput i)
    {
        var applicants = Join(i.Applicants);
        var respondent = Text(i.Respondent);
        if (applicants.Length == 0 || respondent.Length == 0)
        {
            return [];
        }

        return [string.Join("、", [applicants[0], respondent[0], .. Join(i.ThirdParties)])];
    }

    private static string[] OutcomeText(ReconsiderationDocumentInput i)
    {
        if (i.Outcome is not { } outcome)
        {
            return [];
        }

        var act = i.ChallengedAct is null ? "" : Clean(i.ChallengedAct);
        var detail = i.DecisionDetail is null ? "" : Clean(i.DecisionDetail);
        var then = detail.Length > 0 ? "，" + detail : "";
        var text = outcome switch
        {
            DecisionOutcome.Uphold => $"维持被申请人{act}",
            DecisionOutcome.Revoke => $"撤销被申请人{act}{then}",
            DecisionOutcome.Change => $"变更被申请人{act}" + (detail.Length > 0 ? "：" + detail : ""),
            DecisionOutcome.ConfirmIllegal => $"确认被申请人{act}违法{then}",
            DecisionOutcome.OrderPerform => "责令被申请人" + (detail.Length > 0 ? detail : "依法履行法定职责"),
            DecisionOutcome.ConfirmInvalid => $"确认被申请人{act}无效{then}",
            DecisionOutcome.DismissClaim => "驳回申请人的行政复议请求",
            DecisionOutcome.RejectApplication => "驳回申请人的行政复议申请",
            _ => throw new ArgumentOutOfRangeException(nameof(i), outcome, null),
        };
        return [text + "。"];
    }

    private static string[] Text(string? value) => string.IsNullOrWhiteSpace(value) ? [] : [Clean(value)];

    private static string[] Date(DateOnly? value) => value is { } d ? [OfficialDocx.ChineseDate(d)] : [];

    private static string[] Join(IReadOnlyList<string> values)
    {
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(Clean).ToList();
        return present.Count == 0 ? [] : [string.Join("、", present)];
    }

    /// <summary>Trims, and drops final punctuation the template supplies itself (so “……。” does not become “……。。”).</summary>
    private static string Clean(string value) => value.Trim().TrimEnd('。', '；', ';', '，', ',').TrimEnd();

    private sealed record Field(string Name, string Label, string Property, Func<ReconsiderationDocumentInput, IReadOnlyList<string>> Value, bool IsList = false)
    {
        public TemplateField Definition { get; } = new(Name, Label, IsList);
    }
}
