using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Reports;

/// <summary>
/// The annual reports of an org and the orgs below it that must report (governments, departments, townships,
/// subdistricts) for a year: each one's status (not started, draft, in review, approved, published, late), its key
/// figures side by side with a ranking and a chart, and the way to start a report.
/// </summary>
public sealed class IndexModel(AnnualReportService reports, ReportFigureService figures, AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>The figures compared across orgs.</summary>
    public static readonly string[] KeyFigures =
    [
        "reconsideration.received", "reconsideration.correction_rate", "litigation.new", "litigation.loss_rate", "litigation.head_appearance_rate",
    ];

    private static readonly OrgType[] ReportingTypes = [OrgType.Government, OrgType.Department, OrgType.Township, OrgType.Subdistrict];

    [BindProperty(SupportsGet = true)]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rank { get; set; }

    [BindProperty]
    public string? CreateOrg { get; set; }

    public IReadOnlyList<(string Code, string Name, int Depth)> Orgs { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanManage => me.CanManageReports;

    public ReportFigureService Figures => figures;

    /// <summary>One org's line.</summary>
    public sealed record Row(string Code, string Name, OrgType Type, Guid? ReportId, int? Version, ReportStatus? Status, DateOnly Deadline, bool Late,
        DateOnly? PublishedOn, IReadOnlyDictionary<string, ReportFigure> Figures, int? Rank);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var r = await reports.CreateAsync(CreateOrg, Year ?? 0, me.Scope, ct);
        if (r.IsError)
        {
            if (r.Error is Fazhi.Core.Common.NotFoundError)
            {
                return NotFound();
            }

            r.Error!.AddTo(ModelState, "");
            return await LoadAsync(ct) ? Page() : NotFound();
        }

        TempData["Flash"] = "已根据数据生成报告初稿，请补充【】中的内容。";
        return Redirect($"/reports/{r.Value!.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var today = ChineseDates.Today(time);
        Years = Enumerable.Range(0, 6).Select(i => today.Year - i).ToList();
        Year ??= today.Year - 1;
        Rank = KeyFigures.Contains(Rank) ? Rank : "litigation.head_appearance_rate";
        Orgs = await OrgOptions.LoadAsync(db, me.Scope, ct);
        Org ??= await db.Orgs.Where(o => o.Id == me.OrgId).Select(o => o.Code).SingleOrDefaultAsync(ct);
        var code = Org ?? "";
        var root = await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (root is null || !await db.IsInScopeAsync(me.Scope, root.Id, ct))
        {
            return false;
        }

        var orgs = await db.OrgClosures.Where(c => c.AncestorId == root.Id).Join(db.Orgs, c => c.DescendantId, o => o.Id, (c, o) => o)
            .Where(o => ReportingTypes.Contains(o.Type)).OrderBy(o => o.Depth).ThenBy(o => o.Code).Take(200).AsNoTracking().ToListAsync(ct);
        var ids = orgs.Select(o => o.Id).ToList();
        var year = Year.Value;
        var latest = (await db.AnnualReports.AsNoTracking().Where(r => r.Year == year && ids.Contains(r.OrgId))
                .Select(r => new { r.Id, r.OrgId, r.Version, r.Status, r.PublishedOn }).ToListAsync(ct))
            .GroupBy(r => r.OrgId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!);
        var published = (await db.AnnualReports.AsNoTracking().Where(r => r.Year == year && ids.Contains(r.OrgId) && r.Status == ReportStatus.Published)
                .Select(r => new { r.OrgId, r.PublishedOn }).ToListAsync(ct))
            .GroupBy(r => r.OrgId).ToDictionary(g => g.Key, g => g.Min(r => r.PublishedOn));
        var rows = new List<Row>();
        var deadlines = new Dictionary<OrgType, DateOnly>();
        foreach (var type in orgs.Select(o => o.Type).Distinct())
        {
            deadlines[type] = await reports.DeadlineForAsync(type, year, ct);
        }

        foreach (var o in orgs)
        {
            var deadline = deadlines[o.Type];
            var values = await figures.EvaluateAsync(o.Id, year, ct);
            latest.TryGetValue(o.Id, out var rep);
            var firstPublished = published.TryGetValue(o.Id, out var p) ? p : null;
            var late = firstPublished is { } on ? on > deadline : today > deadline;
            rows.Add(new Row(o.Code, o.Name, o.Type, rep?.Id, rep?.Version, rep?.Status, deadline, late, firstPublished, values, null));
        }

        // Rank by the chosen figure, highest first; orgs without a value are not ranked.
        var ranked = rows.Where(r => r.Figures.TryGetValue(Rank!, out var f) && f.Value is not null)
            .OrderByDescending(r => r.Figures[Rank!].Value).ToList();
        var rank = 0;
        double? previous = null;
        var position = 0;
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in ranked)
        {
            position++;
            var v = r.Figures[Rank!].Value;
            if (v != previous)
            {
                rank = position;
                previous = v;
            }

            ranks[r.Code] = rank;
        }

        Rows = rows.Select(r => r with { Rank = ranks.TryGetValue(r.Code, out var k) ? k : null }).ToList();
        return true;
    }

    /// <summary>The status cell: 未开始 or the status, with 逾期 when late.</summary>
    public static string StatusText(Row r) => r.Status is { } s ? s.Label() : "未开始";
}
