using System.Text.Json.Serialization;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>The JSON form of an analysis, shared by <c>fazhi analyze --json</c> and <c>POST /api/report-analysis</c>.</summary>
/// <param name="File">The file name.</param>
/// <param name="Title">The report's title, if found.</param>
/// <param name="Year">The year reported on, if found.</param>
/// <param name="Format">txt, html or docx.</param>
/// <param name="Parts">Which mandated parts are present.</param>
/// <param name="Evidence">What matched for each part found.</param>
/// <param name="Facts">Numeric facts with their quoted clause.</param>
/// <param name="Inconsistencies">Arithmetic that does not add up.</param>
/// <param name="RateChecks">Rates that a pair of counts confirms.</param>
/// <param name="Notes">Remarks in Chinese (e.g. first-responsibility phrases found only in the plans).</param>
public sealed record ReportAnalysisJson(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("year")] int? Year,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("parts")] ReportPartsJson Parts,
    [property: JsonPropertyName("evidence")] IReadOnlyList<PartEvidenceJson> Evidence,
    [property: JsonPropertyName("facts")] IReadOnlyList<ReportFactJson> Facts,
    [property: JsonPropertyName("inconsistencies")] IReadOnlyList<ReportInconsistencyJson> Inconsistencies,
    [property: JsonPropertyName("rate_checks")] IReadOnlyList<RateCheckJson> RateChecks,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
{
    /// <summary>Converts an analysis.</summary>
    public static ReportAnalysisJson From(ReportAnalysisResult r, string? file)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(file, r.Title, r.Year, r.Format,
            new ReportPartsJson(r.Parts[ReportPart.Measures], r.Parts[ReportPart.Shortcomings], r.Parts[ReportPart.FirstResponsibility],
                r.Parts[ReportPart.NextYear], r.Parts[ReportPart.Other]),
            [.. r.Evidence.Select(e => new PartEvidenceJson(e.Part.Code(), e.Kind, e.Text, e.Rule))],
            [.. r.Facts.Select(f => new ReportFactJson(f.Text, f.Value, f.Unit, f.Approximate))],
            [.. r.Inconsistencies.Select(i => new ReportInconsistencyJson(i.Kind, i.Text, i.Stated, i.Computed, i.Explanation))],
            [.. r.RateChecks.Select(c => new RateCheckJson(c.Text, c.Stated, c.Numerator, c.Denominator, c.Computed))],
            r.Notes);
    }
}

/// <summary>The five mandated parts: true when present.</summary>
public sealed record ReportPartsJson(
    [property: JsonPropertyName("measures")] bool Measures,
    [property: JsonPropertyName("shortcomings")] bool Shortcomings,
    [property: JsonPropertyName("first_responsibility")] bool FirstResponsibility,
    [property: JsonPropertyName("next_year")] bool NextYear,
    [property: JsonPropertyName("other")] bool Other);

/// <summary>Why a part counts as present.</summary>
public sealed record PartEvidenceJson(
    [property: JsonPropertyName("part")] string Part,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("rule")] string Rule);

/// <summary>A numeric fact: the quoted clause, the number as written and the unit exactly as written.</summary>
public sealed record ReportFactJson(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("approximate")] bool Approximate);

/// <summary>An inconsistency: the figure as written, what the numbers give, and why (Chinese).</summary>
public sealed record ReportInconsistencyJson(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("stated")] decimal Stated,
    [property: JsonPropertyName("computed")] decimal Computed,
    [property: JsonPropertyName("explanation")] string Explanation);

/// <summary>A rate confirmed by numerator ÷ denominator.</summary>
public sealed record RateCheckJson(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("stated")] decimal Stated,
    [property: JsonPropertyName("numerator")] string Numerator,
    [property: JsonPropertyName("denominator")] string Denominator,
    [property: JsonPropertyName("computed")] decimal Computed);
