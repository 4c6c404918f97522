namespace Fazhi.Core.ReportAnalysis;

/// <summary>The five items a 法治政府建设年度报告 must contain (中办/国办 2019 规定, art. 25).</summary>
public enum ReportPart
{
    /// <summary>上一年度推进法治政府建设的主要举措和成效.</summary>
    Measures,

    /// <summary>存在的不足和原因.</summary>
    Shortcomings,

    /// <summary>党政主要负责人履行推进法治建设第一责任人职责的情况.</summary>
    FirstResponsibility,

    /// <summary>下一年度推进法治政府建设的主要安排.</summary>
    NextYear,

    /// <summary>其他需要报告的情况.</summary>
    Other,
}

/// <summary>Stable codes and Chinese labels of <see cref="ReportPart"/>.</summary>
public static class ReportParts
{
    /// <summary>All parts in the order the rules list them.</summary>
    public static readonly IReadOnlyList<ReportPart> All =
        [ReportPart.Measures, ReportPart.Shortcomings, ReportPart.FirstResponsibility, ReportPart.NextYear, ReportPart.Other];

    /// <summary>The JSON key of a part.</summary>
    public static string Code(this ReportPart part) => part switch
    {
        ReportPart.Measures => "measures",
        ReportPart.Shortcomings => "shortcomings",
        ReportPart.FirstResponsibility => "first_responsibility",
        ReportPart.NextYear => "next_year",
        _ => "other",
    };

    /// <summary>The Chinese name of a part.</summary>
    public static string Label(this ReportPart part) => part switch
    {
        ReportPart.Measures => "主要举措和成效",
        ReportPart.Shortcomings => "存在的不足和原因",
        ReportPart.FirstResponsibility => "党政主要负责人履行第一责任人职责情况",
        ReportPart.NextYear => "下一年度主要安排",
        _ => "其他需要报告的情况",
    };
}

/// <summary>One block of extracted text (a paragraph, a line, an HTML block) with its heading level from the document's markup, if any.</summary>
/// <param name="Text">The text, trimmed.</param>
/// <param name="StyleLevel">1 for a top heading (DOCX "Heading 1", HTML h1/h2 …); null for body text.</param>
/// <param name="IsTitle">True when the markup marks the block as the document title.</param>
public sealed record TextBlock(string Text, int? StyleLevel = null, bool IsTitle = false);

/// <summary>The text of an uploaded report, in reading order.</summary>
/// <param name="Format">txt, html or docx.</param>
/// <param name="Encoding">The text encoding detected (utf-8, gb18030, utf-16), or null for DOCX.</param>
/// <param name="Blocks">Blocks in reading order.</param>
public sealed record ReportText(string Format, string? Encoding, IReadOnlyList<TextBlock> Blocks);

/// <summary>Why a part counts as present: the heading or paragraph that matched.</summary>
/// <param name="Part">The part.</param>
/// <param name="Kind">heading or paragraph.</param>
/// <param name="Text">The heading, or the start of the paragraph.</param>
/// <param name="Rule">The rule that matched, in Chinese.</param>
public sealed record PartEvidence(ReportPart Part, string Kind, string Text, string Rule);

/// <summary>A numeric fact quoted from the report.</summary>
/// <param name="Text">The clause around the number, as written.</param>
/// <param name="Value">The number as written (2.3 in "2.3万件").</param>
/// <param name="Unit">The unit exactly as written: 件, %, 万元, 万人次, 百分之 …</param>
/// <param name="Approximate">True for 余/多/以上/约 …: not used in arithmetic checks.</param>
public sealed record ReportFact(string Text, decimal Value, string Unit, bool Approximate)
{
    /// <summary>Index of the text block the fact comes from.</summary>
    internal int Block { get; init; }

    /// <summary>Offset of the number in the block.</summary>
    internal int Start { get; init; }

    /// <summary>Offset just after the unit in the block.</summary>
    internal int End { get; init; }

    /// <summary>The unit without a 万/亿 multiplier (件 for 万件); "%" for every percentage.</summary>
    internal string BaseUnit { get; init; } = "";

    /// <summary>The value in <see cref="BaseUnit"/> (23000 for 2.3万件).</summary>
    internal decimal Normalized { get; init; }

    /// <summary>True for a percentage.</summary>
    public bool IsPercent => BaseUnit == "%";
}

/// <summary>A stated figure that the numbers around it contradict.</summary>
/// <param name="Kind">rate (a percentage against its counts) or total (parts against a stated total).</param>
/// <param name="Text">The sentence, as written.</param>
/// <param name="Stated">The figure as written (88.8 for 88.8%; the total for a total).</param>
/// <param name="Computed">What the numbers give (rounded to 2 decimals for a rate).</param>
/// <param name="Explanation">Why, in Chinese.</param>
public sealed record ReportInconsistency(string Kind, string Text, decimal Stated, decimal Computed, string Explanation);

/// <summary>A rate that the counts around it confirm.</summary>
/// <param name="Text">The clause of the rate.</param>
/// <param name="Stated">The rate as written.</param>
/// <param name="Numerator">The count that gives it, as written.</param>
/// <param name="Denominator">The count it is divided by, as written.</param>
/// <param name="Computed">numerator ÷ denominator × 100, rounded to 4 decimals.</param>
public sealed record RateCheck(string Text, decimal Stated, string Numerator, string Denominator, decimal Computed);

/// <summary>The analysis of one report.</summary>
/// <param name="Title">The document title, if found.</param>
/// <param name="Year">The year reported on, if found.</param>
/// <param name="Format">txt, html or docx.</param>
/// <param name="Parts">Which of the five parts are present.</param>
/// <param name="Evidence">For each part found, what matched.</param>
/// <param name="Facts">Numeric facts in reading order.</param>
/// <param name="Inconsistencies">Arithmetic that does not add up.</param>
/// <param name="RateChecks">Rates confirmed by a pair of counts.</param>
/// <param name="Notes">Plan-only mentions and other remarks, in Chinese.</param>
public sealed record ReportAnalysisResult(
    string? Title,
    int? Year,
    string Format,
    IReadOnlyDictionary<ReportPart, bool> Parts,
    IReadOnlyList<PartEvidence> Evidence,
    IReadOnlyList<ReportFact> Facts,
    IReadOnlyList<ReportInconsistency> Inconsistencies,
    IReadOnlyList<RateCheck> RateChecks,
    IReadOnlyList<string> Notes)
{
    /// <summary>The parts not found.</summary>
    public IEnumerable<ReportPart> Missing => ReportParts.All.Where(p => !Parts[p]);
}
