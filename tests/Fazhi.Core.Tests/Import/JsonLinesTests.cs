using System.Text;
using Fazhi.Core.Cases;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Import;

/// <summary>Both ways of splitting a JSON Lines file (the copying one of the second pass, the span one of the key pass)
/// give the same lines and line numbers: BOM, CR LF, blank lines, lines cut by the 64 KB reads, no final newline.</summary>
public sealed class JsonLinesTests
{
    [Fact]
    public void Both_splitters_give_the_same_numbered_lines()
    {
        var text = new StringBuilder("\uFEFF{\"a\":1}\r\n\r\n   \n");
        for (var i = 0; i < 3000; i++)
        {
            // Lines of varying length, so that some straddle the 64 KB reads; multi-byte characters among them.
            text.Append("  {\"case_number\":\"复〔2026〕").Append(i).Append("号\",\"x\":\"").Append('字', i % 97).Append("\"}\r\n");
        }

        text.Append("{\"last\":true}");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        var read = JsonLines.Read(new MemoryStream(bytes)).Select(l => (l.Line, Encoding.UTF8.GetString(l.Bytes))).ToList();
        var each = new List<(int, string)>();
        JsonLines.ForEach(new MemoryStream(bytes), (line, span) => each.Add((line, Encoding.UTF8.GetString(span))));

        each.ShouldBe(read);
        read.Count.ShouldBe(3002);
        read[0].ShouldBe((1, "{\"a\":1}"));
        read[1].ShouldBe((4, "{\"case_number\":\"复〔2026〕0号\",\"x\":\"\"}"));
        read[^1].ShouldBe((3004, "{\"last\":true}"));
        read.Select(l => l.Item2).ShouldAllBe(l => l.StartsWith('{') && l.EndsWith('}'));
        bytes.Length.ShouldBeGreaterThan(3 * 65536);

        // The count that sizes an import: every line the splitters number, blank ones included.
        JsonLines.Count(new MemoryStream(bytes)).ShouldBe(3004);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("{}", 1)]
    [InlineData("{}\n", 1)]
    [InlineData("{}\r\n{}", 2)]
    [InlineData("\n\n{}\n", 3)]
    public void Count_gives_the_lines_of_a_file(string text, int lines) =>
        JsonLines.Count(new MemoryStream(Encoding.UTF8.GetBytes(text))).ShouldBe(lines);
}
