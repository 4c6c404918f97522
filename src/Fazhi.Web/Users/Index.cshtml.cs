using Fazhi.Core.Users;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Users;

/// <summary>Users in the caller's scope, searched by name, paged by user name (keyset, no count).</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class IndexModel(UserQuery users, CurrentUser me, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<UserSummary> Rows { get; private set; } = [];

    /// <summary>The cursor of the next page, when there is one.</summary>
    public string? NextAfter { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        // One row more than shown tells whether a next page exists.
        var rows = await users.ListAsync(me.Scope, Search, null, After, PageSize + 1, ct);
        Rows = rows.Take(PageSize).ToList();
        NextAfter = rows.Count > PageSize ? Rows[^1].UserName : null;
    }
}
