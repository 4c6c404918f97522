using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Clocks;

/// <summary>Clocks due soon or overdue in the user's scope, earliest first, keyset paging.</summary>
public sealed class ListModel(ClockService clocks, AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Within { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public bool Overdue => View == "overdue";

    public DateOnly Today { get; private set; }

    public ClockPage Clocks { get; private set; } = new([], null);

    public IReadOnlyDictionary<Guid, string> OrgNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> Handlers { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(time);
        Within = Within is > 0 and <= 60 ? Within : 5;
        Clocks = Overdue
            ? await clocks.OverdueAsync(me.Scope, Today, ClockCursor.Parse(After), PageSize, ct)
            : await clocks.DueSoonAsync(me.Scope, Today, Within.Value, ClockCursor.Parse(After), PageSize, ct);
        var orgIds = Clocks.Rows.Select(r => r.OrgId).Distinct().ToList();
        OrgNames = await db.Orgs.Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var userIds = Clocks.Rows.Select(r => r.HandlerUserId).OfType<Guid>().Distinct().ToList();
        Handlers = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
