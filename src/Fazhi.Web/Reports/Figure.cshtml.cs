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

        var frozen = FrozenFigures.FromJson(json);
        var figure = frozen.Figures.FirstOrDefault(f => f.Indicator == indicator);
        if (figure is null)
        {
            return NotFound();
        }

        Figure = figure;
        if (frozen.Numerators.TryGetValue(indicator, out var n))
        {
            NumeratorTotal = n.Count;
            Numerator = await figures.CaseRowsAsync(n.Take(MaxRows).ToList(), ct);
        }

        if (frozen.Denominators.TryGetValue(indicator, out var d))
        {
            DenominatorTotal = d.Count;
            Denominator = await figures.CaseRowsAsync(d.Take(MaxRows).ToList(), ct);
        }

        if (frozen.Facts.TryGetValue(indicator, out var f))
        {
            Facts = await facts.ByIdsAsync(f, ct);
        }

        return Page();
    }
}
