using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Cases;

/// <summary>A column of a ledger template as users read it (the 填写说明 sheet, the import page).</summary>
/// <param name="Header">The Chinese header of the CSV/XLSX template.</param>
/// <param name="Field">The JSON Lines field.</param>
/// <param name="Required">Whether every row must fill it.</param>
/// <param name="Help">What to write, with the codes it accepts.</param>
public sealed record CaseTemplateColumn(string Header, string Field, bool Required, string Help);

/// <summary>Templates and exports in the import format, shared by the lines of work.</summary>
internal static class CaseTemplates
{
    private static readonly JsonWriterOptions JsonWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The columns as users read them.</summary>
    public static IReadOnlyList<CaseTemplateColumn> Guide<T>(IReadOnlyList<CaseColumn<T>> columns) =>
        [.. columns.Select(c => new CaseTemplateColumn(c.Header, c.Field, c.Required, c.Help))];

    /// <summary>The blank template: XLSX with the header row and a sheet explaining the columns, or a CSV header row.</summary>
    public static Task WriteAsync<T>(Stream output, CaseFileFormat format, IReadOnlyList<CaseColumn<T>> columns, string sheetName, CancellationToken ct)
    {
        var headers = columns.Select(c => c.Header).ToList();
        return format switch
        {
            CaseFileFormat.Xlsx => CaseXlsx.WriteAsync(output,
            [
                new XlsxSheet(sheetName, headers, []),
                new XlsxSheet("填写说明", ["列名", "JSON 字段", "必填", "说明"],
                    columns.Select(c => (IReadOnlyList<string>)[c.Header, c.Field, c.Required ? "是" : "", c.Help])
                        .Append(["", "", "", "第一行是表头，请勿修改列名；从第二行起每行一件案件。日期写作 YYYY-MM-DD。代码列可填英文代码或中文名称。"])
                        .Append(["", "", "", "同一单位已存在的案号在导入时跳过（不修改已有案件）；任何一行有错误时整个文件都不导入（可用 --partial 只导入正确的行）。"]),
                    [16, 20, 6, 100]),
            ], ct),
            CaseFileFormat.Csv => CaseCsv.WriteAsync(output, headers, [], ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "JSON Lines has no template: see docs/import-formats.md."),
        };
    }

    /// <summary>Writes records as JSON Lines (codes) or as a table (code columns as Chinese labels).</summary>
    public static async Task WriteRecordsAsync<T>(Stream output, CaseFileFormat format, IReadOnlyList<CaseColumn<T>> columns, string sheetName,
        IEnumerable<T> records, JsonTypeInfo<T> type, CancellationToken ct)
    {
        switch (format)
        {
            case CaseFileFormat.JsonLines:
                {
                    using var buffer = new MemoryStream();
                    await using var writer = new Utf8JsonWriter(buffer, JsonWriter);
                    foreach (var r in records)
                    {
                        JsonSerializer.Serialize(writer, r, type);
                        await writer.FlushAsync(ct);
                        writer.Reset();
                        buffer.WriteByte((byte)'\n');
                        if (buffer.Length > 1 << 16)
                        {
                            buffer.Position = 0;
                            await buffer.CopyToAsync(output, ct);
                            buffer.SetLength(0);
                        }
                    }

                    buffer.Position = 0;
                    await buffer.CopyToAsync(output, ct);
                    break;
                }

            case CaseFileFormat.Csv:
                await CaseCsv.WriteAsync(output, [.. columns.Select(c => c.Header)], records.Select(r => (IReadOnlyList<string>)[.. columns.Select(c => c.Cell(r))]), ct);
                break;
            default:
                await CaseXlsx.WriteAsync(output,
                    [new XlsxSheet(sheetName, [.. columns.Select(c => c.Header)], records.Select(r => (IReadOnlyList<string>)[.. columns.Select(c => c.Cell(r))]))], ct);
                break;
        }
    }

    /// <summary>The orgs of an export: the named org's subtree within the scope, id → code.</summary>
    public static async Task<Result<Dictionary<Guid, string>>> ExportOrgsAsync(AppDbContext db, string? orgCode, OrgScope scope, CancellationToken ct)
    {
        var code = orgCode?.Trim() ?? "";
        var org = await db.Orgs.AsNoTracking().Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (org is not { } id || !await db.IsInScopeAsync(scope, id, ct))
        {
            return new NotFoundError("org-not-found", $"单位“{code}”不存在或不在您的管辖范围内。");
        }

        var subtree = db.SubtreeIds(id);
        var inScope = db.ScopeIds(scope);
        return await db.Orgs.AsNoTracking().Where(o => subtree.Contains(o.Id) && inScope.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Code, ct);
    }
}
