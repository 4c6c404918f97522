using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Web.Audit;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Dashboard;

public sealed class IndexModel(AppDbContext db, CurrentUser me, AuditQuery audit, AuditEntityLinks links, ClockService clocks, TimeProvider clock) : PageModel
{
    public string RootName { get; private set; } = "";
    public DateTime NowUtc { get; private set; }
    public int OrgCount { get; private set; }
    public int UserCount { get; private set; }
    public int LockedCount { get; private set; }
    public int ChangesLast7Days { get; private set; }
    public bool CanSeeUsers => me.CanManageUsers;
    public bool ShowsAllActivity => me.CanReadAudit;
    public IReadOnlyList<(OrgType Type, int Count)> OrgsByType { get; private set; } = [];
    public IReadOnlyList<AuditRow> Recent { get; private set; } = [];
    public const int ClockPanelSize = 5;
    public const int DueSoonWorkingDays = 5;
    public ClockPage DueSoon { get; private set; } = new([], null);
    public ClockPage Overdue { get; private set; } = new([], null);
    public int OpenReconsideration { get; private set; }
    public int OpenLitigation { get; private set; }
    public IReadOnlyDictionary<(string, string), EntityLink> Links { get; private set; } = new Dictionary<(string, string), EntityLink>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var scope = me.Scope;
        var ids = db.ScopeIds(scope);
        RootName = me.OrgName;
        var byType = await db.OrgsIn(scope).GroupBy(o => o.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        OrgsByType = OrgTypes.Values.Select(t => (t, byType.FirstOrDefault(x => x.Key == t)?.Count ?? 0)).Where(x => x.Item2 > 0).ToList();
        OrgCount = byType.Sum(x => x.Count);
        UserCount = await db.Users.CountAsync(u => ids.Contains(u.OrgId), ct);
        var now = clock.GetUtcNow();
        // DateTimeOffset comparisons do not translate on SQLite; the set of accounts with a lockout date is small.
        var lockoutEnds = await db.Users.Where(u => ids.Contains(u.OrgId) && u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(ct);
        LockedCount = lockoutEnds.Count(e => e > now);
        var weekAgo = NowUtc.AddDays(-7);
        // Same visibility rule as the audit log: operator and system entries (no org) count for a root org's users.
        var isTopOfTree = await db.Orgs.AnyAsync(o => o.Id == me.OrgId && o.ParentId == null, ct);
        ChangesLast7Days = await db.AuditEntries.CountAsync(
            e => e.AtUtc >= weekAgo && ((e.OrgId == null && isTopOfTree) || (e.OrgId != null && ids.Contains(e.OrgId.Value))), ct);
        var filter = ShowsAllActivity ? new AuditFilter(PageSize: 10) : new AuditFilter(Actor: me.UserName, PageSize: 10);
        Recent = (await audit.ListAsync(filter, scope, ct)).Rows;
        Links = await links.ResolveAsync(Recent, ct);
        var today = ChinaTime.Today(clock);
        DueSoon = await clocks.DueSoonAsync(scope, today, DueSoonWorkingDays, null, ClockPanelSize, ct);
        Overdue = await clocks.OverdueAsync(scope, today, null, ClockPanelSize, ct);
        var closedStages = new[] { Fazhi.Core.Reconsideration.ReconsiderationStage.Closed, Fazhi.Core.Reconsideration.ReconsiderationStage.NotAccepted, Fazhi.Core.Reconsideration.ReconsiderationStage.Abandoned };
        OpenReconsideration = await db.ReconsiderationCases.CountAsync(c => ids.Contains(c.OrgId) && !closedStages.Contains(c.Stage), ct);
        OpenLitigation = await db.LitigationCases.CountAsync(c => ids.Contains(c.OrgId) && c.Stage != Fazhi.Core.Litigation.LitigationStage.Closed, ct);
    }
}
