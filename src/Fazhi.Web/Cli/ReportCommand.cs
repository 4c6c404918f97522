using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fazhi.Core.Indicators;
using Fazhi.Core.Orgs;

namespace Fazhi.Web.Cli;

/// <summary><c>fazhi report annual --org CODE --year YYYY --format json [-o FILE]</c>: the indicator figures of an org subtree and year.</summary>
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
        var format = new Option<string>("--format") { Description = "输出格式（暂只支持 json）", DefaultValueFactory = _ => "json" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "写入文件（默认输出到屏幕）" };
        var annual = new Command("annual", "年度指标：每项指标的数值、分子、分母和定义版本") { org, year, format, output };
        annual.SetAction((parse, ct) =>
        {
            var f = (parse.GetValue(format) ?? "json").Trim().ToLowerInvariant();
            if (f != "json")
            {
                return Task.FromResult(CliHost.Fail($"格式“{f}”暂不支持：暂只支持 json。"));
            }

            var yearText = parse.GetValue(year)?.Trim() ?? "";
            if (!int.TryParse(yearText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
            {
                return Task.FromResult(CliHost.Fail($"年份“{yearText}”无效，应为四位数字，如 2025。"));
            }

            return CliHost.RunAsync(async (sp, c) =>
            {
                var report = await sp.GetRequiredService<IndicatorService>().EvaluateAsync(parse.GetValue(org), y, OrgScope.Everything, c);
                if (report.IsError)
                {
                    return CliHost.Fail(CliHost.Describe(report.Error!));
                }

                var text = JsonSerializer.Serialize(report.Value, Json);
                if (parse.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file.FullName, text + "\n", new UTF8Encoding(false), c);
                    Console.WriteLine($"已写入 {file.FullName}（{report.Value!.Figures.Count} 项指标）。");
                }
                else
                {
                    Console.WriteLine(text);
                }

                return 0;
            }, ct);
        });
        return new Command("report", "报告与指标") { annual };
    }
}
