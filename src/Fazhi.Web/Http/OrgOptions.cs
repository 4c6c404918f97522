using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Http;

/// <summary>The org picker of filter forms: the orgs in the user's scope, tree order, at most 500.</summary>
public static class OrgOptions
{
    /// <summary>(code, name, depth) of the orgs in scope, by depth then code.</summary>
    public static async Task<IReadOnlyList<(string Code, string Name, int Depth)>> LoadAsync(AppDbContext db, OrgScope scope, CancellationToken ct) =>
        (await db.OrgsIn(scope).OrderBy(o => o.Depth).ThenBy(o => o.Code).Select(o => new { o.Code, o.Name, o.Depth }).Take(500).ToListAsync(ct))
            .Select(o => (o.Code, o.Name, o.Depth)).ToList();
}
