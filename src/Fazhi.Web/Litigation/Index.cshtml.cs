using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Litigation;

/// <summary>The litigation ledger: filters, search and keyset paging in the user's scope.</summary>
public sealed class IndexModel(LitigationQuery query, AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Org { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Clock { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Instance { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public CasePage<LitigationRow> Result { get; private set; } = new([], null);

    public IReadOnlyDictionary<Guid, string> OrgNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<(string Code, string Name)> OrgOptions { get; private set; } = [];

    public string? QueryMessage { get; private set; }

    public bool CanHandle => me.IsInAnyRole(Fazhi.Core.Users.Roles.CaseHandlers);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var orgs = await db.OrgsIn(me.Scope).OrderBy(o => o.Code).Select(o => new { o.Id, o.Code, o.Name }).Take(500).ToListAsync(ct);
        OrgOptions = orgs.Select(o => (o.Code, o.Name)).ToList();
        Guid? orgId = string.IsNullOrWhiteSpace(Org) ? null : orgs.FirstOrDefault(o => o.Code == Org.Trim())?.Id ?? Guid.Empty;
        if (Fazhi.Core.Cases.CaseSearch.Phrase(Q) is { } phrase && await Fazhi.Core.Cases.CaseSearch.ExceedsCapAsync(db, LitigationCodes.CaseType, phrase, ct))
        {
            QueryMessage = $"匹配的案件超过 {Fazhi.Core.Cases.CaseSearch.MaxMatches} 件，只在最近登记的 {Fazhi.Core.Cases.CaseSearch.MaxMatches} 件中筛选；请增加检索词或筛选条件。";
        }

        Result = await query.ListAsync(new CaseFilter(Q, Stage, orgId, Clock, From, To, null, Instance, Outcome), me.Scope, CaseCursor.Parse(After), 50, ct);
        var ids = Result.Rows.Select(r => r.OrgId).Distinct().ToList();
        OrgNames = await db.Orgs.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public string PageLink(string? after)
    {
        var q = Request.Query.Where(kv => kv.Key != "after").ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        if (after is not null)
        {
            q["after"] = after;
        }

        return "/litigation" + Microsoft.AspNetCore.Http.QueryString.Create(q!);
    }
}
