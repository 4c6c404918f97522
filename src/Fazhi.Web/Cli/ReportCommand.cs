using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fazhi.Core.Clocks;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;

namespace Fazhi.Web.Cli;

/// <summary>
/// <c>fazhi report annual --org CODE --year YYYY --format json|docx|html [-o FILE]</c>: the org's annual report for the
/// year (latest version) with every figure; JSON also works before a report exists (figures only).
/// </summary>
public static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var org = new Option<string>("--org") { Description = "单位编码（统计该单位及其全部下级单位）", Required = true };
        var year = new Option<string>("--year") { Description = "年度，如 2025", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式：json（默认）、docx、html", DefaultValueFactory = _ => "json" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "写入文件（json 和 html 默认输出到屏幕；docx 必须指定）" };
        var annual = new Command("annual", "法治政府建设年度报告：正文和每项数据的数值、分子、分母和定义版本") { org, year, format, output };
        annual.SetAction((parse, ct) =>
        {
            var f = (parse.GetValue(format) ?? "json").Trim().ToLowerInvariant();
            if (f is not ("json" or "docx" or "html"))
            {
                return Task.FromResult(CliHost.Fail($"格式“{f}”不支持：应为 json、docx 或 html。"));
            }

            var file = parse.GetValue(output);
            if (f == "docx" && file is null)
            {
                return Task.FromResult(CliHost.Fail("docx 格式需要用 -o 指定输出文件，如 -o 报告.docx。"));
            }

            var yearText = parse.GetValue(year)?.Trim() ?? "";
            if (!int.TryParse(yearText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
            {
                return Task.FromResult(CliHost.Fail($"年份“{yearText}”无效，应为四位数字，如 2025。"));
            }

            return CliHost.RunAsync(async (sp, c) =>
            {
                var reports = sp.GetRequiredService<AnnualReportService>();
                var json = await reports.JsonAsync(parse.GetValue(org), y, OrgScope.Everything, c);
                if (json.IsError)
                {
                    return CliHost.Fail(CliHost.Describe(json.Error!));
                }

                if (f == "json")
                {
                    await WriteAsync(file, JsonSerializer.Serialize(json.Value, Json) + "\n", $"{json.Value!.Figures.Count} 项数据", c);
                    return 0;
                }

                var view = (await reports.FindAsync(json.Value!.Org, y, OrgScope.Everything, c)).Value;
                if (view is null)
                {
                    return CliHost.Fail($"{json.Value.OrgName} {y} 年度尚未起草报告：请在网站“年度报告”页面生成初稿；--format json 可输出当前数据。");
                }

                if (f == "html")
                {
                    var html = ReportOutput.HtmlDocument(view, _ => null);
                    await WriteAsync(file, html, $"第 {view.Report.Version} 版，{view.Report.Status.Label()}", c);
                    return 0;
                }

                var bytes = ReportOutput.Docx(view, ChineseDates.Today(sp.GetRequiredService<TimeProvider>()));
                await File.WriteAllBytesAsync(file!.FullName, bytes, c);
                Console.WriteLine($"已写入 {file.FullName}（第 {view.Report.Version} 版，{view.Report.Status.Label()}，{bytes.Length / 1024} KB）。");
                return 0;
            }, ct);
        });
        return new Command("report", "报告与指标") { annual };
    }

    private static async Task WriteAsync(FileInfo? file, string text, string what, CancellationToken ct)
    {
        if (file is null)
        {
            Console.Write(text);
            return;
        }

        await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(false), ct);
        Console.WriteLine($"已写入 {file.FullName}（{what}）。");
    }
}
