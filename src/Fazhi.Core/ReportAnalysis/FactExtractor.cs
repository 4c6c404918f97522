using System.Globalization;
using System.Text.RegularExpressions;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>
/// Finds numeric facts: counts (件 次 人次 户次 场 场次 家 份 个 项 条 篇 名 人 起 户, optionally with 万/亿), percentages (%, ％,
/// 百分之…, 个百分点) and money (元 万元 亿元). Arabic numbers with thousands separators and decimals, and Chinese numerals
/// from 二 upwards (三次, 十二件; a lone 一 is left out because "一件事", "一次办" are names, not counts). Ordinals (第三次),
/// durations (3个月, 6个工作日) and numbers glued to other digits are not facts. The quoted text is the clause around the
/// number, up to the surrounding punctuation.
/// </summary>
public static partial class FactExtractor
{
    private const string ClauseBreaks = "，,。；;：:！？!?、\n";

    /// <summary>The facts of every block, in reading order.</summary>
    public static List<ReportFact> Extract(IReadOnlyList<TextBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var facts = new List<ReportFact>();
        for (var b = 0; b < blocks.Count; b++)
        {
            Extract(b, blocks[b].Text, facts);
        }

        return facts;
    }

    private static void Extract(int block, string text, List<ReportFact> into)
    {
        var found = new List<ReportFact>();
        foreach (Match m in ArabicFact().Matches(text))
        {
            var start = m.Index;
            if (start > 0 && (text[start - 1] == '第' || char.IsAsciiDigit(text[start - 1]) || text[start - 1] == '.' || char.IsAsciiLetter(text[start - 1])))
            {
                continue;
            }

            var number = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal);
            // More than 15 integer digits is no count a report states (and would overflow once scaled by 万/亿).
            if (number.Split('.')[0].Length > 15)
            {
                continue;
            }

            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var fact = Build(block, text, start, m.Index + m.Length, value, m.Groups["mult"].Value, m.Groups["approx"].Value, m.Groups["unit"].Value);
            if (fact is not null)
            {
                found.Add(fact);
            }
        }

        foreach (Match m in ChineseFact().Matches(text))
        {
            var start = m.Index;
            if ((start > 0 && "第一二三四五六七八九十百千万两零".Contains(text[start - 1], StringComparison.Ordinal)) || found.Any(f => f.Start <= start && start < f.End))
            {
                continue;
            }

            var value = ReportStructure.ChineseNumber(m.Groups["n"].Value);
            if (value < 2)
            {
                continue;
            }

            var fact = Build(block, text, start, m.Index + m.Length, value, "", m.Groups["approx"].Value, m.Groups["unit"].Value);
            if (fact is not null)
            {
                found.Add(fact);
            }
        }

