using System.Text.RegularExpressions;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>A piece of the report: an outline heading with the text under it up to the next heading, or a paragraph without a heading.</summary>
/// <param name="Block">Index of the text block it comes from.</param>
/// <param name="Level">0 for a paragraph without a heading; 1 for 一、/第一部分/Heading 1, 2 for （一）, 3 for 1./1、, 4 for （1）.</param>
/// <param name="Heading">The heading text without its marker, or null.</param>
/// <param name="Body">The text after the heading.</param>
public sealed record Segment(int Block, int Level, string? Heading, string Body)
{
    /// <summary>The heading and body together.</summary>
    public string Text => Heading is null ? Body : Body.Length == 0 ? Heading : Heading + " " + Body;
}

/// <summary>A top-level section: its heading segment and every segment under it.</summary>
public sealed record Section(Segment Heading, IReadOnlyList<Segment> Content);

/// <summary>The outline of a report: title, preamble, top-level sections (or none, when the report is paragraphs only).</summary>
public sealed record ReportOutline(string? Title, int? Year, IReadOnlyList<Segment> Preamble, IReadOnlyList<Section> Sections, IReadOnlyList<Segment> All);

/// <summary>
/// Finds the outline of a report. Chinese outline markers are recognised at the start of a block and also inline, after
/// whitespace or the end of a sentence, as long as they continue their sequence (一、 after nothing or after the
/// previous number): 一、/一．/第一部分 (level 1), （一）/(一) (level 2), 1./1、/1． (level 3), （1）/(1) (level 4).
/// DOCX heading styles and HTML h2–h6 give the level of blocks without a marker. A short marker line without sentence
/// punctuation is all heading; otherwise a heading runs to the first full stop, colon, semicolon, run of whitespace or
/// next marker (at most 60 characters), and the rest is body. The top level is the
/// smallest level used by at least two headings.
/// </summary>
public static partial class ReportStructure
{
    private const int MaxHeading = 60;

    private static readonly System.Buffers.SearchValues<char> SentencePunctuation = System.Buffers.SearchValues.Create("。！？!?；;：:");

    /// <summary>Builds the outline.</summary>
    public static ReportOutline Build(IReadOnlyList<TextBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var (title, titleBlock) = FindTitle(blocks);
        var segments = new List<Segment>();
        var last = new int[5];
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i == titleBlock || blocks[i].IsTitle)
            {
                continue;
            }

