using System.Globalization;
using System.Text.RegularExpressions;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>
/// Decides which of the five mandated parts a report contains, by meaning rather than by exact heading (see
/// docs/report-analyzer.md). Top-level headings are matched against phrase families; a section whose heading says
/// nothing is judged by its first sentence, and otherwise counts as work done (measures). Inside any section,
/// paragraphs and sub-headings can add parts: a first-responsibility paragraph inside "measures" counts, but inside
/// the next-year plans it is a plan, and inside the shortcomings it is a shortcoming. A report without outline
/// headings is judged paragraph by paragraph.
/// </summary>
public static partial class PartDetector
{
    private const int MaxEvidencePerPart = 3;

    /// <summary>The parts found, their evidence, and notes about plan-only mentions.</summary>
    public static (Dictionary<ReportPart, bool> Parts, List<PartEvidence> Evidence, List<string> Notes) Detect(ReportOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        var evidence = new List<PartEvidence>();
        var notes = new List<string>();
        var year = outline.Year;

        var found = false;
        void Add(ReportPart part, string kind, string text, string rule)
        {
            found = true;
            if (evidence.Count(e => e.Part == part) < MaxEvidencePerPart)
            {
                evidence.Add(new PartEvidence(part, kind, Excerpt(text), rule));
            }
        }

        var sectionLabels = new List<HashSet<ReportPart>>();
        foreach (var section in outline.Sections)
        {
            var heading = section.Heading.Heading ?? "";
            var (labels, rules) = HeadingLabels(heading, year);
            if (labels.Count == 0)
            {
                // A heading that names no part: judge the section by its first sentence; by default it reports work done.
                var lead = LeadSentence(section.Heading.Body.Length > 0 ? section.Heading.Body : (section.Content.Count > 0 ? section.Content[0].Text : ""));
                var part = LeadLabel(lead, year) ?? ReportPart.Measures;
                labels.Add(part);
                rules[part] = part == ReportPart.Measures ? "标题未点明部分，正文叙述已做的工作，视为举措和成效" : "标题未点明部分，按首句判断";
            }

            foreach (var l in labels)
            {
                Add(l, "heading", heading, rules[l]);
            }

            sectionLabels.Add(labels);
        }

        var anyMeasuresSection = sectionLabels.Any(l => l.Contains(ReportPart.Measures));
        // Paragraphs and sub-headings, each judged in the context of its section.
        for (var s = 0; s < outline.Sections.Count; s++)
        {
            var context = sectionLabels[s];
            var units = new List<Segment> { outline.Sections[s].Heading };
            units.AddRange(outline.Sections[s].Content);
            for (var u = 0; u < units.Count; u++)
            {
                ParagraphRules(units[u], context, isSectionHead: u == 0, paragraphMode: false);
            }
        }

        var paragraphMode = outline.Sections.Count == 0;
        foreach (var p in outline.Preamble)
        {
            // The preamble is an introduction; it is read like a report without headings only when no section reports the work.
            ParagraphRules(p, [], isSectionHead: false, paragraphMode: paragraphMode || !anyMeasuresSection);
        }

        var parts = ReportParts.All.ToDictionary(p => p, p => evidence.Any(e => e.Part == p));
        return (parts, evidence, notes);

        void ParagraphRules(Segment unit, HashSet<ReportPart> context, bool isSectionHead, bool paragraphMode)
        {
            var kind = unit.Heading is not null && unit.Level > 0 ? "heading" : "paragraph";
            var sentences = Sentences(unit.Text).Where(x => !x.Contains("报告如下", StringComparison.Ordinal)).ToList();
            if (sentences.Count == 0)
            {
                return;
            }

            var lead = sentences[0];
            found = false;
            var inPlan = context.Contains(ReportPart.NextYear);
            var inShortcomings = context.Contains(ReportPart.Shortcomings);

            // Other matters: an explicit phrase anywhere.
            if (OtherPhrase().IsMatch(unit.Text) || OtherOpening().IsMatch(unit.Heading ?? lead))
            {
                Add(ReportPart.Other, kind, unit.Text, "含“其他需要报告的情况/事项”，或以“其他事项/其他情况”开头");
            }

            // Plans: a paragraph or sub-heading that starts with next year or the next step.
            var planLead = IsPlanLead(lead, year);
            if (planLead && !isSectionHead)
            {
                Add(ReportPart.NextYear, kind, unit.Text, "段落以下一年度/下一步开头，叙述安排");
            }

            // Shortcomings: a strong phrase in the heading or the first sentence, outside the plans.
            if (!inPlan && !planLead && !isSectionHead && ShortcomingPhrase().IsMatch(unit.Heading ?? lead))
            {
                Add(ReportPart.Shortcomings, kind, unit.Text, "标题或首句写明存在的问题、不足或短板");
            }

            // First responsibility: sentence by sentence, outside the plans and the shortcomings.
            foreach (var sentence in sentences)
            {
                if (!FirstResponsibilityPhrase().IsMatch(sentence))
                {
                    continue;
                }

                if (inPlan || planLead || IsPlanLead(sentence, year))
                {
                    notes.Add($"“第一责任人/述法”出现在下一年度安排中，属于计划，不算作履职情况：{Excerpt(sentence)}");
                }
                else if (inShortcomings || ShortcomingPhrase().IsMatch(sentence) || WeaknessPhrase().IsMatch(sentence))
                {
                    notes.Add($"“第一责任人”出现在问题和不足中，不算作履职情况：{Excerpt(sentence)}");
                }
                else if (!isSectionHead || !context.Contains(ReportPart.FirstResponsibility))
                {
                    var where = unit.Heading is not null && unit.Level > 0 && FirstResponsibilityPhrase().IsMatch(unit.Heading) ? "heading" : "paragraph";
                    Add(ReportPart.FirstResponsibility, where, sentence, "叙述党政主要负责人履行第一责任人职责或述法");
                }

                break;
            }

            // Work done: in a report without headings, a paragraph that is none of the above and narrates the year's work.
            if (paragraphMode && !found && MeasuresPhrase().IsMatch(unit.Text))
            {
                Add(ReportPart.Measures, kind, unit.Text, "段落叙述本年度开展的工作和成效");
            }
        }
    }

