using Fazhi.Core.Common;
using Fazhi.Core.Indicators;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Indicators;

/// <summary>The cases behind an indicator's numerator or denominator, 50 per page.</summary>
public sealed class CasesModel(IndicatorService indicators, CurrentUser me) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Set { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IndicatorDefinition? Definition { get; private set; }

    public IndicatorCasePage? Cases { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Definition = indicators.Catalog.Find(Id);
        var r = await indicators.CasesAsync(Id, Org, Year, Set, PageNumber, PageSize, me.Scope, ct);
        if (r.IsError)
        {
            if (r.Error is NotFoundError)
            {
                return NotFound();
            }

            r.Error!.AddTo(ModelState, "");
            return Page();
        }

        Cases = r.Value;
        return Page();
    }

    public string PageLink(int page) =>
        $"/indicators/{Id}/cases?org={Uri.EscapeDataString(Org ?? "")}&year={Year}&set={Uri.EscapeDataString(Cases?.Set ?? "numerator")}&page={page}";
}
