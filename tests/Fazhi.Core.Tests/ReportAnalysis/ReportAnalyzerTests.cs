using System.Text;
using Fazhi.Core.Common;
using Fazhi.Core.ReportAnalysis;
using Fazhi.TestKit;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.ReportAnalysis;

public sealed class ReportAnalyzerTests
{
    private static ReportAnalysisResult Plain(string text) => ReportAnalyzer.AnalyzePlainText(text);

    private static ReportAnalysisResult File(byte[] bytes, string name)
    {
        var r = ReportAnalyzer.Analyze(bytes, name);
        r.IsError.ShouldBeFalse(r.Error?.Message);
        return r.Value!;
    }

    private static void PartsShouldBe(ReportAnalysisResult a, bool measures, bool shortcomings, bool firstResponsibility, bool nextYear, bool other)
    {
        var expected = new Dictionary<ReportPart, bool>
        {
            [ReportPart.Measures] = measures,
            [ReportPart.Shortcomings] = shortcomings,
            [ReportPart.FirstResponsibility] = firstResponsibility,
            [ReportPart.NextYear] = nextYear,
            [ReportPart.Other] = other,
        };
        foreach (var (part, present) in expected)
        {
            a.Parts[part].ShouldBe(present, $"{part}: {string.Join(" | ", a.Evidence.Where(e => e.Part == part).Select(e => e.Text))}");
        }
    }

    private static ReportFact Fact(ReportAnalysisResult a, decimal value, string unit) =>
        a.Facts.Where(f => f.Value == value && f.Unit == unit).ShouldHaveSingleItem($"{value}{unit}");

    [Fact]
    public void Tongxiang_2021_has_measures_first_responsibility_shortcomings_and_plans_but_no_other_part()
    {
        var a = File(ReportFixtures.Example("2021_zhejiang-tongxiang.txt"), "2021_zhejiang-tongxiang.txt");
        a.Year.ShouldBe(2021);
        a.Title.ShouldNotBeNull().ShouldContain("桐乡市法治政府建设");
        // 一、举措和成效 二、第一责任人职责情况 三、存在的问题 四、2022年度工作思路 — headings inline in one long line; no "other" item.
        PartsShouldBe(a, measures: true, shortcomings: true, firstResponsibility: true, nextYear: true, other: false);
        a.Evidence.First(e => e.Part == ReportPart.NextYear).Text.ShouldContain("2022年度");
        a.Evidence.First(e => e.Part == ReportPart.FirstResponsibility).Kind.ShouldBe("heading");

        a.Facts.Count.ShouldBeGreaterThanOrEqualTo(50);
        Fact(a, 7266, "件").Text.ShouldContain("调处矛盾纠纷7266件");
        Fact(a, 67857, "件").Text.ShouldContain("执法案件监督共计67857件");
        Fact(a, 66.43m, "亿元").Text.ShouldContain("总投资额");
        Fact(a, 14, "次").Text.ShouldContain("会前集体学法14次");
        Fact(a, 98, "%").Text.ShouldContain("满意率98%");
        Fact(a, 2, "个百分点");
        a.Facts.Single(f => f.Value == 1500).Approximate.ShouldBeTrue();
        // Ordinals (第110次, 第三次会议) and durations (3个月, 6个工作日) are not facts.
        a.Facts.ShouldNotContain(f => f.Value == 110 || f.Value == 61);
        a.Facts.ShouldNotContain(f => f.Text.Contains("个月", StringComparison.Ordinal) || f.Text.Contains("工作日", StringComparison.Ordinal));

        a.Inconsistencies.ShouldBeEmpty();
    }

