using System.Text.RegularExpressions;
using Fazhi.Core.Common;

namespace Fazhi.Core.Documents;

/// <summary>A template that cannot be used (unknown placeholder, bad line); the message names the file and line.</summary>
public sealed record TemplateError(string Code, string Message) : Error(Code, Message);

/// <summary>A placeholder a template may use: its name, Chinese label, and whether it holds a list.</summary>
/// <param name="Name">The name inside <c>{{ }}</c>, e.g. <c>accepted_date</c>.</param>
/// <param name="Label">The Chinese name used in error messages, e.g. 受理日期.</param>
/// <param name="IsList">Lists can only be used on item lines (<c>* </c>), which repeat once per element.</param>
public sealed record TemplateField(string Name, string Label, bool IsList = false);

/// <summary>What a filled template produces, ready for <see cref="OfficialDocument"/>.</summary>
/// <param name="Title">Title lines joined by <c>\n</c>.</param>
/// <param name="Recipient">The 主送 line, if any.</param>
/// <param name="CopyTo">The 抄送 line, if any.</param>
/// <param name="Signer">The signer, if the template sets one.</param>
/// <param name="Body">The body blocks.</param>
public sealed record FilledTemplate(string? Title, string? Recipient, string? CopyTo, string? Signer, IReadOnlyList<DocBlock> Body);

/// <summary>
/// A document template in Fazhi's line syntax (see <c>docs/documents.md</c>):
/// <list type="bullet">
/// <item><c>// …</c> a comment; blank lines are ignored;</item>
/// <item><c>@title …</c> a title line (repeatable), <c>@recipient …</c> the 主送 line, <c>@copyto …</c> the 抄送 line,
/// <c>@signer …</c> the signer (default: the issuer);</item>
/// <item><c># …</c> a level-1 heading (numbered 一、), <c>## …</c> a level-2 heading (numbered （一）);</item>
/// <item><c>* …</c> a numbered item (1. 2. …); with a list placeholder it repeats once per element;</item>
/// <item>anything else is a body paragraph;</item>
/// <item>prefix <c>? </c>: the line is left out when one of its placeholders is empty (otherwise empty = error);</item>
/// <item>prefix <c>[2023] </c> or <c>[2017] </c>: the line applies to that variant (law version) only.</item>
/// </list>
/// Placeholders are <c>{{name}}</c>; an unknown name makes the whole template invalid.
/// </summary>
public sealed partial class DocumentTemplate
{
    private DocumentTemplate(string name, string source, IReadOnlyList<TemplateLine> lines)
    {
        Name = name;
        Source = source;
        Lines = lines;
    }

    /// <summary>The template's name (the document kind's code).</summary>
    public string Name { get; }

    /// <summary>Where it came from: 内置模板, or the override file's name.</summary>
    public string Source { get; }

    /// <summary>The parsed lines.</summary>
    internal IReadOnlyList<TemplateLine> Lines { get; }

    /// <summary>Every placeholder the template uses, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders => [.. Lines.SelectMany(l => l.Placeholders).Distinct(StringComparer.Ordinal)];

    /// <summary>Parses a template; unknown placeholders, unknown directives and misplaced lists are errors.</summary>
    public static Result<DocumentTemplate> Parse(string name, string source, string text, IReadOnlyCollection<TemplateField> fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fields);
        var known = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var lines = new List<TemplateLine>();
        var problems = new List<string>();
        var number = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            string? variant = null;
            var optional = false;
            while (true)
            {
                if (line.StartsWith('[') && line.IndexOf(']', StringComparison.Ordinal) is var close and > 1)
                {
                    variant = line[1..close].Trim();
                    line = line[(close + 1)..].TrimStart();
                }
                else if (line.StartsWith("? ", StringComparison.Ordinal) || line == "?")
                {
                    optional = true;
                    line = line[1..].TrimStart();
                }
                else
                {
                    break;
                }
            }

            var (kind, content) = Classify(line);
            if (kind is null)
            {
                problems.Add($"第{number}行：无法识别的指令“{line.Split(' ')[0]}”（可用 @title、@recipient、@copyto、@signer）");
                continue;
            }

            if (content.Length == 0)
            {
                problems.Add($"第{number}行：内容为空");
                continue;
            }

            var placeholders = new List<string>();
            foreach (Match m in PlaceholderPattern().Matches(content))
            {
                var field = m.Groups[1].Value;
                if (!known.TryGetValue(field, out var definition))
                {
                    problems.Add($"第{number}行：未知的占位符 {{{{{field}}}}}");
                }
                else if (definition.IsList && kind != LineKind.Item)
                {
                    problems.Add($"第{number}行：列表占位符 {{{{{field}}}}} 只能用在以“* ”开头的条目行");
                }

                placeholders.Add(field);
            }

