using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Users;

/// <summary>A user as lists show it.</summary>
public sealed record UserSummary(Guid Id, string UserName, string DisplayName, Guid OrgId, string OrgCode, string OrgName,
    IReadOnlyList<string> Roles, DateTimeOffset? LockoutEnd, DateTime CreatedAtUtc);

/// <summary>Reads users within a scope.</summary>
public sealed class UserQuery(AppDbContext db)
{
    /// <summary>Users of orgs in scope, optionally of one org subtree, matching a search text, ordered by user name;
    /// <paramref name="after"/> is the keyset cursor (the last user name of the previous page).</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(OrgScope scope, string? search, Guid? orgId, string? after, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var ids = db.ScopeIds(scope);
        var q = db.Users.AsNoTracking().Where(u => ids.Contains(u.OrgId));
        if (orgId is { } org)
        {
            var sub = db.SubtreeIds(org);
            q = q.Where(u => sub.Contains(u.OrgId));
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            q = q.Where(u => u.UserName.Contains(s) || u.DisplayName.Contains(s));
        }

        if (!string.IsNullOrEmpty(after))
        {
            q = q.Where(u => u.UserName.CompareTo(after) > 0); // translated to SQL ">"
        }

        return await q.OrderBy(u => u.UserName).Take(Math.Clamp(pageSize, 1, 500))
            .Join(db.Orgs, u => u.OrgId, o => o.Id, (u, o) => new { u, o })
            .Select(x => new UserSummary(x.u.Id, x.u.UserName, x.u.DisplayName, x.o.Id, x.o.Code, x.o.Name,
                x.u.Roles.Select(r => r.Role).ToList(), x.u.LockoutEnd, x.u.CreatedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>One user by sign-in name, when in scope.</summary>
    public async Task<UserSummary?> FindAsync(OrgScope scope, string userName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(userName);
        var ids = db.ScopeIds(scope);
        var normalized = userName.Trim().ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized && ids.Contains(u.OrgId))
            .Join(db.Orgs, u => u.OrgId, o => o.Id, (u, o) => new { u, o })
            .Select(x => new UserSummary(x.u.Id, x.u.UserName, x.u.DisplayName, x.o.Id, x.o.Code, x.o.Name,
                x.u.Roles.Select(r => r.Role).ToList(), x.u.LockoutEnd, x.u.CreatedAtUtc))
            .SingleOrDefaultAsync(ct);
    }
}
