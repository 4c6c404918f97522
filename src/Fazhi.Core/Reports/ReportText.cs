using System.Globalization;
using System.Text.RegularExpressions;

namespace Fazhi.Core.Reports;

/// <summary>A figure reference in a part's text: <c>{{indicator.id}}</c>, or <c>{{indicator.id@2024}}</c> for another year.</summary>
/// <param name="Id">Indicator or manual-fact id.</param>
/// <param name="Year">Explicit year, or null for the report year.</param>
/// <param name="Index">Position of the token in the text.</param>
/// <param name="Length">Length of the token.</param>
public sealed record FigureRef(string Id, int? Year, int Index, int Length);

/// <summary>One block of a part's body after parsing: a paragraph, a sub-heading （一） or a numbered item 1.</summary>
/// <param name="Kind">paragraph, heading or item.</param>
/// <param name="Text">Text without its number (the outputs renumber).</param>
public sealed record ReportBlock(ReportBlockKind Kind, string Text);

/// <summary>Kinds of <see cref="ReportBlock"/>.</summary>
public enum ReportBlockKind
{
    /// <summary>Body paragraph.</summary>
    Paragraph,

    /// <summary>Sub-heading, numbered （一）（二）….</summary>
    Heading,

    /// <summary>Numbered item, 1. 2. ….</summary>
    Item,
}

/// <summary>
/// The light markup of report parts. Staff type plain text: one paragraph per line; a line starting with a Chinese
/// ordinal in brackets (（一）, (二)) or with <c>#</c> is a sub-heading; a line starting with an Arabic number and a
/// full stop or 、 (1. 2、) or with <c>-</c> is a numbered item. The outputs renumber headings and items, so
/// inserting one never leaves a wrong number. <c>{{id}}</c> embeds a figure; 【…】 marks text still to be written.
/// </summary>
public static partial class ReportText
{
    /// <summary>Figure references.</summary>
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*(?:@\s*(\d{4}))?\s*\}\}", RegexOptions.CultureInvariant)]
    public static partial Regex FigurePattern();

    [GeneratedRegex(@"^\s*(?:#+\s*|[（(][一二三四五六七八九十百]+[）)]\s*)(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s*(?:-\s+|\d{1,3}\s*[.．、]\s*)(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemLine();

    /// <summary>Placeholders 【…】 left by the generated draft.</summary>
    [GeneratedRegex(@"【[^】]*】", RegexOptions.CultureInvariant)]
    public static partial Regex PlaceholderPattern();

    /// <summary>The figure references of a text, in order.</summary>
    public static IReadOnlyList<FigureRef> References(string? text) =>
        FigurePattern().Matches(text ?? "").Select(m => new FigureRef(
            m.Groups[1].Value,
            m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null,
            m.Index,
            m.Length)).ToList();

    /// <summary>Splits a part's text into blocks (blank lines dropped).</summary>
    public static IReadOnlyList<ReportBlock> Blocks(string? text)
    {
        var blocks = new List<ReportBlock>();
        foreach (var raw in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (HeadingLine().Match(line) is { Success: true } h && h.Groups[1].Value.Trim().Length > 0)
            {
                blocks.Add(new ReportBlock(ReportBlockKind.Heading, h.Groups[1].Value.Trim()));
            }
            else if (ItemLine().Match(line) is { Success: true } i && i.Groups[1].Value.Trim().Length > 0 && !StartsWithFigureOrYear(line))
            {
                blocks.Add(new ReportBlock(ReportBlockKind.Item, i.Groups[1].Value.Trim()));
            }
            else
            {
                blocks.Add(new ReportBlock(ReportBlockKind.Paragraph, line));
            }
        }

        return blocks;
    }

    /// <summary>Replaces each figure reference with what <paramref name="render"/> returns for it.</summary>
    public static string Render(string text, Func<FigureRef, string> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return FigurePattern().Replace(text ?? "", m => render(new FigureRef(
            m.Groups[1].Value,
            m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null,
            m.Index,
            m.Length)));
    }

    // "2025年…" and "12.5%…" at the start of a paragraph are not numbered items.
    private static bool StartsWithFigureOrYear(string line)
    {
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        if (digits >= 4)
        {
            return true;
        }

        // "1.5倍" is a number, "1.加强…" an item.
        return digits > 0 && digits + 1 < line.Length && line[digits] is '.' or '．' && char.IsAsciiDigit(line[digits + 1]);
    }
}
