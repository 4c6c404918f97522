using System.Text;

namespace Fazhi.Core.Common;

/// <summary>
/// RFC 4180 CSV: fields separated by commas (or tabs/semicolons when the header uses them), optional double quotes,
/// doubled quotes inside quoted fields, line breaks inside quoted fields. Each record carries the physical line it
/// starts on, so error reports match what the user sees in an editor.
/// </summary>
public static class Csv
{
    /// <summary>Parses the whole text into records with their starting line numbers (from 1).</summary>
    public static List<(int Line, List<string> Cells)> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var delimiter = DetectDelimiter(text);
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (c == delimiter)
            {
                cells.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (fieldStarted || field.Length > 0 || cells.Count > 0)
                {
                    cells.Add(field.ToString());
                    records.Add((recordLine, cells));
                }

                cells = [];
                field.Clear();
                fieldStarted = false;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (fieldStarted || field.Length > 0 || cells.Count > 0)
        {
            cells.Add(field.ToString());
            records.Add((recordLine, cells));
        }

        return records;
    }

    /// <summary>Quotes a field when it needs it.</summary>
    public static string Escape(string? value)
    {
        var v = value ?? "";
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private static char DetectDelimiter(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        return header.Contains(',', StringComparison.Ordinal) ? ','
            : header.Contains('\t', StringComparison.Ordinal) ? '\t'
            : header.Contains(';', StringComparison.Ordinal) ? ';'
            : ',';
    }
}
