using Fazhi.Core.Indicators;
using Fazhi.Core.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Portal;

/// <summary>
/// /public/reports/{org}/{year}: a published annual report at a stable address (latest published version, or
/// <c>?version=N</c>), with its publication date and a visible warning when it was published after the statutory date.
/// Each figure links to the cases frozen behind it at approval, shown without parties (no personal data on the portal).
/// </summary>
[AllowAnonymous]
public sealed class ReportModel(AnnualReportService reports, ReportFigureService figures, ManualFactService facts) : PageModel
{
    /// <summary>Most case rows shown per set.</summary>
    public const int MaxRows = 1000;

    public ReportView View { get; private set; } = null!;

    public ReportFigure? Figure { get; private set; }

    public IReadOnlyList<IndicatorCaseRow> Numerator { get; private set; } = [];

    public IReadOnlyList<IndicatorCaseRow> Denominator { get; private set; } = [];

    public IReadOnlyList<ManualFactRow> Facts { get; private set; } = [];

    public int NumeratorTotal { get; private set; }

    public int DenominatorTotal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org, int year, int? version, string? figure, CancellationToken ct)
    {
        var view = await reports.PublishedAsync(org, year, version, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        if (!string.IsNullOrEmpty(figure) && view.Report.FrozenFigures is { } json)
        {
            var drill = await figures.DrillDownAsync(json, figure, MaxRows, ct);
            if (drill is null)
            {
                return NotFound();
            }

            (Figure, NumeratorTotal, Numerator, DenominatorTotal, Denominator) = (drill.Figure, drill.NumeratorTotal, drill.Numerator, drill.DenominatorTotal, drill.Denominator);
            Facts = await facts.ByIdsAsync(drill.FactIds.ToList(), ct);
        }

        return Page();
    }

    /// <summary>The portal link of a figure (this page, with the figure's cases).</summary>
    public string FigureLink(ReportFigure f) =>
        ReportOutput.PublicPath(View.OrgCode, View.Report.Year) + $"?version={View.Report.Version}&figure={Uri.EscapeDataString(f.Indicator)}#figure";
}