    [Fact]
    public void Qingpu_2023_has_four_parts_and_one_share_that_its_counts_do_not_give()
    {
        var a = File(ReportFixtures.Example("2023_shanghai-qingpu.txt"), "2023_shanghai-qingpu.txt");
        a.Year.ShouldBe(2023);
        a.Title.ShouldBe("2023年青浦区法治政府建设情况报告");
        // 一、举措和成效 二、不足和原因 三、第一责任人职责 四、2024年主要安排; no "other" item.
        PartsShouldBe(a, measures: true, shortcomings: true, firstResponsibility: true, nextYear: true, other: false);
        // The first-responsibility phrase inside the shortcomings (少数单位…意识还需进一步提高) is noted, not counted.
        a.Notes.ShouldContain(n => n.Contains("问题和不足", StringComparison.Ordinal));

        Fact(a, 858, "件").Text.ShouldBe("审结858件");
        Fact(a, 1.63m, "%").Text.ShouldBe("纠错率1.63%");
        Fact(a, 1410.77m, "亿元");
        Fact(a, 6757.96m, "万元");
        Fact(a, 64, "场次");
        Fact(a, 99.98m, "%");
        a.Facts.Single(f => f.Value == 2700).Approximate.ShouldBeTrue();

        a.RateChecks.ShouldContain(c => c.Stated == 1.63m && c.Numerator == "14件" && c.Denominator == "858件");
        a.RateChecks.ShouldContain(c => c.Stated == 99.98m && c.Numerator == "9337件" && c.Denominator == "9339件");
        a.RateChecks.ShouldContain(c => c.Stated == 72.3m && c.Numerator == "112件" && c.Denominator == "155件");

        // 125 ÷ 141 = 88.65%, printed as 88.8%; the totals 86 = 16+7+21+15+27 and 39 = 36+1+2 add up.
        var i = a.Inconsistencies.ShouldHaveSingleItem();
        i.Kind.ShouldBe("rate");
        i.Stated.ShouldBe(88.8m);
        i.Computed.ShouldBe(88.65m);
        i.Explanation.ShouldContain("125件 ÷ 141件");
    }

    [Fact]
    public void Complete_fixture_has_all_five_parts_and_consistent_arithmetic()
    {
        var a = Plain(ReportFixtures.Complete);
        a.Year.ShouldBe(2025);
        PartsShouldBe(a, true, true, true, true, true);
        a.Inconsistencies.ShouldBeEmpty();
        a.RateChecks.ShouldHaveSingleItem().Denominator.ShouldBe("200件");
        Fact(a, 12, "场").Text.ShouldBe("举办法治讲座十二场");
        Fact(a, 3600, "人次");
        Fact(a, 2.5m, "万份");
        Fact(a, 6, "次");
    }

    [Fact]
    public void Missing_parts_are_reported_missing()
    {
        var a = Plain(ReportFixtures.MissingParts);
        PartsShouldBe(a, measures: true, shortcomings: false, firstResponsibility: false, nextYear: true, other: false);
        a.Missing.ShouldBe([ReportPart.Shortcomings, ReportPart.FirstResponsibility, ReportPart.Other]);
        a.RateChecks.ShouldHaveSingleItem().Stated.ShouldBe(93.75m);
        a.Inconsistencies.ShouldBeEmpty();
    }

    [Fact]
    public void First_responsibility_only_inside_next_years_plans_is_a_plan_not_the_part()
    {
        var a = Plain(ReportFixtures.FirstResponsibilityOnlyInPlans);
        PartsShouldBe(a, measures: true, shortcomings: true, firstResponsibility: false, nextYear: true, other: false);
        a.Notes.ShouldHaveSingleItem().ShouldContain("下一年度安排");
    }

    [Fact]
    public void First_responsibility_paragraph_inside_measures_counts_as_present()
    {
        var a = Plain(ReportFixtures.FirstResponsibilityInsideMeasures);
        PartsShouldBe(a, measures: true, shortcomings: true, firstResponsibility: true, nextYear: true, other: false);
        a.Evidence.Single(e => e.Part == ReportPart.FirstResponsibility).Kind.ShouldBe("paragraph");
    }

