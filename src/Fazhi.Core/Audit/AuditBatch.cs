using System.Buffers;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fazhi.Core.Audit;

/// <summary>
/// Appends audit entries for changes written without change tracking (bulk recomputation of clocks), through the same
/// chain and in the same transaction as the changes: the same canonical form and hashes as <see cref="AppDbContext"/>'s
/// SaveChanges, the same before/after digests of the entity's mapped properties, the same lock on the head.
/// Begin it inside a transaction, add entries, then <see cref="CompleteAsync"/> before committing.
/// </summary>
internal sealed class AuditBatch : IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly BulkWriter<AuditEntry> _writer;
    private readonly DateTime _now;
    private readonly bool _headExists;
    private long _sequence;
    private string _hash;

    private AuditBatch(AppDbContext db, DateTime now, AuditHead? head)
    {
        _db = db;
        _now = now;
        _headExists = head is not null;
        _sequence = head?.LastSequence ?? 0;
        _hash = head?.LastHash ?? AuditChain.GenesisHash;
        _writer = new BulkWriter<AuditEntry>(db, 1000);
    }

    /// <summary>Entries appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Locks the chain (PostgreSQL; SQLite's write transaction already holds the lock) and reads its head.</summary>
    public static async Task<AuditBatch> BeginAsync(AppDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit batch needs the transaction of the changes it records.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7160001)", ct);
        }

        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        return new AuditBatch(db, AuditChain.Truncate(nowUtc), head);
    }

    /// <summary>SM3 of the canonical JSON of an entity's mapped properties, as SaveChanges digests it. Written with a
    /// per-thread <see cref="AuditHasher"/> from a per-type plan (keys sorted and encoded once), each value formatted by
    /// <see cref="AuditChain.Format"/>: the same bytes as <see cref="AuditChain.CanonicalValues"/>, without its sorting
    /// and intermediate strings (bulk imports digest every row). Thread-safe.</summary>
    public static string Digest(IEntityType type, object entity)
    {
        ArgumentNullException.ThrowIfNull(type);
        var write = Writers.GetOrAdd(type, CompileDigest);
        var hasher = t_hasher ??= new AuditHasher();
        hasher.BeginObject();
        write(hasher, entity);
        Span<byte> hex = stackalloc byte[64];
        hasher.EndObject(hex);
        return Encoding.ASCII.GetString(hex);
    }

    /// <summary>
    /// <see cref="Digest"/> of many entities of one type, as 64-digit hex strings in the same order: the canonical forms
    /// are written one after the other into a per-thread buffer and hashed several at a time (<see cref="Sm3.HexOfMany"/>),
    /// which bulk imports use for the rows of a chunk. Thread-safe.
    /// </summary>
    public static string[] DigestMany<T>(IEntityType type, IReadOnlyList<T> entities)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(entities);
        var count = entities.Count;
        if (count == 0)
        {
            return [];
        }

        var write = Writers.GetOrAdd(type, CompileDigest);
        var hasher = t_hasher ??= new AuditHasher();
        var forms = t_forms ??= new ArrayBufferWriter<byte>(1 << 16);
        forms.ResetWrittenCount();
        var starts = ArrayPool<int>.Shared.Rent(count);
        var lengths = ArrayPool<int>.Shared.Rent(count);
        var hex = ArrayPool<byte>.Shared.Rent(count * 64);
        try
        {
            for (var i = 0; i < count; i++)
            {
                hasher.BeginObject();
                write(hasher, entities[i]);
                var form = hasher.EndObject();
                starts[i] = forms.WrittenCount;
                lengths[i] = form.Length;
                forms.Write(form);
            }

            Sm3.HexOfMany(forms.WrittenSpan, starts.AsSpan(0, count), lengths.AsSpan(0, count), hex.AsSpan(0, count * 64));
            var digests = new string[count];
            for (var i = 0; i < count; i++)
            {
                digests[i] = Encoding.ASCII.GetString(hex, i * 64, 64);
            }

            return digests;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<byte>.Shared.Return(hex);
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_forms;

    private static readonly ConcurrentDictionary<IEntityType, Action<AuditHasher, object>> Writers = new();

    // The per-type writer of Digest: the properties in ordinal order of their names, each read from its member and
    // written by the AuditHasher overload of its type (no boxing); shadow properties and other types go through
    // WriteBoxed, which formats as AuditChain.Format does.
    private static Action<AuditHasher, object> CompileDigest(IEntityType type)
    {
        var hasher = Expression.Parameter(typeof(AuditHasher), "hasher");
        var entity = Expression.Parameter(typeof(object), "entity");
        var typed = Expression.Variable(type.ClrType, "e");
        var body = new List<Expression> { Expression.Assign(typed, Expression.Convert(entity, type.ClrType)) };
        foreach (var p in type.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var key = Expression.Constant(JsonEncodedText.Encode(p.Name));
            var member = p.IsShadowProperty() ? null : p.GetMemberInfo(forMaterialization: false, forSet: false);
            body.Add(member is null
                ? Expression.Call(WriteBoxedMethod, hasher, key, Expression.Call(Expression.Constant(p.GetGetter(), typeof(IClrPropertyGetter)),
                    typeof(IClrPropertyGetter).GetMethod(nameof(IClrPropertyGetter.GetClrValue))!, entity))
                : WriteTyped(hasher, key, Expression.MakeMemberAccess(typed, member)));
        }

        return Expression.Lambda<Action<AuditHasher, object>>(Expression.Block([typed], body), hasher, entity).Compile();
    }

    private static Expression WriteTyped(ParameterExpression hasher, ConstantExpression key, Expression value)
    {
        var t = value.Type;
        var underlying = Nullable.GetUnderlyingType(t);
        var plain = underlying ?? t;
        if (t == typeof(string))
        {
            return Expression.Call(hasher, nameof(AuditHasher.Property), null, key, value);
        }

        if (plain == typeof(bool) || plain == typeof(DateTime))
        {
            if (underlying is null)
            {
                return Expression.Call(hasher, nameof(AuditHasher.Property), null, key, value);
            }

            return Expression.Condition(Expression.Property(value, "HasValue"),
                Expression.Call(hasher, nameof(AuditHasher.Property), null, key, Expression.Property(value, "Value")),
                Expression.Call(hasher, nameof(AuditHasher.Property), null, key, Expression.Constant(null, typeof(string))));
        }

        if (plain.IsValueType && plain != typeof(DateTimeOffset) && typeof(ISpanFormattable).IsAssignableFrom(plain))
        {
            var method = typeof(AuditHasher).GetMethods().Single(m => m.Name == nameof(AuditHasher.Property) && m.IsGenericMethodDefinition)
                .MakeGenericMethod(plain);
            return Expression.Call(hasher, method, key, underlying is null ? Expression.Convert(value, typeof(Nullable<>).MakeGenericType(plain)) : value);
        }

        return Expression.Call(WriteBoxedMethod, hasher, key, Expression.Convert(value, typeof(object)));
    }

    private static readonly System.Reflection.MethodInfo WriteBoxedMethod =
        typeof(AuditBatch).GetMethod(nameof(WriteBoxed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static void WriteBoxed(AuditHasher hasher, JsonEncodedText key, object? value)
    {
        switch (value)
        {
            case string text:
                hasher.Property(key, text);
                break;
            case ISpanFormattable formattable and not (DateTime or DateTimeOffset):
                // Guids, dates, numbers, enums: formatted into a stack buffer, as IFormattable.ToString(null,
                // invariant) would format them (AuditChain.Format), without a string per value.
                hasher.Property(key, formattable);
                break;
            case var other:
                hasher.Property(key, AuditChain.Format(other));
                break;
        }
    }

    [ThreadStatic]
    private static AuditHasher? t_hasher;

    /// <summary>Appends an "updated" entry.</summary>
    public Task UpdatedAsync(string entityType, string entityId, string changedFields, string beforeDigest, string afterDigest, CancellationToken ct)
    {
        var entry = new AuditEntry(_sequence + 1, _now, _db.Actor, "updated", entityType, entityId, changedFields, beforeDigest, afterDigest, _hash);
        _sequence = entry.Sequence;
        _hash = entry.Hash;
        Count++;
        return _writer.AddAsync(entry, ct);
    }

    /// <summary>Appends a "created" entry for a row inserted without change tracking (bulk imports), as SaveChanges records
    /// an added entity: no changed fields, no before digest, the after digest of <see cref="Digest"/>.</summary>
    public Task CreatedAsync(string entityType, string entityId, string afterDigest, CancellationToken ct) =>
        AddAsync(NextCreated(entityType, entityId, afterDigest), ct);

    /// <summary>
    /// The next "created" entry of the chain (as <see cref="CreatedAsync"/> makes it), hashed from the same canonical bytes
    /// with a reused writer, without writing it: a bulk import chains its entries on the thread that prepares the rows, in
    /// the order they will be written, and the writing thread passes them to <see cref="AddAsync(AuditEntry, CancellationToken)"/> in that order. Calls
    /// must not overlap; <see cref="CompleteAsync"/> moves the head to the last entry made.
    /// </summary>
    public AuditEntry NextCreated(string entityType, string entityId, string afterDigest)
    {
        _chainHasher ??= new AuditHasher();
        _actorId ??= _db.Actor.UserId?.ToString();
        _orgId ??= _db.Actor.OrgId?.ToString();
        _atText ??= AuditChain.FormatTime(_now);
        Span<byte> after = stackalloc byte[64];
        Span<byte> previous = stackalloc byte[64];
        Span<byte> hash = stackalloc byte[64];
        if (afterDigest.Length != 64 || _hash.Length != 64
            || Encoding.ASCII.GetBytes(afterDigest, after) != 64 || Encoding.ASCII.GetBytes(_hash, previous) != 64)
        {
            // Not the hex digests this path writes: the general form.
            var general = new AuditEntry(_sequence + 1, _now, _db.Actor, "created", entityType, entityId, "", null, afterDigest, _hash);
            (_sequence, _hash) = (general.Sequence, general.Hash);
            return general;
        }

        var sequence = _sequence + 1;
        _chainHasher.EntryHash(sequence, _atText, _actorId, _db.Actor.Name, _orgId, "created", entityType, entityId, "", default, true, after,
            previous, hash);
        var entry = new AuditEntry(sequence, _now, _actorId, _db.Actor.Name, _db.Actor.OrgId, "created", entityType, entityId, "", null, afterDigest,
            _hash, Encoding.ASCII.GetString(hash));
        (_sequence, _hash) = (sequence, entry.Hash);
        return entry;
    }

    /// <summary>Buffers an entry made by <see cref="NextCreated"/> for writing (entries in chain order).</summary>
    public Task AddAsync(AuditEntry entry, CancellationToken ct) => AddAsync(entry, null, ct);

    /// <summary>Buffers an entry with its encoding from <see cref="Encode"/> (entries in chain order).</summary>
    internal Task AddAsync(AuditEntry entry, Data.EncodedRow? encoded, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Count++;
        return _writer.AddAsync(entry, encoded, ct);
    }

    /// <summary>On SQLite, lets <see cref="Encode"/> encode entries on other threads (bulk imports).</summary>
    internal bool EnableEncoding() => _writer.EnableEncoding();

    /// <summary>The entry encoded for the writer's statement, or null (see <see cref="EnableEncoding"/>).</summary>
    internal Data.EncodedRow? Encode(AuditEntry entry) => _writer.Encode(entry);

    private AuditHasher? _chainHasher;
    private string? _actorId;
    private string? _orgId;
    private string? _atText;

    /// <summary>Writes the remaining entries and moves the chain's head to the last one.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await _writer.FlushAsync(ct);
        if (Count == 0)
        {
            return;
        }

        if (_headExists)
        {
            await _db.Database.ExecuteSqlAsync($"UPDATE audit_head SET last_sequence = {_sequence}, last_hash = {_hash} WHERE id = 1", ct);
        }
        else
        {
            await _db.Database.ExecuteSqlAsync($"INSERT INTO audit_head (id, last_sequence, last_hash) VALUES (1, {_sequence}, {_hash})", ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        _chainHasher?.Dispose();
        return _writer.DisposeAsync();
    }
}
