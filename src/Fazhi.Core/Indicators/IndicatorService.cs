using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Indicators;

/// <summary>
/// Evaluates the indicator catalog for an org subtree (the org and every org below it, through the closure table) and a
/// year, and lists the cases behind each numerator and denominator. The figures come from a few grouped, index-friendly
/// queries (one per predicate: receipt year, acceptance, non-acceptance, closure by outcome, decision clocks, lawsuits
/// filed, lawsuits closed by instance and outcome, hearings); the case lists use the same predicates, so a drill-down
/// always adds up to its figure.
/// </summary>
public sealed class IndicatorService(AppDbContext db, IndicatorCatalog catalog, TimeProvider time)
{
    /// <summary>Earliest year accepted.</summary>
    public const int MinYear = 2000;

    /// <summary>Largest page of a case list.</summary>
    public const int MaxPageSize = 200;

    private const string DecisionRule = "reconsideration.decision";
    private const string DecisionRuleSimplified = "reconsideration.decision-simplified";

    /// <summary>The catalog in use.</summary>
    public IndicatorCatalog Catalog => catalog;

    /// <summary>Resolves an org code within the scope (404 outside) and checks the year.</summary>
    public async Task<Result<Org>> ResolveAsync(string? orgCode, int year, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var code = orgCode?.Trim() ?? "";
        var org = code.Length == 0 ? null : await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            return new NotFoundError("org-not-found", code.Length == 0 ? "请指定单位编码。" : $"单位“{code}”不存在或不在您的管辖范围内。");
        }

        var thisYear = ChineseDates.Today(time).Year;
        if (year < MinYear || year > thisYear)
        {
            return ValidationError.For("year", $"年份 {year} 无效，应在 {MinYear} 至 {thisYear} 之间。");
        }

