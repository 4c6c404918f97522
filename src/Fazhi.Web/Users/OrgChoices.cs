using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Users;

/// <summary>An org as a select option: its code and its name indented by depth below the scope's root.</summary>
public sealed record OrgChoice(string Code, string Name, int Level)
{
    /// <summary>The option text: two ideographic spaces per level (browsers keep them, unlike ordinary spaces).</summary>
    public string Text => new string('\u3000', Level * 2) + Name;
}

/// <summary>The orgs a user may be placed in: those in the caller's scope, in tree order (siblings by type, then code).</summary>
public static class OrgChoices
{
    public static async Task<IReadOnlyList<OrgChoice>> ListAsync(AppDbContext db, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var orgs = await db.OrgsIn(scope).AsNoTracking()
            .Select(o => new { o.Id, o.ParentId, o.Code, o.Name, o.Depth, o.Type })
            .ToListAsync(ct);
        if (orgs.Count == 0)
        {
            return [];
        }

        var ids = orgs.Select(o => o.Id).ToHashSet();
        var children = orgs.ToLookup(o => o.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var top = orgs.Min(o => o.Depth);
        var result = new List<OrgChoice>(orgs.Count);
        void Walk(Guid? parent)
        {
            foreach (var o in children[parent].OrderBy(o => o.Type).ThenBy(o => o.Code, StringComparer.Ordinal))
            {
                result.Add(new OrgChoice(o.Code, o.Name, o.Depth - top));
                Walk(o.Id);
            }
        }

        Walk(null);
        return result;
    }
}
