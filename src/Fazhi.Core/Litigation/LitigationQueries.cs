using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Litigation;

/// <summary>A row of the litigation list.</summary>
/// <param name="Id">Case id.</param>
/// <param name="CaseNumber">Court case number.</param>
/// <param name="OrgId">Defendant org.</param>
/// <param name="FiledOn">Filing date.</param>
/// <param name="Court">Court.</param>
/// <param name="Instance">Instance.</param>
/// <param name="Cause">Cause.</param>
/// <param name="Plaintiffs">Plaintiffs.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Outcome">Outcome.</param>
/// <param name="ClosedOn">Day closed.</param>
public sealed record LitigationRow(Guid Id, string CaseNumber, Guid OrgId, DateOnly FiledOn, string Court, Instance Instance, string Cause, string Plaintiffs,
    LitigationStage Stage, LitigationOutcome? Outcome, DateOnly? ClosedOn);

/// <summary>Everything the litigation case page shows.</summary>
/// <param name="Case">The case.</param>
/// <param name="OrgName">Defendant org name.</param>
/// <param name="Defendants">Defendants.</param>
/// <param name="Hearings">Hearings.</param>
/// <param name="Events">Timeline.</param>
/// <param name="Clocks">Clocks.</param>
/// <param name="Reconsideration">The reconsideration case it follows (id, number).</param>
public sealed record LitigationDetail(LitigationCase Case, string OrgName, IReadOnlyList<LitigationDefendant> Defendants, IReadOnlyList<LitigationHearing> Hearings,
    IReadOnlyList<CaseEvent> Events, IReadOnlyList<Clock> Clocks, (Guid Id, string CaseNumber)? Reconsideration);

/// <summary>Reads lawsuits in a scope.</summary>
public sealed class LitigationQuery(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>A page, newest filing first. Filter fields: Q, Stage, OrgId, Clock, From/To (filing), Respondent (court contains),
    /// Matter (instance code), Outcome.</summary>
    public async Task<CasePage<LitigationRow>> ListAsync(CaseFilter filter, OrgScope scope, CaseCursor? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        limit = limit is > 0 and <= MaxPageSize ? limit : MaxPageSize;
        var q = await FilterAsync(db.LitigationCases.AsNoTracking(), filter, scope, ct);
        if (after is not null)
        {
            var (d, id) = (after.On, after.Id);
            q = q.Where(c => c.FiledOn < d || (c.FiledOn == d && c.Id.CompareTo(id) < 0));
        }

        var rows = await q.OrderByDescending(c => c.FiledOn).ThenByDescending(c => c.Id).Take(limit + 1)
            .Select(c => new LitigationRow(c.Id, c.CaseNumber, c.OrgId, c.FiledOn, c.Court, c.Instance, c.Cause, c.Plaintiffs, c.Stage, c.Outcome, c.ClosedOn))
            .ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new CasePage<LitigationRow>(page, rows.Count > limit ? new CaseCursor(page[^1].FiledOn, page[^1].Id) : null);
    }

    /// <summary>The filtered query.</summary>
    public async Task<IQueryable<LitigationCase>> FilterAsync(IQueryable<LitigationCase> q, CaseFilter filter, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.RootOrgId is { } root)
        {
            q = q.Where(c => db.OrgClosures.Any(x => x.AncestorId == root && x.DescendantId == c.OrgId));
        }

        if (filter.OrgId is { } org)
        {
            q = q.Where(c => db.OrgClosures.Any(x => x.AncestorId == org && x.DescendantId == c.OrgId));
        }

        if (!string.IsNullOrWhiteSpace(filter.Stage) && LitigationCodes.Stages.TryParse(filter.Stage, out var stage))
        {
            q = q.Where(c => c.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(filter.Matter) && LitigationCodes.Instances.TryParse(filter.Matter, out var instance))
        {
            q = q.Where(c => c.Instance == instance);
        }

        if (!string.IsNullOrWhiteSpace(filter.Outcome) && LitigationCodes.Outcomes.TryParse(filter.Outcome, out var outcome))
        {
            q = q.Where(c => c.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            q = q.Where(c => c.FiledOn >= from);
        }

        if (filter.To is { } to)
        {
            q = q.Where(c => c.FiledOn <= to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Respondent))
        {
            var r = filter.Respondent.Trim();
            q = q.Where(c => c.Court.Contains(r));
        }

        if (CaseSearch.Phrase(filter.Q) is { } phrase)
        {
            var ids = CaseSearch.Matching(db, LitigationCodes.CaseType, phrase);
            q = q.Where(c => ids.Contains(c.Id));
        }

        if (filter.Clock is "overdue" or "due_soon" or "running")
        {
            var today = ChineseDates.Today(clock);
            var clocks = db.Clocks.Where(k => k.CaseType == LitigationCodes.CaseType && k.Status == ClockStatus.Running);
            if (filter.Clock == "overdue")
            {
                clocks = clocks.Where(k => k.DueDate < today);
            }
            else if (filter.Clock == "due_soon")
            {
                var snapshot = await calendars.CurrentAsync(db, ct);
                var until = snapshot.Calendar.TryAddWorkingDays(today, 5, out var u) ? u : today;
                clocks = clocks.Where(k => k.DueDate >= today && k.DueDate <= until);
            }

            // Probe the clocks of each candidate case through the (case_type, case_id) index while the cases are read in
            // list order, instead of materialising every matching clock (clocks store the case id as lower-case text;
            // EF translates ToLower, not ToLowerInvariant, on both providers).
#pragma warning disable CA1304, CA1311, CA1862
            q = q.Where(c => clocks.Any(k => k.CaseId == c.Id.ToString().ToLower()));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return q;
    }

    /// <summary>One lawsuit in the scope; null when absent or outside.</summary>
    public async Task<LitigationDetail?> FindAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.LitigationCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !await db.IsInScopeAsync(scope, c.OrgId, ct))
        {
            return null;
        }

        var key = id.ToString();
        var orgName = await db.Orgs.Where(o => o.Id == c.OrgId).Select(o => o.Name).SingleAsync(ct);
        var defendants = await db.LitigationDefendants.AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.Position).ToListAsync(ct);
        var hearings = await db.LitigationHearings.AsNoTracking().Where(h => h.CaseId == id).OrderBy(h => h.HeldOn).ToListAsync(ct);
        var events = CaseEvent.Timeline(LitigationCodes.CaseType, c,
            await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).ToListAsync(ct));
        var clocks = await db.Clocks.AsNoTracking().Include(k => k.Suspensions).Include(k => k.Extensions)
            .Where(k => k.CaseType == LitigationCodes.CaseType && k.CaseId == key).OrderBy(k => k.OpenedAtUtc).ThenBy(k => k.Id).ToListAsync(ct);
        (Guid, string)? recon = null;
        if (c.ReconsiderationCaseId is { } rid)
        {
            var r = await db.ReconsiderationCases.AsNoTracking().Where(x => x.Id == rid).Select(x => new { x.Id, x.CaseNumber }).SingleOrDefaultAsync(ct);
            recon = r is null ? null : (r.Id, r.CaseNumber);
        }

        return new LitigationDetail(c, orgName, defendants, hearings, events, clocks, recon);
    }
}