            if (PlaceholderPattern().Replace(content, "").Contains("{{", StringComparison.Ordinal)
                || PlaceholderPattern().Replace(content, "").Contains("}}", StringComparison.Ordinal))
            {
                problems.Add($"第{number}行：占位符格式有误，应写作 {{{{名称}}}}（小写字母和下划线）");
            }

            if (placeholders.Count(p => known.TryGetValue(p, out var f) && f.IsList) > 1)
            {
                problems.Add($"第{number}行：一行只能使用一个列表占位符");
            }

            var listPlaceholder = placeholders.FirstOrDefault(p => known.TryGetValue(p, out var f) && f.IsList);
            lines.Add(new TemplateLine(number, kind.Value, content, variant, optional, placeholders, listPlaceholder));
        }

        if (problems.Count > 0)
        {
            return new TemplateError("template_invalid", $"文书模板“{name}”（{source}）有误：" + string.Join("；", problems) + "。");
        }

        return new DocumentTemplate(name, source, lines);
    }

    /// <summary>
    /// Fills the template. <paramref name="valueOf"/> gives a placeholder's values (empty when not provided; one
    /// element for plain fields). Lines of another variant are skipped. Every empty placeholder on a line without
    /// <c>?</c> is reported in <paramref name="missing"/>, once, in order of first use.
    /// </summary>
    public FilledTemplate Fill(Func<string, IReadOnlyList<string>> valueOf, string? variant, out IReadOnlyList<string> missing)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var gaps = new List<string>();
        var titles = new List<string>();
        string? recipient = null, copyTo = null, signer = null;
        var body = new List<DocBlock>();
        foreach (var line in Lines)
        {
            if (line.Variant is not null && line.Variant != variant)
            {
                continue;
            }

            var empty = line.Placeholders.Where(p => valueOf(p).Count == 0 || valueOf(p).All(string.IsNullOrWhiteSpace)).ToList();
            if (empty.Count > 0)
            {
                if (!line.Optional)
                {
                    gaps.AddRange(empty.Where(e => !gaps.Contains(e)));
                }

                continue;
            }

            var list = line.ListPlaceholder;
            IEnumerable<string> texts = list is null
                ? [Substitute(line.Content, p => valueOf(p)[0])]
                : valueOf(list).Where(item => !string.IsNullOrWhiteSpace(item)).Select(item => Substitute(line.Content, p => p == list ? item : valueOf(p)[0]));
            foreach (var text in texts)
            {
                switch (line.Kind)
                {
                    case LineKind.Title: titles.Add(text); break;
                    case LineKind.Recipient: recipient = text; break;
                    case LineKind.CopyTo: copyTo = text; break;
                    case LineKind.Signer: signer = text; break;
                    case LineKind.Heading1: body.Add(DocBlock.Heading(1, text)); break;
                    case LineKind.Heading2: body.Add(DocBlock.Heading(2, text)); break;
                    case LineKind.Item: body.Add(DocBlock.Item(text)); break;
                    default:
                        // A multi-paragraph value (facts, reasoning) becomes several paragraphs.
                        body.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(DocBlock.Paragraph));
                        break;
                }
            }
        }

        missing = gaps;
        return new FilledTemplate(titles.Count > 0 ? string.Join('\n', titles) : null, recipient, copyTo, signer, body);
    }

    private static string Substitute(string content, Func<string, string> value) =>
        PlaceholderPattern().Replace(content, m => value(m.Groups[1].Value).Trim());

    private static (LineKind? Kind, string Content) Classify(string line)
    {
        if (line.StartsWith('@'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var directive = (space < 0 ? line : line[..space]).ToLowerInvariant();
            var rest = space < 0 ? "" : line[(space + 1)..].Trim();
            LineKind? kind = directive switch
            {
                "@title" => LineKind.Title,
                "@recipient" => LineKind.Recipient,
                "@copyto" => LineKind.CopyTo,
                "@signer" => LineKind.Signer,
                _ => null,
            };
            return (kind, rest);
        }

        if (line.StartsWith("## ", StringComparison.Ordinal))
        {
            return (LineKind.Heading2, line[3..].Trim());
        }

        if (line.StartsWith("# ", StringComparison.Ordinal))
        {
            return (LineKind.Heading1, line[2..].Trim());
        }

        if (line.StartsWith("* ", StringComparison.Ordinal))
        {
            return (LineKind.Item, line[2..].Trim());
        }

        return (LineKind.Paragraph, line);
    }

    [GeneratedRegex(@"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    internal enum LineKind
    {
        Title,
        Recipient,
        CopyTo,
        Signer,
        Heading1,
        Heading2,
        Item,
        Paragraph,
    }

    internal sealed record TemplateLine(int Number, LineKind Kind, string Content, string? Variant, bool Optional, IReadOnlyList<string> Placeholders, string? ListPlaceholder);
}
