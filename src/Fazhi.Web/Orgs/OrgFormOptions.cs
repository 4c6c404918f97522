using Fazhi.Core.Orgs;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Fazhi.Web.Orgs;

/// <summary>The choices of the create and edit forms: org types, and the orgs in scope as possible parents.</summary>
public static class OrgFormOptions
{
    /// <summary>Above this many orgs in scope, the parent is typed as a code instead of picked from a list.</summary>
    public const int MaxParentOptions = 2000;

    /// <summary>The org types, by code, labelled in Chinese.</summary>
    public static IReadOnlyList<SelectListItem> Types(string? selected) =>
        OrgTypes.Values.Select(t => new SelectListItem(t.Label(), t.Code(), t.Code() == selected)).ToList();

    /// <summary>The orgs in tree order, indented by depth; <paramref name="disabledCodes"/> stay visible but cannot be picked.</summary>
    public static IReadOnlyList<SelectListItem> Parents(IReadOnlyList<OrgOption> orgs, string? selected, IReadOnlySet<string>? disabledCodes = null)
    {
        ArgumentNullException.ThrowIfNull(orgs);
        var top = orgs.Count == 0 ? 0 : orgs.Min(o => o.Depth);
        return orgs.Select(o => new SelectListItem(
                new string('\u00A0', 4 * (o.Depth - top)) + $"{o.Name}（{o.Code}）",
                o.Code,
                o.Code == selected,
                disabledCodes?.Contains(o.Code) == true))
            .ToList();
    }
}
