using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reports;

/// <summary>A report with what its pages and outputs need.</summary>
/// <param name="Report">The report (not tracked).</param>
/// <param name="OrgCode">Org code.</param>
/// <param name="OrgName">Org name.</param>
/// <param name="OrgType">Org type.</param>
/// <param name="Figures">Frozen figures once approved, current ones before.</param>
/// <param name="Deadline">The statutory date for this org (1 March for departments, 1 April otherwise; configurable).</param>
/// <param name="Late">Published after the deadline, or not published and the deadline has passed.</param>
/// <param name="Versions">Every version of the org's report for the year: (id, version, status).</param>
public sealed record ReportView(AnnualReport Report, string OrgCode, string OrgName, OrgType OrgType, IReadOnlyDictionary<string, ReportFigure> Figures,
    DateOnly Deadline, bool Late, IReadOnlyList<(Guid Id, int Version, ReportStatus Status)> Versions);

/// <summary>The text of one part, as submitted by an editor.</summary>
/// <param name="Part">Which part.</param>
/// <param name="Heading">Its heading.</param>
/// <param name="Text">Its text.</param>
public sealed record PartEdit(ReportPart Part, string? Heading, string? Text);

/// <summary>
/// The annual report's life: a draft generated from the data, edited, submitted for review (completeness check),
/// signed off by the secrecy review (保密审查), approved (text and figures frozen, with the cases behind them) and
/// published on the portal; a change after approval needs a new version. Every step is a tracked change, so the audit
/// log records it. Scope: the report's org must lie in the user's scope.
/// </summary>
public sealed class AnnualReportService(AppDbContext db, ReportFigureService figures, Indicators.IndicatorService indicators, ClockCalendar calendar, TimeProvider time)
{
    /// <summary>Message for anything outside the scope.</summary>
    public const string NotFoundMessage = "报告不存在或不在您的管辖范围内。";

    /// <summary>The figure service.</summary>
    public ReportFigureService Figures => figures;

    /// <summary>The statutory date by which the org's report for the year is due (law.md §8; configurable rules
    /// <c>annual-report.department</c> and <c>annual-report.government</c>).</summary>
    public async Task<DateOnly> DeadlineForAsync(OrgType type, int year, CancellationToken ct)
    {
        var rule = type == OrgType.Department ? "annual-report.department" : "annual-report.government";
        var r = (await calendar.CurrentAsync(db, ct)).Calculator.Calculate(new DeadlineRequest(rule, new DateOnly(year, 12, 31)));
        return r.IsError ? new DateOnly(year + 1, 4, 1) : r.Value!.Due;
    }

    /// <summary>Creates version 1 of the org's report for the year as a draft generated from the data.</summary>
    public async Task<Result<AnnualReport>> CreateAsync(string? orgCode, int year, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var code = orgCode?.Trim() ?? "";
        var org = code.Length == 0 ? null : await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            return new NotFoundError("org-not-found", code.Length == 0 ? "请选择单位。" : $"单位“{code}”不存在或不在您的管辖范围内。");
        }

        var thisYear = ChineseDates.Today(time).Year;
        if (year < 2015 || year > thisYear)
        {
            return ValidationError.For("year", $"年份 {year} 无效，应在 2015 至 {thisYear} 之间。");
        }

        if (await db.AnnualReports.AnyAsync(r => r.OrgId == org.Id && r.Year == year, ct))
        {
            return new ConflictError("report-exists", $"{org.Name} {year} 年度的报告已经存在，请打开现有报告；审定后需要修改的，请创建新版本。");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var report = new AnnualReport
        {
            Id = Guid.CreateVersion7(),
            OrgId = org.Id,
            Year = year,
            Version = 1,
            Status = ReportStatus.Draft,
            CreatedAt = now,
            CreatedBy = db.Actor.Name,
            UpdatedAt = now,
            UpdatedBy = db.Actor.Name,
        };
        ReportDraft.Fill(report, org.Name, await figures.EvaluateAsync(org.Id, year, ct));
        db.AnnualReports.Add(report);
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>A report in scope with its figures, deadline and versions.</summary>
    public async Task<Result<ReportView>> GetAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var report = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !await db.IsInScopeAsync(scope, report.OrgId, ct))
        {
            return new NotFoundError("report-not-found", NotFoundMessage);
        }