    /// <summary>The parts a top-level heading names, with the rule for each.</summary>
    public static (HashSet<ReportPart> Labels, Dictionary<ReportPart, string> Rules) HeadingLabels(string heading, int? year)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var labels = new HashSet<ReportPart>();
        var rules = new Dictionary<ReportPart, string>();
        void Label(ReportPart p, string rule)
        {
            labels.Add(p);
            rules[p] = rule;
        }

        if (OtherHeading().IsMatch(heading))
        {
            Label(ReportPart.Other, "标题为“其他……”");
            return (labels, rules);
        }

        if (FirstResponsibilityPhrase().IsMatch(heading))
        {
            Label(ReportPart.FirstResponsibility, "标题含“第一责任人/主要负责人履行职责/述法”");
        }

        var years = YearMention().Matches(heading).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var nextYear = year is { } y && years.Contains(y + 1);
        var onlyOtherYears = years.Count > 0 && !nextYear;
        if (NextTime().IsMatch(heading) || (nextYear && (PlanWord().IsMatch(heading) || heading.Contains("工作", StringComparison.Ordinal)))
            || (PlanWord().IsMatch(heading) && !onlyOtherYears))
        {
            Label(ReportPart.NextYear, nextYear ? $"标题为{year + 1}年的安排/计划/思路" : "标题含“下一步/下一年度”或“安排/计划/思路/打算”");
        }

        // 问题/困难/挑战 in a heading that solves them (解决群众急难愁盼问题) names a measure, not a shortcoming.
        if (ShortcomingHeading().IsMatch(heading) || (ProblemWord().IsMatch(heading) && !SolvingVerb().IsMatch(heading)))
        {
            Label(ReportPart.Shortcomings, "标题含“不足/问题/短板/差距/原因”");
        }

        if (labels.Count == 0 && MeasuresHeading().IsMatch(heading))
        {
            Label(ReportPart.Measures, "标题含“举措/成效/主要工作/工作情况/亮点/基本情况”");
        }

