using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Orgs;

/// <summary>/orgs/import: upload a CSV or XLSX table of orgs; all rows are imported or none.</summary>
[Authorize(Policy = Policies.ManageOrgs)]
public sealed class ImportModel(ImportOrgsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ImportReport? Report { get; private set; }

    /// <summary>True when the report comes from a dry run.</summary>
    public bool WasDryRun { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.File is null || Input.File.Length == 0)
        {
            ModelState.AddModelError("Input.File", "请选择要导入的 CSV 或 XLSX 文件。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var stream = Input.File!.OpenReadStream();
        Report = await handler.HandleAsync(new ImportOrgs(stream, Input.File.FileName, Input.DryRun), me.Scope, ct);
        WasDryRun = Input.DryRun;
        return Page();
    }

    public sealed class InputModel
    {
        [Display(Name = "文件")]
        public IFormFile? File { get; set; }

        public bool DryRun { get; set; }
    }
}
