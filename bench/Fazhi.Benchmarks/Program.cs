using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/Fazhi.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point, named so that BenchmarkSwitcher can find this assembly's benchmarks.</summary>
internal sealed partial class Program;
