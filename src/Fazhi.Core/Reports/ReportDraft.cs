using System.Globalization;
using System.Text;

namespace Fazhi.Core.Reports;

/// <summary>
/// The starting draft of an annual report: the five mandated parts with customary headings (一、 for parts, （一） for
/// sections, 1. for items), figure sentences for the lines of work the org actually has in the year (every number a
/// <c>{{reference}}</c>), and 【…】 placeholders where only people can write — the check refuses a report while any is
/// left.
/// </summary>
public static class ReportDraft
{
    /// <summary>Fills a new report's title and parts from the figures of its org subtree and year.</summary>
    public static void Fill(AnnualReport report, string orgName, IReadOnlyDictionary<string, ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        var year = report.Year;
        report.Title = $"{orgName}关于{year}年度法治政府建设情况的报告";
        report.SetPart(ReportPart.Measures, $"{year}年推进法治政府建设的主要举措和成效", Measures(orgName, year, figures));
        report.SetPart(ReportPart.Shortcomings, "存在的不足和原因", Shortcomings(figures));
        report.SetPart(ReportPart.FirstResponsibility, "党政主要负责人履行推进法治建设第一责任人职责情况", FirstResponsibility(figures));
        report.SetPart(ReportPart.NextYear, $"{year + 1}年推进法治政府建设的主要安排", NextYear());
        report.SetPart(ReportPart.Other, "其他需要报告的情况", "【请写明其他需要报告的情况，如上级督察、考核中指出问题的整改情况；确无其他情况的，写明“无”。】");
    }

    private static double N(IReadOnlyDictionary<string, ReportFigure> f, string id) => f.TryGetValue(id, out var x) ? x.Numerator : 0;

    private static bool HasValue(IReadOnlyDictionary<string, ReportFigure> f, string id) => f.TryGetValue(id, out var x) && x.Value is not null;

    private static string Measures(string orgName, int year, IReadOnlyDictionary<string, ReportFigure> f)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{year}年，{orgName}【请概述本年度推进法治政府建设的总体情况和主要成效】。");
        var section = 0;
        if (N(f, "reconsideration.received") + N(f, "reconsideration.accepted") + N(f, "reconsideration.concluded") > 0)
        {
            section++;
            s.AppendLine(Section(section, "发挥行政复议化解行政争议主渠道作用"));
            var line = new StringBuilder("全年共收到行政复议申请{{reconsideration.received}}，受理{{reconsideration.accepted}}");
            if (N(f, "reconsideration.not_accepted") > 0)
            {
                line.Append("，不予受理{{reconsideration.not_accepted}}");
            }

            line.Append("；审结{{reconsideration.concluded}}");
            if (N(f, "reconsideration.concluded") > 0)
            {
                line.Append("，其中纠错{{reconsideration.corrected}}");
                if (HasValue(f, "reconsideration.correction_rate"))
                {
                    line.Append("，纠错率{{reconsideration.correction_rate}}");
                }

                if (HasValue(f, "reconsideration.mediated_rate"))
                {
                    line.Append("；以调解、和解方式结案的占{{reconsideration.mediated_rate}}");
                }
            }

            s.AppendLine(line.Append('。').ToString());
            if (N(f, "reconsideration.overdue") == 0 && N(f, "reconsideration.concluded") > 0)
            {
                s.AppendLine("全部案件在法定期限内审结。");
            }
        }

        if (N(f, "litigation.new") + N(f, "litigation.concluded") + N(f, "litigation.heard") > 0)
        {
            section++;
            s.AppendLine(Section(section, "依法做好行政应诉工作"));
            var line = new StringBuilder("全年新收一审行政诉讼案件{{litigation.new}}，审结{{litigation.concluded}}");
            if (N(f, "litigation.concluded") > 0)
            {
                line.Append("，其中败诉{{litigation.lost}}，败诉率{{litigation.loss_rate}}");
            }

            line.Append('。');
            if (N(f, "litigation.heard") > 0)
            {
                line.Append("开庭审理的案件{{litigation.heard}}，行政机关负责人出庭应诉率{{litigation.head_appearance_rate}}，出庭出声率{{litigation.head_spoke_rate}}。");
            }

            if (HasValue(f, "reconsideration_to_litigation_ratio") && N(f, "reconsideration.received") > 0)
            {
                line.Append("行政复议与一审行政诉讼案件之比为{{reconsideration_to_litigation_ratio}}。");
            }

            s.AppendLine(line.ToString());
        }

        var manual = ManualFacts.All.Where(m => N(f, m.Id) > 0 && m.Id != "manual.law_study_sessions" && m.Id != "manual.leaders_law_reports").ToList();
        if (manual.Count > 0)
        {
            section++;
            s.AppendLine(Section(section, "推进依法行政和法治宣传教育"));
            foreach (var m in manual)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"{m.Name}{{{{{m.Id}}}}}，【请补充具体做法】。");
            }
        }

        s.AppendLine("【请按工作领域补充其他主要举措和成效，可用“（一）”“1.”分级标题】");
        return s.ToString().TrimEnd();
    }

    private static string Shortcomings(IReadOnlyDictionary<string, ReportFigure> f)
    {
        var s = new StringBuilder();
        s.AppendLine("【请实事求是地写明存在的不足，并分析原因】");
        if (N(f, "reconsideration.overdue") > 0)
        {
            s.AppendLine("行政复议案件办理时限管理有待加强，超期审结或超期未结的案件{{reconsideration.overdue}}。");
        }

        if (f.TryGetValue("litigation.head_appearance_rate", out var head) && head.Value is < 100)
        {
            s.AppendLine("行政机关负责人出庭应诉率为{{litigation.head_appearance_rate}}，尚未做到应出尽出。");
        }

        if (N(f, "litigation.lost") > 0)
        {
            s.AppendLine("行政诉讼败诉{{litigation.lost}}，反映出部分行政行为在程序和证据方面仍有欠缺。");
        }

        return s.ToString().TrimEnd();
    }

    private static string FirstResponsibility(IReadOnlyDictionary<string, ReportFigure> f)
    {
        var s = new StringBuilder();
        s.AppendLine("【请写明党政主要负责人履行推进法治建设第一责任人职责的情况：研究部署、带头学法、带头依法决策、督促落实等】");
        if (N(f, "manual.law_study_sessions") > 0)
        {
            s.AppendLine("政府常务会议会前学法{{manual.law_study_sessions}}。");
        }

        if (N(f, "manual.leaders_law_reports") > 0)
        {
            s.AppendLine("组织领导干部述法{{manual.leaders_law_reports}}。");
        }

        return s.ToString().TrimEnd();
    }

    private static string NextYear() =>
        "【请写明下一年度推进法治政府建设的主要安排，与本报告第二部分的不足相对应】\n1.【安排一】\n2.【安排二】";

    private static string Section(int number, string text) => $"（{Documents.ChineseNumerals.Format(number)}）{text}";
}
