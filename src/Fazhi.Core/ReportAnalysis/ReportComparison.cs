using System.Globalization;
using System.Net;
using System.Text;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>One row of a batch comparison: a file's analysis, or why it could not be read.</summary>
/// <param name="File">The file name.</param>
/// <param name="Analysis">The analysis, or null when the file failed.</param>
/// <param name="Failure">Why the file could not be analyzed (Chinese), or null.</param>
public sealed record ComparisonRow(string File, ReportAnalysisResult? Analysis, string? Failure);

/// <summary>The comparison table of a batch of reports, as CSV (UTF-8 with BOM, for Excel) and as a standalone HTML page.</summary>
public static class ReportComparison
{
    private static readonly string[] Header =
        ["文件", "标题", "年度", .. ReportParts.All.Select(p => p.Label()), "缺少的部分", "数据条数", "疑似不一致", "不一致说明", "无法分析的原因"];

    /// <summary>The table as CSV text (without the BOM; write it with <c>new UTF8Encoding(true)</c>).</summary>
    public static string ToCsv(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", Header.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(",", Cells(row).Select(Quote))).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>The table as a standalone HTML page.</summary>
    public static string ToHtml(IEnumerable<ComparisonRow> rows, string folderName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n<title>法治政府建设年度报告对比</title>\n<style>")
            .Append("body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2rem;color:#222}")
            .Append("table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top}")
            .Append("th{background:#eef2f7}td.yes{color:#1b6e2a;text-align:center}td.no{color:#b00020;text-align:center;font-weight:bold}")
            .Append("td.num{text-align:right}tr.failed td{background:#fff3f3}")
            .Append("</style>\n</head>\n<body>\n<h1>法治政府建设年度报告对比</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>文件夹：{Enc(folderName)}；共 {list.Count} 份，其中 {list.Count(r => r.Analysis is null)} 份无法分析。✓ 表示报告含有该部分，✗ 表示未找到。</p>\n")
            .Append("<table>\n<thead><tr>");
        foreach (var h in Header)
        {
            sb.Append("<th scope=\"col\">").Append(Enc(h)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in list)
        {
            var cells = Cells(row);
            sb.Append(row.Analysis is null ? "<tr class=\"failed\">" : "<tr>");
            for (var i = 0; i < cells.Count; i++)
            {
                var isPart = i >= 3 && i < 3 + ReportParts.All.Count;
                var css = isPart && row.Analysis is not null ? (cells[i] == "有" ? " class=\"yes\"" : " class=\"no\"") : i is 9 or 10 ? " class=\"num\"" : "";
                var value = isPart && row.Analysis is not null ? (cells[i] == "有" ? "✓" : "✗") : cells[i];
                sb.Append("<td").Append(css).Append('>').Append(Enc(value)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static List<string> Cells(ComparisonRow row)
    {
        if (row.Analysis is not { } a)
        {
            return [row.File, "", "", .. ReportParts.All.Select(_ => ""), "", "", "", "", row.Failure ?? ""];
        }

        return
        [
            row.File,
            a.Title ?? "",
            a.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
            .. ReportParts.All.Select(p => a.Parts[p] ? "有" : "无"),
            string.Join("、", a.Missing.Select(p => p.Label())),
            a.Facts.Count.ToString(CultureInfo.InvariantCulture),
            a.Inconsistencies.Count.ToString(CultureInfo.InvariantCulture),
            string.Join("；", a.Inconsistencies.Select(i => i.Explanation)),
            "",
        ];
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
