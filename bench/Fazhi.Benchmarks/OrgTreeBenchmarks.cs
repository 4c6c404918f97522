using BenchmarkDotNet.Attributes;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Benchmarks;

/// <summary>
/// Scope queries on a province-sized tree: 1 province, 10 cities, 100 counties, 5,000 townships/departments,
/// 50,000 offices (55,111 orgs, 5 levels). Each query is what every scoped page and endpoint runs.
/// </summary>
[MemoryDiagnoser]
public class OrgTreeBenchmarks
{
    private BenchDatabase _db = null!;
    private AppDbContext _ctx = null!;
    private Guid _county;
    private Guid _leaf;
    private Guid _otherLeaf;

    [GlobalSetup]
    public void Setup()
    {
        _db = new BenchDatabase();
        var nodes = _db.LoadTree([10, 10, 50, 10]);
        _county = nodes.First(n => n.Depth == 2).Id;
        _leaf = nodes.Last(n => n.Depth == 4).Id;
        _otherLeaf = nodes.First(n => n.Depth == 4).Id;
        _ctx = _db.NewContext();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ctx.Dispose();
        _db.Dispose();
    }

    [Benchmark(Description = "is org in scope (county subtree)")]
    public Task<bool> IsInScope() => _ctx.IsInScopeAsync(OrgScope.Subtree(_county), _leaf, CancellationToken.None);

    [Benchmark(Description = "count orgs in a county subtree (551)")]
    public Task<int> CountCountySubtree() => _ctx.OrgsIn(OrgScope.Subtree(_county)).CountAsync();

    [Benchmark(Description = "ancestors of a leaf (4)")]
    public Task<List<Org>> Ancestors() => _ctx.AncestorsOf(_otherLeaf).AsNoTracking().ToListAsync();

    [Benchmark(Description = "first page (50) of a county subtree by code")]
    public Task<List<string>> FirstPage() => _ctx.OrgsIn(OrgScope.Subtree(_county)).OrderBy(o => o.Code).Select(o => o.Code).Take(50).ToListAsync();
}
