using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Fazhi.TestKit;

/// <summary>
/// Annual reports written for the tests (fictional 云溪区 units, our own words), each with known properties, and the
/// published example reports in ../shared/examples/reports.
/// </summary>
public static class ReportFixtures
{
    /// <summary>All five parts, headings 一、…五、; one rate confirmed by its counts; parts that add up.</summary>
    public const string Complete = """
        云溪区司法局2025年度法治政府建设工作报告
        2025年，云溪区司法局围绕全区中心工作推进依法行政。现将有关情况报告如下：
        一、2025年度推进法治政府建设的主要举措和成效
        （一）规范行政复议。全年收到行政复议申请240件，受理200件，审结160件，其中维持100件、撤销40件、其他20件，审结率80%。
        （二）加强普法。举办法治讲座十二场，覆盖群众3,600人次，发放宣传资料2.5万份。
        二、存在的不足和原因
        基层执法人员的法律素养参差不齐，部分单位重视程度不够，原因在于培训投入偏少。
        三、党政主要负责人履行推进法治建设第一责任人职责情况
        局主要负责人全年主持专题学法6次，在区委全面依法治区委员会会议上述法一次。
        四、2026年推进法治政府建设的主要安排
        （一）深化行政复议体制改革，提高案件审理质量。
        （二）持续开展执法人员轮训。
        五、其他需要报告的情况
        本年度无其他需要报告的重大事项。
        """;

    /// <summary>Only measures and next-year plans: shortcomings, first responsibility and other matters are missing.</summary>
    public const string MissingParts = """
        云溪区青石镇2025年法治政府建设情况报告
        一、主要工作情况
        全镇共调处矛盾纠纷320件，调解成功300件，调解成功率93.75%。
        二、2026年工作计划
        继续推进综合行政执法改革，完善镇级合法性审查机制。
        """;

    /// <summary>The first-responsibility phrase appears only in next year's plans: that is a plan, not the part.</summary>
    public const string FirstResponsibilityOnlyInPlans = """
        云溪区交通运输局2025年度法治政府建设情况报告
        一、2025年工作举措和成效
        全年办理行政许可1,250件，按时办结率100%。
        二、存在的问题
        执法装备更新较慢，信息化水平不高。
        三、2026年工作打算
        （一）压实责任。推动党政主要负责人切实履行推进法治建设第一责任人职责，年底前组织述法。
        （二）加强队伍建设。
        """;

    /// <summary>A correction rate that none of its counts gives (27 ÷ 360 = 7.5%, not 8.5%), and a share that is right.</summary>
    public const string RateMismatch = """
        云溪区人民政府2025年度法治政府建设情况报告
        一、主要举措和成效
        行政复议方面，全年受理行政复议案件400件，审结360件，纠错27件，纠错率8.5%。办理人大代表建议60件，已办结54件，占90%。
        二、存在的不足
        复议人员偏少。
        三、党政主要负责人履行第一责任人职责情况
        区长带头述法。
        四、2026年工作安排
        完善复议听证制度。
        """;

    /// <summary>Parts that exceed their total (70 + 45 + 15 > 120) and an exhaustive list that does not add up (12 + 8 ≠ 25).</summary>
    public const string PartsExceedTotal = """
        云溪区市场监管局2025年度法治政府建设情况报告
        一、工作举措和成效
        共办理政府信息公开申请120件，其中予以公开70件、部分公开45件、不予公开15件。
        全年共组织执法培训25场，分别为执法人员培训12场、领导干部学法8场。
        全年共作出行政处罚决定90件，其中简易程序30件，普通程序55件，其他5件。
        二、存在的问题和不足
        执法力量不足。
        三、主要负责人履行法治建设第一责任人职责情况
        局长主持党组会专题研究法治工作4次。
        四、下一步工作思路
        加强执法监督。
        """;

    /// <summary>Other customary headings: 第一部分…, 工作情况及亮点, 短板和弱项, 下一步工作打算, 其他事项; no years in headings.</summary>
    public const string CustomaryHeadings = """
        云溪区教育局法治政府建设年度报告（2025年）
        第一部分 工作情况及亮点
        1.依法治校示范校创建扎实推进，新增示范校5所。
        2.开展校园安全执法检查46次。
        第二部分 主要负责人履职情况
        局党委书记、局长认真履行法治建设第一责任人职责，年内听取法治工作汇报3次。
        第三部分 短板和弱项
        部分学校法治副校长作用发挥不充分。
        第四部分 下一步工作打算
        推进依法治教规范化。
        第五部分 其他事项
        无。
        """;

