using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Orgs;

/// <summary>
/// The part of the org tree a caller may see and act on: the subtree under <see cref="RootOrgId"/>,
/// or everything (the command line run by the server's operator).
/// </summary>
public sealed record OrgScope(Guid? RootOrgId)
{
    /// <summary>No restriction: only for the operator's command line and start-up tasks.</summary>
    public static OrgScope Everything { get; } = new((Guid?)null);

    /// <summary>The subtree of one org.</summary>
    public static OrgScope Subtree(Guid rootOrgId) => new(rootOrgId);
}

/// <summary>Tree and scope queries over the closure table.</summary>
public static class OrgTreeQueries
{
    /// <summary>Ids of <paramref name="rootId"/> and all orgs below it.</summary>
    public static IQueryable<Guid> SubtreeIds(this AppDbContext db, Guid rootId) =>
        db.OrgClosures.Where(c => c.AncestorId == rootId).Select(c => c.DescendantId);

    /// <summary>Ids of the orgs the scope covers (all orgs when unrestricted).</summary>
    public static IQueryable<Guid> ScopeIds(this AppDbContext db, OrgScope scope) =>
        scope.RootOrgId is { } root ? db.SubtreeIds(root) : db.Orgs.Select(o => o.Id);

    /// <summary>Orgs within the scope.</summary>
    public static IQueryable<Org> OrgsIn(this AppDbContext db, OrgScope scope) =>
        scope.RootOrgId is { } root
            // A join from the closure rows (an index range on ancestor_id), not a correlated EXISTS over all orgs.
            ? db.OrgClosures.Where(c => c.AncestorId == root).Join(db.Orgs, c => c.DescendantId, o => o.Id, (c, o) => o)
            : db.Orgs;

    /// <summary>True when <paramref name="orgId"/> lies within the scope.</summary>
    public static Task<bool> IsInScopeAsync(this AppDbContext db, OrgScope scope, Guid orgId, CancellationToken ct) =>
        scope.RootOrgId is { } root
            ? db.OrgClosures.AnyAsync(c => c.AncestorId == root && c.DescendantId == orgId, ct)
            : db.Orgs.AnyAsync(o => o.Id == orgId, ct);

    /// <summary>Ancestors of an org, root first (the org itself excluded).</summary>
    public static IQueryable<Org> AncestorsOf(this AppDbContext db, Guid orgId) =>
        db.OrgClosures.Where(c => c.DescendantId == orgId && c.Distance > 0)
            .Join(db.Orgs, c => c.AncestorId, o => o.Id, (c, o) => o)
            .OrderBy(o => o.Depth);

    /// <summary>Adds the closure rows of a new org placed under <paramref name="parentId"/> (none for a root).</summary>
    public static Task AddToTreeAsync(this AppDbContext db, Org org, Guid? parentId, CancellationToken ct) =>
        new OrgTreeWriter(db).AddAsync(org, parentId, ct);
}

/// <summary>
/// Adds closure rows for new orgs. Keeps the ancestor lists it has seen, so a batch (an import of thousands of orgs,
/// parents before children) costs one query per existing parent instead of a scan of the change tracker per org.
/// </summary>
public sealed class OrgTreeWriter(AppDbContext db)
{
    private readonly Dictionary<Guid, List<(Guid Ancestor, int Distance)>> _above = [];

    /// <summary>Adds the rows (self, and every ancestor of the parent plus the parent) for <paramref name="org"/>.</summary>
    public async Task AddAsync(Org org, Guid? parentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(org);
        var rows = new List<(Guid Ancestor, int Distance)> { (org.Id, 0) };
        if (parentId is { } p)
        {
            if (!_above.TryGetValue(p, out var parentRows))
            {
                parentRows = (await db.OrgClosures.AsNoTracking().Where(c => c.DescendantId == p)
                        .Select(c => new { c.AncestorId, c.Distance }).ToListAsync(ct))
                    .Select(x => (x.AncestorId, x.Distance)).ToList();
                _above[p] = parentRows;
            }

            rows.AddRange(parentRows.Select(a => (a.Ancestor, a.Distance + 1)));
        }

        _above[org.Id] = rows;
        foreach (var (ancestor, distance) in rows)
        {
            db.OrgClosures.Add(new OrgClosure(ancestor, org.Id, distance));
        }
    }
}
