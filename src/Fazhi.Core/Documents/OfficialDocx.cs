using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Fazhi.Core.Documents;

/// <summary>
/// Writes an <see cref="OfficialDocument"/> as DOCX in the layout of GB/T 9704-2012 (党政机关公文格式): A4, text area
/// 156 mm × 225 mm, 仿宋 3号 body on a fixed 28.95 pt line (22 lines a page), 小标宋 2号 title, headings in 黑体 and
/// 楷体, signature and date at the right, page numbers “— 1 —” in 宋体 4号 at the outer edge. The same input gives the
/// same bytes (fixed relationship ids, core-property dates and ZIP timestamps taken from the document date).
/// </summary>
public static class OfficialDocx
{
    /// <summary>Page and margin sizes in twentieths of a point (twips).</summary>
    internal static class Page
    {
        public const uint Width = 11906; // 210 mm
        public const uint Height = 16838; // 297 mm
        public const int Top = 2098; // 37 mm
        public const int Bottom = 1984; // 35 mm
        public const uint Left = 1587; // 28 mm
        public const uint Right = 1474; // 26 mm
        public const uint Header = 851; // 15 mm
        public const uint Footer = 1304; // 23 mm: puts the page number about 7 mm under the text area
        public const int BodyLine = 579; // 28.95 pt: 225 mm / 22 lines
        public const int TitleLine = 700; // 35 pt for 22 pt title lines
    }

    /// <summary>Font names as written into <c>w:rFonts</c>; the font table declares each with its alternate name.</summary>
    public static class Fonts
    {
        /// <summary>小标宋 for titles (falls back to 宋体).</summary>
        public const string Title = "方正小标宋简体";

        /// <summary>仿宋 for the body (falls back to 仿宋 / FangSong).</summary>
        public const string Body = "仿宋_GB2312";

        /// <summary>黑体 for first-level headings.</summary>
        public const string Heading1 = "黑体";

        /// <summary>楷体 for second-level headings (falls back to 楷体 / KaiTi).</summary>
        public const string Heading2 = "楷体_GB2312";

        /// <summary>宋体 for page numbers.</summary>
        public const string PageNumber = "宋体";
    }

    private const int BodySize = 32; // half-points: 16 pt = 3号
    private const int TitleSize = 44; // 22 pt = 2号
    private const int PageNumberSize = 28; // 14 pt = 4号
    private const int CopyToSize = 28; // 14 pt = 4号
    private const int CharWidth = 320; // one 3号 character in twips
    private const string MainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string CoreContentType = "application/vnd.openxmlformats-package.core-properties+xml";

    /// <summary>Writes the document as DOCX bytes.</summary>
    public static byte[] Write(OfficialDocument document)
    {
        using var output = new MemoryStream();
        Write(document, output);
        return output.ToArray();
    }

    /// <summary>Writes the document as DOCX to a stream (left open, positioned after the document).</summary>
    public static void Write(OfficialDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var package = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(package, WordprocessingDocumentType.Document, autoSave: true))
        {
            var main = doc.AddNewPart<MainDocumentPart>(MainContentType, "rIdDocument");
            main.Document = new Document(BuildBody(document));
            main.AddNewPart<StyleDefinitionsPart>("rIdStyles").Styles = BuildStyles();
            main.AddNewPart<FontTablePart>("rIdFonts").Fonts = BuildFontTable();
            main.AddNewPart<DocumentSettingsPart>("rIdSettings").Settings = BuildSettings();
            main.AddNewPart<FooterPart>("rIdFooterOdd").Footer = BuildFooter(odd: true);
            main.AddNewPart<FooterPart>("rIdFooterEven").Footer = BuildFooter(odd: false);

            // Written by hand: System.IO.Packaging's own core-properties part gets a random name.
            var core = doc.AddNewPart<CoreFilePropertiesPart>(CoreContentType, "rIdCore");
            using var writer = new StreamWriter(core.GetStream(FileMode.Create), new UTF8Encoding(false));
            writer.Write(CoreProperties(document));
        }

