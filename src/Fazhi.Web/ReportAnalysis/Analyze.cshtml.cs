using Fazhi.Core.ReportAnalysis;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.ReportAnalysis;

/// <summary>/analyze: upload a published annual report and see its parts, facts and arithmetic. Any signed-in user (no database data involved).</summary>
public sealed class AnalyzeModel : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ReportAnalysisResult? Result { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await ReportUpload.AnalyzeAsync(Upload, ct);
        if (r.IsError)
        {
            foreach (var m in ((Fazhi.Core.Common.ValidationError)r.Error).Fields.SelectMany(f => f.Value))
            {
                ModelState.AddModelError(nameof(Upload), m);
            }

            return Page();
        }

        Result = r.Value;
        FileName = Upload!.FileName;
        return Page();
    }

    /// <summary>A number as written, without trailing zeros added.</summary>
    public static string Number(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
