using BenchmarkDotNet.Attributes;
using Fazhi.Core.Audit;

namespace Fazhi.Benchmarks;

/// <summary>The cost of hashing one audit entry's canonical form (about 400 bytes) with SM3.</summary>
[MemoryDiagnoser]
public class Sm3Benchmarks
{
    private readonly string _canonical =
        "[\"7\",\"2026-03-02T01:30:00.123Z\",\"0195f0a0-0000-7000-8000-000000000001\",\"张三\",\"0195f0a0-0000-7000-8000-0000000000aa\","
        + "\"updated\",\"Org\",\"0195f0a0-0000-7000-8000-0000000000bb\",\"Name,Type\",\"" + new string('1', 64) + "\",\""
        + new string('2', 64) + "\",\"" + new string('0', 64) + "\"]";

    [Benchmark]
    public string HashCanonicalEntry() => Sm3.HexOf(_canonical);
}
