using System.Text.Json;
using Fazhi.Core.Audit;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly string Ones = new('1', 64);
    private static readonly string Twos = new('2', 64);

    private static AuditEntry UpdateByZhangSan() => new(
        sequence: 7,
        atUtc: new DateTime(2026, 3, 2, 1, 30, 0, 123, DateTimeKind.Utc),
        actor: new AuditActor(Guid.Parse("0195f0a0-0000-7000-8000-000000000001"), "张三", Guid.Parse("0195f0a0-0000-7000-8000-0000000000aa")),
        action: "updated",
        entityType: "Org",
        entityId: "0195f0a0-0000-7000-8000-0000000000bb",
        changedFields: "Name,Type",
        beforeDigest: Ones,
        afterDigest: Twos,
        previousHash: AuditChain.GenesisHash);

    [Fact]
    public void Canonical_form_of_a_known_entry_is_a_fixed_json_array()
    {
        AuditChain.Canonical(UpdateByZhangSan()).ShouldBe(
            $"""["7","2026-03-02T01:30:00.123Z","0195f0a0-0000-7000-8000-000000000001","张三","0195f0a0-0000-7000-8000-0000000000aa","updated","Org","0195f0a0-0000-7000-8000-0000000000bb","Name,Type","{Ones}","{Twos}","{AuditChain.GenesisHash}"]""");
    }

    [Fact]
    public void Hash_of_a_known_entry_is_fixed()
    {
        // Pinned so that a change to the canonical form (which would orphan every existing log) cannot go unnoticed.
        // Recomputed independently with: printf '%s' "<canonical form above>" | openssl dgst -sm3
        var entry = UpdateByZhangSan();
        entry.Hash.ShouldBe("718a59c508218b7a3b1d28e65a15332f74692c7051fb1271ad1584c7568b25cd");
        AuditChain.ComputeHash(entry).ShouldBe(entry.Hash);
    }

    [Fact]
    public void Absent_values_are_json_nulls_and_instants_keep_whole_milliseconds()
    {
        var entry = new AuditEntry(1, new DateTime(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc), AuditActor.CommandLine,
            "created", "Org", "org-1", "", null, Twos, AuditChain.GenesisHash);

        AuditChain.Canonical(entry).ShouldBe(
            $"""["1","2026-03-02T01:30:00.000Z",null,"cli",null,"created","Org","org-1","",null,"{Twos}","{AuditChain.GenesisHash}"]""");
        entry.Hash.ShouldBe("c099905405c63904f963064e065c58d70423ac04dc1ab61c05115db52bbf28a8");
    }

    [Fact]
    public void Canonical_form_reads_back_to_the_same_fields_whatever_the_text()
    {
        // The canonical form must be unambiguous: quotes, commas, brackets or line breaks in a name cannot make
        // two different entries serialise alike.
        var text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get);
        var fields = Gen.Zip(Gen.Zip(text, text), text);
        Prop.ForAll(fields.ToArbitrary(), f =>
            {
                var ((actorName, entityId), changedFields) = f;
                var entry = new AuditEntry(3, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new AuditActor(null, actorName, null),
                    "updated", "Org", entityId, changedFields, Ones, Twos, AuditChain.GenesisHash);
                var parts = JsonSerializer.Deserialize<string?[]>(AuditChain.Canonical(entry))!;
                return parts.Length == 12 && parts[3] == actorName && parts[7] == entityId && parts[8] == changedFields;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Changing_any_field_changes_the_hash()
    {
        var original = UpdateByZhangSan();
        var variants = new[]
        {
            new AuditEntry(8, original.AtUtc, Actor(original), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc.AddMilliseconds(1), Actor(original), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, new AuditActor(null, "张三", original.OrgId), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, new AuditActor(Guid.Parse(original.ActorId!), "李四", original.OrgId), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, new AuditActor(Guid.Parse(original.ActorId!), "张三", null), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), "deleted", original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), original.Action, "User", original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), original.Action, original.EntityType, "x", original.ChangedFields, original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), original.Action, original.EntityType, original.EntityId, "Name", original.BeforeDigest, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), original.Action, original.EntityType, original.EntityId, original.ChangedFields, null, original.AfterDigest, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, Ones, original.PreviousHash),
            new AuditEntry(7, original.AtUtc, Actor(original), original.Action, original.EntityType, original.EntityId, original.ChangedFields, original.BeforeDigest, original.AfterDigest, Ones),
        };

        variants.Select(v => v.Hash).Append(original.Hash).Distinct().Count().ShouldBe(variants.Length + 1);
    }

    [Fact]
    public void Truncate_drops_sub_millisecond_ticks_and_keeps_utc()
    {
        var precise = new DateTime(2026, 3, 2, 1, 30, 0, 123, DateTimeKind.Utc).AddTicks(4567);
        var truncated = AuditChain.Truncate(precise);
        truncated.ShouldBe(new DateTime(2026, 3, 2, 1, 30, 0, 123, DateTimeKind.Utc));
        truncated.Kind.ShouldBe(DateTimeKind.Utc);
    }

    private static AuditActor Actor(AuditEntry e) => new(Guid.Parse(e.ActorId!), e.ActorName, e.OrgId);
}
