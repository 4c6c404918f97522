namespace Fazhi.Core.Audit;

/// <summary>
/// One entry of the append-only audit log. Entries form a chain: <see cref="Hash"/> is the SM3 digest of
/// <see cref="PreviousHash"/> and a canonical serialisation of the entry (see <see cref="AuditChain"/>), so editing,
/// deleting or reordering any row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    internal AuditEntry(long sequence, DateTime atUtc, AuditActor actor, string action, string entityType, string entityId,
        string changedFields, string? beforeDigest, string? afterDigest, string previousHash)
        : this(sequence, atUtc, actor.UserId?.ToString(), actor.Name, actor.OrgId, action, entityType, entityId, changedFields, beforeDigest,
            afterDigest, previousHash, hash: "") =>
        Hash = AuditChain.ComputeHash(this);

    /// <summary>An entry whose hash was computed by the caller from the same canonical form (bulk appends, see
    /// <see cref="AuditBatch.NextCreated"/>).</summary>
    internal AuditEntry(long sequence, DateTime atUtc, string? actorId, string actorName, Guid? orgId, string action, string entityType,
        string entityId, string changedFields, string? beforeDigest, string? afterDigest, string previousHash, string hash)
    {
        Sequence = sequence;
        AtUtc = atUtc;
        ActorId = actorId;
        ActorName = actorName;
        OrgId = orgId;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        ChangedFields = changedFields;
        BeforeDigest = beforeDigest;
        AfterDigest = afterDigest;
        PreviousHash = previousHash;
        Hash = hash;
    }

    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>When the change was saved (UTC, whole milliseconds so that both providers store it exactly).</summary>
    public DateTime AtUtc { get; private set; }

    /// <summary>Id of the user who made the change; null for the system or the command line.</summary>
    public string? ActorId { get; private set; }

    /// <summary>Sign-in name of the actor, or a system name such as <c>cli</c>.</summary>
    public string ActorName { get; private set; } = "";

    /// <summary>Org of the actor at the time, used to scope who may read the entry.</summary>
    public Guid? OrgId { get; private set; }

    /// <summary>created, updated, deleted, or a named event such as sign-in.failed.</summary>
    public string Action { get; private set; } = "";

    /// <summary>Entity type name (Org, User, …).</summary>
    public string EntityType { get; private set; } = "";

    /// <summary>Entity key.</summary>
    public string EntityId { get; private set; } = "";

    /// <summary>Comma-separated names of the properties that changed (names only, never values).</summary>
    public string ChangedFields { get; private set; } = "";

    /// <summary>SM3 of the canonical JSON of the entity before the change; null for a creation.</summary>
    public string? BeforeDigest { get; private set; }

    /// <summary>SM3 of the canonical JSON of the entity after the change; null for a deletion.</summary>
    public string? AfterDigest { get; private set; }

    /// <summary>Hash of the previous entry; 64 zeros for the first.</summary>
    public string PreviousHash { get; private set; } = "";

    /// <summary>SM3 over <see cref="PreviousHash"/> and this entry's canonical form.</summary>
    public string Hash { get; private set; } = "";
}

/// <summary>The chain's head: the last sequence and hash, updated in the same transaction as each append, so that
/// removing entries from the end is detected too.</summary>
public sealed class AuditHead
{
    private AuditHead()
    {
    }

    internal AuditHead(int id) => Id = id;

    /// <summary>Always 1: there is one head.</summary>
    public int Id { get; private set; }

    /// <summary>Sequence of the last entry.</summary>
    public long LastSequence { get; internal set; }

    /// <summary>Hash of the last entry.</summary>
    public string LastHash { get; internal set; } = AuditChain.GenesisHash;
}

/// <summary>Who is acting: a signed-in user, or the system / command line.</summary>
/// <param name="UserId">The user, when a person acts.</param>
/// <param name="Name">The user name or a system name.</param>
/// <param name="OrgId">The actor's org.</param>
public sealed record AuditActor(Guid? UserId, string Name, Guid? OrgId)
{
    /// <summary>The command line, run by an operator on the server.</summary>
    public static AuditActor CommandLine { get; } = new(null, "cli", null);

    /// <summary>The application itself (start-up, jobs).</summary>
    public static AuditActor System { get; } = new(null, "system", null);
}

/// <summary>Supplies the current actor to the audit log. The web host sets it from the signed-in user.</summary>
public sealed class AuditActorAccessor
{
    /// <summary>The actor for changes saved in this scope.</summary>
    public AuditActor Current { get; set; } = AuditActor.System;
}
