using Fazhi.Core.Cases;
using Fazhi.Core.Common;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fazhi.Web.Cases;

/// <summary>
/// Bulk data of the case ledgers over HTTP, the same operations as <c>fazhi import|export|template</c>:
/// <c>POST /api/{line}/import</c> (multipart <c>file</c>: .jsonl, .csv or .xlsx; <c>dryRun</c>, <c>partial</c>),
/// <c>GET /api/{line}/export?org=&amp;year=&amp;format=</c> and <c>GET /api/{line}/template?format=</c>, for
/// line = reconsideration or litigation. Rows are checked against the caller's scope; a file with bad rows answers 400
/// with every bad row (line and reason) and nothing written, unless <c>partial</c>.
/// </summary>
public static class CaseLedgerApi
{
    /// <summary>The import result.</summary>
    /// <param name="RowsRead">Data rows read.</param>
    /// <param name="Created">Cases created.</param>
    /// <param name="Valid">New rows without errors.</param>
    /// <param name="Skipped">Rows whose case number already exists in the org (left unchanged).</param>
    /// <param name="Committed">Whether anything was written.</param>
    /// <param name="DryRun">Checked only.</param>
    /// <param name="Errors">Bad rows.</param>
    public sealed record ImportResponse(int RowsRead, int Created, int Valid, int Skipped, bool Committed, bool DryRun, IReadOnlyList<RowError> Errors);

    public static void MapCaseLedgerApi(this IEndpointRouteBuilder app)
    {
        foreach (var ledger in CaseLedger.All)
        {
            var api = app.MapGroup($"/api/{ledger.CaseType}").WithTags(ledger.Name);
            api.MapPost("/import", (IFormFile? file, bool? dryRun, bool? partial, CaseLedgerFiles files, CurrentUser me, CancellationToken ct) =>
                    ImportAsync(ledger, file, dryRun ?? false, partial ?? false, files, me, ct))
                .WithName($"Import{ledger.Name}Cases").RequireAuthorization(Policies.HandleCases).DisableAntiforgery()
                .WithMetadata(new RequestSizeLimitAttribute(CaseLedgerFiles.MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = CaseLedgerFiles.MaxUploadBytes });
            api.MapGet("/export", (string? org, int? year, string? format, CaseLedgerFiles files, CurrentUser me, CancellationToken ct) =>
                ExportAsync(ledger, org, year, format, files, me, ct)).WithName($"Export{ledger.Name}Cases");
            api.MapGet("/template", (string? format, CancellationToken ct) => TemplateAsync(ledger, format, ct)).WithName($"Get{ledger.Name}ImportTemplate");
        }
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(CaseLedger ledger, IFormFile? file, bool dryRun, bool partial,
        CaseLedgerFiles files, CurrentUser me, CancellationToken ct)
    {
        var imported = await files.ImportAsync(ledger, file, dryRun, partial, me.Scope, ct);
        if (imported.IsError)
        {
            return imported.Error.ToProblem();
        }

        var report = imported.Value;
        var response = new ImportResponse(report.RowsRead, report.Created, report.Valid, report.Skipped, report.Committed, dryRun, report.Errors);
        if (report.Ok || (partial && report.Committed))
        {
            return TypedResults.Ok(response);
        }

        var problem = TypedResults.Problem(
            report.Errors.Count > 0 && report.Errors[0].Line == 0
                ? report.Errors[0].Message
                : $"共 {report.Errors.Count} 行有错误，未导入任何案件。请修改文件后重试，或用 partial=true 只导入正确的行。",
            statusCode: StatusCodes.Status400BadRequest,
            title: "导入文件有错误",
            extensions: new Dictionary<string, object?> { ["code"] = "import-rows-invalid", ["report"] = response });
        return problem;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(CaseLedger ledger, string? org, int? year, string? format,
        CaseLedgerFiles files, CurrentUser me, CancellationToken ct)
    {
        var r = await files.ExportAsync(ledger, org, year, format, me.Scope, ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.File(r.Value.Content, r.Value.ContentType, r.Value.FileName);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplateAsync(CaseLedger ledger, string? format, CancellationToken ct)
    {
        var r = await CaseLedgerFiles.TemplateAsync(ledger, format, ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.File(r.Value.Content, r.Value.ContentType, r.Value.FileName);
    }
}
