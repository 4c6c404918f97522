using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fazhi.Core.Cases;

/// <summary>One sheet of a workbook: a header row, then data rows (all cells written as text).</summary>
internal sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string>> Rows, double[]? Widths = null);

/// <summary>
/// Writes XLSX workbooks with DocumentFormat.OpenXml (already a Core dependency, so no spreadsheet package is added):
/// streamed with <see cref="OpenXmlWriter"/>, every cell an inline string (dates as YYYY-MM-DD text, so that they read
/// back exactly), a frozen bold header row. <see cref="Common.TableFile"/> reads the result.
/// </summary>
internal static class CaseXlsx
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<XlsxSheet> sheets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        // The packaging API needs a seekable stream: build in memory, then copy (exports are per org and year).
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }, new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
            var list = book.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                ct.ThrowIfCancellationRequested();
                var part = book.AddNewPart<WorksheetPart>();
                using (var w = OpenXmlWriter.Create(part))
                {
                    w.WriteStartElement(new Worksheet());
                    w.WriteElement(new SheetViews(new SheetView(new Pane
                    {
                        VerticalSplit = 1,
                        TopLeftCell = "A2",
                        ActivePane = PaneValues.BottomLeft,
                        State = PaneStateValues.Frozen,
                    })
                    { WorkbookViewId = 0 }));
                    var columns = new Columns();
                    for (var i = 0; i < sheet.Headers.Count; i++)
                    {
                        var width = sheet.Widths is { } ws && i < ws.Length ? ws[i] : Math.Max(10, sheet.Headers[i].Length * 2.2 + 2);
                        columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
                    }

                    w.WriteElement(columns);
                    w.WriteStartElement(new SheetData());
                    var r = 1;
                    WriteRow(w, r++, sheet.Headers, 1);
                    foreach (var row in sheet.Rows)
                    {
                        WriteRow(w, r++, row, sheet.Widths is null ? 0u : 2u);
                    }

                    w.WriteEndElement();
                    w.WriteEndElement();
                }

                list.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
            }

            book.Workbook.Save();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static void WriteRow(OpenXmlWriter w, int r, IReadOnlyList<string> cells, uint style)
    {
        w.WriteStartElement(new Row { RowIndex = (uint)r });
        for (var i = 0; i < cells.Count; i++)
        {
            if (string.IsNullOrEmpty(cells[i]))
            {
                continue;
            }

            var cell = new Cell(new InlineString(new Text(cells[i]) { Space = SpaceProcessingModeValues.Preserve }))
            {
                CellReference = Column(i) + r.ToString(CultureInfo.InvariantCulture),
                DataType = CellValues.InlineString,
            };
            if (style > 0)
            {
                cell.StyleIndex = style;
            }

            w.WriteElement(cell);
        }

        w.WriteEndElement();
    }

    private static string Column(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
        }

        return s;
    }
}
