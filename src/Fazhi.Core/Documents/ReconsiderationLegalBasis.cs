namespace Fazhi.Core.Documents;

/// <summary>
/// The article each reconsideration document cites, by law version: the Administrative Reconsideration Law as revised
/// in 2023 (in force from 2024-01-01), or the 2017 law with its 2007 implementing regulation where the law itself is
/// silent (correction, hearing, suspension, dismissal). Article numbers agree with <c>Clocks/RuleCatalog.cs</c>.
/// </summary>
public static class ReconsiderationLegalBasis
{
    /// <summary>The 2023 revision.</summary>
    public const string Version2023 = "2023";

    /// <summary>The 2017 amendment.</summary>
    public const string Version2017 = "2017";

    /// <summary>《中华人民共和国行政复议法》.</summary>
    public const string Law = "《中华人民共和国行政复议法》";

    /// <summary>《中华人民共和国行政复议法实施条例》 (2007), applied with the 2017 law.</summary>
    public const string Regulation = "《中华人民共和国行政复议法实施条例》";

    /// <summary>《中华人民共和国行政诉讼法》, whose Art. 45 gives 15 days to sue after a reconsideration decision.</summary>
    public const string LitigationLaw = "《中华人民共和国行政诉讼法》";

    /// <summary>True for "2017" and "2023".</summary>
    public static bool IsKnownVersion(string? version) => version is Version2017 or Version2023;

    /// <summary>The article a document rests on, e.g. 《中华人民共和国行政复议法》第三十条第一款; null for the decision
    /// (its basis depends on the outcome, see <see cref="ForOutcome"/>).</summary>
    public static string? ForDocument(ReconsiderationDocumentKind kind, string version, bool simpleProcedure = false)
    {
        var v2023 = version == Version2023;
        return kind switch
        {
            ReconsiderationDocumentKind.AcceptanceNotice => v2023 ? Law + "第三十条第一款" : Law + "第十七条",
            ReconsiderationDocumentKind.CorrectionNotice => v2023 ? Law + "第三十一条" : Regulation + "第二十九条",
            ReconsiderationDocumentKind.NonAcceptanceDecision => v2023 ? Law + "第三十条第二款" : Law + "第十七条第一款",
            ReconsiderationDocumentKind.AnswerNotice => v2023
                ? Law + (simpleProcedure ? "第五十四条" : "第四十八条")
                : Law + "第二十三条第一款",
            ReconsiderationDocumentKind.HearingNotice => v2023 ? Law + "第五十条、第五十一条" : Regulation + "第三十三条",
            ReconsiderationDocumentKind.SuspensionNotice => v2023 ? Law + "第三十九条第一款" : Regulation + "第四十一条第一款",
            ReconsiderationDocumentKind.ResumptionNotice => v2023 ? Law + "第三十九条第二款" : Regulation + "第四十一条第二款",
            ReconsiderationDocumentKind.ExtensionNotice => v2023 ? Law + "第六十二条第一款" : Law + "第三十一条第一款",
            ReconsiderationDocumentKind.Decision => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The article a decision of this outcome rests on; null when the law version has no such decision
    /// (确认无效 under the 2017 law).</summary>
    public static string? ForOutcome(DecisionOutcome outcome, string version)
    {
        if (version == Version2023)
        {
            return Law + outcome switch
            {
                DecisionOutcome.Change => "第六十三条第一款",
                DecisionOutcome.Revoke => "第六十四条第一款",
                DecisionOutcome.ConfirmIllegal => "第六十五条",
                DecisionOutcome.OrderPerform => "第六十六条",
                DecisionOutcome.ConfirmInvalid => "第六十七条",
                DecisionOutcome.Uphold => "第六十八条",
                DecisionOutcome.DismissClaim => "第六十九条",
                DecisionOutcome.RejectApplication => "第三十三条",
                _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
            };
        }

        return outcome switch
        {
            DecisionOutcome.Uphold => Law + "第二十八条第一款第（一）项",
            DecisionOutcome.OrderPerform => Law + "第二十八条第一款第（二）项",
            DecisionOutcome.Revoke or DecisionOutcome.Change or DecisionOutcome.ConfirmIllegal => Law + "第二十八条第一款第（三）项",
            DecisionOutcome.DismissClaim => Regulation + "第四十八条第一款第（一）项",
            DecisionOutcome.RejectApplication => Regulation + "第四十八条第一款第（二）项",
            DecisionOutcome.ConfirmInvalid => null,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        };
    }

    /// <summary>The article on a respondent that does not answer or submit its evidence in time.</summary>
    public static string NoAnswer(string version) =>
        version == Version2023 ? Law + "第七十条" : Law + "第二十八条第一款第（四）项";

    /// <summary>The respondent's statutory answer period: 10 working days (2023, ordinary procedure), 5 working days
    /// (2023, simple procedure), 10 days (2017).</summary>
    public static int DefaultAnswerDays(string version, bool simpleProcedure) =>
        version == Version2023 && simpleProcedure ? 5 : 10;

    /// <summary>How a period of days reads: the 2023 law counts its 3/5/7/10-day periods in working days (Art. 88);
    /// the 2017 law only its 5- and 7-day periods (Art. 40).</summary>
    public static string Days(int days, string version) =>
        (version == Version2023 && days is 3 or 5 or 7 or 10) || (version == Version2017 && days is 5 or 7)
            ? $"{days}个工作日"
            : $"{days}日";
}
