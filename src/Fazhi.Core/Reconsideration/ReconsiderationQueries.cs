using System.Globalization;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reconsideration;

/// <summary>Filters of the case list; all optional.</summary>
/// <param name="Q">Full-text query (case number, parties, respondent, act, request); two characters or more.</param>
/// <param name="Stage">Stage code.</param>
/// <param name="OrgId">Only this org's subtree (within the caller's scope).</param>
/// <param name="Clock">Clock status: overdue, due_soon (within 5 working days), running.</param>
/// <param name="From">Received on or after.</param>
/// <param name="To">Received on or before.</param>
/// <param name="Respondent">Respondent name contains.</param>
/// <param name="Matter">Matter type code.</param>
/// <param name="Outcome">Outcome code.</param>
public sealed record CaseFilter(string? Q = null, string? Stage = null, Guid? OrgId = null, string? Clock = null, DateOnly? From = null, DateOnly? To = null,
    string? Respondent = null, string? Matter = null, string? Outcome = null);

/// <summary>Keyset position: the receipt date and id of the last row shown (lists run newest first).</summary>
/// <param name="On">Date of the last row.</param>
/// <param name="Id">Id of the last row.</param>
public sealed record CaseCursor(DateOnly On, Guid Id)
{
    /// <summary>Text form for links.</summary>
    public override string ToString() => $"{ChineseDates.Iso(On)}~{Id}";

    /// <summary>Parses <see cref="ToString"/>; null when malformed.</summary>
    public static CaseCursor? Parse(string? text) =>
        text?.Split('~') is [var d, var i]
        && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on)
        && Guid.TryParse(i, out var id)
            ? new CaseCursor(on, id)
            : null;
}

/// <summary>A row of the reconsideration list.</summary>
/// <param name="Id">Case id.</param>
/// <param name="CaseNumber">Case number.</param>
/// <param name="OrgId">Reconsideration body.</param>
/// <param name="ReceivedOn">Receipt date.</param>
/// <param name="Applicants">Applicants.</param>
/// <param name="Respondent">Respondent.</param>
/// <param name="Matter">Matter type.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Outcome">Outcome when closed.</param>
/// <param name="ClosedOn">Day closed.</param>
/// <param name="LawVersion">Law version.</param>
public sealed record ReconsiderationRow(Guid Id, string CaseNumber, Guid OrgId, DateOnly ReceivedOn, string Applicants, string Respondent, MatterType Matter,
    ReconsiderationStage Stage, ReconsiderationOutcome? Outcome, DateOnly? ClosedOn, string LawVersion);

/// <summary>One page of a list and where the next starts.</summary>
/// <typeparam name="T">Row type.</typeparam>
/// <param name="Rows">Rows.</param>
/// <param name="Next">Next page cursor; null on the last page.</param>
public sealed record CasePage<T>(IReadOnlyList<T> Rows, CaseCursor? Next);

/// <summary>Everything the case page shows.</summary>
/// <param name="Case">The case.</param>
/// <param name="OrgName">Reconsideration body name.</param>
/// <param name="Parties">Parties.</param>
/// <param name="Events">Timeline, oldest first.</param>
/// <param name="Clocks">Clocks of the case, oldest first.</param>
/// <param name="Letters">Opinion and recommendation letters.</param>
/// <param name="Lawsuits">Lawsuits that followed (id, number, court).</param>
/// <param name="BodyName">The reconsideration body in whose name documents are issued: the handling org when it is a
/// government, else its nearest government ancestor (a justice bureau handles cases for its government, XFY23 Art.4).</param>
public sealed record ReconsiderationDetail(ReconsiderationCase Case, string OrgName, IReadOnlyList<ReconsiderationParty> Parties, IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<Clock> Clocks, IReadOnlyList<ReconsiderationLetter> Letters, IReadOnlyList<(Guid Id, string CaseNumber, string Court)> Lawsuits,
    string BodyName);

