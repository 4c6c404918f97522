using System.Globalization;
using System.Text.RegularExpressions;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>
/// Checks the report's arithmetic, conservatively (a false alarm on a real report is a bug):
/// <list type="bullet">
/// <item>A rate ("纠错率1.63%", "占72.3%", "比例为…") is tested against every ordered pair of same-unit counts in its
/// sentence and the sentence before; a pair gives it when a/b×100 rounds half-up, or truncates, to the stated figure at
/// its stated precision. When no pair does, it is reported only if it is evidently about those counts: at least two
/// same-unit counts nearby, and either a bare "占" right after a count (not "占全市总量的…", whose whole may not be
/// stated) or a count whose clause names what the rate measures
/// (the two characters before 率: 纠错 for 纠错率). Approximate figures (余, 多, 以上, 约) and changes (提升, 增长…) are
/// not checked.</item>
/// <item>A total followed by "其中" or "分别为" and same-unit parts in the same sentence: the parts may not add up to
/// more than the total; when the list is exhaustive ("分别为", or the last part is 其他/其余) they must equal it.</item>
/// </list>
/// </summary>
public static partial class ArithmeticChecker
{
    /// <summary>The inconsistencies and the confirmed rates.</summary>
    public static (List<ReportInconsistency> Inconsistencies, List<RateCheck> Checks) Check(IReadOnlyList<TextBlock> blocks, IReadOnlyList<ReportFact> facts)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(facts);
        var inconsistencies = new List<ReportInconsistency>();
        var checks = new List<RateCheck>();
        foreach (var group in facts.GroupBy(f => f.Block))
        {
            var text = blocks[group.Key].Text;
            var sentences = SentenceRanges(text);
            var blockFacts = group.ToList();
            foreach (var rate in blockFacts.Where(f => f.IsPercent && !f.Approximate))
            {
                CheckRate(text, sentences, blockFacts, rate, inconsistencies, checks);
            }

            foreach (var (start, end) in sentences)
            {
                CheckTotals(text, start, end, [.. blockFacts.Where(f => f.Start >= start && f.End <= end)], inconsistencies);
            }
        }

