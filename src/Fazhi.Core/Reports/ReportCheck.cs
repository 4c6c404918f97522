using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Fazhi.Core.Reports;

/// <summary>A problem the completeness check found.</summary>
/// <param name="Part">The part it is in (code), or null for the report as a whole.</param>
/// <param name="Code">Stable code: empty-part, placeholder, unknown-figure, wrong-year, no-value, typed-figure, no-title.</param>
/// <param name="Message">Chinese message saying what to fix.</param>
public sealed record ReportProblem(
    [property: JsonPropertyName("part")] string? Part,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>
/// The check a report must pass before it goes to review and again before approval: a title; all five mandated parts
/// present (heading and text) and not empty; no 【…】 placeholder left; every figure reference resolves to an indicator
/// or manual fact; every figure belongs to the report year; no rate cites a zero denominator; and no figure typed by
/// hand where an indicator or manual fact exists (a number with the indicator's unit written right after its name).
/// </summary>
public static partial class ReportCheck
{
    // Phrases that name a figure in running text, with the figure they name. The names of the indicators and manual
    // facts are added at run time; these are the customary wordings of reports (indicators-and-reports.md §A4).
    private static readonly (string Phrase, string Id)[] Wordings =
    [
        ("收到行政复议申请", "reconsideration.received"),
        ("新收行政复议", "reconsideration.received"),
        ("受理行政复议", "reconsideration.accepted"),
        ("审结行政复议", "reconsideration.concluded"),
        ("复议纠错率", "reconsideration.correction_rate"),
        ("纠错率", "reconsideration.correction_rate"),
        ("调解和解结案率", "reconsideration.mediated_rate"),
        ("调撤率", "reconsideration.mediated_rate"),
        ("新收行政诉讼", "litigation.new"),
        ("一审行政诉讼案件", "litigation.new"),
        ("行政应诉案件", "litigation.new"),
        ("败诉率", "litigation.loss_rate"),
        ("出庭应诉率", "litigation.head_appearance_rate"),
        ("出庭出声率", "litigation.head_spoke_rate"),
        ("复议与诉讼案件比", "reconsideration_to_litigation_ratio"),
        ("会前学法", "manual.law_study_sessions"),
        ("普法宣传活动", "manual.legal_education_events"),
        ("法律顾问", "manual.legal_advisers"),
    ];

    // After a figure's name: up to 12 characters that end no clause, then a number (not a year) and its unit.
    [GeneratedRegex(@"^[^。；;！!？?\n{}【】]{0,12}?(?<!\d)(\d+(?:\.\d+)?)\s*(件次|人次|件|次|场|人|家|项|%|％|:1|：1)", RegexOptions.CultureInvariant)]
    private static partial Regex TypedNumber();

    /// <summary>Checks a report; an empty list means it passes.</summary>
    /// <param name="report">The report.</param>
    /// <param name="figures">The figures of the report year (to know which references have a value).</param>
    /// <param name="isKnown">Whether a figure id exists.</param>
    /// <param name="nameOf">Chinese name of a figure id.</param>
    public static IReadOnlyList<ReportProblem> Run(AnnualReport report, IReadOnlyDictionary<string, ReportFigure> figures, Func<string, bool> isKnown,
        Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(isKnown);
        ArgumentNullException.ThrowIfNull(nameOf);
        var problems = new List<ReportProblem>();
        if (string.IsNullOrWhiteSpace(report.Title))
        {
            problems.Add(new ReportProblem(null, "no-title", "报告标题不能为空。"));
        }

        var wordings = Wordings.Concat(figures.Values.Select(f => (f.Name, f.Indicator)))
            .Where(w => w.Item1.Length >= 3).DistinctBy(w => w.Item1).OrderByDescending(w => w.Item1.Length).ToList();
        var number = 0;
        foreach (var part in ReportCodes.Parts)
        {
            number++;
            var where = $"第{Documents.ChineseNumerals.Format(number)}部分（{part.Label()}）";
            var text = report.Text(part);
            if (string.IsNullOrWhiteSpace(report.Heading(part)))
            {
                problems.Add(new ReportProblem(part.Code(), "empty-part", $"{where}缺少标题。"));
            }

            var withoutPlaceholders = ReportText.PlaceholderPattern().Replace(text ?? "", "");
            if (string.IsNullOrWhiteSpace(ReportText.FigurePattern().Replace(withoutPlaceholders, "")))
            {
                problems.Add(new ReportProblem(part.Code(), "empty-part", $"{where}没有内容。五个部分都必须写明；确无其他需要报告的情况时，写明“无”。"));
            }

            foreach (Match m in ReportText.PlaceholderPattern().Matches(text ?? ""))
            {
                problems.Add(new ReportProblem(part.Code(), "placeholder", $"{where}还有待补充的内容：{m.Value}"));
            }

            foreach (var r in ReportText.References(text))
            {
                if (!isKnown(r.Id))
                {
                    problems.Add(new ReportProblem(part.Code(), "unknown-figure", $"{where}引用了不存在的指标“{r.Id}”。可用的指标见“指标”页面，人工填报事项见“人工填报”页面。"));
                }
                else if (r.Year is { } y && y != report.Year)
                {
                    problems.Add(new ReportProblem(part.Code(), "wrong-year", $"{where}引用了 {y} 年的数据（{{{{{r.Id}@{y}}}}}），报告中的数据必须属于报告年度 {report.Year} 年。"));
                }
                else if (figures.TryGetValue(r.Id, out var f) && f.Value is null)
                {
                    problems.Add(new ReportProblem(part.Code(), "no-value", $"{where}引用的“{f.Name}”在 {report.Year} 年分母为 0，没有数值，请删去或改写该句。"));
                }
            }

            // Typed figures: look after each wording, in the text with references and placeholders blanked out.
            var plain = ReportText.FigurePattern().Replace(withoutPlaceholders, m => new string('{', m.Length));
            var flagged = new HashSet<int>();
            foreach (var (phrase, id) in wordings)
            {
                var from = 0;
                while ((from = plain.IndexOf(phrase, from, StringComparison.Ordinal)) >= 0)
                {
                    var after = from + phrase.Length;
                    var m = TypedNumber().Match(plain[after..]);
                    if (m.Success && UnitFits(id, figures, m.Groups[2].Value) && flagged.Add(after + m.Groups[1].Index))
                    {
                        var quoted = plain.Substring(from, phrase.Length + m.Length);
                        var name = nameOf(id) ?? id;
                        problems.Add(new ReportProblem(part.Code(), "typed-figure",
                            $"{where}“{quoted}”中的数字是手工填写的；平台有对应的数据“{name}”，请改用 {{{{{id}}}}}，数字由平台生成并可追溯到案件或填报记录。"));
                    }

                    from = after;
                }
            }
        }

        return problems.DistinctBy(p => (p.Part, p.Message)).ToList();
    }

    private static bool UnitFits(string id, IReadOnlyDictionary<string, ReportFigure> figures, string unit)
    {
        var expected = figures.TryGetValue(id, out var f) ? f.Unit : null;
        return expected switch
        {
            "%" => unit is "%" or "％",
            ":1" => unit is ":1" or "：1",
            null => false,
            _ => unit is not ("%" or "％" or ":1" or "：1"),
        };
    }
}
