using Fazhi.Core.Common;
using Fazhi.Core.Indicators;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Indicators;

/// <summary>One indicator for an org subtree and year: monthly trend and comparison across the org's direct children,
/// as tables and charts, every number linking to its cases.</summary>
public sealed class BreakdownModel(IndicatorService indicators, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IndicatorBreakdown? Data { get; private set; }

    /// <summary>Display precision of the indicator.</summary>
    public int Decimals { get; private set; } = 2;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var r = await indicators.BreakdownAsync(id, Org, Year ?? 0, me.Scope, ct);
        if (r.IsError)
        {
            if (r.Error is NotFoundError)
            {
                return NotFound();
            }

            r.Error!.AddTo(ModelState, "");
            return Page();
        }

        Data = r.Value;
        Decimals = indicators.Catalog.Find(id)?.Decimals ?? 2;
        return Page();
    }

    /// <summary>Chart data: labels and values (rates unrounded, null without a denominator).</summary>
    public static object Chart(IReadOnlyList<IndicatorPoint> points, string type, string name, string unit) => new
    {
        type,
        unit = unit == "%" ? "%" : "",
        labels = points.Select(p => p.Label).ToArray(),
        series = new[] { new { name, data = points.Select(p => p.Figure.Value).ToArray() } },
    };
}
