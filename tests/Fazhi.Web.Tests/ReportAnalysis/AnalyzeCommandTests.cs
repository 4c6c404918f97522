using System.Text;
using Fazhi.TestKit;
using Fazhi.Web.Cli;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.ReportAnalysis;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fazhi-analyze-");

    public void Dispose() => _dir.Delete(true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public async Task A_folder_gives_a_comparison_table_and_bad_files_do_not_stop_the_others()
    {
        await File.WriteAllTextAsync(PathOf("complete.txt"), ReportFixtures.Complete);
        await File.WriteAllTextAsync(PathOf("water.html"), ReportFixtures.Html);
        await File.WriteAllBytesAsync(PathOf("land.docx"), ReportFixtures.Docx());
        await File.WriteAllBytesAsync(PathOf("broken.txt"), ReportFixtures.Binary());
        await File.WriteAllTextAsync(PathOf("notes.md"), "不是报告，会被跳过");
        var output = PathOf("out");

        var exit = await FazhiCommands.RunAsync(["analyze", _dir.FullName, "-o", output]);

        exit.ShouldBe(1);
        var csvBytes = await File.ReadAllBytesAsync(Path.Combine(output, "comparison.csv"));
        csvBytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(5);
        lines.ShouldContain(l => l.StartsWith("complete.txt,云溪区司法局2025年度法治政府建设工作报告,2025,有,有,有,有,有,", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("land.docx,", StringComparison.Ordinal) && l.Contains("6件 ÷ 30件", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("broken.txt,", StringComparison.Ordinal) && l.Contains("不是文本文件", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.StartsWith("notes.md", StringComparison.Ordinal));
        (await File.ReadAllTextAsync(Path.Combine(output, "comparison.html"))).ShouldContain("<td>water.html</td>");
    }

    [Fact]
    public async Task A_good_file_exits_zero_and_a_missing_or_bad_one_exits_non_zero()
    {
        await File.WriteAllTextAsync(PathOf("complete.txt"), ReportFixtures.Complete);
        await File.WriteAllBytesAsync(PathOf("empty.txt"), []);
        (await FazhiCommands.RunAsync(["analyze", PathOf("complete.txt"), "--json"])).ShouldBe(0);
        (await FazhiCommands.RunAsync(["analyze", PathOf("empty.txt")])).ShouldBe(1);
        (await FazhiCommands.RunAsync(["analyze", PathOf("missing.txt")])).ShouldBe(1);
    }
}