        foreach (Match m in PercentWords().Matches(text))
        {
            var n = m.Groups["n"].Value;
            decimal value;
            if (char.IsAsciiDigit(n[0]))
            {
                if (!decimal.TryParse(n, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    continue;
                }
            }
            else
            {
                var parts = n.Split('点');
                var whole = ReportStructure.ChineseNumber(parts[0]);
                if (whole < 0)
                {
                    continue;
                }

                var fraction = parts.Length > 1 ? string.Concat(parts[1].Select(c => (char)('0' + "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal)))) : "";
                value = decimal.Parse(fraction.Length > 0 ? $"{whole}.{fraction}" : $"{whole}", CultureInfo.InvariantCulture);
            }

            var end = m.Index + m.Length;
            found.Add(new ReportFact(Clause(text, m.Index, end), value, "百分之", IsApproximate(text, m.Index, end, ""))
            {
                Block = block,
                Start = m.Index,
                End = end,
                BaseUnit = "%",
                Normalized = value,
            });
        }

        into.AddRange(found.OrderBy(f => f.Start));
    }

    private static ReportFact? Build(int block, string text, int start, int end, decimal value, string multiplier, string approx, string unit)
    {
        // Durations are not counts: 3个月, 6个工作日, 2个小时.
        if (unit == "个" && end < text.Length && DurationAfter().IsMatch(text.AsSpan(end)))
        {
            return null;
        }

        if (unit == "个" && text.AsSpan(end).StartsWith("百分点", StringComparison.Ordinal))
        {
            unit = "个百分点";
            end += 3;
        }

        var unitAsWritten = multiplier + unit;
        var (baseUnit, scale) = unit switch
        {
            "%" or "％" => ("%", 1m),
            "个百分点" => ("个百分点", 1m),
            "元" => ("元", 1m),
            "万元" => ("元", 10_000m),
            "亿元" => ("元", 100_000_000m),
            "千元" => ("元", 1_000m),
            _ => (unit, 1m),
        };
        scale *= multiplier switch { "万" => 10_000m, "亿" => 100_000_000m, _ => 1m };
        return new ReportFact(Clause(text, start, end), value, unitAsWritten, approx.Length > 0 || IsApproximate(text, start, end, unit))
        {
            Block = block,
            Start = start,
            End = end,
            BaseUnit = baseUnit,
            Normalized = value * scale,
        };
    }

    private static bool IsApproximate(string text, int start, int end, string unit)
    {
        var before = text.AsSpan(Math.Max(0, start - 2), Math.Min(2, start));
        var after = text.AsSpan(end, Math.Min(2, text.Length - end));
        return before.EndsWith("约", StringComparison.Ordinal) || before.EndsWith("近", StringComparison.Ordinal) || before.EndsWith("逾", StringComparison.Ordinal)
            || before.EndsWith("超过", StringComparison.Ordinal) || before.EndsWith("超", StringComparison.Ordinal) || before.EndsWith("不到", StringComparison.Ordinal)
            || after.StartsWith("以上", StringComparison.Ordinal) || after.StartsWith("以下", StringComparison.Ordinal) || after.StartsWith("左右", StringComparison.Ordinal)
            || after.StartsWith("上下", StringComparison.Ordinal) || after.StartsWith("以内", StringComparison.Ordinal) || (unit.Length == 0 && after.StartsWith("多", StringComparison.Ordinal));
    }

    /// <summary>The clause around [start, end): from the previous clause break to the next one.</summary>
    internal static string Clause(string text, int start, int end)
    {
        var from = ClauseStart(text, start);

        var to = end;
        while (to < text.Length && !IsBreak(text, to))
        {
            to++;
        }

        return text[from..to].Trim();
    }

    /// <summary>Where the clause containing <paramref name="start"/> begins.</summary>
    internal static int ClauseStart(string text, int start)
    {
        var from = start;
        while (from > 0 && !IsBreak(text, from - 1))
        {
            from--;
        }

        return from;
    }

    // Punctuation ends a clause; so does a space, except between Latin letters or digits (headings inlined in one line
    // are separated from the text by spaces).
    private static bool IsBreak(string text, int i)
    {
        var c = text[i];
        if (ClauseBreaks.Contains(c, StringComparison.Ordinal))
        {
            return true;
        }

        if (!char.IsWhiteSpace(c))
        {
            return false;
        }

        var before = i > 0 ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        return !(char.IsAsciiLetterOrDigit(before) && char.IsAsciiLetterOrDigit(after));
    }

    [GeneratedRegex(@"(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<mult>万|亿)?(?<approx>余|多)?(?<unit>人次|场次|户次|万元|亿元|千元|件|次|场|家|份|个|项|条|篇|名|人|起|户|元|%|％)")]
    private static partial Regex ArabicFact();

    [GeneratedRegex(@"(?<n>[二三四五六七八九十两][零一二三四五六七八九十百千]*|[一][十百千][零一二三四五六七八九十百千]*)(?<approx>余|多)?(?<unit>人次|场次|户次|件|次|场|家|份|个|项|条|篇|名|起|户)(?![一二三四五六七八九十])")]
    private static partial Regex ChineseFact();

    [GeneratedRegex(@"百分之(?<n>\d+(?:\.\d+)?|[零一二三四五六七八九十百]+(?:点[零一二三四五六七八九]+)?)")]
    private static partial Regex PercentWords();

    [GeneratedRegex(@"^(?:月|工作日|小时|季度|星期|自然日|年度|学时|课时|日)")]
    private static partial Regex DurationAfter();
}
