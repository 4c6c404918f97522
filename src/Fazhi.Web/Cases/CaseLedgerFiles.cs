using Fazhi.Core.Cases;
using Fazhi.Core.Common;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;

namespace Fazhi.Web.Cases;

/// <summary>A line of work whose case ledger is imported and exported: reconsideration or litigation.</summary>
/// <param name="CaseType">The case type, also the URL segment (<c>/reconsideration</c>, <c>/api/litigation</c>).</param>
/// <param name="Name">The English name used in endpoint names.</param>
/// <param name="Title">The Chinese name shown to users.</param>
/// <param name="OrgLabel">What the handling org is called in this line of work.</param>
/// <param name="YearLabel">The year an export filters on (receipt year, filing year).</param>
/// <param name="Columns">The template columns.</param>
public sealed record CaseLedger(string CaseType, string Name, string Title, string OrgLabel, string YearLabel, IReadOnlyList<CaseTemplateColumn> Columns)
{
    /// <summary>The reconsideration ledger.</summary>
    public static CaseLedger Reconsideration { get; } =
        new(ReconsiderationCodes.CaseType, "Reconsideration", "行政复议", "复议机关", "收到申请年度", ReconsiderationTemplate.ColumnGuide);

    /// <summary>The litigation ledger.</summary>
    public static CaseLedger Litigation { get; } =
        new(LitigationCodes.CaseType, "Litigation", "行政应诉", "应诉单位", "立案年度", LitigationTemplate.ColumnGuide);

    /// <summary>Both ledgers.</summary>
    public static IReadOnlyList<CaseLedger> All { get; } = [Reconsideration, Litigation];

    /// <summary>The ledger of a case type, or null.</summary>
    public static CaseLedger? Find(string? caseType) => All.FirstOrDefault(l => l.CaseType == caseType);
}

/// <summary>A file to download.</summary>
public sealed record LedgerFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The glue between HTTP and the ledger handlers of Core, shared by <see cref="CaseLedgerApi"/> and the import page:
/// the uploaded file is checked (present, .jsonl/.csv/.xlsx) and handed to the line's import handler with the
/// caller's scope; exports and templates come back as files. Expected failures are <see cref="Error"/> values whose
/// field names are <c>file</c>, <c>org</c> and <c>format</c>.
/// </summary>
public sealed class CaseLedgerFiles(
    ImportReconsiderationHandler importReconsideration,
    ImportLitigationHandler importLitigation,
    ReconsiderationExporter exportReconsideration,
    LitigationExporter exportLitigation)
{
    /// <summary>Largest ledger upload over HTTP (page and API): 300 MB, enough for a million cases as JSON Lines
    /// (259 MB in the benchmark). The server's default would refuse anything over about 28 MB.</summary>
    public const long MaxUploadBytes = 300L * 1024 * 1024;

    /// <summary>Imports an uploaded file; rows are checked against <paramref name="scope"/>. A missing or
    /// wrongly named file is a <see cref="ValidationError"/> on <c>file</c>; bad rows are in the report.</summary>
    public async Task<Result<CaseImportReport>> ImportAsync(CaseLedger ledger, IFormFile? file, bool dryRun, bool partial, OrgScope scope,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (file is null || file.Length == 0)
        {
            return ValidationError.For("file", "请上传导入文件（.jsonl、.csv 或 .xlsx）。");
        }

        if (!CaseFileFormats.TryFromFileName(file.FileName, out var format))
        {
            return ValidationError.For("file", "只支持 .jsonl、.csv 和 .xlsx 文件。");
        }

        var options = new CaseImportOptions(dryRun, partial, Path.GetFileName(file.FileName));
        await using var stream = file.OpenReadStream();
        return ledger == CaseLedger.Litigation
            ? await importLitigation.HandleAsync(stream, format, options, scope, ct)
            : await importReconsideration.HandleAsync(stream, format, options, scope, ct);
    }

    /// <summary>The cases of an org's subtree within <paramref name="scope"/>, optionally one year, in the import
    /// template. An org outside the scope is a <see cref="NotFoundError"/>.</summary>
    public async Task<Result<LedgerFile>> ExportAsync(CaseLedger ledger, string? org, int? year, string? format, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var ext = Extension(format);
        if (!CaseFileFormats.TryFromFileName("x." + ext, out var f))
        {
            return ValidationError.For("format", "format 应为 xlsx、csv 或 jsonl。");
        }

        if (string.IsNullOrWhiteSpace(org))
        {
            return ValidationError.For("org", "请指定单位编码 org。");
        }

        var code = org.Trim();
        using var buffer = new MemoryStream();
        var filter = new CaseExportFilter(code, year);
        var written = ledger == CaseLedger.Litigation
            ? await exportLitigation.ExportAsync(buffer, f, filter, scope, ct)
            : await exportReconsideration.ExportAsync(buffer, f, filter, scope, ct);
        if (written.IsError)
        {
            return written.Error;
        }

        return new LedgerFile(buffer.ToArray(), ContentType(f), $"{ledger.CaseType}-{code}{(year is { } y ? "-" + y : "")}.{ext}");
    }

    /// <summary>The blank template, XLSX (with the 填写说明 sheet) or CSV.</summary>
    public static async Task<Result<LedgerFile>> TemplateAsync(CaseLedger ledger, string? format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var ext = Extension(format);
        if (!CaseFileFormats.TryFromFileName("x." + ext, out var f) || f == CaseFileFormat.JsonLines)
        {
            return ValidationError.For("format", "模板只能是 xlsx 或 csv（JSON Lines 的字段见 docs/import-formats.md）。");
        }

        using var buffer = new MemoryStream();
        await (ledger == CaseLedger.Litigation ? LitigationTemplate.WriteAsync(buffer, f, ct) : ReconsiderationTemplate.WriteAsync(buffer, f, ct));
        return new LedgerFile(buffer.ToArray(), ContentType(f), $"{ledger.CaseType}-template.{ext}");
    }

    private static string Extension(string? format) => string.IsNullOrWhiteSpace(format) ? "xlsx" : format.Trim().ToLowerInvariant();

    private static string ContentType(CaseFileFormat f) => f switch
    {
        CaseFileFormat.JsonLines => "application/x-ndjson; charset=utf-8",
        CaseFileFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
}
