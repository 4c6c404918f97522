using Fazhi.Core.Clocks;
using Fazhi.Core.Litigation;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Litigation;

/// <summary>One lawsuit: defendants, hearings with head appearance, clocks with "why this date", timeline and step forms.</summary>
public sealed class DetailModel(LitigationQuery query, LitigationWorkflow workflow, ClockExplainQuery explain, Fazhi.Core.Cases.CaseAttachments attachments, CurrentUser me) : PageModel
{
    public LitigationDetail View { get; private set; } = null!;

    public IReadOnlyList<ClockExplanation> Clocks { get; private set; } = [];

    public Fazhi.Web.Attachments.AttachmentsPanel Attachments { get; private set; } = null!;

    public IReadOnlyList<LitigationAction> Allowed { get; private set; } = [];

    public bool CanHandle => me.IsInAnyRole(Fazhi.Core.Users.Roles.CaseHandlers);

    [BindProperty]
    public StepInput Input { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    public string? FailedAction { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStepAsync(Guid id, CancellationToken ct)
    {
        if (!CanHandle)
        {
            return Forbid();
        }

        var result = await workflow.ApplyAsync(id, Input.ToStep(), me.Scope, me.Id, ct);
        if (result.IsError)
        {
            if (result.Error is Fazhi.Core.Common.NotFoundError)
            {
                return NotFound();
            }

            FailedAction = Input.Action;
            result.Error!.AddTo(ModelState);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        Flash = $"已记录：{LitigationWorkflow.Actions.Label(LitigationWorkflow.Actions.FromCode(Input.Action!))}。";
        return Redirect($"/litigation/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await query.FindAsync(id, me.Scope, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        Clocks = await explain.ExplainAsync(view.Clocks, ct);
        Attachments = await Fazhi.Web.Attachments.AttachmentsPanel.LoadAsync(attachments, LitigationCodes.CaseType, id, me.Scope, CanHandle, ct);
        Allowed = LitigationWorkflow.Allowed(view.Case);
        return true;
    }

    public sealed class StepInput
    {
        public string? Action { get; set; }

        public DateOnly? On { get; set; }

        public bool HeadPresent { get; set; }

        public string? HeadName { get; set; }

        public string? HeadRank { get; set; }

        public bool HeadSpoke { get; set; }

        public bool StaffPresent { get; set; }

        public string? AbsenceReason { get; set; }

        public bool CourtSummonedHead { get; set; }

        public string? Outcome { get; set; }

        public DateOnly? ServedOn { get; set; }

        public string? Note { get; set; }

        public LitigationStep ToStep() => new(Action, On, HeadPresent, HeadName, HeadRank, HeadSpoke, StaffPresent, AbsenceReason, CourtSummonedHead, Outcome, ServedOn, Note);
    }
}
