using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Orgs;

/// <summary>/orgs/{code}: one org in scope with its ancestors, children, users and change history.</summary>
public sealed class DetailModel(AppDbContext db, OrgTreeQuery tree, AuditQuery audit, CurrentUser me) : PageModel
{
    /// <summary>Children per page.</summary>
    public const int PageSize = 100;

    /// <summary>Most users listed.</summary>
    public const int MaxUsers = 200;

    public sealed record OrgDetails(Guid Id, string Code, string Name, OrgType Type, int Depth, DateTime CreatedAtUtc,
        string? ParentCode, string? ParentName, bool ParentInScope, string? RegionName, string? RegionCode, int ChildCount);

    public sealed record OrgUser(string UserName, string DisplayName, IReadOnlyList<string> Roles);

    [TempData]
    public string? Notice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public bool CanManage => me.CanManageOrgs;

    public bool CanManageUsers => me.CanManageUsers;

    public OrgDetails Org { get; private set; } = null!;

    public IReadOnlyList<(string Code, string Name)> Ancestors { get; private set; } = [];

    public IReadOnlyList<OrgNode> Children { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public IReadOnlyList<OrgUser> Users { get; private set; } = [];

    public IReadOnlyList<AuditRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var scope = me.Scope;
        var scopeIds = db.ScopeIds(scope);
        var org = await db.OrgsIn(scope).AsNoTracking().Where(o => o.Code == code)
            .Select(o => new OrgDetails(o.Id, o.Code, o.Name, o.Type, o.Depth, o.CreatedAtUtc,
                db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Code).FirstOrDefault(),
                db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Name).FirstOrDefault(),
                o.ParentId != null && scopeIds.Contains(o.ParentId.Value),
                db.Regions.Where(r => r.Id == o.RegionId).Select(r => r.Name).FirstOrDefault(),
                db.Regions.Where(r => r.Id == o.RegionId).Select(r => r.Code).FirstOrDefault(),
                db.Orgs.Count(c => c.ParentId == o.Id)))
            .SingleOrDefaultAsync(ct);
        if (org is null)
        {
            return NotFound();
        }

        Org = org;
        // Only the ancestors the viewer may see: above the scope's root the tree is someone else's.
        Ancestors = (await db.AncestorsOf(org.Id).Where(a => scopeIds.Contains(a.Id)).Select(a => new { a.Code, a.Name }).ToListAsync(ct))
            .Select(a => (a.Code, a.Name)).ToList();
        var children = await tree.ChildrenAsync(scope, org.Id, After, PageSize + 1, ct) ?? [];
        Children = children.Take(PageSize).ToList();
        NextAfter = children.Count > PageSize ? Children[^1].Code : null;
        Users = (await db.Users.AsNoTracking().Where(u => u.OrgId == org.Id).OrderBy(u => u.UserName).Take(MaxUsers)
                .Select(u => new { u.UserName, u.DisplayName, Roles = u.Roles.Select(r => r.Role).ToList() })
                .ToListAsync(ct))
            .Select(u => new OrgUser(u.UserName, u.DisplayName, u.Roles))
            .ToList();
        History = await audit.HistoryAsync(nameof(Fazhi.Core.Orgs.Org), org.Id.ToString(), ct);
        return Page();
    }

    /// <summary>Chinese names of the org properties the audit log records.</summary>
    public static string FieldLabel(string field) => field switch
    {
        "Code" => "编码",
        "Name" => "名称",
        "Type" => "类型",
        "ParentId" => "上级单位",
        "Depth" => "层级",
        "RegionId" => "行政区划",
        "CreatedAtUtc" => "创建时间",
        _ => field,
    };

    /// <summary>The changed fields of an audit row, in Chinese.</summary>
    public static string FieldsLabel(string changedFields) =>
        string.IsNullOrEmpty(changedFields)
            ? "—"
            : string.Join("、", changedFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(FieldLabel));
}
