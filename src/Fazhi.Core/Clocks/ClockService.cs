using System.Globalization;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Clocks;

/// <summary>Open a clock on a case.</summary>
/// <param name="OrgId">The handling org (must lie in the caller's scope).</param>
/// <param name="CaseType">Line of work, e.g. reconsideration.</param>
/// <param name="CaseId">The case's id in its line of work.</param>
/// <param name="RuleId">Catalog id of the rule.</param>
/// <param name="Start">The trigger date.</param>
/// <param name="LawVersion">Law version; null: the one in force on the start date.</param>
/// <param name="HandlerUserId">The handler to remind.</param>
public sealed record OpenClock(Guid OrgId, string? CaseType, string? CaseId, string? RuleId, DateOnly Start,
    string? LawVersion = null, Guid? HandlerUserId = null);

/// <summary>Keyset position in a list ordered by due date, then id.</summary>
/// <param name="DueDate">Due date of the last row shown.</param>
/// <param name="Id">Id of the last row shown.</param>
public sealed record ClockCursor(DateOnly DueDate, Guid Id)
{
    /// <summary>Text form for links: 2026-03-01~id.</summary>
    public override string ToString() => $"{ChineseDates.Iso(DueDate)}~{Id}";

    /// <summary>Parses <see cref="ToString"/>; null when malformed.</summary>
    public static ClockCursor? Parse(string? text)
    {
        if (text?.Split('~') is not [var d, var i]
            || !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            || !Guid.TryParse(i, out var id))
        {
            return null;
        }

        return new ClockCursor(due, id);
    }
}

/// <summary>A clock in a due-soon or overdue list.</summary>
/// <param name="ClockId">The clock.</param>
/// <param name="RuleId">Rule id.</param>
/// <param name="RuleName">Rule name (Chinese).</param>
/// <param name="CaseType">Line of work.</param>
/// <param name="CaseId">Case id.</param>
/// <param name="OrgId">Handling org.</param>
/// <param name="HandlerUserId">Handler.</param>
/// <param name="DueDate">Due date.</param>
/// <param name="Provisional">Depends on an unpublished year.</param>
/// <param name="WorkingDaysLeft">Working days after today up to and including the due date (0: due today); 0 when overdue.</param>
/// <param name="DaysOverdue">Calendar days since the due date; 0 when not overdue.</param>
public sealed record ClockDueRow(Guid ClockId, string RuleId, string RuleName, string CaseType, string CaseId, Guid OrgId,
    Guid? HandlerUserId, DateOnly DueDate, bool Provisional, int WorkingDaysLeft, int DaysOverdue);

/// <summary>One page of a clock list and the cursor of the next page (null on the last one).</summary>
/// <param name="Rows">The rows.</param>
/// <param name="Next">Where the next page starts.</param>
public sealed record ClockPage(IReadOnlyList<ClockDueRow> Rows, ClockCursor? Next);

