using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("FAZHI_BENCH_CHILD") is null)
{
    // Measure the process as the fazhi command runs its batch commands (ADR 0015): glibc's allocator on transparent huge
    // pages, server GC, non-concurrent, no tiered PGO, hot methods optimised without delay, unless set otherwise. All are read when a process starts, hence a child
    // process.
    var start = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Fazhi.Benchmarks.BenchDatabase).Assembly.Location);
    }

    foreach (var a in args)
    {
        start.ArgumentList.Add(a);
    }

    var tunables = Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? "";
    foreach (var setting in new[] { "glibc.malloc.hugetlb=1", "glibc.malloc.top_pad=67108864" })
    {
        if (!tunables.Contains(setting[..(setting.IndexOf('=') + 1)], StringComparison.Ordinal))
        {
            tunables = tunables.Length == 0 ? setting : tunables + ":" + setting;
        }
    }

    start.Environment["GLIBC_TUNABLES"] = tunables;

    if (Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") is null)
    {
        start.Environment["DOTNET_gcConcurrent"] = "0";
    }

    if (Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is null)
    {
        start.Environment["DOTNET_TieredPGO"] = "0";
    }

    if (Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") is null)
    {
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
    }

    // The fazhi command is the web project's assembly, and the Web SDK turns server GC on (System.GC.Server in
    // Fazhi.Web.runtimeconfig.json); this console project would otherwise run with the workstation GC.
    if (Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
    {
        start.Environment["DOTNET_gcServer"] = "1";
    }

    start.Environment["FAZHI_BENCH_CHILD"] = "1";
    Console.WriteLine($"// GLIBC_TUNABLES={start.Environment["GLIBC_TUNABLES"]} DOTNET_gcServer={start.Environment["DOTNET_gcServer"]} DOTNET_gcConcurrent={start.Environment["DOTNET_gcConcurrent"]} DOTNET_TieredPGO={start.Environment["DOTNET_TieredPGO"]} DOTNET_TC_CallCountingDelayMs={start.Environment["DOTNET_TC_CallCountingDelayMs"]}");
    using var child = System.Diagnostics.Process.Start(start)!;
    await child.WaitForExitAsync();
    return child.ExitCode;
}

if (args is ["--recompute-1m", ..])
{
    // A 10-second operation with a long set-up: measured once per run with a stopwatch (see ClockRecomputeBenchmarks).
    return await Fazhi.Benchmarks.ClockRecomputeBenchmarks.MeasureOnceAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}

if (args is ["--recompute-file", var recomputeFile])
{
    // One run of --recompute-1m in a fresh process of its own, on a copy of the database it loaded.
    return await Fazhi.Benchmarks.ClockRecomputeBenchmarks.RunOnFileAsync(recomputeFile);
}

if (args is ["--import", ..])
{
    // Case import from JSON Lines at 10k, 100k and 1M cases, timed with a stopwatch (see CaseImportBenchmarks).
    return await Fazhi.Benchmarks.CaseImportBenchmarks.MeasureAsync(args.Length > 1
        ? [.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]
        : [10_000, 100_000, 1_000_000]);
}

if (args is ["--list", ..])
{
    // The reconsideration list query at 10k, 100k and 1M cases: p50/p95 per filter (see CaseListBenchmarks).
    return await Fazhi.Benchmarks.CaseListBenchmarks.MeasureAsync(args.Length > 1
        ? [.. args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))]
        : [10_000, 100_000, 1_000_000]);
}

if (args is ["--indicators", ..])
{
    // Bulk set-up of up to a million cases, then warm stopwatch runs of the whole indicator set (see IndicatorBenchmarks).
    int[] sizes = args.Length > 1 ? [.. args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))] : [10_000, 100_000, 1_000_000];
    return await Fazhi.Benchmarks.IndicatorBenchmarks.MeasureAsync(sizes);
}

if (args is ["--analyze", ..])
{
    // Report analyzer throughput: the example reports (or a folder's reports) analyzed repeatedly, reports per second.
    return Fazhi.Benchmarks.ReportAnalyzerBenchmarks.Measure(args.Length > 1 ? args[1] : null);
}

if (args is ["--report", var file, var org, var year])
{
    // Warm runs on an existing database (the demo district): figure set, overview, DOCX (see ReportBenchmarks).
    return await Fazhi.Benchmarks.ReportBenchmarks.MeasureAsync(file, org, int.Parse(year, System.Globalization.CultureInfo.InvariantCulture));
}

// In-process toolchain: no generated projects (they would inherit the repository's build rules).
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
