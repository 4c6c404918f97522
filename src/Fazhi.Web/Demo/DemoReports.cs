using System.Text.RegularExpressions;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Demo;

/// <summary>
/// Annual reports of the demo district for last year, made through the same services staff use: manual facts
/// (law study sessions, legal-education events, legal advisers…) entered for the district and some departments;
/// three departments' reports completed, reviewed, approved and published, two more approved or in review, one
/// draft; the district government's own report left as the generated draft for users to complete.
/// </summary>
public sealed partial class DemoReports(AppDbContext db, ManualFactService facts, AnnualReportService reports, TimeProvider time)
{
    // What a unit would write where the generated draft leaves 【…】, part by part (demo text, our own words).
    private static readonly Dictionary<ReportPart, string> Written = new()
    {
        [ReportPart.Measures] = "坚持以习近平法治思想为指导，对照法治政府建设实施纲要，把依法行政贯穿于履职全过程，各项工作有序推进",
        [ReportPart.Shortcomings] = "一是个别执法人员程序意识不强，案卷制作不够规范；二是法治宣传的针对性有待提高。原因主要是培训覆盖不够全面，案卷评查发现问题的跟踪整改不到位",
        [ReportPart.FirstResponsibility] = "主要负责人主持召开党组会议专题研究法治建设，带头学法、带头依法决策，重大事项坚持经合法性审查后集体讨论决定",
        [ReportPart.NextYear] = "加强执法人员培训和案卷评查，推进行政执法规范化",
        [ReportPart.Other] = "无",
    };

    [GeneratedRegex(@"【[^】]*】")]
    private static partial Regex Placeholder();

    /// <summary>Creates the facts and reports; returns how many reports were made.</summary>
    public async Task<int> CreateAsync(CancellationToken ct)
    {
        var year = ChineseDates.Today(time).Year - 1;
        var scope = OrgScope.Everything;
        var rnd = new Random(2025);
        foreach (var (code, fact, value, note) in new (string, string, double, string)[]
        {
            ("YXQ", "manual.law_study_sessions", 12, "区政府常务会议会前学法，全年记录"),
            ("YXQ", "manual.leaders_law_reports", 38, "区管领导干部年度述法"),
            ("YXQ-SFJ", "manual.legal_education_events", 146, "“八五”普法及宪法宣传周活动"),
            ("YXQ-SFJ", "manual.legal_advisers", 57, "政府法律顾问和公职律师名册"),
            ("YXQ-ZFB", "manual.normative_documents_issued", 9, "区政府及办公室行政规范性文件"),
            ("YXQ-ZFB", "manual.normative_documents_filed", 9, "报市政府备案"),
            ("YXQ-SFJ", "manual.major_decisions_reviewed", 14, "重大行政决策合法性审核"),
            ("YXQ-SFJ", "manual.contracts_reviewed", 213, "行政协议和政府合同审查"),
        })
        {
            await facts.AddAsync(fact, code, year, null, value, note, null, scope, ct);
        }

        foreach (var code in new[] { "YXQ-SCJ", "YXQ-ZFJ", "YXQ-GAJ", "YXQ-JTJ", "YXQ-HBJ", "YXQ-RSJ" })
        {
            await facts.AddAsync("manual.legal_education_events", code, year, null, 4 + rnd.Next(20), "部门普法责任清单落实", null, scope, ct);
            await facts.AddAsync("manual.enforcement_staff_trained", code, year, null, 30 + rnd.Next(120), "执法人员年度法律知识培训", null, scope, ct);
        }

        // Department reports at different stages; the district's own report stays a generated draft.
        var made = 0;
        foreach (var (code, stage) in new[]
        {
            ("YXQ-SCJ", ReportStatus.Published), ("YXQ-ZFJ", ReportStatus.Published), ("YXQ-JTJ", ReportStatus.Published),
            ("YXQ-GAJ", ReportStatus.Approved), ("YXQ-HBJ", ReportStatus.InReview), ("YXQ-RSJ", ReportStatus.Draft), ("YXQ", ReportStatus.Draft),
        })
        {
            var created = await reports.CreateAsync(code, year, scope, ct);
            if (created.IsError)
            {
                continue;
            }

            made++;
            var report = created.Value!;
            if (code == "YXQ")
            {
                continue;
            }

            var parts = ReportCodes.Parts.Select(p => new PartEdit(p, report.Heading(p), Complete(p, report.Text(p)))).ToList();
            await reports.UpdateAsync(report.Id, report.Title, parts, scope, ct);
            if (stage == ReportStatus.Draft)
            {
                continue;
            }

            await reports.SubmitAsync(report.Id, scope, ct);
            if (stage == ReportStatus.InReview)
            {
                continue;
            }

            await reports.SecrecySignOffAsync(report.Id, null, scope, ct);
            await reports.ApproveAsync(report.Id, scope, ct);
            if (stage == ReportStatus.Published)
            {
                await reports.PublishAsync(report.Id, scope, ct);
            }
        }

        db.ChangeTracker.Clear();
        return made;
    }

    // The first placeholder of a part becomes the part's demo sentence; the others (hints, numbered stubs) go.
    private static string Complete(ReportPart part, string text)
    {
        var first = true;
        var done = Placeholder().Replace(text.Replace("，【", "【", StringComparison.Ordinal), _ =>
        {
            var s = first ? Written[part] : "";
            first = false;
            return s;
        });
        var lines = done.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0 && !IsBareItem(l)).ToList();
        if (part == ReportPart.NextYear)
        {
            lines.Add("1.深化行政复议规范化建设，提高办案质量和效率。");
            lines.Add("2.落实行政机关负责人出庭应诉制度，做到应出尽出。");
        }

        return string.Join('\n', lines.Select(l => l.Trim().EndsWith('。') || l.StartsWith('（') ? l : l + "。"));
    }

    private static bool IsBareItem(string line) => Regex.IsMatch(line.Trim(), @"^\d+[.．、]\s*$");
}