    [Fact]
    public void A_rate_that_no_pair_of_counts_gives_is_an_inconsistency_and_a_right_share_is_confirmed()
    {
        var a = Plain(ReportFixtures.RateMismatch);
        var i = a.Inconsistencies.ShouldHaveSingleItem();
        i.Kind.ShouldBe("rate");
        i.Stated.ShouldBe(8.5m);
        i.Computed.ShouldBe(7.5m);
        i.Explanation.ShouldContain("27件 ÷ 360件");
        var check = a.RateChecks.ShouldHaveSingleItem();
        (check.Stated, check.Numerator, check.Denominator).ShouldBe((90m, "54件", "60件"));
    }

    [Fact]
    public void Parts_exceeding_a_total_and_an_exhaustive_list_that_does_not_add_up_are_inconsistencies()
    {
        var a = Plain(ReportFixtures.PartsExceedTotal);
        PartsShouldBe(a, true, true, true, true, false);
        a.Inconsistencies.Count.ShouldBe(2);
        a.Inconsistencies.ShouldAllBe(i => i.Kind == "total");
        a.Inconsistencies.ShouldContain(i => i.Stated == 120 && i.Computed == 130 && i.Explanation.Contains("超过总数"));
        a.Inconsistencies.ShouldContain(i => i.Stated == 25 && i.Computed == 20 && i.Explanation.Contains("分别为"));
    }

    [Fact]
    public void Customary_heading_styles_are_matched_by_meaning()
    {
        var a = Plain(ReportFixtures.CustomaryHeadings);
        a.Year.ShouldBe(2025);
        PartsShouldBe(a, true, true, true, true, true);
        a.Evidence.First(e => e.Part == ReportPart.Shortcomings).Text.ShouldBe("短板和弱项");
    }

    [Fact]
    public void A_report_without_headings_is_judged_paragraph_by_paragraph()
    {
        var a = Plain(ReportFixtures.ParagraphsOnly);
        PartsShouldBe(a, true, true, true, true, true);
        a.Evidence.ShouldAllBe(e => e.Kind == "paragraph");
        Fact(a, 1820, "户次");
    }

    [Fact]
    public void Html_headings_without_numbers_are_sections_and_scripts_and_styles_are_ignored()
    {
        var a = File(Encoding.UTF8.GetBytes(ReportFixtures.Html), "report.html");
        a.Format.ShouldBe("html");
        a.Title.ShouldBe("云溪区水务局2025年度法治政府建设情况报告");
        PartsShouldBe(a, measures: true, shortcomings: true, firstResponsibility: false, nextYear: true, other: false);
        a.RateChecks.ShouldHaveSingleItem().Denominator.ShouldBe("48件");
        Fact(a, 17, "件");
    }

    [Fact]
    public void Docx_heading_styles_give_the_sections_and_a_wrong_rate_is_found()
    {
        var a = File(ReportFixtures.Docx(), "report.docx");
        a.Format.ShouldBe("docx");
        a.Title.ShouldBe("云溪区自然资源局2025年度法治政府建设情况报告");
        PartsShouldBe(a, true, true, true, true, true);
        var i = a.Inconsistencies.ShouldHaveSingleItem();
        (i.Stated, i.Computed).ShouldBe((25m, 20m));
    }

