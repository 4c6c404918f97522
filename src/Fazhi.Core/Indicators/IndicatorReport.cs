using System.Text.Json.Serialization;

namespace Fazhi.Core.Indicators;

/// <summary>The figures of one org subtree and year: the JSON of <c>fazhi report annual</c> and <c>GET /api/indicators</c>.</summary>
/// <param name="Org">Org code.</param>
/// <param name="OrgName">Org name.</param>
/// <param name="Year">Year.</param>
/// <param name="Figures">One figure per indicator that applies to the year, in catalog order.</param>
public sealed record IndicatorReport(
    [property: JsonPropertyName("org")] string Org,
    [property: JsonPropertyName("org_name")] string OrgName,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("figures")] IReadOnlyList<IndicatorFigure> Figures);

/// <summary>One figure. Counts: value = numerator = the count, no denominator. Rates: the unrounded percentage (null when
/// the denominator is 0). Ratios: numerator ÷ denominator.</summary>
/// <param name="Indicator">Indicator id.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Unit">件, % or :1.</param>
/// <param name="Value">Value.</param>
/// <param name="Numerator">Numerator (the count for counts).</param>
/// <param name="Denominator">Denominator; null for counts.</param>
/// <param name="DefinitionVersion">Definition version.</param>
public sealed record IndicatorFigure(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("numerator")] long Numerator,
    [property: JsonPropertyName("denominator")] long? Denominator,
    [property: JsonPropertyName("definition_version")] string DefinitionVersion);

/// <summary>A case behind a numerator or denominator.</summary>
/// <param name="Line">reconsideration or litigation.</param>
/// <param name="Id">Case id (links to /reconsideration/{id} or /litigation/{id}).</param>
/// <param name="CaseNumber">Case number.</param>
/// <param name="Parties">Applicants or plaintiffs.</param>
/// <param name="OrgName">Handling org (reconsideration body or defendant).</param>
/// <param name="StartedOn">Received (reconsideration) or filed (litigation).</param>
/// <param name="AcceptedOn">Accepted (reconsideration).</param>
/// <param name="ClosedOn">Concluded.</param>
/// <param name="Outcome">Outcome code.</param>
/// <param name="OutcomeLabel">Outcome in Chinese.</param>
/// <param name="Instance">Litigation instance label.</param>
public sealed record IndicatorCaseRow(
    [property: JsonPropertyName("line")] string Line,
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("case_number")] string CaseNumber,
    [property: JsonPropertyName("parties")] string Parties,
    [property: JsonPropertyName("org_name")] string OrgName,
    [property: JsonPropertyName("started_on")] DateOnly StartedOn,
    [property: JsonPropertyName("accepted_on")] DateOnly? AcceptedOn,
    [property: JsonPropertyName("closed_on")] DateOnly? ClosedOn,
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("outcome_label")] string? OutcomeLabel,
    [property: JsonPropertyName("instance")] string? Instance);

/// <summary>A page of the cases behind a figure.</summary>
/// <param name="Indicator">Indicator id.</param>
/// <param name="Set">numerator or denominator.</param>
/// <param name="SetName">What the set is, in Chinese.</param>
/// <param name="Total">The figure's numerator or denominator (number of cases, or of hearing sessions).</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="HasMore">True when a further page exists.</param>
/// <param name="Rows">Rows ordered by case number.</param>
public sealed record IndicatorCasePage(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("set")] string Set,
    [property: JsonPropertyName("set_name")] string SetName,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("rows")] IReadOnlyList<IndicatorCaseRow> Rows);

/// <summary>One point of a breakdown: a month or an org.</summary>
/// <param name="Key">yyyy-MM, or the org code.</param>
/// <param name="Label">月份 or org name.</param>
/// <param name="Figure">The figure for it.</param>
public sealed record IndicatorPoint(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("figure")] IndicatorFigure Figure);

/// <summary>An indicator month by month and across the org's direct children.</summary>
/// <param name="Indicator">Id.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Org">Org code.</param>
/// <param name="OrgName">Org name.</param>
/// <param name="Year">Year.</param>
/// <param name="Months">One point per month up to today.</param>
/// <param name="Orgs">The org (whole subtree) then each direct child (its subtree).</param>
public sealed record IndicatorBreakdown(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("org")] string Org,
    [property: JsonPropertyName("org_name")] string OrgName,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("months")] IReadOnlyList<IndicatorPoint> Months,
    [property: JsonPropertyName("orgs")] IReadOnlyList<IndicatorPoint> Orgs);
