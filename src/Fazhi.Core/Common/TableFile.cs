using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Fazhi.Core.Common;

/// <summary>One data row of an imported table: its line number as the user sees it and its cells by header.</summary>
public sealed record TableRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>A trimmed cell, or empty when the column is absent.</summary>
    public string this[string header] => Cells.TryGetValue(header, out var v) ? v.Trim() : "";
}

/// <summary>A problem with one row (or the file itself when <see cref="Line"/> is 0).</summary>
public sealed record RowError(int Line, string Message);

/// <summary>
/// Reads CSV (UTF-8 with or without BOM, or GB18030 as saved by Chinese Excel) and XLSX tables with a header row.
/// Line numbers match what the user sees: the header is line 1 in both formats.
/// </summary>
public static class TableFile
{
    static TableFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads all rows; returns a file-level error when the file cannot be read or lacks required headers.</summary>
    public static Result<IReadOnlyList<TableRow>> Read(Stream content, string fileName, IReadOnlyCollection<string> requiredHeaders)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(requiredHeaders);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            return ValidationError.For("file", "文件是空的。");
        }

        var isXlsx = bytes.Length > 4 && bytes[0] == 0x50 && bytes[1] == 0x4B; // "PK": a zip container
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (ext is ".xls")
        {
            return ValidationError.For("file", "不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV（UTF-8）。");
        }

        try
        {
            var rows = isXlsx ? ReadXlsx(bytes) : ReadCsv(bytes);
            if (rows.Count == 0)
            {
                return ValidationError.For("file", "文件中没有表头行。");
            }

            var headers = rows[0].Cells.Select(h => h.Trim()).ToList();
            var missing = requiredHeaders.Where(h => !headers.Contains(h)).ToList();
            if (missing.Count > 0)
            {
                return ValidationError.For("file",
                    $"缺少列：{string.Join("、", missing)}。第一行应为表头：{string.Join(",", requiredHeaders)}。");
            }

            var result = new List<TableRow>();
            foreach (var (line, cells) in rows.Skip(1))
            {
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var map = new Dictionary<string, string>();
                for (var i = 0; i < headers.Count && i < cells.Count; i++)
                {
                    if (headers[i].Length > 0)
                    {
                        map.TryAdd(headers[i], cells[i]);
                    }
                }

                result.Add(new TableRow(line, map));
            }

            return result;
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException or DecoderFallbackException)
        {
            return ValidationError.For("file", $"无法读取文件（{(isXlsx ? "XLSX" : "CSV")}）：{ex.Message}");
        }
    }

    private static List<(int Line, List<string> Cells)> ReadCsv(byte[] bytes)
    {
        var text = Decode(bytes);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidDataException("这不是文本文件。");
        }

        return Csv.Parse(text);
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static List<(int Line, List<string> Cells)> ReadXlsx(byte[] bytes)
    {
        var rows = new List<(int, List<string>)>();
        using var stream = new MemoryStream(bytes);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var line = 0;
        while (reader.Read())
        {
            line++;
            var cells = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
            }

            rows.Add((line, cells));
        }

        return rows;
    }
}
