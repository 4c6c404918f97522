namespace Fazhi.Web.Http;

/// <summary>Where the case of a clock, reminder or audit row is shown, when Fazhi holds that line of work.</summary>
public static class CaseLinks
{
    /// <summary>The case page of a case type and id, or null for cases kept in other systems.</summary>
    public static string? Href(string caseType, string caseId) => caseType switch
    {
        "reconsideration" when Guid.TryParse(caseId, out var id) => $"/reconsideration/{id}",
        "litigation" when Guid.TryParse(caseId, out var id) => $"/litigation/{id}",
        "reconsideration-letter" when Guid.TryParse(caseId, out var id) => $"/reconsideration/letters/{id}",
        _ => null,
    };
}