        return (labels, rules);
    }

    private static ReportPart? LeadLabel(string lead, int? year) =>
        OtherPhrase().IsMatch(lead) || OtherOpening().IsMatch(lead) ? ReportPart.Other
        : IsPlanLead(lead, year) ? ReportPart.NextYear
        : ShortcomingPhrase().IsMatch(lead) ? ReportPart.Shortcomings
        : FirstResponsibilityPhrase().IsMatch(lead) ? ReportPart.FirstResponsibility
        : null;

    /// <summary>True when a sentence opens on next year or the next step (下一步、明年、{year+1}年…) or says what will be done then.</summary>
    public static bool IsPlanLead(string sentence, int? year)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var s = sentence.TrimStart();
        if (PlanOpening().IsMatch(s) || PlanStatement().IsMatch(s))
        {
            return true;
        }

        if (year is { } y)
        {
            var next = (y + 1).ToString(CultureInfo.InvariantCulture) + "年";
            // "2024年，我区将…" is a plan; "2024年1月，区政府印发…" in a report on 2023 reports an event after the year.
            var at = s.IndexOf(next, StringComparison.Ordinal);
            if (at < 0 || at >= 12 || (at + next.Length < s.Length && (char.IsAsciiDigit(s[at + next.Length]) || s[at + next.Length] == '初')))
            {
                return false;
            }

            return PlanVerb().IsMatch(s[at..Math.Min(s.Length, at + 30)]);
        }

        return false;
    }

    /// <summary>Splits text into sentences at 。！？；and their ASCII forms.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ("。！？；!?;".Contains(text[i], StringComparison.Ordinal))
            {
                var s = text[start..(i + 1)].Trim();
                if (s.Length > 1)
                {
                    yield return s;
                }

                start = i + 1;
            }
        }

        if (start < text.Length && text[start..].Trim() is { Length: > 1 } rest)
        {
            yield return rest;
        }
    }

    private static string LeadSentence(string text) => Sentences(text).FirstOrDefault() ?? "";

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "……";

    [GeneratedRegex(@"(20\d{2})\s*年")]
    private static partial Regex YearMention();

    [GeneratedRegex(@"^[\s“""]*其[他它]")]
    private static partial Regex OtherHeading();

    [GeneratedRegex(@"其[他它](?:需要|需|应当|应)(?:报告|说明)的?(?:情况|事项|问题)|其[他它](?:报告|说明)事项")]
    private static partial Regex OtherPhrase();

    [GeneratedRegex(@"^[\s“""]*其[他它](?:事项|情况|需|应)")]
    private static partial Regex OtherOpening();

    [GeneratedRegex(@"第一责任人|述法|(?:主要负责人|主要领导|一把手).{0,15}(?:职责|履职|履行)|履行.{0,12}法治建设.{0,6}职责")]
    private static partial Regex FirstResponsibilityPhrase();

    [GeneratedRegex(@"下一?年度?|下一?步|下阶段|明年|来年|今后|新的一年")]
    private static partial Regex NextTime();

    [GeneratedRegex(@"安排|计划|思路|打算|工作重点|重点工作|工作要点|重点任务|目标任务|谋划|展望|努力方向|设想")]
    private static partial Regex PlanWord();

    [GeneratedRegex(@"^(?:下一?步|下一?年度?|下阶段|明年|来年|今后|新的一年)")]
    private static partial Regex PlanOpening();

    [GeneratedRegex(@"^.{0,12}(?:下一?步|下一?年度|明年|来年|新的一年)[，,、\s]*(?:工作中)?[，,]?(?:我们|我[省市区县局委办镇乡]|全[省市区县])?(?:将|要|计划|拟|打算)")]
    private static partial Regex PlanStatement();

    [GeneratedRegex(@"将|要|计划|拟|打算|安排|重点|目标|思路|总体要求")]
    private static partial Regex PlanVerb();

    [GeneratedRegex(@"不足|短板|差距|弱项|薄弱|欠缺|原因")]
    private static partial Regex ShortcomingHeading();

    [GeneratedRegex(@"问题|困难|挑战")]
    private static partial Regex ProblemWord();

    [GeneratedRegex(@"解决|化解|整改|破解|聚焦|针对|处理|排查|治理|回应|应对")]
    private static partial Regex SolvingVerb();

    [GeneratedRegex(@"(?:还|仍|也|依然|仍然|尚|但)(?:然)?(?:存在|有)着?(?:一些|以下|不少|诸多|若干|一定的?)?的?(?:问题|不足|短板|差距|薄弱|弱项|困难)|不足之处|短板(?:和|与|及)?弱项|问题(?:和|与|及)不足|不足(?:和|与|及)(?:原因|问题)|差距(?:和|与|及)不足|存在的(?:主要)?(?:问题|不足)")]
    private static partial Regex ShortcomingPhrase();

    [GeneratedRegex(@"(?:意识|能力|力度|作用).{0,4}(?:不强|不足|不够|有待|还需|仍需|需进一步)")]
    private static partial Regex WeaknessPhrase();

    [GeneratedRegex(@"举措|成效|主要工作|工作情况|亮点|基本情况|做法|成绩|进展|回顾|开展情况|推进情况|落实情况|完成情况|取得|总结")]
    private static partial Regex MeasuresHeading();

    [GeneratedRegex(@"开展|推进|完成|出台|印发|办理|受理|建立|健全|举办|落实|取得|成效|举措|审结|组织")]
    private static partial Regex MeasuresPhrase();
}
