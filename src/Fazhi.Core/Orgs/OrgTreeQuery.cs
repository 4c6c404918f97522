using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Orgs;

/// <summary>An org as the tree and child lists show it, with the number of its direct children.</summary>
public sealed record OrgNode(Guid Id, string Code, string Name, OrgType Type, Guid? ParentId, int Depth, int ChildCount);

/// <summary>An org offered as a parent in a form, in tree order (each org followed by its subtree).</summary>
public sealed record OrgOption(string Code, string Name, int Depth);

/// <summary>
/// Reads the org tree for the admin pages without loading whole subtrees: the first levels under a root,
/// one org's children a page at a time, and a search. Every method stays within <see cref="OrgScope"/>.
/// </summary>
public sealed class OrgTreeQuery(AppDbContext db)
{
    /// <summary>The children of <paramref name="rootId"/> and, for each, its first <paramref name="grandchildrenPerChild"/>
    /// children; at most <paramref name="maxChildren"/> children. Empty when the root is out of scope.</summary>
    public async Task<IReadOnlyList<OrgNode>> TwoLevelsAsync(OrgScope scope, Guid rootId, int maxChildren, int grandchildrenPerChild, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!await db.IsInScopeAsync(scope, rootId, ct))
        {
            return [];
        }

        var children = await Nodes(db.Orgs.Where(o => o.ParentId == rootId).OrderBy(o => o.Code).Take(maxChildren)).ToListAsync(ct);
        var childIds = children.Select(c => c.Id).ToList();
        // One query for all grandchildren, at most a few per child (ROW_NUMBER per parent), so that a very flat
        // tree does not flood the page.
        var grandchildren = await db.Orgs.Where(p => childIds.Contains(p.Id))
            .SelectMany(p => db.Orgs.Where(o => o.ParentId == p.Id).OrderBy(o => o.Code).Take(grandchildrenPerChild))
            .AsNoTracking()
            .Select(o => new OrgNode(o.Id, o.Code, o.Name, o.Type, o.ParentId, o.Depth, db.Orgs.Count(c => c.ParentId == o.Id)))
            .ToListAsync(ct);
        return
        [
            .. children,
            .. grandchildren.OrderBy(g => g.Code, StringComparer.Ordinal),
        ];
    }

    /// <summary>One page of the direct children of an org in scope, ordered by code; <paramref name="afterCode"/> is the
    /// keyset cursor (the last code of the previous page). Null when the org is out of scope.</summary>
    public async Task<IReadOnlyList<OrgNode>?> ChildrenAsync(OrgScope scope, Guid parentId, string? afterCode, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!await db.IsInScopeAsync(scope, parentId, ct))
        {
            return null;
        }

        var q = db.Orgs.Where(o => o.ParentId == parentId);
        if (!string.IsNullOrEmpty(afterCode))
        {
            q = q.Where(o => o.Code.CompareTo(afterCode) > 0); // translated to SQL ">"
        }

        return await Nodes(q.OrderBy(o => o.Code).Take(Math.Clamp(pageSize, 1, 500))).ToListAsync(ct);
    }

    /// <summary>Orgs in scope whose name or code contains <paramref name="text"/>, shallowest first, at most
    /// <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OrgSummary>> SearchAsync(OrgScope scope, string text, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        return await db.OrgsIn(scope).AsNoTracking()
            .Where(o => o.Name.Contains(s) || o.Code.Contains(s))
            .OrderBy(o => o.Depth).ThenBy(o => o.Code)
            .Take(Math.Clamp(limit, 1, 1000))
            .Select(o => new OrgSummary(o.Id, o.Code, o.Name, o.Type, o.ParentId,
                db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Code).FirstOrDefault(), o.Depth))
            .ToListAsync(ct);
    }

    /// <summary>Every org in scope in tree order, for a parent picker; null when the scope holds more than
    /// <paramref name="limit"/> orgs (a list that long is unusable, the form asks for a code instead).</summary>
    public async Task<IReadOnlyList<OrgOption>?> OptionsAsync(OrgScope scope, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rows = await db.OrgsIn(scope).AsNoTracking()
            .Select(o => new { o.Id, o.Code, o.Name, o.Depth, o.ParentId })
            .Take(limit + 1)
            .ToListAsync(ct);
        if (rows.Count > limit)
        {
            return null;
        }

        var ids = rows.Select(r => r.Id).ToHashSet();
        var byParent = rows.ToLookup(r => r.ParentId);
        var ordered = new List<OrgOption>(rows.Count);
        // Depth-first, children by code, starting from the orgs whose parent lies outside the scope (its root).
        var stack = new Stack<(Guid Id, string Code, string Name, int Depth)>(
            rows.Where(r => r.ParentId is null || !ids.Contains(r.ParentId.Value))
                .OrderByDescending(r => r.Code, StringComparer.Ordinal)
                .Select(r => (r.Id, r.Code, r.Name, r.Depth)));
        while (stack.TryPop(out var org))
        {
            ordered.Add(new OrgOption(org.Code, org.Name, org.Depth));
            foreach (var child in byParent[org.Id].OrderByDescending(c => c.Code, StringComparer.Ordinal))
            {
                stack.Push((child.Id, child.Code, child.Name, child.Depth));
            }
        }

        return ordered;
    }

    private IQueryable<OrgNode> Nodes(IQueryable<Org> q) =>
        q.AsNoTracking().Select(o => new OrgNode(o.Id, o.Code, o.Name, o.Type, o.ParentId, o.Depth, db.Orgs.Count(c => c.ParentId == o.Id)));
}
