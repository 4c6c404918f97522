using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Fazhi.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Audit;

/// <summary>Turns audit rows' entity ids into readable, scope-checked links (used by the audit page and the dashboard).</summary>
public sealed class AuditEntityLinks(AppDbContext db, CurrentUser me)
{
    /// <summary>Org ids link to the org page and user ids to the user page, when the entity still exists and lies
    /// in the caller's scope (and, for users, when the caller may manage users). One query per entity type.</summary>
    public async Task<Dictionary<(string, string), EntityLink>> ResolveAsync(IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        var links = new Dictionary<(string, string), EntityLink>();
        var scopeIds = db.ScopeIds(me.Scope);
        var orgIds = rows.Where(r => r.EntityType == nameof(Org)).Select(r => ParseId(r.EntityId)).OfType<Guid>().Distinct().ToList();
        if (orgIds.Count > 0)
        {
            var orgs = await db.Orgs.AsNoTracking().Where(o => orgIds.Contains(o.Id) && scopeIds.Contains(o.Id))
                .Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(ct);
            foreach (var o in orgs)
            {
                links[(nameof(Org), o.Id.ToString())] = new EntityLink($"/orgs/{Uri.EscapeDataString(o.Code)}", o.Name);
            }
        }

        var clockRows = rows.Where(r => r.EntityType is nameof(Clock) or nameof(ClockSuspension) or nameof(ClockExtension)).ToList();
        var clockIds = clockRows.Select(r => ParseId(r.EntityId)).OfType<Guid>().Distinct().ToList();
        if (clockIds.Count > 0)
        {
            var clocks = await db.Clocks.AsNoTracking().Where(c => clockIds.Contains(c.Id) && scopeIds.Contains(c.OrgId))
                .Select(c => new { c.Id, c.CaseType, c.CaseId, c.RuleId }).ToDictionaryAsync(c => c.Id, ct);
            foreach (var r in clockRows)
            {
                if (ParseId(r.EntityId) is { } id && clocks.TryGetValue(id, out var c))
                {
                    links[(r.EntityType, r.EntityId)] = new EntityLink($"/clocks/{c.Id}", $"{CaseTypes.Label(c.CaseType)} {c.CaseId}：{c.RuleId}");
                }
            }
        }

        var userRows = rows.Where(r => r.EntityType is nameof(User) or nameof(UserRole)).ToList();
        var userIds = userRows.Select(r => ParseId(r.EntityId)).OfType<Guid>().Distinct().ToList();
        if (userIds.Count > 0)
        {
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && scopeIds.Contains(u.OrgId))
                .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.Id, ct);
            foreach (var r in userRows)
            {
                if (ParseId(r.EntityId) is { } id && users.TryGetValue(id, out var u))
                {
                    var text = r.EntityType == nameof(UserRole) ? $"{u.UserName}：{AuditDisplay.RoleOf(r.EntityId)}" : u.UserName;
                    links[(r.EntityType, r.EntityId)] = new EntityLink(me.CanManageUsers ? $"/users/{Uri.EscapeDataString(u.UserName)}" : null, text);
                }
            }
        }

        return links;
    }

    /// <summary>The id part of an entity key ("{id}" or "{id}/{part}").</summary>
    private static Guid? ParseId(string entityId)
    {
        var slash = entityId.IndexOf('/', StringComparison.Ordinal);
        return Guid.TryParse(slash < 0 ? entityId : entityId[..slash], out var id) ? id : null;
    }
}