        Normalize(package, output, document.Date);
    }

    /// <summary>The date as official documents print it: 2026年12月2日 (Arabic numerals, no leading zeros).</summary>
    public static string ChineseDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    private static string CoreProperties(OfficialDocument document)
    {
        var stamp = document.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        var title = SecurityElement.Escape(document.Title.Replace('\n', ' '));
        var signer = SecurityElement.Escape(document.Signer);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + $"<dc:title>{title}</dc:title><dc:creator>{signer}</dc:creator><cp:lastModifiedBy>{signer}</cp:lastModifiedBy>"
            + "<dc:language>zh-CN</dc:language>"
            + $"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created>"
            + $"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified>"
            + "</cp:coreProperties>";
    }

    private static Body BuildBody(OfficialDocument document)
    {
        var body = new Body();
        foreach (var line in document.Title.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            body.Append(Line(line, Fonts.Title, TitleSize, JustificationValues.Center, lineTwips: Page.TitleLine));
        }

        if (!string.IsNullOrWhiteSpace(document.DocumentNumber))
        {
            body.Append(Blank());
            body.Append(Line(document.DocumentNumber.Trim(), Fonts.Body, BodySize, JustificationValues.Center));
        }

        body.Append(Blank());
        if (!string.IsNullOrWhiteSpace(document.Recipient))
        {
            var recipient = document.Recipient.Trim().TrimEnd('：', ':');
            body.Append(Line(recipient + "：", Fonts.Body, BodySize, JustificationValues.Both));
        }

        var heading1 = 0;
        var heading2 = 0;
        var item = 0;
        foreach (var block in document.Body)
        {
            if (block is not DocItem)
            {
                item = 0;
            }

            switch (block)
            {
                case DocHeading { Level: 1 } h:
                    heading1++;
                    heading2 = 0;
                    body.Append(Line(ChineseNumerals.Format(heading1) + "、" + h.Text, Fonts.Heading1, BodySize, JustificationValues.Both, indent: true));
                    break;
                case DocHeading h:
                    heading2++;
                    body.Append(Line("（" + ChineseNumerals.Format(heading2) + "）" + h.Text, Fonts.Heading2, BodySize, JustificationValues.Both, indent: true));
                    break;
                case DocItem i:
                    item++;
                    body.Append(Line(item.ToString(CultureInfo.InvariantCulture) + "." + i.Text, Fonts.Body, BodySize, JustificationValues.Both, indent: true));
                    break;
                case DocParagraph p:
                    body.Append(Line(p.Text, Fonts.Body, BodySize, JustificationValues.Both, indent: true));
                    break;
                default:
                    throw new ArgumentException("未知的正文块类型：" + block.GetType().Name, nameof(document));
            }
        }

        AppendSignature(body, document);
        if (!string.IsNullOrWhiteSpace(document.CopyTo))
        {
            body.Append(Blank());
            body.Append(CopyToLine(document.CopyTo.Trim()));
        }

        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = "rIdFooterOdd" },
            new FooterReference { Type = HeaderFooterValues.Even, Id = "rIdFooterEven" },
            new PageSize { Width = Page.Width, Height = Page.Height },
            new PageMargin
            {
                Top = Page.Top,
                Bottom = Page.Bottom,
                Left = Page.Left,
                Right = Page.Right,
                Header = Page.Header,
                Footer = Page.Footer,
                Gutter = 0,
            },
            new DocGrid { LinePitch = Page.BodyLine }));
        return body;
    }

    /// <summary>
    /// GB/T 9704 7.3.5.1: the date sits four characters in from the right margin, the issuer is centred over the date,
    /// and the seal presses on both, so the lines above them stay free.
    /// </summary>
    private static void AppendSignature(Body body, OfficialDocument document)
    {
        var date = ChineseDate(document.Date);
        var dateRight = 4 * CharWidth;
        var dateCentre = dateRight + (HalfWidths(date) * CharWidth / 4);
        int RightIndentFor(string text) => Math.Max(0, dateCentre - (HalfWidths(text) * CharWidth / 4));

        // The last body paragraph travels with the signature, so no page carries only the seal, signer and date.
        if (body.Elements<Paragraph>().LastOrDefault()?.ParagraphProperties is { } last && last.GetFirstChild<KeepNext>() is null)
        {
            last.PrependChild(new KeepLines());
            last.PrependChild(new KeepNext());
        }

        body.Append(Line("", Fonts.Body, BodySize, JustificationValues.Both, keepNext: true));
        body.Append(document.SealMarker
            ? Line("（印章）", Fonts.Body, BodySize, JustificationValues.Right, rightIndent: RightIndentFor("（印章）"), color: "808080", keepNext: true)
            : Line("", Fonts.Body, BodySize, JustificationValues.Both, keepNext: true));
        body.Append(Line(document.Signer.Trim(), Fonts.Body, BodySize, JustificationValues.Right, rightIndent: RightIndentFor(document.Signer.Trim()), keepNext: true));
        body.Append(Line(date, Fonts.Body, BodySize, JustificationValues.Right, rightIndent: dateRight));
    }

    /// <summary>Width in half characters: CJK and full-width forms count two, everything else one.</summary>
    private static int HalfWidths(string text) => text.Sum(c => c >= 0x2E80 ? 2 : 1);

    private static Paragraph CopyToLine(string copyTo)
    {
        var text = "抄送：" + copyTo.TrimEnd('。') + "。";
        var borders = new ParagraphBorders(
            new TopBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" },
            new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "000000" });
        return new Paragraph(
            new ParagraphProperties(
                borders,
                new SpacingBetweenLines { Line = Page.BodyLine.ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                new Indentation { Left = "280", Right = "280" },
                new Justification { Val = JustificationValues.Left }),
            TextRun(text, Fonts.Body, CopyToSize));
    }

    private static Paragraph Blank() => Line("", Fonts.Body, BodySize, JustificationValues.Both);

    private static Paragraph Line(
        string text, string font, int size, JustificationValues justification, bool indent = false,
        int lineTwips = Page.BodyLine, int rightIndent = 0, string? color = null, bool keepNext = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext)
        {
            properties.Append(new KeepNext());
        }

        properties.Append(new SpacingBetweenLines
        {
            Line = lineTwips.ToString(CultureInfo.InvariantCulture),
            LineRule = LineSpacingRuleValues.Exact,
            Before = "0",
            After = "0",
        });
        if (indent)
        {
            properties.Append(new Indentation { FirstLine = (2 * CharWidth).ToString(CultureInfo.InvariantCulture), FirstLineChars = 200 });
        }
        else if (rightIndent > 0)
        {
            properties.Append(new Indentation { Right = rightIndent.ToString(CultureInfo.InvariantCulture) });
        }

        properties.Append(new Justification { Val = justification });
        properties.Append(new ParagraphMarkRunProperties(RunFontsFor(font), new FontSize { Val = Half(size) }, new FontSizeComplexScript { Val = Half(size) }));
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(TextRun(text, font, size, color));
        }

        return paragraph;
    }

    private static Run TextRun(string text, string font, int size, string? color = null) =>
        new(RunProps(font, size, color), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static RunProperties RunProps(string font, int size, string? color = null)
    {
        var properties = new RunProperties(RunFontsFor(font));
        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(new FontSize { Val = Half(size) }, new FontSizeComplexScript { Val = Half(size) });
        return properties;
    }

    private static RunFonts RunFontsFor(string font) => new()
    {
        Hint = FontTypeHintValues.EastAsia,
        Ascii = font,
        HighAnsi = font,
        EastAsia = font,
        ComplexScript = font,
    };

    private static string Half(int size) => size.ToString(CultureInfo.InvariantCulture);

    /// <summary>GB/T 9704 7.5: odd pages right with one character's space, even pages left.</summary>
    private static Footer BuildFooter(bool odd)
    {
        var indent = odd ? new Indentation { Right = "280" } : new Indentation { Left = "280" };
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = "0", After = "0" },
            indent,
            new Justification { Val = odd ? JustificationValues.Right : JustificationValues.Left });
        Run Piece(OpenXmlElement content) => new(RunProps(Fonts.PageNumber, PageNumberSize), content);
        return new Footer(new Paragraph(
            properties,
            Piece(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            Piece(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            Piece(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Piece(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Piece(new Text("1")),
            Piece(new FieldChar { FieldCharType = FieldCharValues.End }),
            Piece(new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
    }

    private static Styles BuildStyles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                RunFontsFor(Fonts.Body),
                new FontSize { Val = Half(BodySize) },
                new FontSizeComplexScript { Val = Half(BodySize) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                // No extra space between Chinese and Latin/digits: “2026年12月2日”, not “2026 年 12 月 2 日” (Word and
                // WPS honour this; LibreOffice ignores it and keeps its own spacing).
                new AutoSpaceDE { Val = false },
                new AutoSpaceDN { Val = false },
                new SpacingBetweenLines { Line = Page.BodyLine.ToString(CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" }))),
        new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle())
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>
    /// The font table tells Word and WPS what each missing font looks like (charset GB2312, family, PANOSE) and its
    /// other name, so a machine without 方正小标宋简体 or 仿宋_GB2312 substitutes a Song or FangSong face rather than
    /// a sans-serif one.
    /// </summary>
    private static DocumentFormat.OpenXml.Wordprocessing.Fonts BuildFontTable() => new(
        FontEntry(Fonts.Title, "宋体", "02000000000000000000", FontFamilyValues.Script),
        FontEntry(Fonts.Body, "仿宋", "02010609030101010101", FontFamilyValues.Modern),
        FontEntry("仿宋", "FangSong", "02010609060101010101", FontFamilyValues.Modern),
        FontEntry(Fonts.Heading1, "SimHei", "02010609060101010101", FontFamilyValues.Modern),
        FontEntry(Fonts.Heading2, "楷体", "02010609030101010101", FontFamilyValues.Modern),
        FontEntry("楷体", "KaiTi", "02010609060101010101", FontFamilyValues.Modern),
        FontEntry(Fonts.PageNumber, "SimSun", "02010600030101010101", FontFamilyValues.Auto));

    private static Font FontEntry(string name, string alternate, string panose, FontFamilyValues family) => new(
        new AltName { Val = alternate },
        new Panose1Number { Val = panose },
        new FontCharSet { Val = "86" },
        new FontFamily { Val = family },
        new Pitch { Val = FontPitchValues.Variable })
    { Name = name };

    private static Settings BuildSettings() => new(
        new DefaultTabStop { Val = 420 },
        new EvenAndOddHeaders(),
        new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });

    /// <summary>
    /// Rewrites the package with every entry in a fixed order and time, because System.IO.Packaging stamps entries
    /// with the current time.
    /// </summary>
    private static void Normalize(MemoryStream package, Stream output, DateOnly date)
    {
        var stamp = new DateTimeOffset(Math.Max(1980, date.Year), date.Month, date.Day, 0, 0, 0, TimeSpan.Zero);
        package.Position = 0;
        using var source = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = stamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
