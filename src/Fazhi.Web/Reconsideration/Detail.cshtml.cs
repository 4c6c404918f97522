using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Reconsideration;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Reconsideration;

/// <summary>One case: facts, parties (personal data masked), timeline, clocks with "why this date", documents, letters,
/// audit history, and the forms of the steps its stage allows.</summary>
public sealed class DetailModel(ReconsiderationQuery query, ReconsiderationWorkflow workflow, ClockExplainQuery explain, Fazhi.Core.Cases.CaseAttachments attachments, CaseDocuments documents,
    AppDbContext db, CurrentUser me) : PageModel
{
    public ReconsiderationDetail View { get; private set; } = null!;

    public IReadOnlyList<ClockExplanation> Clocks { get; private set; } = [];

    public Fazhi.Web.Attachments.AttachmentsPanel Attachments { get; private set; } = null!;

    public IReadOnlyList<IssuedDocument> Documents { get; private set; } = [];

    public IReadOnlyList<ReconsiderationAction> Allowed { get; private set; } = [];

    public IReadOnlyList<Fazhi.Core.Audit.AuditEntry> History { get; private set; } = [];

    public bool ShowPersonal { get; private set; }

    public bool CanHandle => me.IsInAnyRole(Fazhi.Core.Users.Roles.CaseHandlers);

    public bool CanReadAudit => me.CanReadAudit;

    [BindProperty]
    public StepInput Input { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    public string? FailedAction { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool personal, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (personal)
        {
            // Viewing the parties' identity numbers, phones and addresses is audited.
            db.RecordEvent("viewed-personal-data", nameof(ReconsiderationCase), id.ToString());
            await db.SaveChangesAsync(ct);
            ShowPersonal = true;
        }

        return Page();
    }

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
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            return Page();
        }

        Flash = $"已{ReconsiderationWorkflow.Actions.Label(ReconsiderationWorkflow.Actions.FromCode(Input.Action!))}。";
        return Redirect($"/reconsideration/{id}");
    }

    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string kind, CancellationToken ct)
    {
        var view = await query.FindAsync(id, me.Scope, ct);
        if (view is null)
        {
            return NotFound();
        }

        var doc = documents.Render(view, kind);
        if (doc.IsError)
        {
            if (doc.Error is Fazhi.Core.Common.NotFoundError) { return NotFound(); }

            Flash = "文书无法生成：" + doc.Error!.Message;
            return Redirect($"/reconsideration/{id}");
        }

        return File(doc.Value.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", doc.Value.FileName);
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
        Attachments = await Fazhi.Web.Attachments.AttachmentsPanel.LoadAsync(attachments, ReconsiderationCodes.CaseType, id, me.Scope, CanHandle, ct);
        Documents = CaseDocuments.Issued(view);
        Allowed = ReconsiderationWorkflow.Allowed(view.Case, view.Letters.Any(l => l.Kind == LetterKind.Opinion && l.RepliedOn is null));
        if (CanReadAudit)
        {
            var key = id.ToString();
            History = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(ReconsiderationCase) && a.EntityId == key)
                .OrderByDescending(a => a.Sequence).Take(50).ToListAsync(ct);
        }

        return true;
    }

    /// <summary>The form of a step (the fields its action needs).</summary>
    public sealed class StepInput
    {
        public string? Action { get; set; }

        public DateOnly? On { get; set; }

        public string? Items { get; set; }

        public string? Reason { get; set; }

        public string? Procedure { get; set; }

        public string? Ground { get; set; }

        public int? Days { get; set; }

        public string? Approver { get; set; }

        public string? Outcome { get; set; }

        public string? Facts { get; set; }

        public string? Reasoning { get; set; }

        public DateTime? HearingAt { get; set; }

        public string? Place { get; set; }

        public DateOnly? ReceivedByOtherOn { get; set; }

        public string? LetterKind { get; set; }

        public string? Recipient { get; set; }

        public ReconsiderationStep ToStep() => new(Action, On, Items, Reason, Procedure, Ground, Days, Approver, Outcome, Facts, Reasoning, HearingAt, Place,
            ReceivedByOtherOn, LetterKind, Recipient);
    }
}