    /// <summary>No headings at all: every part is a paragraph.</summary>
    public const string ParagraphsOnly = """
        云溪区卫生健康委员会2025年度法治政府建设情况报告
        2025年，我委深入推进依法行政，全年开展卫生监督检查1,820户次，办结行政处罚案件64件，组织执法人员培训9场。
        我委党政主要负责人认真履行推进法治建设第一责任人职责，主持召开党委会专题研究法治工作2次，并在年终述职中述法。
        对照法治政府建设的要求，我委工作中仍存在一些不足：行政执法数字化程度不高，执法人员专业背景单一，主要原因是培训机制不健全。
        2026年，我委将重点完善执法全过程记录，推进执法信息化建设，开展行政执法人员轮训。
        其他需要报告的情况：无。
        """;

    /// <summary>Measures and shortcomings as headings; the first-responsibility report is one paragraph inside the measures.</summary>
    public const string FirstResponsibilityInsideMeasures = """
        云溪区应急管理局2025年度法治政府建设情况报告
        一、推进法治政府建设的主要成效
        （一）加强组织领导。局主要负责人履行推进法治建设第一责任人职责，带头学法4次，年终专题述法。
        （二）规范执法。全年检查企业210家，立案查处35件。
        二、存在的不足和原因
        执法人员数量偏少。
        三、2026年工作安排
        继续抓好安全生产执法。
        """;

    /// <summary>The same report as HTML: h2 headings without outline numbers, a script and a style that must be ignored, entities.</summary>
    public const string Html = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>云溪区水务局2025年度法治政府建设情况报告</title>
        <style>.x{content:"第一责任人"}</style>
        <script>var s = "其他需要报告的情况";</script></head>
        <body>
        <h1>云溪区水务局2025年度法治政府建设情况报告</h1>
        <p>2025年，我局依法履行水行政管理职责。</p>
        <h2>工作举措&amp;成效</h2>
        <p>全年办理取水许可&nbsp;48件，办结46件，办结率95.8%。</p>
        <div>查处水事违法案件17件。</div>
        <h2>存在的问题</h2>
        <p>基层水政执法力量薄弱。</p>
        <h2>2026年工作计划</h2>
        <p>完善河湖执法联动机制。</p>
        </body></html>
        """;

    /// <summary>A DOCX with "heading 1" styled headings (style id "1", as Chinese Word names them) and no outline numbers.</summary>
    public static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "1" },
                new Style(new StyleName { Val = "Title" }) { Type = StyleValues.Paragraph, StyleId = "a3" });
            var body = new Body();
            void P(string text, string? style = null)
            {
                var p = new Paragraph(new Run(new Text(text)));
                if (style is not null)
                {
                    p.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                }

                body.Append(p);
            }

            P("云溪区自然资源局2025年度法治政府建设情况报告", "a3");
            P("2025年，我局坚持依法行政。");
            P("主要举措和成效", "1");
            P("全年受理行政复议案件30件，纠错6件，纠错率25%。");
            P("存在的不足和原因", "1");
            P("执法监督机制有待完善。");
            P("主要负责人履行第一责任人职责情况", "1");
            P("局长带头述法。");
            P("下一年度工作安排", "1");
            P("推进不动产登记规范化。");
            P("其他需要报告的情况", "1");
            P("无。");
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>A DOCX with one paragraph per line of <paramref name="text"/> (no styles).</summary>
    public static byte[] DocxOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            foreach (var line in text.Split('\n'))
            {
                body.Append(new Paragraph(new Run(new Text(line.TrimEnd('\r')) { Space = SpaceProcessingModeValues.Preserve })));
            }

            doc.AddMainDocumentPart().Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>An HTML page with one paragraph per line of <paramref name="text"/>, inside site chrome (script, style, navigation).</summary>
    public static string HtmlOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = string.Concat(text.Split('\n').Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l.TrimEnd('\r'))}</p>\n"));
        return $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>p{{margin:0}}</style><script>var a = 1 < 2;</script></head>\n<body><div class=\"article\">\n{paragraphs}</div></body></html>";
    }

    /// <summary>A ZIP archive that is not a Word document.</summary>
    public static byte[] ZipNotDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("hello");
        }

        return stream.ToArray();
    }

    /// <summary>Bytes of a binary file (NUL bytes and arbitrary values).</summary>
    public static byte[] Binary() => [.. Enumerable.Range(0, 512).Select(i => (byte)(i * 37 % 256))];

    /// <summary>The folder of the published example reports (../shared/examples/reports next to the repository).</summary>
    public static string ExamplesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fazhi.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException("Repository root (Fazhi.slnx) not found above the test output.");
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "examples", "reports"));
    }

    /// <summary>The bytes of one example report.</summary>
    public static byte[] Example(string fileName) => File.ReadAllBytes(Path.Combine(ExamplesFolder(), fileName));
}
