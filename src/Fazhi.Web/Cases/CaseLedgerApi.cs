using Fazhi.Core.Cases;
using Fazhi.Core.Common;
using Fazhi.Core.Litigation;
using Fazhi.Core.Reconsideration;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
        foreach (var line in new[] { ReconsiderationCodes.CaseType, LitigationCodes.CaseType })
        {
            var api = app.MapGroup($"/api/{line}").WithTags(line == LitigationCodes.CaseType ? "Litigation" : "Reconsideration");
            var name = line == LitigationCodes.CaseType ? "Litigation" : "Reconsideration";
            api.MapPost("/import", (IFormFile? file, bool? dryRun, bool? partial, IServiceProvider sp, CurrentUser me, CancellationToken ct) =>
                    ImportAsync(line, file, dryRun ?? false, partial ?? false, sp, me, ct))
                .WithName($"Import{name}Cases").RequireAuthorization(Policies.HandleCases).DisableAntiforgery();
            api.MapGet("/export", (string? org, int? year, string? format, IServiceProvider sp, CurrentUser me, CancellationToken ct) =>
                ExportAsync(line, org, year, format, sp, me, ct)).WithName($"Export{name}Cases");
            api.MapGet("/template", (string? format, CancellationToken ct) => TemplateAsync(line, format, ct)).WithName($"Get{name}ImportTemplate");
        }
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(string line, IFormFile? file, bool dryRun, bool partial, IServiceProvider sp,
        CurrentUser me, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return ValidationError.For("file", "请上传导入文件（.jsonl、.csv 或 .xlsx）。").ToProblem();
        }

        if (!CaseFileFormats.TryFromFileName(file.FileName, out var format))
        {
            return ValidationError.For("file", "只支持 .jsonl、.csv 和 .xlsx 文件。").ToProblem();
        }

        var options = new CaseImportOptions(dryRun, partial, Path.GetFileName(file.FileName));
        await using var stream = file.OpenReadStream();
        var report = line == LitigationCodes.CaseType
            ? await sp.GetRequiredService<ImportLitigationHandler>().HandleAsync(stream, format, options, me.Scope, ct)
            : await sp.GetRequiredService<ImportReconsiderationHandler>().HandleAsync(stream, format, options, me.Scope, ct);
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

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string line, string? org, int? year, string? format, IServiceProvider sp,
        CurrentUser me, CancellationToken ct)
    {
        var ext = string.IsNullOrWhiteSpace(format) ? "xlsx" : format.Trim().ToLowerInvariant();
        if (!CaseFileFormats.TryFromFileName("x." + ext, out var f))
        {
            return ValidationError.For("format", "format 应为 xlsx、csv 或 jsonl。").ToProblem();
        }

        if (string.IsNullOrWhiteSpace(org))
        {
            return ValidationError.For("org", "请指定单位编码 org。").ToProblem();
        }

        using var buffer = new MemoryStream();
        var filter = new CaseExportFilter(org.Trim(), year);
        Result<int> r = line == LitigationCodes.CaseType
            ? await sp.GetRequiredService<LitigationExporter>().ExportAsync(buffer, f, filter, me.Scope, ct)
            : await sp.GetRequiredService<ReconsiderationExporter>().ExportAsync(buffer, f, filter, me.Scope, ct);
        if (r.IsError)
        {
            return r.Error!.ToProblem();
        }

        return TypedResults.File(buffer.ToArray(), ContentType(f), $"{line}-{org.Trim()}{(year is { } y ? "-" + y : "")}.{ext}");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplateAsync(string line, string? format, CancellationToken ct)
    {
        var ext = string.IsNullOrWhiteSpace(format) ? "xlsx" : format.Trim().ToLowerInvariant();
        if (!CaseFileFormats.TryFromFileName("x." + ext, out var f) || f == CaseFileFormat.JsonLines)
        {
            return ValidationError.For("format", "模板只能是 xlsx 或 csv（JSON Lines 的字段见 docs/import-formats.md）。").ToProblem();
        }

        using var buffer = new MemoryStream();
        await (line == LitigationCodes.CaseType ? LitigationTemplate.WriteAsync(buffer, f, ct) : ReconsiderationTemplate.WriteAsync(buffer, f, ct));
        return TypedResults.File(buffer.ToArray(), ContentType(f), $"{line}-template.{ext}");
    }

    private static string ContentType(CaseFileFormat f) => f switch
    {
        CaseFileFormat.JsonLines => "application/x-ndjson; charset=utf-8",
        CaseFileFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
}
