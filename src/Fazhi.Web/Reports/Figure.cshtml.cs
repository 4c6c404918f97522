using Fazhi.Core.Indicators;
using Fazhi.Core.Reports;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Reports;

/// <summary>A figure of an approved report and the cases (or manual facts) frozen behind its numerator and denominator
/// at approval, so a published number can always be traced, however the ledgers change later.</summary>
public sealed class FigureModel(AnnualReportService reports, ReportFigureService figures, ManualFactService facts, CurrentUser me) : PageModel
{
    /// <summary>Most rows shown per set.</summary>
    public const int MaxRows = 1000;

    public ReportView View { get; private set; } = null!;

    public ReportFigure Figure { get; private set; } = null!;

    public IReadOnlyList<IndicatorCaseRow> Numerator { get; private set; } = [];

    public IReadOnlyList<IndicatorCaseRow> Denominator { get; private set; } = [];

    public IReadOnlyList<ManualFactRow> Facts { get; private set; } = [];

    public int NumeratorTotal { get; private set; }

    public int DenominatorTotal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string indicator, CancellationToken ct)
    {
        var r = await reports.GetAsync(id, me.Scope, ct);
        if (r.IsError)
        {
            return NotFound();
        }

        View = r.Value!;
        if (View.Report.FrozenFigures is not { } json)
        {
            // Not frozen yet: the live drill-down is the truth.
            return Redirect(figures.Catalog.Find(indicator) is not null
                ? $"/indicators/{Uri.EscapeDataString(indicator)}/cases?org={Uri.EscapeDataString(View.OrgCode)}&year={View.Report.Year}&set=numerator"
                : $"/facts?org={Uri.EscapeDataString(View.OrgCode)}&year={View.Report.Year}&fact={Uri.EscapeDataString(indicator)}");
        }

        var drill = await figures.DrillDownAsync(json, indicator, MaxRows, ct);
        if (drill is null)
        {
            return NotFound();
        }

        (Figure, NumeratorTotal, Numerator, DenominatorTotal, Denominator) = (drill.Figure, drill.NumeratorTotal, drill.Numerator, drill.DenominatorTotal, drill.Denominator);
        Facts = await facts.ByIdsAsync(drill.FactIds.ToList(), ct);
        return Page();
    }
}
