using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Fazhi.Core.Documents;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Documents;

public sealed class OfficialDocxTests
{
    private static readonly OfficialDocument Sample = new(
        "云溪区人民政府\n行政复议受理通知书",
        "云府复受〔2026〕12号",
        "李明",
        [
            DocBlock.Paragraph("你不服云溪区市场监督管理局作出的行政处罚决定，提出的行政复议申请收悉。"),
            DocBlock.Heading(1, "受理情况"),
            DocBlock.Heading(2, "审查结论"),
            DocBlock.Item("第一项"),
            DocBlock.Item("第二项"),
            DocBlock.Heading(2, "其他事项"),
            DocBlock.Heading(1, "注意事项"),
            DocBlock.Paragraph("特此通知。"),
        ],
        "云溪区人民政府",
        new DateOnly(2026, 12, 2),
        "云溪区市场监督管理局");

    [Fact]
    public void Page_is_A4_with_the_GBT_9704_margins()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var section = doc.MainDocumentPart!.Document.Body!.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        size.Width!.Value.ShouldBe(11906u);
        size.Height!.Value.ShouldBe(16838u);
        var margin = section.GetFirstChild<PageMargin>()!;
        MillimetresOf(margin.Top!.Value).ShouldBe(37, 0.1);
        MillimetresOf(margin.Bottom!.Value).ShouldBe(35, 0.1);
        MillimetresOf(margin.Left!.Value).ShouldBe(28, 0.1);
        MillimetresOf(margin.Right!.Value).ShouldBe(26, 0.1);
    }

    [Fact]
    public void Title_and_number_are_centred_title_in_xiaobiaosong_2hao()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var paragraphs = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
        var title = paragraphs.Single(p => p.InnerText == "行政复议受理通知书");
        title.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        var run = title.Elements<Run>().Single().RunProperties!;
        run.RunFonts!.EastAsia!.Value.ShouldBe("方正小标宋简体");
        run.RunFonts.Ascii!.Value.ShouldBe("方正小标宋简体");
        run.RunFonts.HighAnsi!.Value.ShouldBe("方正小标宋简体");
        run.FontSize!.Val!.Value.ShouldBe("44");
        var number = paragraphs.Single(p => p.InnerText == "云府复受〔2026〕12号");
        number.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Center);
        paragraphs.IndexOf(number).ShouldBeGreaterThan(paragraphs.IndexOf(title));
        paragraphs.ShouldContain(p => p.InnerText == "李明：");
    }

    [Fact]
    public void Body_is_fangsong_3hao_indented_two_characters_on_a_fixed_line()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var body = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == "特此通知。");
        var props = body.ParagraphProperties!;
        props.Indentation!.FirstLineChars!.Value.ShouldBe(200);
        props.SpacingBetweenLines!.LineRule!.Value.ShouldBe(LineSpacingRuleValues.Exact);
        (int.Parse(props.SpacingBetweenLines.Line!.Value!, System.Globalization.CultureInfo.InvariantCulture) / 20.0).ShouldBeInRange(28, 29);
        var run = body.Elements<Run>().Single().RunProperties!;
        run.RunFonts!.EastAsia!.Value.ShouldBe("仿宋_GB2312");
        run.FontSize!.Val!.Value.ShouldBe("32");
    }

    [Fact]
    public void Headings_are_numbered_in_heiti_and_kaiti_and_items_restart()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var texts = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        texts.ShouldContain("一、受理情况");
        texts.ShouldContain("（一）审查结论");
        texts.ShouldContain("（二）其他事项");
        texts.ShouldContain("二、注意事项");
        texts.ShouldContain("1.第一项");
        texts.ShouldContain("2.第二项");
        FontOf(doc, "一、受理情况").ShouldBe("黑体");
        FontOf(doc, "（一）审查结论").ShouldBe("楷体_GB2312");
    }

    [Fact]
    public void Signature_and_date_are_right_aligned_under_a_seal_marker()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var paragraphs = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
        var date = paragraphs.Single(p => p.InnerText == "2026年12月2日");
        var signer = paragraphs[paragraphs.IndexOf(date) - 1];
        var seal = paragraphs[paragraphs.IndexOf(date) - 2];
        signer.InnerText.ShouldBe("云溪区人民政府");
        seal.InnerText.ShouldBe("（印章）");
        date.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Right);
        signer.ParagraphProperties!.Justification!.Val!.Value.ShouldBe(JustificationValues.Right);
        date.ParagraphProperties.Indentation!.Right!.Value.ShouldBe("1280");
        paragraphs.ShouldContain(p => p.InnerText == "抄送：云溪区市场监督管理局。");
    }

    [Fact]
    public void Footers_carry_a_PAGE_field_between_dashes_in_songti_4hao()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var footers = doc.MainDocumentPart!.FooterParts.ToList();
        footers.Count.ShouldBe(2);
        foreach (var footer in footers)
        {
            var paragraph = footer.Footer.Elements<Paragraph>().Single();
            paragraph.Descendants<FieldCode>().Single().Text.Trim().ShouldBe("PAGE");
            paragraph.InnerText.ShouldStartWith("— ");
            paragraph.InnerText.ShouldEndWith(" —");
            var run = paragraph.Elements<Run>().First().RunProperties!;
            run.RunFonts!.EastAsia!.Value.ShouldBe("宋体");
            run.FontSize!.Val!.Value.ShouldBe("28");
        }

        doc.MainDocumentPart.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>().ShouldNotBeNull();
    }

    [Fact]
    public void Font_table_declares_alternate_names()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var fonts = doc.MainDocumentPart!.FontTablePart!.Fonts.Elements<Font>()
            .ToDictionary(f => f.Name!.Value!, f => f.GetFirstChild<AltName>()!.Val!.Value);
        fonts["方正小标宋简体"].ShouldBe("宋体");
        fonts["仿宋_GB2312"].ShouldBe("仿宋");
        fonts["仿宋"].ShouldBe("FangSong");
        fonts["宋体"].ShouldBe("SimSun");
        fonts["黑体"].ShouldBe("SimHei");
        fonts["楷体_GB2312"].ShouldBe("楷体");
    }

    [Fact]
    public void Package_is_valid_OpenXml()
    {
        using var doc = Open(OfficialDocx.Write(Sample));
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Same_input_gives_the_same_bytes()
    {
        OfficialDocx.Write(Sample).ShouldBe(OfficialDocx.Write(Sample));
        using var doc = Open(OfficialDocx.Write(Sample));
        doc.PackageProperties.Created.ShouldBe(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));
    }

    private static string FontOf(WordprocessingDocument doc, string text) =>
        doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Single(p => p.InnerText == text)
            .Elements<Run>().Single().RunProperties!.RunFonts!.EastAsia!.Value!;

    private static double MillimetresOf(double twips) => twips / 1440 * 25.4;

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);
}
