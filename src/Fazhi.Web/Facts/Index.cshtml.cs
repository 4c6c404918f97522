using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Facts;

/// <summary>Manual facts (人工填报): what no ledger records yet, entered per org and period with a note and evidence
/// files; the figures they add up to can be cited in annual reports.</summary>
public sealed class IndexModel(ManualFactService facts, ReportFigureService figures, AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Fact { get; set; }

    [BindProperty]
    public FactInput Input { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    public IReadOnlyList<(string Code, string Name, int Depth)> Orgs { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<ManualFactRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<string, ReportFigure> Totals { get; private set; } = new Dictionary<string, ReportFigure>();

    public bool CanManage => me.CanManageReports;

    /// <summary>The entry form.</summary>
    public sealed class FactInput
    {
        public string? FactId { get; set; }

        public string? Org { get; set; }

        public int? Year { get; set; }

        public int? Month { get; set; }

        public double? Value { get; set; }

        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new FactInput { Org = Org, Year = Year, FactId = Fact };
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var r = await facts.AddAsync(Input.FactId, Input.Org, Input.Year ?? 0, Input.Month, Input.Value, Input.Note, me.Id, me.Scope, ct);
        if (r.IsError)
        {
            r.Error!.AddTo(ModelState, "Input");
            await LoadAsync(ct);
            return Page();
        }

        Flash = "已保存。可以在该记录中上传证明材料。";
        return Redirect($"/facts?org={Uri.EscapeDataString(Input.Org ?? "")}&year={Input.Year}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var r = await facts.DeleteAsync(id, me.Scope, ct);
        if (r.IsError)
        {
            if (r.Error is NotFoundError)
            {
                return NotFound();
            }

            ModelState.AddModelError("", r.Error!.Message);
            await LoadAsync(ct);
            return Page();
        }

        Flash = "已删除。";
        return Redirect($"/facts?org={Uri.EscapeDataString(Org ?? "")}&year={Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = ChineseDates.Today(time);
        Years = Enumerable.Range(0, 6).Select(i => today.Year - i).ToList();
        Orgs = await OrgOptions.LoadAsync(db, me.Scope, ct);
        Org ??= await db.Orgs.Where(o => o.Id == me.OrgId).Select(o => o.Code).SingleOrDefaultAsync(ct);
        Year ??= today.Year - 1;
        Rows = await facts.ListAsync(me.Scope, Org, Year, Fact, ct);
        var code = Org ?? "";
        var org = await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is not null && await db.IsInScopeAsync(me.Scope, org.Id, ct))
        {
            Totals = (await figures.EvaluateAsync(org.Id, Year.Value, ct)).Where(kv => kv.Value.Source == "manual").ToDictionary(kv => kv.Key, kv => kv.Value);
        }
    }
}