        return (inconsistencies, checks);
    }

    private static void CheckRate(string text, List<(int Start, int End)> sentences, List<ReportFact> facts, ReportFact rate,
        List<ReportInconsistency> inconsistencies, List<RateCheck> checks)
    {
        var clause = FactExtractor.Clause(text, rate.Start, rate.End);
        var clauseStart = FactExtractor.ClauseStart(text, rate.Start);
        var prefix = text[clauseStart..rate.Start].Trim();
        var form = RateForm().Match(prefix);
        if (!form.Success || Change().IsMatch(prefix))
        {
            return;
        }

        var s = sentences.FindIndex(r => r.Start <= rate.Start && rate.Start < r.End);
        var windowStart = s > 0 ? sentences[s - 1].Start : sentences[Math.Max(s, 0)].Start;
        var windowEnd = sentences[Math.Max(s, 0)].End;
        var nearby = facts.Where(f => !f.IsPercent && !f.Approximate && f.BaseUnit != "个百分点" && f.Start >= windowStart && f.End <= windowEnd && f.Normalized > 0).ToList();
        var decimals = Decimals(rate.Value);
        var stem = form.Groups["stem"].Value;
        var current = sentences[Math.Max(s, 0)];
        // The count the rate is evidently about: the one just before "占", or the one whose clause names what the rate measures.
        ReportFact? anchor = null;
        if (form.Groups["zhan"].Success)
        {
            // "占72.3%" divides by a count stated nearby; "占全市总量的15%" names a whole that may not be stated at all.
            anchor = BareShare().IsMatch(prefix) ? nearby.LastOrDefault(f => f.End <= rate.Start && OnlyPunctuationBetween(text, f.End, clauseStart)) : null;
        }
        else if (stem.Length == 2 && stem.All(ReportTextReader.IsCjk))
        {
            anchor = nearby.LastOrDefault(f => f.Text.Contains(stem, StringComparison.Ordinal));
        }

        // Try the likeliest pairs first: the anchor as numerator, then counts of the rate's own sentence, then the window.
        var ordered = nearby
            .OrderBy(f => ReferenceEquals(f, anchor) ? 0 : f.Start >= current.Start ? 1 : 2)
            .ThenBy(f => Math.Abs(rate.Start - f.End))
            .ToList();
        foreach (var a in ordered)
        {
            foreach (var b in ordered)
            {
                if (ReferenceEquals(a, b) || a.BaseUnit != b.BaseUnit)
                {
                    continue;
                }

                if (Percent(a, b) is not { } r)
                {
                    continue;
                }

                if (Gives(r, rate.Value, decimals))
                {
                    checks.Add(new RateCheck(clause, rate.Value, Written(a), Written(b), Math.Round(r, 4, MidpointRounding.AwayFromZero)));
                    return;
                }
            }
        }

        // No pair gives the rate: say so only when the rate is evidently about the counts nearby.
        if (anchor is null || nearby.Count(f => f.BaseUnit == anchor.BaseUnit) < 2)
        {
            return;
        }

        (ReportFact A, ReportFact B, decimal R)? best = null;
        foreach (var b in nearby.Where(f => f.BaseUnit == anchor.BaseUnit && !ReferenceEquals(f, anchor)))
        {
            if (Percent(anchor, b) is not { } r)
            {
                continue;
            }

            if (best is null || Math.Abs(r - rate.Value) < Math.Abs(best.Value.R - rate.Value))
            {
                best = (anchor, b, r);
            }
        }

        if (best is not { } x)
        {
            return;
        }

        var computed = Math.Round(x.R, 2, MidpointRounding.AwayFromZero);
        var sentence = text[windowStart..windowEnd].Trim();
        var count = nearby.Count(f => f.BaseUnit == anchor.BaseUnit);
        inconsistencies.Add(new ReportInconsistency("rate", Excerpt(sentence), rate.Value,
            computed,
            $"比率 {Format(rate.Value)}% 与附近的数字对不上：最接近的是 {Written(x.A)} ÷ {Written(x.B)} = {Format(computed)}%（按所写精度应为 {Format(Math.Round(x.R, decimals, MidpointRounding.AwayFromZero))}%），附近 {count} 个以“{anchor.BaseUnit}”计的数字中没有任何两个之比为 {Format(rate.Value)}%。"));
    }

    private static void CheckTotals(string text, int start, int end, List<ReportFact> facts, List<ReportInconsistency> inconsistencies)
    {
        foreach (Match m in PartsMarker().Matches(text[start..end]))
        {
            var at = start + m.Index;
            var exhaustiveMarker = m.Value.StartsWith("分别", StringComparison.Ordinal);
            // The total is the count just before the marker, with only punctuation between.
            var total = facts.LastOrDefault(f => f.End <= at && !f.IsPercent && OnlyPunctuationBetween(text, f.End, at));
            if (total is null || total.Approximate || total.Value == 0)
            {
                continue;
            }

            var parts = new List<ReportFact>();
            foreach (var f in facts.Where(f => f.Start > at))
            {
                if (f.BaseUnit != total.BaseUnit || f.Approximate || NewTotal().IsMatch(f.Text) || (parts.Count > 0 && PartsMarker().IsMatch(text[parts[^1].End..f.Start])))
                {
                    break;
                }

                parts.Add(f);
            }

            if (parts.Count < 2)
            {
                continue;
            }

            var sum = parts.Sum(p => p.Normalized);
            var exhaustive = exhaustiveMarker || RestPart().IsMatch(parts[^1].Text);
            var sentence = Excerpt(text[start..end].Trim());
            var list = string.Join(" + ", parts.Select(Written));
            if (sum > total.Normalized)
            {
                inconsistencies.Add(new ReportInconsistency("total", sentence, total.Value, sum / (total.Normalized / total.Value),
                    $"分项之和超过总数：{list} = {Format(sum / (total.Normalized / total.Value))}{total.Unit}，大于所写的总数 {Written(total)}。"));
            }
            else if (exhaustive && sum != total.Normalized)
            {
                inconsistencies.Add(new ReportInconsistency("total", sentence, total.Value, sum / (total.Normalized / total.Value),
                    $"分项列举完整（{(exhaustiveMarker ? "“分别为”" : "最后一项为“其他/其余”")}），但 {list} = {Format(sum / (total.Normalized / total.Value))}{total.Unit}，与所写的总数 {Written(total)} 不符。"));
            }
        }
    }

    /// <summary>True when <paramref name="computed"/> rounds half-up, or truncates, to <paramref name="stated"/> at <paramref name="decimals"/> places.</summary>
    public static bool Gives(decimal computed, decimal stated, int decimals) =>
        Math.Round(computed, decimals, MidpointRounding.AwayFromZero) == stated || Math.Round(computed, decimals, MidpointRounding.ToZero) == stated;

    // a ÷ b × 100, or null when it does not fit a decimal (absurd figures in a hostile file).
    private static decimal? Percent(ReportFact a, ReportFact b)
    {
        try
        {
            return a.Normalized / b.Normalized * 100m;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static int Decimals(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;

    private static bool OnlyPunctuationBetween(string text, int from, int to) =>
        from <= to && to - from <= 3 && text[from..to].All(c => char.IsWhiteSpace(c) || "，,；;、：:".Contains(c, StringComparison.Ordinal));

    private static List<(int Start, int End)> SentenceRanges(string text)
    {
        var ranges = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if ("。！？；!?;".Contains(text[i], StringComparison.Ordinal))
            {
                ranges.Add((start, i + 1));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            ranges.Add((start, text.Length));
        }

        return ranges;
    }

    private static string Written(ReportFact f) => Format(f.Value) + f.Unit;

    private static string Format(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "……";

    [GeneratedRegex(@"(?:(?<stem>\w{2})?率|比例|比重)(?:为|是|达到|达|仅为|仅|高达|已达)?\s*$|(?<zhan>占)[^，,。；;]{0,15}$")]
    private static partial Regex RateForm();

    [GeneratedRegex(@"^占(?:比)?(?:为|达到|达|约)?$")]
    private static partial Regex BareShare();

    [GeneratedRegex(@"提升|提高|增长|增加|下降|降低|减少|上升|提速|压缩|节省|节约|同比|环比|较上年|较去年")]
    private static partial Regex Change();

    [GeneratedRegex(@"其中|分别为|分别是")]
    private static partial Regex PartsMarker();

    [GeneratedRegex(@"共计|合计|累计|总计|总数|(?<!公)共(?!同|享|建|治|识|性)")]
    private static partial Regex NewTotal();

    [GeneratedRegex(@"^(?:其[他它余]|另有|剩余)")]
    private static partial Regex RestPart();
}
