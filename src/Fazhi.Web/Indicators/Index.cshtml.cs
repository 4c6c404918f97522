using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Indicators;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Indicators;

/// <summary>The indicator figures of an org subtree (within the user's scope) and year, each number linking to its cases.</summary>
public sealed class IndexModel(IndicatorService indicators, AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<(string Code, string Name, int Depth)> Orgs { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IndicatorReport? Report { get; private set; }

    public IndicatorCatalog Catalog => indicators.Catalog;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var thisYear = ChineseDates.Today(time).Year;
        Years = Enumerable.Range(0, 6).Select(i => thisYear - i).ToList();
        Orgs = await OrgOptions.LoadAsync(db, me.Scope, ct);
        Org ??= await db.Orgs.Where(o => o.Id == me.OrgId).Select(o => o.Code).SingleOrDefaultAsync(ct);
        Year ??= thisYear;
        var r = await indicators.EvaluateAsync(Org, Year.Value, me.Scope, ct);
        if (r.IsError)
        {
            if (r.Error is Fazhi.Core.Common.NotFoundError)
            {
                return NotFound();
            }

            r.Error!.AddTo(ModelState, "");
            return Page();
        }

        Report = r.Value;
        return Page();
    }

    /// <summary>Formats a value: counts as integers, rates with two decimals, ratios as x:1.</summary>
    public static string Format(IndicatorFigure f, int decimals = 2) => f.Value is not { } v
        ? "—"
        : f.Unit switch
        {
            "%" => Round(v, decimals) + "%",
            ":1" => Round(v, decimals) + ":1",
            _ => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " 件",
        };

    private static string Round(double v, int decimals) =>
        Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
