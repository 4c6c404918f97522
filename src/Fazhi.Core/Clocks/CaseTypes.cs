namespace Fazhi.Core.Clocks;

/// <summary>Chinese labels of the lines of work whose cases carry clocks (glossary.md names).</summary>
public static class CaseTypes
{
    /// <summary>The label of a case type code; the code itself when unknown (cases from other systems).</summary>
    public static string Label(string caseType) => caseType switch
    {
        "reconsideration" => "行政复议",
        "reconsideration-letter" => "行政复议意见书",
        "litigation" => "行政应诉",
        "enforcement" => "行政执法",
        "penalty" => "行政处罚",
        "random-inspection" => "双随机抽查",
        "mediation" => "人民调解",
        "legality-review" => "合法性审查",
        "normative-document" => "规范性文件",
        "major-decision" => "重大行政决策",
        "information-request" => "依申请公开",
        _ => caseType,
    };
}
