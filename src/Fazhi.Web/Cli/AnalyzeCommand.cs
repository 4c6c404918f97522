using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fazhi.Core.ReportAnalysis;

namespace Fazhi.Web.Cli;

/// <summary>
/// <c>fazhi analyze PATH [--json] [-o OUT]</c>: analyze a published annual report (text, HTML or DOCX), or every report
/// in a folder into comparison.csv and comparison.html. Needs no database.
/// </summary>
public static class AnalyzeCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "报告文件（.txt/.html/.htm/.docx），或含有报告文件的文件夹（批量对比）" };
        var json = new Option<bool>("--json") { Description = "输出 JSON：{\"parts\":{…},\"facts\":[…],\"inconsistencies\":[…]}" };
        var output = new Option<string>("--output", "-o") { Description = "批量模式：对比表（comparison.csv、comparison.html）写入的文件夹，默认为报告所在文件夹" };
        var cmd = new Command("analyze", "分析已公开的法治政府建设年度报告：五个法定部分是否齐全、数据摘录、比率和合计是否对得上") { path, json, output };
        cmd.SetAction((parse, ct) =>
        {
            var p = parse.GetValue(path) ?? "";
            var asJson = parse.GetValue(json);
            if (Directory.Exists(p))
            {
                return BatchAsync(p, parse.GetValue(output), asJson, ct);
            }

            if (!File.Exists(p))
            {
                return Task.FromResult(CliHost.Fail($"找不到文件或文件夹“{p}”。请检查路径。"));
            }

            return SingleAsync(p, asJson, ct);
        });
        return cmd;
    }

    private static async Task<int> SingleAsync(string file, bool asJson, CancellationToken ct)
    {
        var (analysis, failure) = await AnalyzeFileAsync(file, ct);
        if (analysis is null)
        {
            return CliHost.Fail(failure!);
        }

        var name = Path.GetFileName(file);
        Console.WriteLine(asJson ? JsonSerializer.Serialize(ReportAnalysisJson.From(analysis, name), Json) : Summary(name, analysis));
        return 0;
    }

    private static async Task<int> BatchAsync(string folder, string? output, bool asJson, CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => ReportTextReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f => !Path.GetFileName(f).StartsWith("comparison.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            return CliHost.Fail($"文件夹“{folder}”中没有 .txt、.html、.htm 或 .docx 文件。");
        }

        var rows = new List<ComparisonRow>();
        foreach (var f in files)
        {
            var (analysis, failure) = await AnalyzeFileAsync(f, ct);
            rows.Add(new ComparisonRow(Path.GetFileName(f), analysis, failure));
        }

        var outDir = output ?? folder;
        Directory.CreateDirectory(outDir);
        var csv = Path.Combine(outDir, "comparison.csv");
        var html = Path.Combine(outDir, "comparison.html");
        await File.WriteAllTextAsync(csv, ReportComparison.ToCsv(rows), new UTF8Encoding(true), ct);
        await File.WriteAllTextAsync(html, ReportComparison.ToHtml(rows, Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))), new UTF8Encoding(false), ct);

        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => r.Analysis is { } a
                ? (object)ReportAnalysisJson.From(a, r.File)
                : new FailureJson(r.File, r.Failure!)), Json));
        }
        else
        {
            foreach (var r in rows)
            {
                Console.WriteLine(r.Analysis is { } a
                    ? $"{r.File}：{(a.Missing.Any() ? "缺少" + string.Join("、", a.Missing.Select(p => p.Label())) : "五个部分齐全")}；数据 {a.Facts.Count} 条；疑似不一致 {a.Inconsistencies.Count} 处"
                    : $"{r.File}：无法分析");
            }

            Console.WriteLine($"已写入 {csv} 和 {html}（{rows.Count} 份报告）。");
        }

        var failed = rows.Where(r => r.Analysis is null).ToList();
        foreach (var r in failed)
        {
            await Console.Error.WriteLineAsync($"错误：{r.File}：{r.Failure}");
        }

        if (failed.Count > 0)
        {
            await Console.Error.WriteLineAsync($"共 {failed.Count} 个文件无法分析（其余 {rows.Count - failed.Count} 个已写入对比表）。请按上面的提示修改后重试。");
            return 1;
        }

        return 0;
    }

    private static async Task<(ReportAnalysisResult? Analysis, string? Failure)> AnalyzeFileAsync(string file, CancellationToken ct)
    {
        var info = new FileInfo(file);
        if (info.Length > ReportTextReader.MaxBytes)
        {
            return (null, $"文件“{info.Name}”超过 10 MB，无法分析。请只保留报告正文。");
        }

        var bytes = await File.ReadAllBytesAsync(file, ct);
        var r = ReportAnalyzer.Analyze(bytes, info.Name);
        return r.IsError ? (null, CliHost.Describe(r.Error)) : (r.Value, null);
    }

    /// <summary>The human-readable summary (Chinese).</summary>
    public static string Summary(string file, ReportAnalysisResult a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"文件：{file}（{a.Format}）");
        sb.AppendLine(CultureInfo.InvariantCulture, $"标题：{a.Title ?? "（未识别）"}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"报告年度：{(a.Year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "（未识别）")}");
        sb.AppendLine("法定的五个部分：");
        foreach (var p in ReportParts.All)
        {
            var e = a.Evidence.FirstOrDefault(x => x.Part == p);
            sb.AppendLine(e is null
                ? $"  ✗ {p.Label()}：未找到"
                : $"  ✓ {p.Label()}：{(e.Kind == "heading" ? "标题" : "段落")}“{e.Text}”");
        }

        foreach (var n in a.Notes)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  注：{n}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"数据摘录：{a.Facts.Count} 条");
        foreach (var f in a.Facts)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {f.Value.ToString(CultureInfo.InvariantCulture)} {f.Unit}{(f.Approximate ? "（约数）" : "")}  “{f.Text}”");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"比率核对：{a.RateChecks.Count} 处对得上");
        foreach (var c in a.RateChecks)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {c.Stated.ToString(CultureInfo.InvariantCulture)}% = {c.Numerator} ÷ {c.Denominator}  “{c.Text}”");
        }

        sb.AppendLine(a.Inconsistencies.Count == 0 ? "疑似不一致：无" : $"疑似不一致：{a.Inconsistencies.Count} 处");
        foreach (var i in a.Inconsistencies)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {i.Explanation}").AppendLine(CultureInfo.InvariantCulture, $"    原文：“{i.Text}”");
        }

        return sb.ToString().TrimEnd();
    }

    private sealed record FailureJson(string File, string Error);
}
