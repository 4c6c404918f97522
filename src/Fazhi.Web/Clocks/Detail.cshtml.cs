using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Clocks;

/// <summary>One stored clock: its state, suspensions, extensions and "why this date".</summary>
public sealed class DetailModel(ClockExplainQuery explain, AppDbContext db, CurrentUser me) : PageModel
{
    public ClockExplanation View { get; private set; } = null!;

    public string OrgName { get; private set; } = "";

    public string? HandlerName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await explain.HandleAsync(id, me.Scope, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        OrgName = await db.Orgs.Where(o => o.Id == view.Clock.OrgId).Select(o => o.Name).SingleAsync(ct);
        HandlerName = view.Clock.HandlerUserId is { } h ? await db.Users.Where(u => u.Id == h).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) : null;
        return Page();
    }
}
