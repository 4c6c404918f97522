using Fazhi.Core.Cases;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;
using Fazhi.Web.Attachments;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Facts;

/// <summary>One manual fact and its evidence files (the attachment store, SM3 on arrival, size and type checks).</summary>
public sealed class DetailModel(AppDbContext db, CaseAttachments attachments, CurrentUser me) : PageModel
{
    public ManualFact Fact { get; private set; } = null!;

    public ManualFactDefinition? Definition { get; private set; }

    public string OrgName { get; private set; } = "";

    public AttachmentsPanel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var fact = await db.ManualFacts.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (fact is null || !await db.IsInScopeAsync(me.Scope, fact.OrgId, ct))
        {
            return NotFound();
        }

        Fact = fact;
        Definition = ManualFacts.Find(fact.FactId);
        OrgName = await db.Orgs.Where(o => o.Id == fact.OrgId).Select(o => o.Name).SingleAsync(ct);
        Panel = await AttachmentsPanel.LoadAsync(attachments, ManualFacts.EvidenceType, id, me.Scope, me.CanManageReports, ct);
        return Page();
    }
}