/// <summary>
/// The clock API every line of work uses: open, suspend, resume, extend and stop a case's clocks (each one save, audited),
/// and the due-soon and overdue lists of a scope (index range queries with keyset paging, no counts).
/// </summary>
public sealed class ClockService(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Default and largest page size.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Opens a clock.</summary>
    public async Task<Result<Clock>> OpenAsync(OpenClock cmd, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(scope);
        if (!await db.IsInScopeAsync(scope, cmd.OrgId, ct))
        {
            return ValidationError.For("orgId", "承办单位不存在或不在您的管辖范围内。");
        }

        var snapshot = await calendars.CurrentAsync(db, ct);
        var result = Clock.Open(snapshot, cmd.OrgId, cmd.CaseType, cmd.CaseId, cmd.HandlerUserId, cmd.RuleId, cmd.LawVersion, cmd.Start,
            clock.GetUtcNow().UtcDateTime);
        if (result.IsError)
        {
            return result.Error;
        }

        db.Clocks.Add(result.Value);
        await db.SaveChangesAsync(ct);
        return result.Value;
    }

    /// <summary>Suspends a clock from a day, for a reason the rule allows.</summary>
    public Task<Result<Clock>> SuspendAsync(Guid clockId, DateOnly from, SuspensionKind kind, string? reason, OrgScope scope, CancellationToken ct) =>
        ChangeAsync(clockId, scope, (c, s) => c.Suspend(s, from, kind, reason), ct);

    /// <summary>Resumes a suspended clock on a day.</summary>
    public Task<Result<Clock>> ResumeAsync(Guid clockId, DateOnly on, OrgScope scope, CancellationToken ct) =>
        ChangeAsync(clockId, scope, (c, s) => c.Resume(s, on), ct);

    /// <summary>Extends a clock by an approved number of days (the rule's unit).</summary>
    public Task<Result<Clock>> ExtendAsync(Guid clockId, int days, string? approvedBy, DateOnly on, string? reason, OrgScope scope, CancellationToken ct) =>
        ChangeAsync(clockId, scope, (c, s) => c.Extend(s, days, approvedBy, on, reason), ct);

    /// <summary>Stops a clock: the case was concluded on a day.</summary>
    public Task<Result<Clock>> StopAsync(Guid clockId, DateOnly on, OrgScope scope, CancellationToken ct) =>
        ChangeAsync(clockId, scope, (c, s) => c.Stop(s, on), ct);

    /// <summary>A clock with its suspensions and extensions, when it lies in the scope.</summary>
    public async Task<Clock?> FindAsync(Guid clockId, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.Clocks.Include(x => x.Suspensions).Include(x => x.Extensions).SingleOrDefaultAsync(x => x.Id == clockId, ct);
        return c is not null && await db.IsInScopeAsync(scope, c.OrgId, ct) ? c : null;
    }

    /// <summary>
    /// Running clocks in the scope due from today up to the <paramref name="withinWorkingDays"/>-th working day after
    /// today, earliest first. Suspended clocks are not listed (they are not counting).
    /// </summary>
    public async Task<ClockPage> DueSoonAsync(OrgScope scope, DateOnly today, int withinWorkingDays, ClockCursor? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var snapshot = await calendars.CurrentAsync(db, ct);
        var until = withinWorkingDays <= 0 || !snapshot.Calendar.TryAddWorkingDays(today, withinWorkingDays, out var u) ? today : u;
        var query = db.Clocks.AsNoTracking().Where(c => c.Status == ClockStatus.Running && c.DueDate >= today && c.DueDate <= until);
        return await PageAsync(query, scope, snapshot, today, after, limit, ct);
    }

    /// <summary>Running clocks in the scope whose due date is before today, longest overdue first.</summary>
    public async Task<ClockPage> OverdueAsync(OrgScope scope, DateOnly today, ClockCursor? after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var snapshot = await calendars.CurrentAsync(db, ct);
        var query = db.Clocks.AsNoTracking().Where(c => c.Status == ClockStatus.Running && c.DueDate < today);
        return await PageAsync(query, scope, snapshot, today, after, limit, ct);
    }

    private async Task<ClockPage> PageAsync(IQueryable<Clock> query, OrgScope scope, CalendarSnapshot snapshot, DateOnly today, ClockCursor? after,
        int limit, CancellationToken ct)
    {
        limit = limit is > 0 and <= MaxPageSize ? limit : MaxPageSize;
        if (scope.RootOrgId is { } root)
        {
            // Per org of the subtree: an index range on (org_id, status, due_date).
            query = query.Where(c => db.OrgClosures.Any(x => x.AncestorId == root && x.DescendantId == c.OrgId));
        }

        if (after is not null)
        {
            var (d, id) = (after.DueDate, after.Id);
            query = query.Where(c => c.DueDate > d || (c.DueDate == d && c.Id.CompareTo(id) > 0));
        }

        var rows = await query.OrderBy(c => c.DueDate).ThenBy(c => c.Id).Take(limit + 1)
            .Select(c => new { c.Id, c.RuleId, c.CaseType, c.CaseId, c.OrgId, c.HandlerUserId, c.DueDate, c.Provisional })
            .ToListAsync(ct);
        var page = rows.Take(limit).Select(r => new ClockDueRow(r.Id, r.RuleId, snapshot.Calculator.Catalog.Find(r.RuleId)?.Name ?? r.RuleId,
            r.CaseType, r.CaseId, r.OrgId, r.HandlerUserId, r.DueDate, r.Provisional,
            r.DueDate > today ? snapshot.Calendar.WorkingDaysBetween(today.AddDays(1), r.DueDate) : 0,
            r.DueDate < today ? today.DayNumber - r.DueDate.DayNumber : 0)).ToList();
        return new ClockPage(page, rows.Count > limit ? new ClockCursor(page[^1].DueDate, page[^1].ClockId) : null);
    }

    private async Task<Result<Clock>> ChangeAsync(Guid clockId, OrgScope scope, Func<Clock, CalendarSnapshot, Result<Unit>> change, CancellationToken ct)
    {
        if (await FindAsync(clockId, scope, ct) is not { } c)
        {
            return new NotFoundError("clock", "该期限不存在或不在您的管辖范围内。");
        }

        var result = change(c, await calendars.CurrentAsync(db, ct));
        if (result.IsError)
        {
            return result.Error;
        }

        await db.SaveChangesAsync(ct);
        return c;
    }
}
