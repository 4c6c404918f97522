using Fazhi.Core.Clocks;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Reminders;

/// <summary>The signed-in user's reminders of clocks due soon or overdue.</summary>
public sealed class IndexModel(ReminderQuery reminders, CurrentUser me) : PageModel
{
    public IReadOnlyList<ReminderRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await reminders.ListAsync(me.Id, 200, ct);

    public async Task<IActionResult> OnPostReadAsync(Guid? id, CancellationToken ct)
    {
        await reminders.MarkReadAsync(me.Id, id, ct);
        return RedirectToPage();
    }
}
