using BenchmarkDotNet.Attributes;
using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;

namespace Fazhi.Benchmarks;

/// <summary>The audit log's cost: appending (an org created through the handler, audited in its transaction) and
/// verifying the whole chain.</summary>
[MemoryDiagnoser]
public class AuditChainBenchmarks
{
    private BenchDatabase _db = null!;
    private int _next;

    [Params(10_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _db = new BenchDatabase();
        using var ctx = _db.NewContext();
        var handler = new CreateOrgHandler(ctx, TimeProvider.System);
        handler.HandleAsync(new CreateOrg("ROOT", "根单位", "government", null), OrgScope.Everything, CancellationToken.None).GetAwaiter().GetResult();
        // One save with many new orgs appends one audit entry per org: a long chain without a transaction per entry.
        var root = ctx.Orgs.Single(o => o.Code == "ROOT");
        var tree = new OrgTreeWriter(ctx);
        for (var i = 0; i < Entries; i++)
        {
            var org = Org.Create($"S{i}", $"单位{i}", OrgType.Department, root, null, DateTime.UtcNow);
            ctx.Orgs.Add(org);
            tree.AddAsync(org, root.Id, CancellationToken.None).GetAwaiter().GetResult();
        }

        ctx.SaveChanges();
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    [Benchmark(Description = "verify the whole chain")]
    public async Task<AuditVerification> Verify()
    {
        await using var ctx = _db.NewContext();
        return await new VerifyAuditChainHandler(ctx).HandleAsync(CancellationToken.None);
    }

    [Benchmark(Description = "create an org (one audited transaction)")]
    public async Task Append()
    {
        await using var ctx = _db.NewContext();
        await new CreateOrgHandler(ctx, TimeProvider.System).HandleAsync(new CreateOrg($"N{_next++}", "新单位", "department", "ROOT"), OrgScope.Everything, CancellationToken.None);
    }

    [Benchmark(Description = "SM3 of one canonical entry")]
    public string HashOne() => Sm3.HexOf("[\"1\",\"2026-11-22T05:48:44.123Z\",null,\"cli\",null,\"created\",\"Org\",\"0193a0e4-0000-7000-8000-000000000000\",\"\",null,\"5f3c\",\"0000000000000000000000000000000000000000000000000000000000000000\"]");
}
