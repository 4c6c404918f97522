using Fazhi.Core.Common;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Common;

public sealed class CsvTests
{
    [Fact]
    public void Records_carry_the_line_they_start_on()
    {
        var records = Csv.Parse("a,b\r\n\"x\ny\",1\r\n\r\nlast,\"\"\"q\"\"\"");

        records.Select(r => r.Line).ShouldBe([1, 2, 5]);
        records[1].Cells.ShouldBe(["x\ny", "1"]);
        records[2].Cells.ShouldBe(["last", "\"q\""]);
    }

    [Theory]
    [InlineData("编码\t名称\n1\t甲", new[] { "1", "甲" })]
    [InlineData("编码;名称\n1;甲", new[] { "1", "甲" })]
    [InlineData("编码,名称\n1,甲;乙", new[] { "1", "甲;乙" })]
    public void Delimiter_follows_the_header(string text, string[] secondRecord)
    {
        Csv.Parse(text)[1].Cells.ShouldBe(secondRecord);
    }

    [Fact]
    public void Escaped_rows_parse_back_to_the_same_cells_and_line_numbers()
    {
        // Cells drawn from characters that matter to CSV (quotes, commas, both line breaks) and Chinese text.
        var cell = Gen.Elements('a', '法', '治', ',', '"', '\n', '\r', ' ', ';')
            .ArrayOf().Select(chars => new string(chars));
        var row = Gen.Choose(2, 5).SelectMany(k => cell.ArrayOf(k));
        // The delimiter is guessed from the text before the first line break, so the header row has no line breaks
        // (real headers are 编码,名称,…); the data rows may have anything.
        var header = row.Where(cells => !cells.Any(c => c.Contains('\n', StringComparison.Ordinal)));
        var table = Gen.Zip(header, row.ListOf()).Select(t => t.Item2.Prepend(t.Item1).ToList());
        Prop.ForAll(table.ToArbitrary(), rows =>
            {
                var lines = rows.Select(r => string.Join(",", r.Select(Csv.Escape))).ToList();
                var parsed = Csv.Parse(string.Join("\r\n", lines));
                var expectedLines = new List<int>();
                var line = 1;
                foreach (var l in lines)
                {
                    expectedLines.Add(line);
                    line += l.Count(c => c == '\n') + 1;
                }

                parsed.Select(p => p.Cells).ShouldBe(rows.Select(r => r.ToList()));
                parsed.Select(p => p.Line).ShouldBe(expectedLines);
            })
            .QuickCheckThrowOnFailure();
    }
}
