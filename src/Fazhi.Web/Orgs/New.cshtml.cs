using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Fazhi.Web.Orgs;

/// <summary>/orgs/new?parent=CODE: create an org under a parent in scope.</summary>
[Authorize(Policy = Policies.ManageOrgs)]
public sealed class NewModel(CreateOrgHandler handler, OrgTreeQuery tree, CurrentUser me) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Orgs in scope to pick the parent from; null when there are too many (the parent is typed as a code).</summary>
    public IReadOnlyList<SelectListItem>? ParentOptions { get; private set; }

    public IReadOnlyList<SelectListItem> TypeOptions { get; private set; } = [];

    public async Task OnGetAsync(string? parent, CancellationToken ct)
    {
        Input = new InputModel { ParentCode = parent?.Trim() };
        await LoadOptionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await handler.HandleAsync(new CreateOrg(Input.Code, Input.Name, Input.Type, Input.ParentCode), me.Scope, ct);
            if (!result.IsError)
            {
                TempData["Notice"] = $"已新增单位“{result.Value.Name}”。";
                return Redirect($"/orgs/{Uri.EscapeDataString(result.Value.Code)}");
            }

            result.Error.AddTo(ModelState);
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        TypeOptions = OrgFormOptions.Types(Input.Type);
        var orgs = await tree.OptionsAsync(me.Scope, OrgFormOptions.MaxParentOptions, ct);
        ParentOptions = orgs is null ? null : OrgFormOptions.Parents(orgs, Input.ParentCode);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "编码不能为空。")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "名称不能为空。")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请选择单位类型。")]
        public string? Type { get; set; }

        [Required(ErrorMessage = "请选择上级单位。")]
        public string? ParentCode { get; set; }
    }
}
