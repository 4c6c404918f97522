using Fazhi.Core.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Portal;

/// <summary>/public/reports: every published annual report, newest first, each at its stable address.</summary>
[AllowAnonymous]
public sealed class ReportsModel(AnnualReportService reports) : PageModel
{
    public IReadOnlyList<(string OrgCode, string OrgName, int Year, int Version, string Title, DateOnly PublishedOn)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await reports.PublishedListAsync(ct);
}