        return await ViewAsync(report, ct);
    }

    /// <summary>The latest version of an org's report for a year, by org code, in scope (null: none yet).</summary>
    public async Task<Result<ReportView?>> FindAsync(string? orgCode, int year, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var code = orgCode?.Trim() ?? "";
        var org = await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            return new NotFoundError("org-not-found", $"单位“{code}”不存在或不在您的管辖范围内。");
        }

        var report = await db.AnnualReports.AsNoTracking().Where(r => r.OrgId == org.Id && r.Year == year).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        return report is null ? (ReportView?)null : await ViewAsync(report, ct);
    }

    /// <summary>The latest published version of an org's report for a year (public portal; no scope).</summary>
    public async Task<ReportView?> PublishedAsync(string? orgCode, int year, int? version, CancellationToken ct)
    {
        var code = orgCode?.Trim() ?? "";
        var org = await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is null)
        {
            return null;
        }

        var q = db.AnnualReports.AsNoTracking().Where(r => r.OrgId == org.Id && r.Year == year && r.Status == ReportStatus.Published);
        if (version is { } v)
        {
            q = q.Where(r => r.Version == v);
        }

        var report = await q.OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        return report is null ? null : await ViewAsync(report, ct);
    }

    /// <summary>Every published report, newest first (portal index).</summary>
    public async Task<IReadOnlyList<(string OrgCode, string OrgName, int Year, int Version, string Title, DateOnly PublishedOn)>> PublishedListAsync(CancellationToken ct)
    {
        var rows = await db.AnnualReports.AsNoTracking().Where(r => r.Status == ReportStatus.Published)
            .Join(db.Orgs, r => r.OrgId, o => o.Id, (r, o) => new { o.Code, o.Name, r.Year, r.Version, r.Title, r.PublishedOn })
            .ToListAsync(ct);
        return rows.GroupBy(r => (r.Code, r.Year)).Select(g => g.MaxBy(r => r.Version)!)
            .OrderByDescending(r => r.PublishedOn).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => (r.Code, r.Name, r.Year, r.Version, r.Title, r.PublishedOn ?? default)).ToList();
    }

    /// <summary>
    /// The JSON of an org subtree and year: the latest version of its report when one exists (frozen figures once
    /// approved), otherwise the current figures with <c>report</c> null.
    /// </summary>
    public async Task<Result<AnnualReportJson>> JsonAsync(string? orgCode, int year, OrgScope scope, CancellationToken ct)
    {
        var org = await indicators.ResolveAsync(orgCode, year, scope, ct);
        if (org.IsError)
        {
            return org.Error!;
        }

        var found = await FindAsync(org.Value!.Code, year, scope, ct);
        if (found.IsError)
        {
            return found.Error!;
        }

        if (found.Value is { } view)
        {
            return ReportOutput.Json(view, view.Report.Status == ReportStatus.Published ? ReportOutput.PublicPath(view.OrgCode, year) : null);
        }

        var values = await figures.EvaluateAsync(org.Value.Id, year, ct);
        return new AnnualReportJson(org.Value.Code, org.Value.Name, year, null, values.Values.ToList());
    }

    /// <summary>Saves the title and parts of a draft.</summary>
    public async Task<Result<AnnualReport>> UpdateAsync(Guid id, string? title, IReadOnlyList<PartEdit> parts, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var found = await TrackedAsync(id, scope, ct);
        if (found.IsError)
        {
            return found.Error!;
        }

        var report = found.Value!;
        if (report.Status != ReportStatus.Draft)
        {
            return new ConflictError("report-not-editable", report.IsFrozen
                ? "报告已审定，不能修改；如需修改，请创建新版本。"
                : "报告正在审核，不能修改；请先退回草稿。");
        }

        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var t = (title ?? "").Trim();
        if (t.Length > AnnualReport.MaxTitleLength)
        {
            fields["title"] = [$"标题不超过 {AnnualReport.MaxTitleLength} 个字符。"];
        }

        foreach (var p in parts)
        {
            if ((p.Heading ?? "").Trim().Length > AnnualReport.MaxHeadingLength)
            {
                fields[p.Part.Code() + "_heading"] = [$"标题不超过 {AnnualReport.MaxHeadingLength} 个字符。"];
            }

            if ((p.Text ?? "").Length > AnnualReport.MaxPartLength)
            {
                fields[p.Part.Code()] = [$"正文不超过 {AnnualReport.MaxPartLength} 个字符。"];
            }

            foreach (var r in ReportText.References(p.Text))
            {
                if (!figures.IsKnown(r.Id))
                {
                    fields[p.Part.Code()] = [$"引用了不存在的指标“{r.Id}”，请检查拼写；可用的指标见下方列表。"];
                    break;
                }
            }
        }

        if (fields.Count > 0)
        {
            return new ValidationError(fields);
        }

        report.Title = t;
        foreach (var p in parts)
        {
            report.SetPart(p.Part, (p.Heading ?? "").Trim(), (p.Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        }

        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        report.UpdatedBy = db.Actor.Name;
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>The completeness check against the current figures of the report year.</summary>
    public async Task<IReadOnlyList<ReportProblem>> CheckAsync(AnnualReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        var current = await figures.EvaluateAsync(report.OrgId, report.Year, ct);
        return ReportCheck.Run(report, current, figures.IsKnown, figures.NameOf);
    }

    /// <summary>The completeness check of a loaded report (its figures are the current ones until approval).</summary>
    public IReadOnlyList<ReportProblem> Check(ReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ReportCheck.Run(view.Report, view.Figures, figures.IsKnown, figures.NameOf);
    }

    /// <summary>Draft → review; refused while the check finds problems.</summary>
    public Task<Result<AnnualReport>> SubmitAsync(Guid id, OrgScope scope, CancellationToken ct) =>
        StepAsync(id, scope, ReportStatus.Draft, "只有草稿可以提交审核。", async r =>
        {
            var problems = await CheckAsync(r, ct);
            if (problems.Count > 0)
            {
                return Incomplete(problems);
            }

            r.Status = ReportStatus.InReview;
            r.SubmittedAt = time.GetUtcNow().UtcDateTime;
            r.SubmittedBy = db.Actor.Name;
            r.ReturnReason = null;
            return null;
        }, ct);

    /// <summary>Review → draft, with the reason; clears the secrecy sign-off.</summary>
    public Task<Result<AnnualReport>> ReturnAsync(Guid id, string? reason, OrgScope scope, CancellationToken ct) =>
        StepAsync(id, scope, ReportStatus.InReview, "只有审核中的报告可以退回。", r =>
        {
            var why = (reason ?? "").Trim();
            if (why.Length is 0 or > 500)
            {
                return Task.FromResult<Error?>(ValidationError.For("reason", "请填写退回理由（不超过 500 个字符）。"));
            }

            r.Status = ReportStatus.Draft;
            r.ReturnReason = why;
            r.SecrecyReviewedAt = null;
            r.SecrecyReviewedBy = null;
            r.SecrecyNote = null;
            return Task.FromResult<Error?>(null);
        }, ct);

    /// <summary>Records the secrecy review (保密审查) sign-off of a report under review.</summary>
    public Task<Result<AnnualReport>> SecrecySignOffAsync(Guid id, string? note, OrgScope scope, CancellationToken ct) =>
        StepAsync(id, scope, ReportStatus.InReview, "只有审核中的报告可以进行保密审查。", r =>
        {
            var n = (note ?? "").Trim();
            if (n.Length > 500)
            {
                return Task.FromResult<Error?>(ValidationError.For("note", "审查意见不超过 500 个字符。"));
            }

            r.SecrecyReviewedAt = time.GetUtcNow().UtcDateTime;
            r.SecrecyReviewedBy = db.Actor.Name;
            r.SecrecyNote = n.Length == 0 ? "经审查，报告不涉及国家秘密和工作秘密，可以公开。" : n;
            return Task.FromResult<Error?>(null);
        }, ct);

    /// <summary>Review → approved: the check passes again, the secrecy review is signed off; the figures and the cases
    /// behind them are frozen.</summary>
    public Task<Result<AnnualReport>> ApproveAsync(Guid id, OrgScope scope, CancellationToken ct) =>
        StepAsync(id, scope, ReportStatus.InReview, "只有审核中的报告可以审定。", async r =>
        {
            if (r.SecrecyReviewedAt is null)
            {
                return new ConflictError("secrecy-review-missing", "报告尚未通过保密审查，不能审定。");
            }

            var problems = await CheckAsync(r, ct);
            if (problems.Count > 0)
            {
                return Incomplete(problems);
            }

            r.FrozenFigures = (await figures.FreezeAsync(r.OrgId, r.Year, ct)).ToJson();
            r.Status = ReportStatus.Approved;
            r.ApprovedAt = time.GetUtcNow().UtcDateTime;
            r.ApprovedBy = db.Actor.Name;
            r.ApprovedOn = ChineseDates.Today(time);
            return null;
        }, ct);

    /// <summary>Approved → published on the portal, dated today (China time).</summary>
    public Task<Result<AnnualReport>> PublishAsync(Guid id, OrgScope scope, CancellationToken ct) =>
        StepAsync(id, scope, ReportStatus.Approved, "只有已审定的报告可以公开。", r =>
        {
            r.Status = ReportStatus.Published;
            r.PublishedAt = time.GetUtcNow().UtcDateTime;
            r.PublishedBy = db.Actor.Name;
            r.PublishedOn = ChineseDates.Today(time);
            return Task.FromResult<Error?>(null);
        }, ct);

    /// <summary>Starts a new draft version from an approved or published one (the latest version).</summary>
    public async Task<Result<AnnualReport>> NewVersionAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        var found = await TrackedAsync(id, scope, ct);
        if (found.IsError)
        {
            return found.Error!;
        }

        var source = found.Value!;
        if (!source.IsFrozen)
        {
            return new ConflictError("report-not-frozen", "报告尚未审定，可以直接修改，不需要创建新版本。");
        }

        var latest = await db.AnnualReports.Where(r => r.OrgId == source.OrgId && r.Year == source.Year).MaxAsync(r => r.Version, ct);
        if (latest != source.Version)
        {
            return new ConflictError("not-latest-version", $"已有更新的第 {latest} 版，请在最新版本上修改。");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var copy = new AnnualReport
        {
            Id = Guid.CreateVersion7(),
            OrgId = source.OrgId,
            Year = source.Year,
            Version = source.Version + 1,
            Status = ReportStatus.Draft,
            Title = source.Title,
            CreatedAt = now,
            CreatedBy = db.Actor.Name,
            UpdatedAt = now,
            UpdatedBy = db.Actor.Name,
        };
        foreach (var p in ReportCodes.Parts)
        {
            copy.SetPart(p, source.Heading(p), source.Text(p));
        }

        db.AnnualReports.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    private static ValidationError Incomplete(IReadOnlyList<ReportProblem> problems) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["report"] = problems.Select(p => p.Message).ToArray() });

    private async Task<Result<AnnualReport>> StepAsync(Guid id, OrgScope scope, ReportStatus from, string wrongState, Func<AnnualReport, Task<Error?>> step,
        CancellationToken ct)
    {
        var found = await TrackedAsync(id, scope, ct);
        if (found.IsError)
        {
            return found.Error!;
        }

        var report = found.Value!;
        if (report.Status != from)
        {
            return new ConflictError("report-wrong-status", $"{wrongState}当前状态：{report.Status.Label()}。");
        }

        var error = await step(report);
        if (error is not null)
        {
            return error;
        }

        await db.SaveChangesAsync(ct);
        return report;
    }

    private async Task<Result<AnnualReport>> TrackedAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var report = await db.AnnualReports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !await db.IsInScopeAsync(scope, report.OrgId, ct))
        {
            return new NotFoundError("report-not-found", NotFoundMessage);
        }

        return report;
    }

    private async Task<ReportView> ViewAsync(AnnualReport report, CancellationToken ct)
    {
        var org = await db.Orgs.AsNoTracking().SingleAsync(o => o.Id == report.OrgId, ct);
        var values = report.FrozenFigures is { } frozen
            ? FrozenFigures.FromJson(frozen).Figures.ToDictionary(f => f.Indicator, StringComparer.Ordinal)
            : await figures.EvaluateAsync(report.OrgId, report.Year, ct);
        var deadline = await DeadlineForAsync(org.Type, report.Year, ct);
        var late = report.PublishedOn is { } on ? on > deadline : ChineseDates.Today(time) > deadline;
        var versions = (await db.AnnualReports.AsNoTracking().Where(r => r.OrgId == report.OrgId && r.Year == report.Year)
                .OrderBy(r => r.Version).Select(r => new { r.Id, r.Version, r.Status }).ToListAsync(ct))
            .Select(v => (v.Id, v.Version, v.Status)).ToList();
        return new ReportView(report, org.Code, org.Name, org.Type, values, deadline, late, versions);
    }
}
