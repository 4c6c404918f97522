using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Reconsideration;

/// <summary>Staff registration of an application received in person, by mail, orally or forwarded.</summary>
[Authorize(Policy = Policies.HandleCases)]
public sealed class NewModel(RegisterReconsiderationHandler register, AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Bodies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.ReceivedOn = ChinaTime.Today(TimeProvider.System);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var parties = new List<PartyInput> { new("applicant", Input.ApplicantName, Input.ApplicantIdNumber, Input.ApplicantPhone, Input.ApplicantAddress) };
        if (!string.IsNullOrWhiteSpace(Input.AgentName))
        {
            parties.Add(new PartyInput("agent", Input.AgentName));
        }

        if (!string.IsNullOrWhiteSpace(Input.ThirdParty))
        {
            parties.Add(new PartyInput("third_party", Input.ThirdParty));
        }

        var result = await register.HandleAsync(new RegisterReconsideration(Input.OrgId ?? Guid.Empty, Input.CaseNumber, Input.LawVersion, Input.Channel,
            Input.ReceivedOn, Input.Respondent, Input.Matter, Input.ActDate, Input.ChallengedAct, Input.Request, parties, me.Id), me.Scope, me.Id, ct);
        if (result.IsError)
        {
            if (result.Error is Fazhi.Core.Common.ValidationError v && v.Fields.ContainsKey("parties"))
            {
                ModelState.AddModelError("Input.ApplicantName", string.Join(" ", v.Fields["parties"]));
            }

            result.Error!.AddTo(ModelState);
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Parties[", StringComparison.Ordinal)).ToList())
            {
                foreach (var e in ModelState[key]!.Errors)
                {
                    ModelState.AddModelError("Input.ApplicantName", e.ErrorMessage);
                }
            }

            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = $"已登记行政复议申请 {result.Value!.CaseNumber}，受理审查期限已开始计算。";
        return Redirect($"/reconsideration/{result.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var orgs = await db.OrgsIn(me.Scope).Where(o => o.Type == OrgType.Government || o.Type == OrgType.Department)
            .OrderBy(o => o.Code).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        Bodies = orgs.Select(o => (o.Id, o.Name)).ToList();
        Input.OrgId ??= Bodies.Count > 0 ? Bodies[0].Id : null;
    }

    public sealed class RegisterInput
    {
        public Guid? OrgId { get; set; }

        public string? CaseNumber { get; set; }

        public string? LawVersion { get; set; }

        public string? Channel { get; set; } = "in_person";

        public DateOnly? ReceivedOn { get; set; }

        public string? ApplicantName { get; set; }

        public string? ApplicantIdNumber { get; set; }

        public string? ApplicantPhone { get; set; }

        public string? ApplicantAddress { get; set; }

        public string? AgentName { get; set; }

        public string? ThirdParty { get; set; }

        public string? Respondent { get; set; }

        public string? Matter { get; set; }

        public DateOnly? ActDate { get; set; }

        public string? ChallengedAct { get; set; }

        public string? Request { get; set; }
    }
}