        return org;
    }

    /// <summary>All figures of the catalog that apply to the year, for the subtree of <paramref name="orgCode"/>.</summary>
    public async Task<Result<IndicatorReport>> EvaluateAsync(string? orgCode, int year, OrgScope scope, CancellationToken ct)
    {
        var org = await ResolveAsync(orgCode, year, scope, ct);
        if (org.IsError)
        {
            return org.Error!;
        }

        var data = await LoadAsync(org.Value!.Id, year, ct);
        var figures = catalog.All.Where(d => d.AppliesTo(year)).Select(d => Figure(d, data)).ToList();
        return new IndicatorReport(org.Value.Code, org.Value.Name, year, figures);
    }

    /// <summary>
    /// One indicator month by month through a year (months after today are left out), and across the org and its direct
    /// children for the whole year: the indicator page's trend and comparison.
    /// </summary>
    public async Task<Result<IndicatorBreakdown>> BreakdownAsync(string? indicatorId, string? orgCode, int year, OrgScope scope, CancellationToken ct)
    {
        var definition = catalog.Find(indicatorId);
        if (definition is null)
        {
            return new NotFoundError("indicator-not-found", $"指标“{indicatorId}”不存在。");
        }

        var org = await ResolveAsync(orgCode, year, scope, ct);
        if (org.IsError)
        {
            return org.Error!;
        }

        var root = org.Value!;
        var today = ChineseDates.Today(time);
        var months = new List<IndicatorPoint>();
        for (var m = 1; m <= 12; m++)
        {
            var start = new DateOnly(year, m, 1);
            if (start > today)
            {
                break;
            }

            var f = Figure(definition, await LoadAsync(root.Id, start, start.AddMonths(1).AddDays(-1), ct));
            months.Add(new IndicatorPoint(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-{m:00}"), $"{m}月", f));
        }

        var children = await db.Orgs.AsNoTracking().Where(o => o.ParentId == root.Id).OrderBy(o => o.Code).Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(ct);
        var orgs = new List<IndicatorPoint> { new(root.Code, root.Name + "（合计）", Figure(definition, await LoadAsync(root.Id, year, ct))) };
        foreach (var c in children)
        {
            orgs.Add(new IndicatorPoint(c.Code, c.Name, Figure(definition, await LoadAsync(c.Id, year, ct))));
        }

        return new IndicatorBreakdown(definition.Id, definition.Name, definition.UnitSymbol, root.Code, root.Name, year, months, orgs);
    }

    /// <summary>A page of the cases behind an indicator's numerator or denominator.</summary>
    public async Task<Result<IndicatorCasePage>> CasesAsync(string? indicatorId, string? orgCode, int year, string? set, int page, int pageSize,
        OrgScope scope, CancellationToken ct)
    {
        var definition = catalog.Find(indicatorId);
        if (definition is null)
        {
            return new NotFoundError("indicator-not-found", $"指标“{indicatorId}”不存在。");
        }

        var side = string.IsNullOrWhiteSpace(set) ? "numerator" : set.Trim();
        var caseSet = side switch
        {
            "numerator" => definition.Numerator,
            "denominator" => definition.Denominator,
            _ => null,
        };
        if (caseSet is null)
        {
            return ValidationError.For("set", side is "numerator" or "denominator" ? "该指标没有分母。" : "set 应为 numerator 或 denominator。");
        }

        var org = await ResolveAsync(orgCode, year, scope, ct);
        if (org.IsError)
        {
            return org.Error!;
        }

        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var root = org.Value!.Id;
        var total = Count(caseSet, await LoadAsync(root, year, ct));
        List<IndicatorCaseRow> rows;
        if (caseSet.Line == CaseLine.Reconsideration)
        {
            IQueryable<ReconsiderationCase> q;
            if (caseSet.Kind == CaseSetKind.ReconsiderationOverdue)
            {
                // One page of case ids from the clocks (ordered by the id text), then those cases.
                var ids = await OverdueCaseIds(root, year).OrderBy(x => x).Skip((page - 1) * pageSize).Take(pageSize + 1).ToListAsync(ct);
                var guids = ids.Take(pageSize).Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).ToList();
                rows = await ReconsiderationRowsAsync(db.ReconsiderationCases.Where(c => guids.Contains(c.Id)), 0, pageSize, ct);
                return new IndicatorCasePage(definition.Id, side, caseSet.Describe(), total, page, pageSize, ids.Count > pageSize, rows);
            }

            q = ReconsiderationQuery(caseSet, root, year);

            rows = await ReconsiderationRowsAsync(q, (page - 1) * pageSize, pageSize + 1, ct);
        }
        else
        {
            var q = LitigationQuery(caseSet, root, year);
            rows = await LitigationRowsAsync(q, (page - 1) * pageSize, pageSize + 1, ct);
        }

        return new IndicatorCasePage(definition.Id, side, caseSet.Describe(), total, page, pageSize, rows.Count > pageSize, rows.Take(pageSize).ToList());
    }

    /// <summary>Every case behind a case set for a subtree and year (for freezing a report's figures), as (line, id).</summary>
    internal async Task<IReadOnlyList<(string Line, Guid Id)>> CaseIdsAsync(CaseSet set, Guid root, int year, CancellationToken ct)
    {
        if (set.Kind == CaseSetKind.ReconsiderationOverdue)
        {
            var ids = await OverdueCaseIds(root, year).ToListAsync(ct);
            return ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Order()
                .Select(g => (ReconsiderationCodes.CaseType, g)).ToList();
        }

        var list = set.Line == CaseLine.Reconsideration
            ? await ReconsiderationQuery(set, root, year).Select(c => c.Id).ToListAsync(ct)
            : await LitigationQuery(set, root, year).Select(c => c.Id).ToListAsync(ct);
        var line = set.Line == CaseLine.Reconsideration ? ReconsiderationCodes.CaseType : LitigationCodes.CaseType;
        return list.Order().Select(g => (line, g)).ToList();
    }

    /// <summary>The value of one definition over loaded data.</summary>
    internal static IndicatorFigure Figure(IndicatorDefinition d, IndicatorData data)
    {
        var n = Count(d.Numerator, data);
        if (d.Denominator is null)
        {
            return new IndicatorFigure(d.Id, d.Name, d.UnitSymbol, n, n, null, d.Version);
        }

        var m = Count(d.Denominator, data);
        double? value = m == 0 ? null : d.Unit == IndicatorUnit.Percent ? n * 100.0 / m : (double)n / m;
        return new IndicatorFigure(d.Id, d.Name, d.UnitSymbol, value, n, m, d.Version);
    }

    /// <summary>The size of a case set over loaded data.</summary>
    internal static long Count(CaseSet set, IndicatorData data)
    {
        bool InInstances(Instance i) => set.Instances is null || set.Instances.Contains(i);
        return set.Kind switch
        {
            CaseSetKind.ReconsiderationReceived => data.Received,
            CaseSetKind.ReconsiderationAccepted => data.Accepted,
            CaseSetKind.ReconsiderationNotAccepted => data.NotAccepted,
            CaseSetKind.ReconsiderationOverdue => data.Overdue,
            CaseSetKind.ReconsiderationConcluded => data.ConcludedByOutcome.Where(kv => set.Outcomes is null || set.Outcomes.Contains(kv.Key)).Sum(kv => kv.Value),
            CaseSetKind.LitigationFiled => data.FiledByInstance.Where(kv => InInstances(kv.Key)).Sum(kv => kv.Value),
            CaseSetKind.LitigationConcluded => data.LitigationClosed
                .Where(x => InInstances(x.Instance) && (set.Outcomes is null || set.Outcomes.Contains(LitigationCodes.Outcomes.Code(x.Outcome)))
                    && (!set.JudgmentsOnly || x.Outcome.IsJudgment()))
                .Sum(x => x.Count),
            CaseSetKind.LitigationHeard => data.Heard.Where(x => InInstances(x.Instance)).Sum(x => set.CountHearings ? x.Hearings : 1),
            CaseSetKind.LitigationHeadPresent => data.Heard.Where(x => InInstances(x.Instance)).Sum(x => set.CountHearings ? x.Present : x.Present > 0 ? 1 : 0),
            CaseSetKind.LitigationHeadSpoke => data.Heard.Where(x => InInstances(x.Instance)).Sum(x => set.CountHearings ? x.Spoke : x.Spoke > 0 ? 1 : 0),
            _ => throw new ArgumentOutOfRangeException(nameof(set), set.Kind, "Unknown case set kind."),
        };
    }

    /// <summary>Runs the grouped queries for a subtree and year.</summary>
    internal Task<IndicatorData> LoadAsync(Guid root, int year, CancellationToken ct)
    {
        var (start, end) = ChineseDates.YearSpan(year);
        return LoadAsync(root, start, end, ct);
    }

    /// <summary>
    /// Runs the grouped queries for a subtree and a period (a year, or a month for the trend). For a part of a year the
    /// receipt and filing predicates use the dates instead of the year columns, and "overdue" counts the cases decided
    /// late in the period plus the open ones whose decision period ran out in it.
    /// </summary>
    internal async Task<IndicatorData> LoadAsync(Guid root, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var year = start.Year;
        var wholeYear = start == new DateOnly(year, 1, 1) && end == new DateOnly(year, 12, 31);
        var recon = ReconsiderationIn(root);

        // Separate index range scans ((org_id, received_on, …), (org_id, accepted_on), (org_id, stage, …),
        // (org_id, closed_on)) beat one OR'ed predicate, which SQLite answers by scanning every case of each org.
        var received = await recon.CountAsync(c => c.ReceivedOn >= start && c.ReceivedOn <= end, ct);
        var accepted = await recon.CountAsync(c => c.AcceptedOn >= start && c.AcceptedOn <= end, ct);
        var notAccepted = await recon.CountAsync(c => c.Stage == ReconsiderationStage.NotAccepted && c.NotAcceptedOn >= start && c.NotAcceptedOn <= end, ct);
        var concluded = await Concluded(recon, start, end)
            .GroupBy(c => c.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var overdue = wholeYear ? await OverdueCaseIds(root, year).CountAsync(ct) : await OverdueCaseIdsIn(root, start, end).CountAsync(ct);

        var lit = LitigationIn(root);
        var filedIn = wholeYear ? lit.Where(c => c.FiledYear == year) : lit.Where(c => c.FiledOn >= start && c.FiledOn <= end);
        var filed = await filedIn.GroupBy(c => c.Instance).Select(g => new { Instance = g.Key, Count = g.Count() }).ToListAsync(ct);
        var closed = await lit.Where(c => c.ClosedOn >= start && c.ClosedOn <= end && c.Stage == LitigationStage.Closed)
            .GroupBy(c => new { c.Instance, c.Outcome })
            .Select(g => new { g.Key.Instance, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(ct);
        var heard = await db.LitigationHearings.Where(h => h.HeldOn >= start && h.HeldOn <= end)
            .Join(lit, h => h.CaseId, c => c.Id, (h, c) => new { h.CaseId, c.Instance, h.HeadPresent, h.HeadSpoke })
            .GroupBy(x => new { x.CaseId, x.Instance })
            .Select(g => new { g.Key.Instance, Hearings = g.Count(), Present = g.Count(x => x.HeadPresent), Spoke = g.Count(x => x.HeadSpoke) })
            .ToListAsync(ct);

        return new IndicatorData(
            received,
            accepted,
            notAccepted,
            concluded.Where(x => x.Outcome is not null).ToDictionary(x => ReconsiderationCodes.Outcomes.Code(x.Outcome!.Value), x => (long)x.Count, StringComparer.Ordinal),
            overdue,
            filed.ToDictionary(x => x.Instance, x => (long)x.Count),
            closed.Where(x => x.Outcome is not null).Select(x => new LitigationClosedCount(x.Instance, x.Outcome!.Value, x.Count)).ToList(),
            heard.Select(x => new HeardCase(x.Instance, x.Hearings, x.Present, x.Spoke)).ToList());
    }


    private static IQueryable<ReconsiderationCase> Concluded(IQueryable<ReconsiderationCase> q, DateOnly start, DateOnly end) =>
        q.Where(c => c.ClosedOn >= start && c.ClosedOn <= end && c.Stage == ReconsiderationStage.Closed && c.AcceptedOn != null);

    // A join from the closure rows (an index range on ancestor_id), not a correlated EXISTS (ADR 0009).
    private IQueryable<ReconsiderationCase> ReconsiderationIn(Guid root) =>
        db.OrgClosures.Where(o => o.AncestorId == root).Join(db.ReconsiderationCases, o => o.DescendantId, c => c.OrgId, (o, c) => c);

    private IQueryable<LitigationCase> LitigationIn(Guid root) =>
        db.OrgClosures.Where(o => o.AncestorId == root).Join(db.LitigationCases, o => o.DescendantId, c => c.OrgId, (o, c) => c);

    /// <summary>
    /// Ids (clock case-id text) of the cases that overran a decision period: a decision clock stopped after its due date
    /// in the year (met-late: the case was decided, or a simplified case converted, late), or a decision clock still
    /// running whose due date passed before the end of the year (or before today, for the current year). A suspended
    /// clock is not counting, so it is not overdue. Distinct (UNION).
    /// </summary>
    private IQueryable<string> OverdueCaseIds(Guid root, int year)
    {
        var (start, end) = ChineseDates.YearSpan(year);
        var today = ChineseDates.Today(time);
        var cutoff = today <= end ? today : end.AddDays(1);
        var late = DecisionClocksIn(root).Where(c => c.Status == ClockStatus.MetLate && c.StoppedOn >= start && c.StoppedOn <= end).Select(c => c.CaseId);
        var open = DecisionClocksIn(root).Where(c => c.Status == ClockStatus.Running && c.DueDate < cutoff).Select(c => c.CaseId);
        return late.Union(open);
    }

    private IQueryable<string> OverdueCaseIdsIn(Guid root, DateOnly start, DateOnly end)
    {
        var today = ChineseDates.Today(time);
        var last = today <= end ? today.AddDays(-1) : end;
        var late = DecisionClocksIn(root).Where(c => c.Status == ClockStatus.MetLate && c.StoppedOn >= start && c.StoppedOn <= end).Select(c => c.CaseId);
        var open = DecisionClocksIn(root).Where(c => c.Status == ClockStatus.Running && c.DueDate >= start && c.DueDate <= last).Select(c => c.CaseId);
        return late.Union(open);
    }

    private IQueryable<Clock> DecisionClocksIn(Guid root) =>
        db.OrgClosures.Where(o => o.AncestorId == root)
            .Join(db.Clocks, o => o.DescendantId, c => c.OrgId, (o, c) => c)
            .Where(c => c.CaseType == ReconsiderationCodes.CaseType && (c.RuleId == DecisionRule || c.RuleId == DecisionRuleSimplified));

    private IQueryable<ReconsiderationCase> ReconsiderationQuery(CaseSet set, Guid root, int year)
    {
        var (start, end) = ChineseDates.YearSpan(year);
        var q = ReconsiderationIn(root);
        switch (set.Kind)
        {
            case CaseSetKind.ReconsiderationReceived:
                return q.Where(c => c.ReceivedOn >= start && c.ReceivedOn <= end);
            case CaseSetKind.ReconsiderationAccepted:
                return q.Where(c => c.AcceptedOn >= start && c.AcceptedOn <= end);
            case CaseSetKind.ReconsiderationNotAccepted:
                return q.Where(c => c.Stage == ReconsiderationStage.NotAccepted && c.NotAcceptedOn >= start && c.NotAcceptedOn <= end);
            case CaseSetKind.ReconsiderationConcluded:
                q = Concluded(q, start, end);
                if (set.Outcomes is not null)
                {
                    var outcomes = set.Outcomes.Select(o => (ReconsiderationOutcome?)ReconsiderationCodes.Outcomes.FromCode(o)).ToList();
                    q = q.Where(AnyOf<ReconsiderationCase, ReconsiderationOutcome?>(c => c.Outcome, outcomes));
                }

                return q;
            default:
                throw new ArgumentOutOfRangeException(nameof(set), set.Kind, "Not a reconsideration case set.");
        }
    }

    private IQueryable<LitigationCase> LitigationQuery(CaseSet set, Guid root, int year)
    {
        var (start, end) = ChineseDates.YearSpan(year);
        var q = LitigationIn(root);
        if (set.Instances is not null)
        {
            var instances = set.Instances.ToList();
            q = q.Where(AnyOf<LitigationCase, Instance>(c => c.Instance, instances));
        }

        switch (set.Kind)
        {
            case CaseSetKind.LitigationFiled:
                return q.Where(c => c.FiledYear == year);
            case CaseSetKind.LitigationConcluded:
                q = q.Where(c => c.ClosedOn >= start && c.ClosedOn <= end && c.Stage == LitigationStage.Closed);
                if (set.Outcomes is not null)
                {
                    var outcomes = set.Outcomes.Select(o => (LitigationOutcome?)LitigationCodes.Outcomes.FromCode(o)).ToList();
                    q = q.Where(AnyOf<LitigationCase, LitigationOutcome?>(c => c.Outcome, outcomes));
                }

                if (set.JudgmentsOnly)
                {
                    var judgments = LitigationCodes.Outcomes.Values.Where(o => o.IsJudgment()).Select(o => (LitigationOutcome?)o).ToList();
                    q = q.Where(AnyOf<LitigationCase, LitigationOutcome?>(c => c.Outcome, judgments));
                }

                return q;
            case CaseSetKind.LitigationHeard:
                return q.Where(c => db.LitigationHearings.Any(h => h.CaseId == c.Id && h.HeldOn >= start && h.HeldOn <= end));
            case CaseSetKind.LitigationHeadPresent:
                return q.Where(c => db.LitigationHearings.Any(h => h.CaseId == c.Id && h.HeldOn >= start && h.HeldOn <= end && h.HeadPresent));
            case CaseSetKind.LitigationHeadSpoke:
                return q.Where(c => db.LitigationHearings.Any(h => h.CaseId == c.Id && h.HeldOn >= start && h.HeldOn <= end && h.HeadSpoke));
            default:
                throw new ArgumentOutOfRangeException(nameof(set), set.Kind, "Not a litigation case set.");
        }
    }

    internal async Task<List<IndicatorCaseRow>> ReconsiderationRowsAsync(IQueryable<ReconsiderationCase> q, int skip, int take, CancellationToken ct)
    {
        var raw = await q.Join(db.Orgs, c => c.OrgId, o => o.Id, (c, o) => new { c.Id, c.CaseNumber, c.ApplicantNames, o.Name, c.ReceivedOn, c.AcceptedOn, c.ClosedOn, c.Outcome })
            .OrderBy(x => x.CaseNumber).ThenBy(x => x.Id).Skip(skip).Take(take)
            .ToListAsync(ct);
        return raw.Select(x => new IndicatorCaseRow(ReconsiderationCodes.CaseType, x.Id, x.CaseNumber, x.ApplicantNames, x.Name, x.ReceivedOn, x.AcceptedOn,
            x.ClosedOn, x.Outcome is { } o ? ReconsiderationCodes.Outcomes.Code(o) : null, x.Outcome is { } l ? ReconsiderationCodes.Outcomes.Label(l) : null, null)).ToList();
    }

    internal async Task<List<IndicatorCaseRow>> LitigationRowsAsync(IQueryable<LitigationCase> q, int skip, int take, CancellationToken ct)
    {
        var raw = await q.Join(db.Orgs, c => c.OrgId, o => o.Id, (c, o) => new { c.Id, c.CaseNumber, c.Plaintiffs, o.Name, c.FiledOn, c.ClosedOn, c.Outcome, c.Instance })
            .OrderBy(x => x.CaseNumber).ThenBy(x => x.Id).Skip(skip).Take(take)
            .ToListAsync(ct);
        return raw.Select(x => new IndicatorCaseRow(LitigationCodes.CaseType, x.Id, x.CaseNumber, x.Plaintiffs, x.Name, x.FiledOn, null, x.ClosedOn,
            x.Outcome is { } o ? LitigationCodes.Outcomes.Code(o) : null, x.Outcome is { } l ? LitigationCodes.Outcomes.Label(l) : null,
            LitigationCodes.Instances.Label(x.Instance))).ToList();
    }

    // column = v1 OR column = v2 …: a list parameter of value-converted enums does not translate on Npgsql
    // (EF 10.0.14 looks for a JSON reader/writer of the nullable enum list that it does not have).
    private static System.Linq.Expressions.Expression<Func<T, bool>> AnyOf<T, TValue>(System.Linq.Expressions.Expression<Func<T, TValue>> column, IEnumerable<TValue> values)
    {
        System.Linq.Expressions.Expression body = System.Linq.Expressions.Expression.Constant(false);
        foreach (var v in values)
        {
            var eq = System.Linq.Expressions.Expression.Equal(column.Body, System.Linq.Expressions.Expression.Constant(v, typeof(TValue)));
            body = body is System.Linq.Expressions.ConstantExpression { Value: false } ? eq : System.Linq.Expressions.Expression.OrElse(body, eq);
        }

        return System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, column.Parameters);
    }
}
