using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Orgs;

/// <summary>
/// The org tree and its closure table, on the active provider. Seeded tree:
/// yx 云溪区人民政府 ▸ yx-sfj 司法局; yx-qs 青山镇 ▸ yx-qs-sfs 青山司法所; yx-bs 白沙街道.
/// </summary>
public sealed class OrgTreeTests : IAsyncLifetime
{
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Created_orgs_have_a_self_row_and_one_row_per_ancestor()
    {
        var rows = await ClosureByCodeAsync();

        rows.ShouldBe(
        [
            ("yx", "yx", 0),
            ("yx", "yx-bs", 1),
            ("yx", "yx-qs", 1),
            ("yx", "yx-qs-sfs", 2),
            ("yx", "yx-sfj", 1),
            ("yx-bs", "yx-bs", 0),
            ("yx-qs", "yx-qs", 0),
            ("yx-qs", "yx-qs-sfs", 1),
            ("yx-qs-sfs", "yx-qs-sfs", 0),
            ("yx-sfj", "yx-sfj", 0),
        ]);
        var depths = await _core.WithContextAsync(db => db.Orgs.OrderBy(o => o.Code).Select(o => o.Depth).ToListAsync());
        depths.ShouldBe([0, 1, 1, 2, 1]);
        await ClosureMatchesParentsAsync();
    }

    [Fact]
    public async Task Subtree_holds_the_org_and_everything_below_it()
    {
        var qs = await _core.IdOfAsync("yx-qs");
        var yx = await _core.IdOfAsync("yx");

        (await CodesAsync(db => db.SubtreeIds(qs))).ShouldBe(["yx-qs", "yx-qs-sfs"]);
        (await CodesAsync(db => db.SubtreeIds(yx))).ShouldBe(["yx", "yx-bs", "yx-qs", "yx-qs-sfs", "yx-sfj"]);
        (await CodesAsync(db => db.ScopeIds(OrgScope.Subtree(qs)))).ShouldBe(["yx-qs", "yx-qs-sfs"]);
        (await _core.WithContextAsync(db => db.OrgsIn(OrgScope.Subtree(qs)).Select(o => o.Code).OrderBy(c => c).ToListAsync()))
            .ShouldBe(["yx-qs", "yx-qs-sfs"]);
    }

    [Fact]
    public async Task Ancestors_are_listed_root_first_without_the_org_itself()
    {
        var sfs = await _core.IdOfAsync("yx-qs-sfs");
        var yx = await _core.IdOfAsync("yx");

        (await _core.WithContextAsync(db => db.AncestorsOf(sfs).Select(o => o.Code).ToListAsync())).ShouldBe(["yx", "yx-qs"]);
        (await _core.WithContextAsync(db => db.AncestorsOf(yx).Select(o => o.Code).ToListAsync())).ShouldBeEmpty();
    }

    [Fact]
    public async Task Moving_an_org_with_children_updates_depths_and_closure()
    {
        var moved = await _core.UpdateAsync("yx-qs", parentCode: "yx-sfj");

        moved.IsError.ShouldBeFalse(moved.Error?.ToString());
        var depths = await _core.WithContextAsync(db => db.Orgs.ToDictionaryAsync(o => o.Code, o => o.Depth));
        depths["yx-qs"].ShouldBe(2);
        depths["yx-qs-sfs"].ShouldBe(3);
        depths["yx-sfj"].ShouldBe(1);
        var sfs = await _core.IdOfAsync("yx-qs-sfs");
        (await _core.WithContextAsync(db => db.AncestorsOf(sfs).Select(o => o.Code).ToListAsync())).ShouldBe(["yx", "yx-sfj", "yx-qs"]);
        (await ClosureByCodeAsync()).Where(r => r.Descendant == "yx-qs-sfs").ShouldBe(
        [
            ("yx", "yx-qs-sfs", 3),
            ("yx-qs", "yx-qs-sfs", 1),
            ("yx-qs-sfs", "yx-qs-sfs", 0),
            ("yx-sfj", "yx-qs-sfs", 2),
        ]);
        await ClosureMatchesParentsAsync();
    }

