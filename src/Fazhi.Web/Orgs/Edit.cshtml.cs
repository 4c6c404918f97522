using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Orgs;

/// <summary>/orgs/{code}/edit: rename an org in scope, change its type, or move it under another parent.</summary>
[Authorize(Policy = Policies.ManageOrgs)]
public sealed class EditModel(AppDbContext db, UpdateOrgHandler handler, OrgTreeQuery tree, CurrentUser me) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Code { get; private set; } = "";

    public string CurrentName { get; private set; } = "";

    /// <summary>The parent cannot change: the org is the viewer's own (the top of their scope) or a root.</summary>
    public bool ParentFixed { get; private set; }

    public string? ParentLabel { get; private set; }

    /// <summary>Orgs in scope to pick the new parent from (the org's own subtree disabled); null when there are too many.</summary>
    public IReadOnlyList<SelectListItem>? ParentOptions { get; private set; }

    public IReadOnlyList<SelectListItem> TypeOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var org = await FindAsync(code, ct);
        if (org is null)
        {
            return NotFound();
        }

        Input = new InputModel { Name = org.Name, Type = org.Type.Code(), ParentCode = org.ParentCode };
        await LoadAsync(org, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        var org = await FindAsync(code, ct);
        if (org is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await handler.HandleAsync(new UpdateOrg(org.Code, Input.Name, Input.Type, Input.ParentCode), me.Scope, ct);
            if (!result.IsError)
            {
                TempData["Notice"] = $"已保存单位“{result.Value.Name}”的修改。";
                return Redirect($"/orgs/{Uri.EscapeDataString(result.Value.Code)}");
            }

            result.Error.AddTo(ModelState);
        }

        await LoadAsync(org, ct);
        return Page();
    }

    private sealed record Current(Guid Id, string Code, string Name, OrgType Type, string? ParentCode, string? ParentName);

    private Task<Current?> FindAsync(string code, CancellationToken ct) =>
        db.OrgsIn(me.Scope).AsNoTracking().Where(o => o.Code == code)
            .Select(o => new Current(o.Id, o.Code, o.Name, o.Type,
                db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Code).FirstOrDefault(),
                db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Name).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);

    private async Task LoadAsync(Current org, CancellationToken ct)
    {
        Code = org.Code;
        CurrentName = org.Name;
        TypeOptions = OrgFormOptions.Types(Input.Type);
        ParentFixed = org.ParentCode is null || org.Id == me.OrgId;
        ParentLabel = org.ParentCode is null ? "无（最高层级单位）" : $"{org.ParentName}（{org.ParentCode}）";
        if (ParentFixed)
        {
            // The handler compares with the current parent: posting it back unchanged keeps the org where it is.
            Input.ParentCode = org.ParentCode;
            return;
        }

        var orgs = await tree.OptionsAsync(me.Scope, OrgFormOptions.MaxParentOptions, ct);
        if (orgs is not null)
        {
            var subtree = await db.Orgs.Where(o => db.SubtreeIds(org.Id).Contains(o.Id)).Select(o => o.Code).ToListAsync(ct);
            ParentOptions = OrgFormOptions.Parents(orgs, Input.ParentCode, subtree.ToHashSet(StringComparer.Ordinal));
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "名称不能为空。")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请选择单位类型。")]
        public string? Type { get; set; }

        public string? ParentCode { get; set; }
    }
}
