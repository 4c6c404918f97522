using System.Data.Common;
using Fazhi.Core.Audit;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Audit;

/// <summary>
/// The chain on the active provider (SQLite, or PostgreSQL under FAZHI_TEST_PROVIDER=postgres), tampered with in SQL the
/// way someone with direct database access could. Seeded log: 1–5 create the district's orgs, 6 renames the justice
/// bureau, 7 creates one more org.
/// </summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private const long Renaming = 6;
    private const long Last = 7;
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
        (await _core.UpdateAsync("yx-sfj", name: "云溪区司法局（法治办）")).IsError.ShouldBeFalse();
        await _core.CreateAsync("yx-bs-sq1", "白沙第一社区", OrgType.Other, "yx-bs");
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private Task<AuditVerification> VerifyAsync() =>
        _core.WithContextAsync(db => new VerifyAuditChainHandler(db).HandleAsync(CancellationToken.None));

    [Fact]
    public async Task Untouched_log_verifies_with_every_entry_and_the_head()
    {
        var result = await VerifyAsync();

        result.Intact.ShouldBeTrue(result.Problem);
        result.EntriesChecked.ShouldBe(Last);
        result.BrokenAt.ShouldBeNull();
        var (lastHash, entries) = await _core.WithContextAsync(async db => (
            await db.AuditHeads.Select(h => h.LastHash).SingleAsync(),
            await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync()));
        result.HeadHash.ShouldBe(lastHash);
        entries.Select(e => e.Sequence).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        entries[0].PreviousHash.ShouldBe(AuditChain.GenesisHash);
        entries.Skip(1).Select(e => e.PreviousHash).ShouldBe(entries.SkipLast(1).Select(e => e.Hash));
    }

    [Fact]
    public async Task Saves_record_the_actor_the_clock_and_the_changed_fields()
    {
        var entries = await _core.WithContextAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync());

        entries.ShouldAllBe(e => e.ActorName == "cli" && e.EntityType == "Org");
        entries.Select(e => e.Action).ShouldBe(["created", "created", "created", "created", "created", "updated", "created"]);
        var renaming = entries[(int)Renaming - 1];
        renaming.ChangedFields.ShouldBe("Name");
        renaming.BeforeDigest.ShouldNotBeNull();
        renaming.AfterDigest.ShouldNotBe(renaming.BeforeDigest);
        entries[0].BeforeDigest.ShouldBeNull();
        // The builder advances the manual clock by one minute before each save.
        entries[0].AtUtc.ShouldBe(ManualTimeProvider.DefaultStart.UtcDateTime.AddMinutes(1));
        entries[(int)Last - 1].AtUtc.ShouldBe(ManualTimeProvider.DefaultStart.UtcDateTime.AddMinutes(Last));
    }

    [Fact]
    public async Task Plain_update_of_an_entry_is_refused_by_the_database()
    {
        var ex = await Should.ThrowAsync<DbException>(() => _core.ExecuteSqlAsync("UPDATE audit_entries SET actor_name = 'mallory' WHERE sequence = 2"));

        ex.Message.ShouldContain("append-only");
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Plain_delete_of_an_entry_is_refused_by_the_database()
    {
        var ex = await Should.ThrowAsync<DbException>(() => _core.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence = {Last}"));

        ex.Message.ShouldContain("append-only");
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Truncating_the_log_is_refused_on_postgres()
    {
        if (!_core.IsPostgres)
        {
            return; // SQLite has no TRUNCATE; its DELETE trigger covers "DELETE FROM audit_entries".
        }

        var ex = await Should.ThrowAsync<DbException>(() => _core.ExecuteSqlAsync("TRUNCATE audit_entries"));
        ex.Message.ShouldContain("append-only");
    }

    [Theory]
    [InlineData("actor_name", "'mallory'", "'mallory'")]
    [InlineData("actor_id", "'0195f0a0-0000-7000-8000-000000000099'", "'0195f0a0-0000-7000-8000-000000000099'")]
    [InlineData("org_id", "'0195F0A0-0000-7000-8000-0000000000CC'", "'0195f0a0-0000-7000-8000-0000000000cc'")]
    [InlineData("at_utc", "'2026-03-01 00:00:00'", "'2026-03-01 00:00:00+00'")]
    [InlineData("action", "'created'", "'created'")]
    [InlineData("entity_type", "'User'", "'User'")]
    [InlineData("entity_id", "'0195f0a0-0000-7000-8000-0000000000dd'", "'0195f0a0-0000-7000-8000-0000000000dd'")]
    [InlineData("changed_fields", "'Type'", "'Type'")]
    [InlineData("before_digest", "NULL", "NULL")]
    [InlineData("after_digest", "'0000000000000000000000000000000000000000000000000000000000000000'", "'0000000000000000000000000000000000000000000000000000000000000000'")]
    [InlineData("previous_hash", "'0000000000000000000000000000000000000000000000000000000000000000'", "'0000000000000000000000000000000000000000000000000000000000000000'")]
    [InlineData("hash", "'0000000000000000000000000000000000000000000000000000000000000000'", "'0000000000000000000000000000000000000000000000000000000000000000'")]
    public async Task Editing_a_column_of_an_entry_is_detected_at_that_entry(string column, string sqliteValue, string postgresValue)
    {
        await _core.DropAuditTriggersAsync();

        var changed = await _core.ExecuteSqlAsync(
            $"UPDATE audit_entries SET {column} = {(_core.IsPostgres ? postgresValue : sqliteValue)} WHERE sequence = {Renaming}");

        changed.ShouldBe(1);
        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(Renaming);
        result.EntriesChecked.ShouldBe(Renaming - 1);
        result.Problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Editing_an_entry_and_recomputing_its_hash_is_detected_at_the_next_entry()
    {
        await _core.DropAuditTriggersAsync();
        var forged = await ForgeAsync(Renaming, "mallory");

        await _core.ExecuteSqlAsync($"UPDATE audit_entries SET actor_name = 'mallory', hash = '{forged}' WHERE sequence = {Renaming}");

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(Renaming + 1);
        result.Problem!.ShouldContain("前一哈希");
    }

    [Fact]
    public async Task Editing_the_last_entry_and_recomputing_its_hash_is_detected_by_the_head()
    {
        await _core.DropAuditTriggersAsync();
        var forged = await ForgeAsync(Last, "mallory");

        await _core.ExecuteSqlAsync($"UPDATE audit_entries SET actor_name = 'mallory', hash = '{forged}' WHERE sequence = {Last}");

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(0);
        result.EntriesChecked.ShouldBe(Last);
        result.Problem!.ShouldContain("链头");
    }

    [Fact]
    public async Task Deleting_a_middle_entry_is_detected_at_the_gap()
    {
        await _core.DropAuditTriggersAsync();

        (await _core.ExecuteSqlAsync("DELETE FROM audit_entries WHERE sequence = 3")).ShouldBe(1);

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(4);
        result.EntriesChecked.ShouldBe(2);
        result.Problem!.ShouldContain("缺少第 3 条");
    }

    [Fact]
    public async Task Deleting_a_middle_entry_and_renumbering_the_rest_is_detected()
    {
        await _core.DropAuditTriggersAsync();

        await _core.ExecuteSqlAsync("DELETE FROM audit_entries WHERE sequence = 3");
        for (var s = 4; s <= Last; s++)
        {
            await _core.ExecuteSqlAsync($"UPDATE audit_entries SET sequence = {s - 1} WHERE sequence = {s}");
        }

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(3);
    }

    [Fact]
    public async Task Deleting_the_last_entry_is_detected_by_the_head()
    {
        await _core.DropAuditTriggersAsync();

        (await _core.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence = {Last}")).ShouldBe(1);

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.EntriesChecked.ShouldBe(Last - 1);
        result.BrokenAt.ShouldBe(Last);
        result.Problem!.ShouldContain("末尾的记录被删除");
    }

    [Fact]
    public async Task Swapping_the_positions_of_two_entries_is_detected()
    {
        await _core.DropAuditTriggersAsync();

        await _core.ExecuteSqlAsync("UPDATE audit_entries SET sequence = -1 WHERE sequence = 4");
        await _core.ExecuteSqlAsync("UPDATE audit_entries SET sequence = 4 WHERE sequence = 5");
        await _core.ExecuteSqlAsync("UPDATE audit_entries SET sequence = 5 WHERE sequence = -1");

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(4);
    }

    [Fact]
    public async Task Swapping_the_contents_of_two_entries_is_detected()
    {
        await _core.DropAuditTriggersAsync();
        var before = await EntityIdsAsync(4, 5);
        var columns = "at_utc, actor_id, actor_name, org_id, action, entity_type, entity_id, changed_fields, before_digest, after_digest, previous_hash, hash";

        await _core.WithContextAsync(async db =>
        {
            // One connection: the temporary table lives as long as it.
            await db.Database.OpenConnectionAsync();
            // Raw SQL is the point here: the test plays someone with direct database access (no user input involved).
            var copy = $"CREATE TEMPORARY TABLE swap AS SELECT sequence, {columns} FROM audit_entries WHERE sequence IN (4, 5)";
            await db.Database.ExecuteSqlRawAsync(copy);
            foreach (var (target, source) in new[] { (4, 5), (5, 4) })
            {
                var assignments = string.Join(", ", columns.Split(", ").Select(c => $"{c} = (SELECT {c} FROM swap WHERE sequence = {source})"));
                var update = $"UPDATE audit_entries SET {assignments} WHERE sequence = {target}";
                await db.Database.ExecuteSqlRawAsync(update);
            }
        });

        (await EntityIdsAsync(4, 5)).ShouldBe([before[1], before[0]]);
        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.BrokenAt.ShouldBe(4);
    }

    [Fact]
    public async Task Appending_after_verification_keeps_the_chain_intact()
    {
        await _core.WithContextAsync(async db =>
        {
            db.RecordEvent("sign-in.failed", "User", "nobody");
            await db.SaveChangesAsync();
        });

        var result = await VerifyAsync();
        result.Intact.ShouldBeTrue(result.Problem);
        result.EntriesChecked.ShouldBe(Last + 1);
    }

    private Task<List<string>> EntityIdsAsync(long first, long second) => _core.WithContextAsync(db => db.AuditEntries
        .Where(e => e.Sequence == first || e.Sequence == second).OrderBy(e => e.Sequence).Select(e => e.EntityId).ToListAsync());

    private Task<string> ForgeAsync(long sequence, string actorName) => _core.WithContextAsync(async db =>
    {
        var e = await db.AuditEntries.AsNoTracking().SingleAsync(x => x.Sequence == sequence);
        var actor = new AuditActor(e.ActorId is null ? null : Guid.Parse(e.ActorId), actorName, e.OrgId);
        return new AuditEntry(e.Sequence, e.AtUtc, actor, e.Action, e.EntityType, e.EntityId, e.ChangedFields,
            e.BeforeDigest, e.AfterDigest, e.PreviousHash).Hash;
    });
}
