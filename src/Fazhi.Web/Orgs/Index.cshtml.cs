using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Orgs;

/// <summary>/orgs: the user's org and the two levels below it, or a flat list of search results.</summary>
public sealed class IndexModel(AppDbContext db, OrgTreeQuery tree, CurrentUser me) : PageModel
{
    /// <summary>Most children of the root shown in the tree; the rest are listed on the root's detail page.</summary>
    public const int MaxChildren = 200;

    /// <summary>Most grandchildren shown under each child; the rest are listed on the child's detail page.</summary>
    public const int GrandchildrenPerChild = 20;

    /// <summary>Most search results shown.</summary>
    public const int MaxResults = 200;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public bool CanManage => me.CanManageOrgs;

    public OrgNode? Root { get; private set; }

    public IReadOnlyList<OrgNode> Children { get; private set; } = [];

    public ILookup<Guid?, OrgNode> Grandchildren { get; private set; } = Array.Empty<OrgNode>().ToLookup(n => n.ParentId);

    public IReadOnlyList<OrgSummary>? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Query))
        {
            Results = await tree.SearchAsync(me.Scope, Query, MaxResults + 1, ct);
            return;
        }

        var rootId = me.OrgId;
        Root = await db.Orgs.AsNoTracking().Where(o => o.Id == rootId)
            .Select(o => new OrgNode(o.Id, o.Code, o.Name, o.Type, o.ParentId, o.Depth, db.Orgs.Count(c => c.ParentId == o.Id)))
            .SingleOrDefaultAsync(ct);
        if (Root is null)
        {
            return;
        }

        var nodes = await tree.TwoLevelsAsync(me.Scope, rootId, MaxChildren, GrandchildrenPerChild, ct);
        Children = nodes.Where(n => n.ParentId == rootId).ToList();
        Grandchildren = nodes.Where(n => n.ParentId != rootId).ToLookup(n => n.ParentId);
    }
}