    [Fact]
    public async Task Moving_an_org_up_a_level_shortens_its_subtree()
    {
        (await _core.UpdateAsync("yx-qs", parentCode: "yx-sfj")).IsError.ShouldBeFalse();

        var back = await _core.UpdateAsync("yx-qs", parentCode: "yx");

        back.IsError.ShouldBeFalse(back.Error?.ToString());
        var depths = await _core.WithContextAsync(db => db.Orgs.ToDictionaryAsync(o => o.Code, o => o.Depth));
        depths["yx-qs"].ShouldBe(1);
        depths["yx-qs-sfs"].ShouldBe(2);
        await ClosureMatchesParentsAsync();
    }

    [Theory]
    [InlineData("yx-qs-sfs")]
    [InlineData("yx-qs")]
    public async Task Moving_an_org_under_itself_or_its_descendant_is_refused(string newParent)
    {
        var before = await ClosureByCodeAsync();

        var result = await _core.UpdateAsync("yx-qs", parentCode: newParent);

        result.IsError.ShouldBeTrue();
        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Fields.Keys.ShouldContain("parentCode");
        if (newParent != "yx-qs")
        {
            error.Fields["parentCode"].ShouldContain("不能把单位移到它自己或它的下级单位之下。");
        }

        (await ClosureByCodeAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Moving_the_root_under_a_descendant_is_refused()
    {
        var result = await _core.UpdateAsync("yx", parentCode: "yx-qs-sfs");

        result.Error.ShouldBeOfType<ValidationError>().Fields["parentCode"].ShouldContain("不能把单位移到它自己或它的下级单位之下。");
        (await _core.WithContextAsync(db => db.Orgs.SingleAsync(o => o.Code == "yx"))).ParentId.ShouldBeNull();
    }

    [Fact]
    public async Task Scope_covers_the_subtree_and_nothing_else()
    {
        var ids = await _core.WithContextAsync(db => db.Orgs.ToDictionaryAsync(o => o.Code, o => o.Id));
        var township = OrgScope.Subtree(ids["yx-qs"]);

        await _core.WithContextAsync(async db =>
        {
            (await db.IsInScopeAsync(township, ids["yx-qs"], CancellationToken.None)).ShouldBeTrue();
            (await db.IsInScopeAsync(township, ids["yx-qs-sfs"], CancellationToken.None)).ShouldBeTrue();
            (await db.IsInScopeAsync(township, ids["yx"], CancellationToken.None)).ShouldBeFalse();
            (await db.IsInScopeAsync(township, ids["yx-sfj"], CancellationToken.None)).ShouldBeFalse();
            (await db.IsInScopeAsync(OrgScope.Subtree(ids["yx"]), ids["yx-qs-sfs"], CancellationToken.None)).ShouldBeTrue();
            (await db.IsInScopeAsync(OrgScope.Everything, ids["yx-bs"], CancellationToken.None)).ShouldBeTrue();
            (await db.IsInScopeAsync(OrgScope.Everything, Guid.CreateVersion7(), CancellationToken.None)).ShouldBeFalse();
        });
    }

    [Fact]
    public async Task Scope_follows_a_move()
    {
        var ids = await _core.WithContextAsync(db => db.Orgs.ToDictionaryAsync(o => o.Code, o => o.Id));
        (await _core.UpdateAsync("yx-qs", parentCode: "yx-sfj")).IsError.ShouldBeFalse();

        await _core.WithContextAsync(async db =>
        {
            (await db.IsInScopeAsync(OrgScope.Subtree(ids["yx-sfj"]), ids["yx-qs-sfs"], CancellationToken.None)).ShouldBeTrue();
            (await db.IsInScopeAsync(OrgScope.Subtree(ids["yx-bs"]), ids["yx-qs-sfs"], CancellationToken.None)).ShouldBeFalse();
        });
    }

    [Fact]
    public async Task A_restricted_caller_cannot_create_or_move_outside_its_scope()
    {
        var ids = await _core.WithContextAsync(db => db.Orgs.ToDictionaryAsync(o => o.Code, o => o.Id));
        var township = OrgScope.Subtree(ids["yx-qs"]);

        var created = await _core.WithContextAsync(db => new CreateOrgHandler(db, _core.Clock).HandleAsync(
            new CreateOrg("yx-sfj-1", "法治科", "other", "yx-sfj"), township, CancellationToken.None));
        var root = await _core.WithContextAsync(db => new CreateOrgHandler(db, _core.Clock).HandleAsync(
            new CreateOrg("new-root", "新区", "government", null), township, CancellationToken.None));
        var movedOut = await _core.UpdateAsync("yx-qs-sfs", parentCode: "yx-bs", scope: township);
        var foreign = await _core.UpdateAsync("yx-bs", name: "改名", scope: township);
        var self = await _core.UpdateAsync("yx-qs", parentCode: "yx-bs", scope: township);

        created.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("parentCode");
        root.Error.ShouldBeOfType<ValidationError>().Fields["parentCode"].ShouldContain("请选择上级单位。");
        movedOut.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("parentCode");
        foreign.Error.ShouldBeOfType<NotFoundError>();
        self.Error.ShouldBeOfType<ValidationError>().Fields["parentCode"].ShouldContain("不能移动您本人所属的单位。");
        (await _core.WithContextAsync(db => db.Orgs.CountAsync())).ShouldBe(5);
        await ClosureMatchesParentsAsync();
    }

    [Fact]
    public async Task Any_sequence_of_moves_keeps_the_closure_equal_to_the_parent_chains()
    {
        await _core.CreateAsync("yx-qs-c1", "青山村", OrgType.Other, "yx-qs");
        await _core.CreateAsync("yx-bs-sq", "白沙社区", OrgType.Other, "yx-bs");
        string[] movable = ["yx-sfj", "yx-qs", "yx-qs-sfs", "yx-bs", "yx-qs-c1", "yx-bs-sq"];
        string[] parents = ["yx", .. movable];
        var move = Gen.Zip(Gen.Elements(movable), Gen.Elements(parents));

        Prop.ForAll(Gen.ListOf(move, 4).ToArbitrary(), moves =>
            {
                foreach (var (org, parent) in moves)
                {
                    // Refused moves (under itself or a descendant) are fine; the closure must hold either way.
                    _ = _core.UpdateAsync(org, parentCode: parent).GetAwaiter().GetResult();
                }

                ClosureMatchesParentsAsync().GetAwaiter().GetResult();
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(_core.IsPostgres ? 10 : 25));
    }

    private async Task<List<(string Ancestor, string Descendant, int Distance)>> ClosureByCodeAsync() =>
        await _core.WithContextAsync(async db =>
        {
            var codes = await db.Orgs.ToDictionaryAsync(o => o.Id, o => o.Code);
            var rows = await db.OrgClosures.ToListAsync();
            return rows.Select(r => (codes[r.AncestorId], codes[r.DescendantId], r.Distance))
                .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal).ToList();
        });

    private Task<List<string>> CodesAsync(Func<AppDbContext, IQueryable<Guid>> ids) =>
        _core.WithContextAsync(db =>
        {
            var query = ids(db);
            return db.Orgs.Where(o => query.Contains(o.Id)).Select(o => o.Code).OrderBy(c => c).ToListAsync();
        });

    /// <summary>The closure table must hold exactly (ancestor, org, distance) for every step up each org's parent chain,
    /// and each org's depth must be the length of its chain.</summary>
    private Task ClosureMatchesParentsAsync() => _core.WithContextAsync(async db =>
    {
        var orgs = await db.Orgs.AsNoTracking().ToDictionaryAsync(o => o.Id);
        var expected = new List<(Guid, Guid, int)>();
        foreach (var org in orgs.Values)
        {
            var distance = 0;
            for (Guid? at = org.Id; at is { } id; at = orgs[id].ParentId)
            {
                expected.Add((id, org.Id, distance++));
                distance.ShouldBeLessThan(orgs.Count + 1, "cycle in the parent chain");
            }

            org.Depth.ShouldBe(distance - 1, $"depth of {org.Code}");
        }

        var actual = await db.OrgClosures.AsNoTracking().ToListAsync();
        actual.Select(c => (c.AncestorId, c.DescendantId, c.Distance)).Order().ShouldBe(expected.Order());
    });
}
