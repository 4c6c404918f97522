using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Portal;

/// <summary>/public/reconsideration/submitted: shows the tracking code once, right after a successful application.</summary>
[AllowAnonymous]
public sealed class SubmittedModel : PageModel
{
    public string TrackingCode { get; private set; } = "";

    public string CaseNumber { get; private set; } = "";

    public string Body { get; private set; } = "";

    public int Files { get; private set; }

    public IActionResult OnGet()
    {
        if (TempData[ApplyModel.SubmittedKey] is not string data || data.Split('\n') is not [var code, var number, var body, var files])
        {
            return Redirect("/public");
        }

        TrackingCode = code;
        CaseNumber = number;
        Body = body;
        Files = int.TryParse(files, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        // The code is shown once; keep it out of shared caches and the browser's back-forward cache.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
