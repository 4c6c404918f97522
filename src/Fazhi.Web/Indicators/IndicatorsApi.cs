using Fazhi.Core.Indicators;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fazhi.Web.Indicators;

/// <summary>
/// REST API of the indicators: <c>GET /api/indicators?org=CODE&amp;year=YYYY</c> (the same JSON as <c>fazhi report annual</c>)
/// and <c>GET /api/indicators/{id}/cases</c> (the cases behind a numerator or denominator). An org outside the caller's
/// scope answers 404.
/// </summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/indicators").WithTags("Indicators");
        api.MapGet("/", GetAsync).WithName("GetIndicators");
        api.MapGet("/{id}/cases", CasesAsync).WithName("ListIndicatorCases");
        api.MapGet("/{id}/breakdown", BreakdownAsync).WithName("GetIndicatorBreakdown");
        return api;
    }

    private static async Task<Results<Ok<IndicatorReport>, ProblemHttpResult>> GetAsync(string? org, int? year, IndicatorService indicators, CurrentUser me,
        CancellationToken ct)
    {
        var r = await indicators.EvaluateAsync(org, year ?? 0, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.Ok(r.Value);
    }

    private static async Task<Results<Ok<IndicatorBreakdown>, ProblemHttpResult>> BreakdownAsync(string id, string? org, int? year, IndicatorService indicators,
        CurrentUser me, CancellationToken ct)
    {
        var r = await indicators.BreakdownAsync(id, org, year ?? 0, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.Ok(r.Value);
    }

    private static async Task<Results<Ok<IndicatorCasePage>, ProblemHttpResult>> CasesAsync(string id, string? org, int? year, string? set, int? page, int? pageSize,
        IndicatorService indicators, CurrentUser me, CancellationToken ct)
    {
        var r = await indicators.CasesAsync(id, org, year ?? 0, set, page ?? 1, pageSize ?? 50, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.Ok(r.Value);
    }
}
