using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Audit;

/// <summary>The audit log within the caller's scope, newest first, filtered by the query string (bookmarkable) and paged
/// by sequence; and the check of the whole hash chain.</summary>
[Authorize(Policy = Policies.ReadAudit)]
public sealed class IndexModel(AuditQuery audit, VerifyAuditChainHandler verify, CurrentUser me, AuditEntityLinks links) : PageModel
{
    public const int PageSize = 50;

    /// <summary>First day (China date), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day (China date), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    /// <summary>Entity key; set by links from other pages (a user's history), kept as a hidden filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    /// <summary>Actor's user name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    /// <summary>Show entries up to this sequence number.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Seq { get; set; }

    /// <summary>Keyset cursor: show entries before this sequence number.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public AuditPage Entries { get; private set; } = new([], null);

    /// <summary>Where an entry's object links to, by entity type and id.</summary>
    public IReadOnlyDictionary<(string Type, string Id), EntityLink> Links { get; private set; } = new Dictionary<(string, string), EntityLink>();

    public AuditVerification? Verification { get; private set; }

    public bool Filtered => From is not null || To is not null || !string.IsNullOrWhiteSpace(Action) || !string.IsNullOrWhiteSpace(EntityType)
        || !string.IsNullOrWhiteSpace(EntityId) || !string.IsNullOrWhiteSpace(Actor) || Seq is not null;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Walks the whole chain. A POST because it reads every entry; it changes nothing, so the result is shown
    /// directly with the same filters.</summary>
    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await verify.HandleAsync(ct);
        await LoadAsync(ct);
    }

    /// <summary>The current filters as query values (for paging links and the verify form), without the cursor.</summary>
    public Dictionary<string, string> FilterValues()
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[key] = value.Trim();
            }
        }

        Add("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("action", Action);
        Add("entityType", EntityType);
        Add("entityId", EntityId);
        Add("actor", Actor);
        Add("seq", Seq?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    /// <summary>A link to this page with the current filters and, optionally, a cursor and a handler.</summary>
    public string PageUrl(long? before, string? handler = null)
    {
        var values = FilterValues();
        if (handler is not null)
        {
            values["handler"] = handler;
        }

        if (before is { } b)
        {
            values["before"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/audit", values!);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // "Up to sequence n" is the page that starts at n; the cursor of later pages takes over from it.
        var before = Before ?? (Seq is { } s ? s + 1 : null);
        var filter = new AuditFilter(
            EntityType: Blank(EntityType),
            EntityId: Blank(EntityId),
            Action: Blank(Action),
            Actor: Blank(Actor),
            FromUtc: From is { } from ? StartOfChinaDay(from) : null,
            ToUtc: To is { } to ? StartOfChinaDay(to.AddDays(1)) : null,
            BeforeSequence: before,
            PageSize: PageSize);
        Entries = await audit.ListAsync(filter, me.Scope, ct);
        Links = await links.ResolveAsync(Entries.Rows, ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTime StartOfChinaDay(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ChinaTime.Zone);
}

/// <summary>How an audit entry's object is shown: a readable name, linked when the caller may open it.</summary>
public sealed record EntityLink(string? Href, string Text);