    [Fact]
    public void Gb18030_text_is_decoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(ReportFixtures.Complete);
        var text = ReportTextReader.Read(bytes, "gbk.txt");
        text.IsError.ShouldBeFalse();
        text.Value!.Encoding.ShouldBe("gb18030");
        PartsShouldBe(ReportAnalyzer.Analyze(text.Value), true, true, true, true, true);
    }

    [Theory]
    [InlineData("empty.txt", "是空的")]
    [InlineData("binary.txt", "不是文本文件")]
    [InlineData("archive.docx", "不是 Word")]
    [InlineData("fake.docx", "内容不是 Word 文档")]
    [InlineData("report.pdf", "不支持“.pdf”")]
    [InlineData("scan.txt", "PDF")]
    [InlineData("latin.txt", "没有中文")]
    public void Unreadable_files_are_refused_with_a_chinese_message(string name, string message)
    {
        byte[] bytes = name switch
        {
            "empty.txt" => [],
            "binary.txt" => ReportFixtures.Binary(),
            "archive.docx" => ReportFixtures.ZipNotDocx(),
            "fake.docx" => Encoding.UTF8.GetBytes(ReportFixtures.Complete),
            "scan.txt" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj"),
            "latin.txt" => Encoding.UTF8.GetBytes("hello world, this is not a report"),
            _ => Encoding.UTF8.GetBytes(ReportFixtures.Complete),
        };
        var r = ReportAnalyzer.Analyze(bytes, name);
        r.IsError.ShouldBeTrue();
        var error = r.Error.ShouldBeOfType<ValidationError>();
        error.Fields["file"].ShouldHaveSingleItem().ShouldContain(message);
    }

    [Theory]
    [InlineData("共受理案件1,250件", 1250, "件", false)]
    [InlineData("召开会议十二次", 12, "次", false)]
    [InlineData("覆盖群众2.3万人次", 2.3, "万人次", false)]
    [InlineData("达到百分之九十五", 95, "百分之", false)]
    [InlineData("比例达到96.5％", 96.5, "％", false)]
    [InlineData("挽回损失300余万元", 300, "万元", true)]
    [InlineData("检查企业约40家", 40, "家", true)]
    public void Facts_keep_the_number_and_the_unit_as_written(string text, double value, string unit, bool approximate)
    {
        var f = FactExtractor.Extract([new TextBlock(text)]).ShouldHaveSingleItem();
        (f.Value, f.Unit, f.Approximate, f.Text).ShouldBe(((decimal)value, unit, approximate, text));
    }

    [Theory]
    [InlineData("召开第三次会议")]
    [InlineData("第12次常务会议")]
    [InlineData("压缩至6个工作日")]
    [InlineData("推出“一件事”服务")]
    [InlineData("历时3个月")]
    public void Ordinals_durations_and_names_are_not_facts(string text) =>
        FactExtractor.Extract([new TextBlock(text)]).ShouldBeEmpty();

    [Theory]
    [InlineData(88.652, 88.8, 1, false)]
    [InlineData(88.652, 88.7, 1, true)]
    [InlineData(88.652, 88.6, 1, true)]
    [InlineData(72.258, 72.3, 1, true)]
    [InlineData(66.667, 67, 0, true)]
    [InlineData(66.667, 66, 0, true)]
    [InlineData(66.667, 65, 0, false)]
    public void A_rate_is_given_by_rounding_half_up_or_truncating(double computed, double stated, int decimals, bool gives) =>
        ArithmeticChecker.Gives((decimal)computed, (decimal)stated, decimals).ShouldBe(gives);

    [Fact]
    public void A_rate_with_no_evident_counts_is_not_reported()
    {
        // 出庭率 names 出庭, which no count nearby mentions: no claim either way.
        var a = Plain("一、主要举措和成效\n全年审结行政诉讼案件309件，受理复议案件90件，行政机关负责人出庭率100%。");
        a.Inconsistencies.ShouldBeEmpty();
        a.RateChecks.ShouldBeEmpty();
    }

    [Fact]
    public void A_share_of_a_named_whole_that_is_not_stated_is_not_reported()
    {
        var a = Plain("一、主要举措和成效\n检查企业500家。新增市场主体3000家，占全市总量的15%。");
        a.Inconsistencies.ShouldBeEmpty();
    }

    [Fact]
    public void The_comparison_table_has_one_row_per_file_with_the_parts_and_the_failures()
    {
        var ok = Plain(ReportFixtures.MissingParts);
        var rows = new[] { new ComparisonRow("a.txt", ok, null), new ComparisonRow("b.bin.txt", null, "不是文本文件") };
        var csv = ReportComparison.ToCsv(rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv.Length.ShouldBe(3);
        csv[0].ShouldStartWith("文件,标题,年度,主要举措和成效");
        csv[1].ShouldStartWith("a.txt,云溪区青石镇2025年法治政府建设情况报告,2025,有,无,无,有,无,");
        csv[2].ShouldEndWith(",不是文本文件");
        var html = ReportComparison.ToHtml(rows, "reports");
        html.ShouldContain("<td class=\"no\">✗</td>");
        html.ShouldContain("<tr class=\"failed\">");
    }

    [Fact]
    public void Slogan_headings_are_measures_and_a_combined_heading_gives_two_parts()
    {
        var a = Plain("""
            云溪区人民政府2025年度法治政府建设情况报告
            一、坚持党的领导，统筹推进法治建设
            区政府常务会议专题学法10次。
            二、着力解决群众急难愁盼问题
            2026年1月，区政府印发优化营商环境实施方案。全区受理12345热线诉求3,200件。
            三、存在的问题及下一步打算
            执法队伍专业化程度不高。下一步，我们将加大培训力度。
            """);
        PartsShouldBe(a, measures: true, shortcomings: true, firstResponsibility: false, nextYear: true, other: false);
        a.Evidence.Where(e => e.Part == ReportPart.Shortcomings).ShouldAllBe(e => e.Text.StartsWith("存在的问题", StringComparison.Ordinal));
        a.Evidence.Where(e => e.Part == ReportPart.NextYear).ShouldAllBe(e => !e.Text.Contains("2026年1月", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_matters_in_passing_inside_measures_are_not_the_other_part()
    {
        var a = Plain("""
            云溪区财政局2025年度法治政府建设情况报告
            一、主要举措和成效
            对重大行政决策、规范性文件及其他事项开展合法性审查48件。
            """);
        a.Parts[ReportPart.Other].ShouldBeFalse();
    }

    [Theory]
    [InlineData("2021_zhejiang-tongxiang.txt")]
    [InlineData("2023_shanghai-qingpu.txt")]
    public void An_example_report_gives_the_same_analysis_as_html_docx_and_gb18030(string example)
    {
        var bytes = ReportFixtures.Example(example);
        var text = Encoding.UTF8.GetString(bytes);
        var txt = File(bytes, example);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var versions = new[]
        {
            File(Encoding.UTF8.GetBytes(ReportFixtures.HtmlOf(text)), "report.html"),
            File(ReportFixtures.DocxOf(text), "report.docx"),
            File(Encoding.GetEncoding("GB18030").GetBytes(text), "report.txt"),
        };
        foreach (var v in versions)
        {
            v.Parts.ShouldBe(txt.Parts);
            v.Year.ShouldBe(txt.Year);
            v.Title.ShouldBe(txt.Title);
            v.Facts.Select(f => (f.Value, f.Unit, f.Text)).ShouldBe(txt.Facts.Select(f => (f.Value, f.Unit, f.Text)));
            v.Inconsistencies.Select(i => (i.Stated, i.Computed)).ShouldBe(txt.Inconsistencies.Select(i => (i.Stated, i.Computed)));
        }
    }

    [Fact]
    public void A_heading_line_with_spaces_inside_is_read_whole()
    {
        var a = Plain("""
            云溪区司法局2025年度法治政府建设情况报告
            一、 2025年 主要工作
            全年办理法律援助案件310件。
            二、 2026年 工作计划
            深化公共法律服务体系建设。
            """);
        a.Evidence.Single(e => e.Part == ReportPart.NextYear).Text.ShouldBe("2026年 工作计划");
        PartsShouldBe(a, measures: true, shortcomings: false, firstResponsibility: false, nextYear: true, other: false);
    }

    [Fact]
    public void Absurd_figures_do_not_break_the_analysis()
    {
        var a = Plain("""
            一、主要举措和成效
            共收到申请99999999999999亿件，其中网上申请0.0000000001件，当面申请99999999999999亿件，纠错0.00000000000001件，纠错率99.9%。
            受理123456789012345678901234567890件。
            """);
        a.Facts.ShouldNotContain(f => f.Text.Contains("1234567890123456", StringComparison.Ordinal));
        a.Facts.Count.ShouldBe(5);
        a.Inconsistencies.ShouldHaveSingleItem().Stated.ShouldBe(99.9m);
    }
}
