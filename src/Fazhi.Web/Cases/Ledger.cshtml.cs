using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Cases;

/// <summary>
/// /reconsideration/import and /litigation/import: upload a ledger (all rows or none unless partial; dry run), see every
/// bad row; download the blank template and export the ledger of an org in scope. The same <see cref="CaseLedgerFiles"/>
/// as the REST API.
/// </summary>
[Authorize(Policy = Policies.HandleCases)]
[RequestSizeLimit(CaseLedgerFiles.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CaseLedgerFiles.MaxUploadBytes)]
public sealed class LedgerModel(CaseLedgerFiles files, AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>At most this many bad rows are listed; the count above the table is always complete.</summary>
    public const int ErrorListLimit = 1000;

    [BindProperty]
    public ImportInput Input { get; set; } = new();

    /// <summary>The export form's values (query <c>org</c>, <c>year</c>, <c>format</c>); errors are keyed <c>Export.Org</c>,
    /// <c>Export.Format</c> and <c>year</c>.</summary>
    public ExportInput Export { get; private set; } = new();

    public CaseLedger Ledger => CaseLedger.Find(RouteData.Values["line"] as string) ?? CaseLedger.Reconsideration;

    public CaseImportReport? Report { get; private set; }

    /// <summary>The uploaded file's name, shown above the report.</summary>
    public string? FileName { get; private set; }

    public bool WasDryRun { get; private set; }

    public bool WasPartial { get; private set; }

    public IReadOnlyList<(string Code, string Name, int Depth)> Orgs { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadExportFormAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var imported = await files.ImportAsync(Ledger, Input.File, Input.DryRun, Input.Partial, me.Scope, ct);
        if (imported.IsError)
        {
            AddErrors(imported.Error, ("file", "Input.File"));
        }
        else
        {
            Report = imported.Value;
            FileName = Path.GetFileName(Input.File!.FileName);
            WasDryRun = Input.DryRun;
            WasPartial = Input.Partial;
        }

        await LoadExportFormAsync(ct);
        return Page();
    }

    /// <summary>The export form (GET, so that the browser downloads the file); an org outside the scope or a bad
    /// format shows the page again with the message at the field.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? org, int? year, string? format, CancellationToken ct)
    {
        Export = new ExportInput { Org = org, Year = year, Format = string.IsNullOrWhiteSpace(format) ? "xlsx" : format };
        if (ModelState.TryGetValue("year", out var badYear) && badYear.Errors.Count > 0)
        {
            // Not a number: refuse rather than export every year.
            ModelState.Remove("year");
            ModelState.AddModelError("year", "年度应为四位数字，例如 2025。");
            await LoadExportFormAsync(ct);
            return Page();
        }

        var r = await files.ExportAsync(Ledger, org, year, format, me.Scope, ct);
        if (!r.IsError)
        {
            return File(r.Value.Content, r.Value.ContentType, r.Value.FileName);
        }

        AddErrors(r.Error as ValidationError ?? ValidationError.For("org", r.Error.Message), ("org", "Export.Org"), ("format", "Export.Format"));
        await LoadExportFormAsync(ct);
        return Page();
    }

    private async Task LoadExportFormAsync(CancellationToken ct)
    {
        Orgs = await OrgOptions.LoadAsync(db, me.Scope, ct);
        Export.Org ??= await db.Orgs.Where(o => o.Id == me.OrgId).Select(o => o.Code).SingleOrDefaultAsync(ct);
        var thisYear = ChineseDates.Today(time).Year;
        Years = Enumerable.Range(0, 10).Select(i => thisYear - i).ToList();
    }

    private void AddErrors(Error error, params (string Field, string Key)[] keys)
    {
        if (error is ValidationError v)
        {
            foreach (var (field, messages) in v.Fields)
            {
                var key = keys.FirstOrDefault(k => k.Field == field).Key ?? "";
                foreach (var m in messages)
                {
                    ModelState.AddModelError(key, m);
                }
            }
        }
        else
        {
            ModelState.AddModelError("", error.Message);
        }
    }

    public sealed class ImportInput
    {
        [Display(Name = "文件")]
        public IFormFile? File { get; set; }

        public bool DryRun { get; set; }

        public bool Partial { get; set; }
    }

    public sealed class ExportInput
    {
        public string? Org { get; set; }

        public int? Year { get; set; }

        public string Format { get; set; } = "xlsx";
    }
}
