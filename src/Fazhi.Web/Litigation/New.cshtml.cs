using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Litigation;

/// <summary>Registers a lawsuit served on an org of the user's scope.</summary>
[Authorize(Policy = Policies.HandleCases)]
public sealed class NewModel(LitigationWorkflow workflow, AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Orgs { get; private set; } = [];

    public async Task OnGetAsync(Guid? reconsideration, CancellationToken ct)
    {
        Input.ReconsiderationCaseId = reconsideration;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var plaintiffs = (Input.Plaintiffs ?? "").Split(['、', ',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var defendants = (Input.Defendants ?? "").Split(['、', ',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await workflow.RegisterAsync(new RegisterLitigation(Input.OrgId ?? Guid.Empty, Input.CaseNumber, Input.Court, Input.Instance, Input.FiledOn,
            Input.ComplaintReceivedOn, Input.Cause, plaintiffs, defendants, Input.ReconsiderationCaseId, me.Id), me.Scope, me.Id, ct);
        if (result.IsError)
        {
            result.Error!.AddTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = $"已登记应诉案件 {result.Value!.CaseNumber}。";
        return Redirect($"/litigation/{result.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var orgs = await db.OrgsIn(me.Scope).OrderBy(o => o.Code).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        Orgs = orgs.Select(o => (o.Id, o.Name)).ToList();
    }

    public sealed class RegisterInput
    {
        public Guid? OrgId { get; set; }

        public string? CaseNumber { get; set; }

        public string? Court { get; set; }

        public string? Instance { get; set; } = "first";

        public DateOnly? FiledOn { get; set; }

        public DateOnly? ComplaintReceivedOn { get; set; }

        public string? Cause { get; set; }

        public string? Plaintiffs { get; set; }

        public string? Defendants { get; set; }

        public Guid? ReconsiderationCaseId { get; set; }
    }
}
