using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Fazhi.Core.Common;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>
/// Turns an uploaded file into text blocks: plain text (UTF-8, UTF-16 with a BOM, or GB18030/GBK), HTML (tags, scripts
/// and styles removed, entities decoded, block breaks kept, h1–h6 as headings) or DOCX (paragraphs in order with their
/// heading style). The type is decided from the content, the extension only says what the user meant: a ".txt" full of
/// NUL bytes, a ".docx" that is not a Word package, an empty file, a PDF or an old .doc are refused with a message that
/// says what to do.
/// </summary>
public static partial class ReportTextReader
{
    /// <summary>The largest file accepted (10 MB).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The largest uncompressed size of a DOCX package (guards against ZIP bombs).</summary>
    private const long MaxUnzippedBytes = 200L * 1024 * 1024;

    /// <summary>File extensions accepted (lower case, with the dot).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".text", ".html", ".htm", ".docx"];

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Reads a file's bytes; <paramref name="fileName"/> is used for its extension and in messages.</summary>
    public static Result<ReportText> Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName ?? "");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (content.Length == 0)
        {
            return Fail($"文件“{name}”是空的（0 字节）。请选择含有报告正文的文本、网页或 Word（.docx）文件。");
        }

        if (content.Length > MaxBytes)
        {
            return Fail($"文件“{name}”超过 10 MB，无法分析。请只上传报告正文。");
        }

        if (ext.Length > 0 && !Extensions.Contains(ext))
        {
            return Fail($"不支持“{ext}”文件。请上传纯文本（.txt）、网页（.html/.htm）或 Word（.docx）格式的报告；PDF 或 .doc 请先另存为 .docx 或复制正文为 .txt。");
        }

        if (StartsWith(content, "%PDF"u8))
        {
            return Fail($"“{name}”是 PDF 文件，不支持。请在 Word 中另存为 .docx，或复制正文保存为 .txt 后上传。");
        }

        if (StartsWith(content, [0xD0, 0xCF, 0x11, 0xE0]))
        {
            return Fail($"“{name}”是旧版 Word（.doc）文件，不支持。请在 Word 中另存为 .docx 后上传。");
        }

        if (StartsWith(content, "PK\u0003\u0004"u8))
        {
            return ReadDocx(content, name);
        }

        if (ext == ".docx")
        {
            return Fail($"“{name}”的扩展名是 .docx，但内容不是 Word 文档。请用 Word 打开并重新保存为 .docx 后上传。");
        }

        var decoded = Decode(content);
        if (decoded is null)
        {
            return Fail($"“{name}”不是文本文件（含二进制数据，或编码既不是 UTF-8 也不是 GB18030/GBK）。请上传 .txt、.html 或 .docx 格式的报告。");
        }

        var (text, encoding) = decoded.Value;
        var isHtml = ext is ".html" or ".htm" || LooksLikeHtml(text);
        var blocks = isHtml ? HtmlBlocks(text) : PlainBlocks(text);
        return Finish(new ReportText(isHtml ? "html" : "txt", encoding, blocks), name);
    }

    /// <summary>Splits plain text into blocks, one per non-empty line.</summary>
    public static IReadOnlyList<TextBlock> PlainBlocks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<TextBlock>();
        foreach (var line in text.Split('\n'))
        {
            var t = Clean(line);
            if (t.Length > 0)
            {
                blocks.Add(new TextBlock(t));
            }
        }

        return blocks;
    }

    private static Result<ReportText> Finish(ReportText text, string name)
    {
        var chars = text.Blocks.Sum(b => b.Text.Length);
        if (chars == 0)
        {
            return Fail($"“{name}”中没有文字。请确认选择的是报告正文文件。");
        }

        if (!text.Blocks.Any(b => b.Text.Any(IsCjk)))
        {
            return Fail($"“{name}”中没有中文文字，不像法治政府建设年度报告。请检查文件内容或编码。");
        }

        return text;
    }

    private static ValidationError Fail(string message) => ValidationError.For("file", message);

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> prefix) => content.AsSpan().StartsWith(prefix);

    private static (string Text, string Encoding)? Decode(byte[] content)
    {
        if (StartsWith(content, [0xEF, 0xBB, 0xBF]))
        {
            return TryDecode(StrictUtf8, content, 3, "utf-8");
        }

        if (StartsWith(content, [0xFF, 0xFE]))
        {
            return TryDecode(new UnicodeEncoding(false, false, true), content, 2, "utf-16");
        }

        if (StartsWith(content, [0xFE, 0xFF]))
        {
            return TryDecode(new UnicodeEncoding(true, false, true), content, 2, "utf-16");
        }

        // NUL bytes never occur in UTF-8 or GB18030 text.
        if (content.AsSpan().Contains((byte)0))
        {
            return null;
        }

        return TryDecode(StrictUtf8, content, 0, "utf-8") ?? TryDecode(Gb18030.Value, content, 0, "gb18030");
    }

    private static (string, string)? TryDecode(Encoding encoding, byte[] content, int offset, string name)
    {
        string text;
        try
        {
            text = encoding.GetString(content, offset, content.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        // Control characters other than whitespace mean a binary file that happened to decode.
        var controls = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        return controls > Math.Max(8, text.Length / 1000) ? null : (text, name);
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 2048)).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>HTML to blocks: scripts, styles and comments dropped; block elements and &lt;br&gt; break lines; h1–h6 become headings.</summary>
    public static IReadOnlyList<TextBlock> HtmlBlocks(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = DroppedElements().Replace(html, " ");
        var title = TitleElement().Match(text) is { Success: true } tm ? Clean(WebUtility.HtmlDecode(AnyTag().Replace(tm.Groups[1].Value, ""))) : null;
        text = TitleElement().Replace(text, " ");
        // Mark headings so that their level survives the tag removal.
        text = HeadingElement().Replace(text, m => $"\n\u0001{m.Groups[1].Value}{MultiSpace().Replace(AnyTag().Replace(m.Groups[2].Value, " "), " ")}\n");
        text = BlockTag().Replace(text, "\n");
        text = AnyTag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        var blocks = new List<TextBlock>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('\u0001') && line.Length > 2)
            {
                var level = line[1] - '0';
                var t = Clean(line[2..]);
                if (t.Length > 0)
                {
                    blocks.Add(new TextBlock(t, level == 1 ? null : level - 1, level == 1));
                }

                continue;
            }

            var plain = Clean(line);
            if (plain.Length > 0)
            {
                blocks.Add(new TextBlock(plain));
            }
        }

        if (title is { Length: > 0 } && !blocks.Any(b => b.IsTitle))
        {
            blocks.Insert(0, new TextBlock(title, null, true));
        }

        return blocks;
    }

    private static Result<ReportText> ReadDocx(byte[] content, string name)
    {
        var notWord = $"“{name}”是压缩包，但不是 Word（.docx）文档。请上传 .docx、.txt 或 .html 格式的报告。";
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(content, false), ZipArchiveMode.Read))
            {
                if (zip.GetEntry("word/document.xml") is null)
                {
                    return Fail(notWord);
                }

                if (zip.Entries.Sum(e => e.Length) > MaxUnzippedBytes)
                {
                    return Fail($"“{name}”解压后过大，无法分析。请只上传报告正文。");
                }
            }

            using var doc = WordprocessingDocument.Open(new MemoryStream(content, false), false);
            var main = doc.MainDocumentPart;
            if (main?.Document?.Body is not { } body)
            {
                return Fail(notWord);
            }

            var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>()
                .Where(s => s.StyleId?.Value is not null)
                .ToDictionary(s => s.StyleId!.Value!, s => s, StringComparer.Ordinal) ?? [];
            var blocks = new List<TextBlock>();
            foreach (var p in body.Descendants<Paragraph>())
            {
                var text = Clean(ParagraphText(p));
                if (text.Length == 0)
                {
                    continue;
                }

                var (level, isTitle) = HeadingLevel(p, styles);
                blocks.Add(new TextBlock(text, level, isTitle));
            }

            return Finish(new ReportText("docx", null, blocks), name);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or OpenXmlPackageException
            or InvalidOperationException or ArgumentException or FormatException)
        {
            return Fail(notWord);
        }
    }

    private static string ParagraphText(Paragraph p)
    {
        var sb = new StringBuilder();
        foreach (var e in p.Descendants())
        {
            switch (e)
            {
                case Text t:
                    sb.Append(t.Text);
                    break;
                case TabChar:
                    sb.Append('\t');
                    break;
                case Break or CarriageReturn:
                    sb.Append(' ');
                    break;
            }
        }

        return sb.ToString();
    }

    private static (int? Level, bool IsTitle) HeadingLevel(Paragraph p, Dictionary<string, Style> styles)
    {
        var props = p.ParagraphProperties;
        if (props?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
        {
            return (outline + 1, false);
        }

        var id = props?.ParagraphStyleId?.Val?.Value;
        if (id is null)
        {
            return (null, false);
        }

        var styleName = styles.TryGetValue(id, out var style) ? style.StyleName?.Val?.Value ?? id : id;
        if (style?.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } styleOutline && styleOutline < 9)
        {
            return (styleOutline + 1, false);
        }

        var m = HeadingStyleName().Match(styleName);
        if (m.Success)
        {
            return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), false);
        }

        return (null, styleName.Equals("Title", StringComparison.OrdinalIgnoreCase) || styleName == "标题");
    }

    private static string Clean(string s)
    {
        var t = s.Replace('\u00A0', ' ').Replace('\u3000', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return MultiSpace().Replace(t, " ").Trim();
    }

    /// <summary>True for a CJK unified ideograph.</summary>
    internal static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    [GeneratedRegex(@"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DroppedElements();

    [GeneratedRegex(@"<title\b[^>]*>(.*?)</title\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HeadingElement();

    [GeneratedRegex(@"<(/?(p|div|br|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre|dd|dt|hr)\b[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"^(?:heading|标题)\s*([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingStyleName();
}
