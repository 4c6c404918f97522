using System.CommandLine;
using Fazhi.Core.Cases;
using Fazhi.Core.Common;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;

namespace Fazhi.Web.Cli;

/// <summary>
/// <c>fazhi import|export|template reconsideration|litigation</c>: case ledgers in JSON Lines, CSV or XLSX
/// (docs/import-formats.md). Exit codes: 0 imported (or checked), 1 file or argument problem, 2 rows with errors.
/// </summary>
public static class ImportCommand
{
    /// <summary>Errors listed one by one; beyond this only their number is printed.</summary>
    private const int ListLimit = 1000;

    private static readonly string[] Lines = ["reconsideration", "litigation"];

    /// <summary>The <c>import</c>, <c>export</c> and <c>template</c> verbs.</summary>
    public static IEnumerable<Command> Create() => [Import(), Export(), Template()];

    private static Argument<string> LineArgument() =>
        new Argument<string>("LINE") { Description = "业务类别：reconsideration（行政复议）或 litigation（行政应诉）" }.AcceptOnlyFromAmong(Lines);

    private static Command Import()
    {
        var line = LineArgument();
        var file = new Argument<FileInfo>("FILE") { Description = "JSON Lines（.jsonl，每行一件案件）或按模板填写的 Excel/CSV 台账（.xlsx/.csv）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并报告，不写入" };
        var partial = new Option<bool>("--partial") { Description = "有错误的行跳过，只导入正确的行（默认：任何一行有错误则全部不导入）" };
        var cmd = new Command("import", "导入案件：逐行检查并报告错误（行号和原因）；同一单位已存在的案号跳过（已存在），可重复导入") { line, file, dryRun, partial };
        cmd.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                return CliHost.Fail($"文件不存在：{f.FullName}");
            }

            if (!CaseFileFormats.TryFromFileName(f.Name, out var format))
            {
                return CliHost.Fail("只支持 .jsonl、.csv 和 .xlsx 文件。");
            }

            var options = new CaseImportOptions(parse.GetValue(dryRun), parse.GetValue(partial), f.Name, ExclusiveDatabase: true);
            await using var stream = new FileStream(f.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var report = parse.GetValue(line) == "litigation"
                ? await sp.GetRequiredService<ImportLitigationHandler>().HandleAsync(stream, format, options, OrgScope.Everything, c)
                : await sp.GetRequiredService<ImportReconsiderationHandler>().HandleAsync(stream, format, options, OrgScope.Everything, c);
            foreach (var e in report.Errors.Take(ListLimit))
            {
                await Console.Error.WriteLineAsync(e.Line > 0 ? $"第 {e.Line} 行：{e.Message}" : e.Message);
            }

            if (report.Errors.Count > ListLimit)
            {
                await Console.Error.WriteLineAsync($"……其余 {report.Errors.Count - ListLimit} 处错误未列出。");
            }

            var seconds = started.Elapsed.TotalSeconds;
            var counts = $"共读取 {report.RowsRead} 行：新案件 {report.Valid} 件，已存在 {report.Skipped} 件（跳过，未修改），错误 {report.Errors.Count} 行。";
            if (report.Errors.Count > 0 && report.Errors[0].Line == 0)
            {
                return CliHost.Fail("文件无法读取，未导入任何案件。");
            }

            if (options.DryRun)
            {
                Console.WriteLine(counts);
                Console.WriteLine(report.Ok ? "检查通过（--dry-run，未写入）。" : "检查未通过（--dry-run，未写入）。");
                return report.Ok ? 0 : 2;
            }

            Console.WriteLine(counts);
            if (!report.Committed)
            {
                await Console.Error.WriteLineAsync($"错误：共 {report.Errors.Count} 行有错误，未导入任何案件。请修改文件后重试，或用 --partial 只导入正确的行。");
                return 2;
            }

            Console.WriteLine($"已导入 {report.Created} 件案件（用时 {seconds:F1} 秒）。" + (report.Ok ? "" : $"有错误的 {report.Errors.Count} 行未导入（--partial）。"));
            return report.Ok ? 0 : 2;
        }, ct));
        return cmd;
    }

    private static Command Export()
    {
        var line = LineArgument();
        var org = new Option<string>("--org") { Description = "单位编码：导出该单位及其下级单位办理的案件", Required = true };
        var year = new Option<int?>("--year") { Description = "只导出该年收到（复议）或立案（应诉）的案件" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "输出文件：.xlsx、.csv 或 .jsonl（格式同导入模板）", Required = true };
        var cmd = new Command("export", "按导入模板导出案件台账（导出的文件可原样导入）") { line, org, year, output };
        cmd.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var f = parse.GetValue(output)!;
            if (!CaseFileFormats.TryFromFileName(f.Name, out var format))
            {
                return CliHost.Fail("输出文件只能是 .xlsx、.csv 或 .jsonl。");
            }

            var filter = new CaseExportFilter(parse.GetValue(org)!, parse.GetValue(year));
            using var buffer = new MemoryStream();
            Result<int> r = parse.GetValue(line) == "litigation"
                ? await sp.GetRequiredService<LitigationExporter>().ExportAsync(buffer, format, filter, OrgScope.Everything, c)
                : await sp.GetRequiredService<ReconsiderationExporter>().ExportAsync(buffer, format, filter, OrgScope.Everything, c);
            if (r.IsError)
            {
                return CliHost.Fail(CliHost.Describe(r.Error));
            }

            await File.WriteAllBytesAsync(f.FullName, buffer.ToArray(), c);
            Console.WriteLine($"已导出 {r.Value} 件案件到 {f.FullName}。");
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Template()
    {
        var line = LineArgument();
        var output = new Option<FileInfo>("--output", "-o") { Description = "输出文件（.xlsx 含填写说明；.csv 只有表头），默认为当前目录下的 案件导入模板.xlsx" };
        var cmd = new Command("template", "生成空白导入模板（中文表头，第二个工作表说明各列和代码）") { line, output };
        cmd.SetAction((parse, ct) => CliHost.RunAsync(async (_, c) =>
        {
            var isLitigation = parse.GetValue(line) == "litigation";
            var f = parse.GetValue(output) ?? new FileInfo(isLitigation ? "行政应诉案件导入模板.xlsx" : "行政复议案件导入模板.xlsx");
            if (!CaseFileFormats.TryFromFileName(f.Name, out var format) || format == CaseFileFormat.JsonLines)
            {
                return CliHost.Fail("模板只能是 .xlsx 或 .csv 文件（JSON Lines 的字段见 docs/import-formats.md）。");
            }

            await using (var stream = f.Create())
            {
                await (isLitigation ? LitigationTemplate.WriteAsync(stream, format, c) : ReconsiderationTemplate.WriteAsync(stream, format, c));
            }

            Console.WriteLine($"已生成模板：{f.FullName}");
            return 0;
        }, ct, migrate: false));
        return cmd;
    }
}
