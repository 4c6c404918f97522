using System.Diagnostics;
using System.Globalization;
using Fazhi.Core.ReportAnalysis;

namespace Fazhi.Benchmarks;

/// <summary>
/// Throughput of the report analyzer (target: at least 50 reports per second): the published example reports in
/// ../shared/examples/reports (or the .txt/.html/.docx files of a folder given on the command line), read from memory
/// and analyzed from bytes (decoding, outline, parts, facts, arithmetic) over and over on one thread for a fixed time.
/// Run: <c>dotnet run -c Release --project bench/Fazhi.Benchmarks -- --analyze [FOLDER]</c>.
/// </summary>
public static class ReportAnalyzerBenchmarks
{
    public static int Measure(string? folder)
    {
        folder ??= DefaultFolder();
        var files = Directory.EnumerateFiles(folder)
            .Where(f => ReportTextReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f)))
            .ToList();
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"错误：文件夹“{folder}”中没有报告文件。");
            return 1;
        }

        foreach (var (name, bytes) in files)
        {
            var r = ReportAnalyzer.Analyze(bytes, name);
            if (r.IsError)
            {
                Console.Error.WriteLine($"错误：{name}：{r.Error.Message}");
                return 1;
            }

            Console.WriteLine($"{name}: {bytes.Length:N0} bytes, {r.Value!.Facts.Count} facts, {r.Value.Inconsistencies.Count} inconsistencies");
        }

        // Warm-up (JIT, regex construction), then three timed rounds of five seconds each.
        Run(files, TimeSpan.FromSeconds(2));
        var rates = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var (count, elapsed) = Run(files, TimeSpan.FromSeconds(5));
            var rate = count / elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {count} reports in {elapsed.TotalSeconds:F2} s = {rate:F0} reports/s ({elapsed.TotalMilliseconds / count:F2} ms each)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {rates.Order().ElementAt(1):F0} reports/s on one thread"));
        return 0;
    }

    private static (int Count, TimeSpan Elapsed) Run(List<(string Name, byte[] Bytes)> files, TimeSpan duration)
    {
        var sw = Stopwatch.StartNew();
        var count = 0;
        var facts = 0;
        while (sw.Elapsed < duration)
        {
            foreach (var (name, bytes) in files)
            {
                facts += ReportAnalyzer.Analyze(bytes, name).Value!.Facts.Count;
                count++;
            }
        }

        sw.Stop();
        GC.KeepAlive(facts);
        return (count, sw.Elapsed);
    }

    private static string DefaultFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fazhi.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "examples", "reports"));
    }
}
