using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fazhi.Core.Data;
using Fazhi.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reports;

/// <summary>One figure a report can cite: an indicator computed from the ledgers, or the sum of manual facts.</summary>
/// <param name="Indicator">Indicator or manual-fact id.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Unit">Unit as printed (件, %, :1, 次…).</param>
/// <param name="Value">Value (unrounded for rates); null when a rate's denominator is 0.</param>
/// <param name="Numerator">Numerator (the count, or the manual total).</param>
/// <param name="Denominator">Denominator of a rate or ratio; null otherwise.</param>
/// <param name="DefinitionVersion">Definition version of the indicator; <c>manual</c> for manual facts.</param>
/// <param name="Source">ledger or manual.</param>
/// <param name="Year">The year the figure counts.</param>
/// <param name="Decimals">Display precision of a rate or ratio (the indicator definition's).</param>
public sealed record ReportFigure(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("numerator")] double Numerator,
    [property: JsonPropertyName("denominator")] long? Denominator,
    [property: JsonPropertyName("definition_version")] string DefinitionVersion,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("decimals")] int Decimals = 2)
{
    /// <summary>The value as printed in a report: 328件, 12.34%, 1.04:1, 12次; — when there is no value.</summary>
    public string Display => Value is not { } v
        ? "—"
        : Unit switch
        {
            "%" => Round(v) + "%",
            ":1" => Round(v) + ":1",
            _ => v.ToString("0.##", CultureInfo.InvariantCulture) + Unit,
        };

    private string Round(double v) =>
        Math.Round(v, Math.Clamp(Decimals, 0, 4), MidpointRounding.AwayFromZero).ToString("F" + Math.Clamp(Decimals, 0, 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>A case behind a frozen figure.</summary>
/// <param name="Line">reconsideration or litigation.</param>
/// <param name="Id">Case id.</param>
public sealed record FrozenCase([property: JsonPropertyName("line")] string Line, [property: JsonPropertyName("id")] Guid Id);

/// <summary>What approval freezes: every figure of the report year, and the cases (or manual facts) behind each
/// numerator and denominator.</summary>
/// <param name="Figures">Figures by id.</param>
/// <param name="Numerators">Cases behind each ledger figure's numerator.</param>
/// <param name="Denominators">Cases behind each rate's denominator.</param>
/// <param name="Facts">Manual facts behind each manual figure.</param>
public sealed record FrozenFigures(
    [property: JsonPropertyName("figures")] IReadOnlyList<ReportFigure> Figures,
    [property: JsonPropertyName("numerators")] IReadOnlyDictionary<string, IReadOnlyList<FrozenCase>> Numerators,
    [property: JsonPropertyName("denominators")] IReadOnlyDictionary<string, IReadOnlyList<FrozenCase>> Denominators,
    [property: JsonPropertyName("facts")] IReadOnlyDictionary<string, IReadOnlyList<Guid>> Facts)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>Serialises for storage.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the stored form.</summary>
    public static FrozenFigures FromJson(string json) => JsonSerializer.Deserialize<FrozenFigures>(json, Options)
        ?? throw new InvalidOperationException("Frozen figures are empty.");
}

/// <summary>The cases and facts an approved report froze behind one figure (see <see cref="ReportFigureService.DrillDownAsync"/>).</summary>
/// <param name="Figure">The frozen figure.</param>
/// <param name="NumeratorTotal">Cases behind the numerator.</param>
/// <param name="Numerator">Rows of the first of them.</param>
/// <param name="DenominatorTotal">Cases behind the denominator.</param>
/// <param name="Denominator">Rows of the first of them.</param>
/// <param name="FactIds">Manual facts behind a manual figure.</param>
public sealed record FrozenDrillDown(ReportFigure Figure, int NumeratorTotal, IReadOnlyList<IndicatorCaseRow> Numerator, int DenominatorTotal,
    IReadOnlyList<IndicatorCaseRow> Denominator, IReadOnlyList<Guid> FactIds);

/// <summary>
/// Evaluates the figures a report can cite for an org subtree and year: the indicator catalog (through
/// <see cref="IndicatorService"/>, the same numbers as the indicator pages) and the manual facts, summed over the
/// subtree.
/// </summary>
public sealed class ReportFigureService(AppDbContext db, IndicatorService indicators)
{
    /// <summary>The indicator catalog.</summary>
    public IndicatorCatalog Catalog => indicators.Catalog;

    /// <summary>True when the id names an indicator or a manual fact.</summary>
    public bool IsKnown(string id) => Catalog.Find(id) is not null || ManualFacts.Find(id) is not null;

    /// <summary>Chinese name of a figure id, or null.</summary>
    public string? NameOf(string id) => Catalog.Find(id)?.Name ?? ManualFacts.Find(id)?.Name;

    /// <summary>All figures for the subtree of <paramref name="orgId"/> and the year, by id (catalog order, then manual facts).</summary>
    public async Task<IReadOnlyDictionary<string, ReportFigure>> EvaluateAsync(Guid orgId, int year, CancellationToken ct)
    {
        var data = await indicators.LoadAsync(orgId, year, ct);
        var result = new Dictionary<string, ReportFigure>(StringComparer.Ordinal);
        foreach (var d in Catalog.All.Where(d => d.AppliesTo(year)))
        {
            var f = IndicatorService.Figure(d, data);
            result[d.Id] = new ReportFigure(f.Indicator, f.Name, f.Unit, f.Value, f.Numerator, f.Denominator, f.DefinitionVersion, "ledger", year, d.Decimals);
        }

        var sums = await ManualIn(orgId, year)
            .GroupBy(f => f.FactId)
            .Select(g => new { g.Key, Total = g.Sum(f => f.Value) })
            .ToListAsync(ct);
        foreach (var m in ManualFacts.All)
        {
            var total = sums.FirstOrDefault(s => s.Key == m.Id)?.Total ?? 0;
            result[m.Id] = new ReportFigure(m.Id, m.Name, m.Unit, total, total, null, "manual", "manual", year);
        }

        return result;
    }

    /// <summary>Whether any manual fact was entered for the figure in the subtree and year.</summary>
    public Task<bool> HasManualAsync(Guid orgId, int year, string id, CancellationToken ct) =>
        ManualIn(orgId, year).AnyAsync(f => f.FactId == id, ct);

    /// <summary>Evaluates the figures and lists the cases and facts behind each, for freezing at approval.</summary>
    public async Task<FrozenFigures> FreezeAsync(Guid orgId, int year, CancellationToken ct)
    {
        var figures = await EvaluateAsync(orgId, year, ct);
        var numerators = new Dictionary<string, IReadOnlyList<FrozenCase>>(StringComparer.Ordinal);
        var denominators = new Dictionary<string, IReadOnlyList<FrozenCase>>(StringComparer.Ordinal);
        foreach (var d in Catalog.All.Where(d => d.AppliesTo(year)))
        {
            numerators[d.Id] = (await indicators.CaseIdsAsync(d.Numerator, orgId, year, ct)).Select(x => new FrozenCase(x.Line, x.Id)).ToList();
            if (d.Denominator is not null)
            {
                denominators[d.Id] = (await indicators.CaseIdsAsync(d.Denominator, orgId, year, ct)).Select(x => new FrozenCase(x.Line, x.Id)).ToList();
            }
        }

        var facts = (await ManualIn(orgId, year).Select(f => new { f.FactId, f.Id }).ToListAsync(ct))
            .GroupBy(f => f.FactId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(x => x.Id).Order().ToList(), StringComparer.Ordinal);
        return new FrozenFigures(figures.Values.ToList(), numerators, denominators, facts);
    }

    /// <summary>
    /// What an approved report froze behind one figure: the figure, and up to <paramref name="maxRows"/> rows of the cases
    /// behind its numerator and denominator (with their totals) and the ids of its manual facts; null for an unknown id.
    /// </summary>
    public async Task<FrozenDrillDown?> DrillDownAsync(string frozenJson, string indicator, int maxRows, CancellationToken ct)
    {
        var frozen = FrozenFigures.FromJson(frozenJson);
        var figure = frozen.Figures.FirstOrDefault(f => f.Indicator == indicator);
        if (figure is null)
        {
            return null;
        }

        var n = frozen.Numerators.GetValueOrDefault(indicator) ?? [];
        var d = frozen.Denominators.GetValueOrDefault(indicator) ?? [];
        return new FrozenDrillDown(figure, n.Count, await CaseRowsAsync(n.Take(maxRows).ToList(), ct), d.Count, await CaseRowsAsync(d.Take(maxRows).ToList(), ct),
            frozen.Facts.GetValueOrDefault(indicator) ?? []);
    }

    /// <summary>The rows of frozen cases (one page, ordered by case number). Parties are included; the portal drops them.</summary>
    public async Task<IReadOnlyList<IndicatorCaseRow>> CaseRowsAsync(IReadOnlyList<FrozenCase> cases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var recon = cases.Where(c => c.Line == Reconsideration.ReconsiderationCodes.CaseType).Select(c => c.Id).ToList();
        var lit = cases.Where(c => c.Line == Litigation.LitigationCodes.CaseType).Select(c => c.Id).ToList();
        var rows = new List<IndicatorCaseRow>();
        foreach (var chunk in recon.Chunk(500))
        {
            rows.AddRange(await indicators.ReconsiderationRowsAsync(db.ReconsiderationCases.Where(c => chunk.Contains(c.Id)), 0, chunk.Length, ct));
        }

        foreach (var chunk in lit.Chunk(500))
        {
            rows.AddRange(await indicators.LitigationRowsAsync(db.LitigationCases.Where(c => chunk.Contains(c.Id)), 0, chunk.Length, ct));
        }

        return rows.OrderBy(r => r.CaseNumber, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
    }

    /// <summary>Manual facts of the subtree and year.</summary>
    public IQueryable<ManualFact> ManualIn(Guid orgId, int year) =>
        db.OrgClosures.Where(o => o.AncestorId == orgId).Join(db.ManualFacts, o => o.DescendantId, f => f.OrgId, (o, f) => f).Where(f => f.Year == year);
}
