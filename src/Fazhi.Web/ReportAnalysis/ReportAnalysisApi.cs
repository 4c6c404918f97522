using Fazhi.Core.ReportAnalysis;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fazhi.Web.ReportAnalysis;

/// <summary>
/// <c>POST /api/report-analysis</c> (multipart, field <c>file</c>): the analysis of a published annual report as JSON
/// (the same as <c>fazhi analyze --json</c>). A missing, empty, binary or unsupported file answers 400 with ProblemDetails.
/// Any signed-in user may call it: it reads only the uploaded file, nothing from the database.
/// </summary>
public static class ReportAnalysisApi
{
    public static RouteGroupBuilder MapReportAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/report-analysis").WithTags("ReportAnalysis");
        // Cookie-authenticated like the rest of the API; the SameSite=Lax cookie is not sent with cross-site POSTs.
        api.MapPost("/", AnalyzeAsync).WithName("AnalyzeReport").ProducesProblem(StatusCodes.Status400BadRequest).DisableAntiforgery();
        return api;
    }

    private static async Task<Results<Ok<ReportAnalysisJson>, ProblemHttpResult>> AnalyzeAsync(IFormFile? file, CancellationToken ct)
    {
        var r = await ReportUpload.AnalyzeAsync(file, ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.Ok(ReportAnalysisJson.From(r.Value, file!.FileName));
    }
}