            Split(i, blocks[i], last, segments);
        }

        var year = FindYear(title, blocks);
        var counts = segments.Where(s => s.Level > 0).GroupBy(s => s.Level).ToDictionary(g => g.Key, g => g.Count());
        var top = counts.Where(c => c.Value >= 2).Select(c => c.Key).DefaultIfEmpty(counts.Keys.DefaultIfEmpty(0).Min()).Min();
        var preamble = new List<Segment>();
        var sections = new List<(Segment Head, List<Segment> Content)>();
        foreach (var s in segments)
        {
            if (top > 0 && s.Level == top)
            {
                sections.Add((s, []));
            }
            else if (sections.Count == 0)
            {
                preamble.Add(s);
            }
            else
            {
                sections[^1].Content.Add(s);
            }
        }

        return new ReportOutline(title, year, preamble, [.. sections.Select(s => new Section(s.Head, s.Content))], segments);
    }

    private static void Split(int index, TextBlock block, int[] last, List<Segment> into)
    {
        var text = block.Text;
        var markers = new List<(int Start, int End, int Level)>();
        foreach (Match m in Marker().Matches(text))
        {
            var level = m.Groups["l1"].Success ? 1 : m.Groups["l2"].Success ? 2 : m.Groups["l3"].Success ? 3 : 4;
            var number = level switch
            {
                1 => ChineseNumber(m.Groups["l1"].Value),
                2 => ChineseNumber(m.Groups["l2"].Value),
                3 => int.Parse(m.Groups["l3"].Value, System.Globalization.CultureInfo.InvariantCulture),
                _ => int.Parse(m.Groups["l4"].Value, System.Globalization.CultureInfo.InvariantCulture),
            };
            var atStart = m.Index == 0;
            if (!atStart)
            {
                var before = text[m.Index - 1];
                // Inline markers: only after whitespace or the end of a sentence, and only when they continue the sequence.
                if (!(char.IsWhiteSpace(before) || "。：:；;！？!?".Contains(before, StringComparison.Ordinal)) || (number != 1 && number != last[level] + 1))
                {
                    continue;
                }
            }

            if (number <= 0)
            {
                continue;
            }

            last[level] = number;
            for (var l = level + 1; l < last.Length; l++)
            {
                last[l] = 0;
            }

            markers.Add((m.Index, m.Index + m.Length, level));
        }

        if (markers.Count == 0)
        {
            into.Add(block.StyleLevel is { } sl ? new Segment(index, sl, text, "") : new Segment(index, 0, null, text));
            return;
        }

        if (markers[0].Start > 0)
        {
            var lead = text[..markers[0].Start].Trim();
            if (lead.Length > 0)
            {
                into.Add(block.StyleLevel is { } sl ? new Segment(index, sl, lead, "") : new Segment(index, 0, null, lead));
            }
        }

        for (var k = 0; k < markers.Count; k++)
        {
            var (_, end, level) = markers[k];
            var stop = k + 1 < markers.Count ? markers[k + 1].Start : text.Length;
            var headingEnd = HeadingEnd(text, end, stop);
            var heading = text[end..headingEnd].Trim();
            var body = text[headingEnd..stop].Trim().TrimStart('。', '：', ':', '；', ';').Trim();
            into.Add(new Segment(index, level, heading, body));
        }
    }

    private static int HeadingEnd(string text, int start, int stop)
    {
        // A short marker line without sentence punctuation is all heading, spaces included ("四、 2026年 工作计划").
        if (stop - start <= MaxHeading && text.AsSpan(start, stop - start).IndexOfAny(SentencePunctuation) < 0)
        {
            return stop;
        }

        var limit = Math.Min(stop, start + MaxHeading);
        for (var i = start; i < limit; i++)
        {
            var c = text[i];
            if ("。！？!?；;：:".Contains(c, StringComparison.Ordinal) || (char.IsWhiteSpace(c) && i - start >= 2))
            {
                return i;
            }
        }

        return limit;
    }

    private static (string? Title, int Block) FindTitle(IReadOnlyList<TextBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].IsTitle)
            {
                return (blocks[i].Text, i);
            }
        }

        // The first short block naming a report and a year, before the first outline heading; else the first short block naming a report.
        var limit = Math.Min(blocks.Count, 15);
        int? fallback = null;
        for (var i = 0; i < limit; i++)
        {
            var t = blocks[i].Text;
            if (Marker().Match(t) is { Success: true, Index: 0 })
            {
                break;
            }

            if (t.Length <= 80 && t.Contains("报告", StringComparison.Ordinal))
            {
                if (YearMention().IsMatch(t) && !t.Contains('|', StringComparison.Ordinal))
                {
                    return (t, i);
                }

                fallback ??= i;
            }
        }

        return fallback is { } f ? (blocks[f].Text.Trim('|', ' '), f) : (null, -1);
    }

    private static int? FindYear(string? title, IReadOnlyList<TextBlock> blocks)
    {
        if (title is not null && YearMention().Match(title) is { Success: true } t)
        {
            return int.Parse(t.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var b in blocks.Take(5))
        {
            if (YearMention().Match(b.Text) is { Success: true } m)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return blocks.SelectMany(b => YearMention().Matches(b.Text))
            .GroupBy(m => m.Groups[1].Value).OrderByDescending(g => g.Count()).Select(g => (int?)int.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
    }

    /// <summary>Parses a Chinese numeral up to 9999 (一, 十二, 二十, 一百零五, 两千); -1 when it is not one.</summary>
    public static int ChineseNumber(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Length == 0)
        {
            return -1;
        }

        var total = 0;
        var digit = -1;
        foreach (var c in s)
        {
            var d = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (c == '两')
            {
                d = 2;
            }

            if (d >= 0)
            {
                digit = d;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                return -1;
            }

            total += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
        }

        return total + Math.Max(digit, 0);
    }

    [GeneratedRegex(@"(?:(?<l1>[一二三四五六七八九十]{1,3})[、．]|第(?<l1>[一二三四五六七八九十]{1,3})(?:部分|章)[、：:\s]?|[（(](?<l2>[一二三四五六七八九十]{1,3})[）)]|(?<l3>\d{1,2})(?:[、．]|\.(?!\d))|[（(](?<l4>\d{1,2})[）)])")]
    private static partial Regex Marker();

    [GeneratedRegex(@"(20\d{2})\s*年")]
    private static partial Regex YearMention();
}