/// <summary>Reads reconsideration cases in a scope: the filtered list with keyset paging, and one case in full.</summary>
public sealed class ReconsiderationQuery(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Clock filter codes and labels.</summary>
    public static IReadOnlyList<(string Code, string Label)> ClockFilters { get; } = [("overdue", "已逾期"), ("due_soon", "5个工作日内到期"), ("running", "期限计算中")];

    /// <summary>A page of cases, newest receipt first.</summary>
    public async Task<CasePage<ReconsiderationRow>> ListAsync(CaseFilter filter, OrgScope scope, CaseCursor? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(scope);
        limit = limit is > 0 and <= MaxPageSize ? limit : MaxPageSize;
        var q = await FilterAsync(db.ReconsiderationCases.AsNoTracking(), filter, scope, ct);
        if (after is not null)
        {
            var (d, id) = (after.On, after.Id);
            q = q.Where(c => c.ReceivedOn < d || (c.ReceivedOn == d && c.Id.CompareTo(id) < 0));
        }

        var rows = await q.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id).Take(limit + 1)
            .Select(c => new ReconsiderationRow(c.Id, c.CaseNumber, c.OrgId, c.ReceivedOn, c.ApplicantNames, c.RespondentName, c.Matter, c.Stage, c.Outcome, c.ClosedOn, c.LawVersion))
            .ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        return new CasePage<ReconsiderationRow>(page, rows.Count > limit ? new CaseCursor(page[^1].ReceivedOn, page[^1].Id) : null);
    }

    /// <summary>The filtered query (shared by the list and the export).</summary>
    public async Task<IQueryable<ReconsiderationCase>> FilterAsync(IQueryable<ReconsiderationCase> q, CaseFilter filter, OrgScope scope, CancellationToken ct)
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

        if (!string.IsNullOrWhiteSpace(filter.Stage) && ReconsiderationCodes.Stages.TryParse(filter.Stage, out var stage))
        {
            q = q.Where(c => c.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(filter.Matter) && ReconsiderationCodes.Matters.TryParse(filter.Matter, out var matter))
        {
            q = q.Where(c => c.Matter == matter);
        }

        if (!string.IsNullOrWhiteSpace(filter.Outcome) && ReconsiderationCodes.Outcomes.TryParse(filter.Outcome, out var outcome))
        {
            q = q.Where(c => c.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            q = q.Where(c => c.ReceivedOn >= from);
        }

        if (filter.To is { } to)
        {
            q = q.Where(c => c.ReceivedOn <= to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Respondent))
        {
            var r = filter.Respondent.Trim();
            q = q.Where(c => c.RespondentName.Contains(r));
        }

        if (CaseSearch.Phrase(filter.Q) is { } phrase)
        {
            var ids = CaseSearch.Matching(db, ReconsiderationCodes.CaseType, phrase);
            q = q.Where(c => ids.Contains(c.Id));
        }

        if (filter.Clock is "overdue" or "due_soon" or "running")
        {
            var today = ChineseDates.Today(clock);
            var clocks = db.Clocks.Where(k => k.CaseType == ReconsiderationCodes.CaseType && k.Status == ClockStatus.Running);
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

    /// <summary>One case in the scope with everything its page shows; null when absent or outside the scope.</summary>
    public async Task<ReconsiderationDetail?> FindAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.ReconsiderationCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !await db.IsInScopeAsync(scope, c.OrgId, ct))
        {
            return null;
        }

        var key = id.ToString();
        var org = await db.Orgs.Where(o => o.Id == c.OrgId).Select(o => new { o.Name, o.Type }).SingleAsync(ct);
        var orgName = org.Name;
        var bodyName = org.Type == OrgType.Government
            ? org.Name
            : await db.AncestorsOf(c.OrgId).Where(o => o.Type == OrgType.Government).OrderByDescending(o => o.Depth).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? org.Name;
        var parties = await db.ReconsiderationParties.AsNoTracking().Where(p => p.CaseId == id).OrderBy(p => p.Position).ToListAsync(ct);
        var events = CaseEvent.Timeline(ReconsiderationCodes.CaseType, c,
            await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).ToListAsync(ct));
        var letters = await db.ReconsiderationLetters.AsNoTracking().Where(l => l.CaseId == id).OrderBy(l => l.IssuedOn).ToListAsync(ct);
        var letterKeys = letters.Select(l => l.Id.ToString()).ToList();
        var clocks = await db.Clocks.AsNoTracking().Include(k => k.Suspensions).Include(k => k.Extensions)
            .Where(k => (k.CaseType == ReconsiderationCodes.CaseType && k.CaseId == key) || (k.CaseType == "reconsideration-letter" && letterKeys.Contains(k.CaseId)))
            .OrderBy(k => k.OpenedAtUtc).ThenBy(k => k.Id).ToListAsync(ct);
        var suits = await db.LitigationCases.AsNoTracking().Where(l => l.ReconsiderationCaseId == id)
            .Select(l => new { l.Id, l.CaseNumber, l.Court }).ToListAsync(ct);
        return new ReconsiderationDetail(c, orgName, parties, events, clocks, letters, suits.Select(s => (s.Id, s.CaseNumber, s.Court)).ToList(), bodyName);
    }
}
