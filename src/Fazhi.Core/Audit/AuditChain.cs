using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fazhi.Core.Audit;

/// <summary>
/// The canonical form of an audit entry and its chained hash. An entry's hash is
/// <c>SM3(UTF-8(JSON array))</c> where the array is, in order: sequence, time (ISO 8601 UTC with milliseconds),
/// actor id, actor name, org id, action, entity type, entity id, changed fields, before digest, after digest,
/// previous hash — every element a JSON string (null for absent values), non-ASCII characters unescaped.
/// Anyone can recompute it; docs/audit-log.md gives the recipe.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The canonical serialisation of an entry.</summary>
    public static string Canonical(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteEntry(w, e.Sequence, FormatTime(e.AtUtc), e.ActorId, e.ActorName, e.OrgId?.ToString(), e.Action, e.EntityType,
                e.EntityId, e.ChangedFields, e.BeforeDigest, e.AfterDigest, e.PreviousHash);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The options of every canonical writer (non-ASCII characters unescaped).</summary>
    internal static JsonWriterOptions Options => WriterOptions;

    /// <summary>An entry's time as written in its canonical form.</summary>
    internal static string FormatTime(DateTime atUtc) => atUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes the canonical array of an entry (the one definition of its elements and their order).</summary>
    internal static void WriteEntry(Utf8JsonWriter w, long sequence, string atText, string? actorId, string actorName, string? orgId,
        string action, string entityType, ReadOnlySpan<char> entityId, string changedFields, string? beforeDigest, string? afterDigest,
        string previousHash) =>
        WriteEntry(w, sequence, atText, actorId, actorName, orgId, action, entityType, entityId, changedFields,
            beforeDigest is null ? default : Encoding.UTF8.GetBytes(beforeDigest), beforeDigest is null,
            afterDigest is null ? default : Encoding.UTF8.GetBytes(afterDigest), afterDigest is null, Encoding.UTF8.GetBytes(previousHash));

    /// <summary>Writes the canonical array of an entry whose digests and previous hash are UTF-8 (hex) spans.</summary>
    internal static void WriteEntry(Utf8JsonWriter w, long sequence, string atText, string? actorId, string actorName, string? orgId,
        string action, string entityType, ReadOnlySpan<char> entityId, string changedFields, ReadOnlySpan<byte> beforeDigest, bool noBefore,
        ReadOnlySpan<byte> afterDigest, bool noAfter, ReadOnlySpan<byte> previousHash)
    {
        ArgumentNullException.ThrowIfNull(w);
        Span<char> number = stackalloc char[20];
        sequence.TryFormat(number, out var n, default, CultureInfo.InvariantCulture);
        w.WriteStartArray();
        w.WriteStringValue(number[..n]);
        w.WriteStringValue(atText);
        Write(w, actorId);
        w.WriteStringValue(actorName);
        Write(w, orgId);
        w.WriteStringValue(action);
        w.WriteStringValue(entityType);
        w.WriteStringValue(entityId);
        w.WriteStringValue(changedFields);
        if (noBefore)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(beforeDigest);
        }

        if (noAfter)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(afterDigest);
        }

        w.WriteStringValue(previousHash);
        w.WriteEndArray();
    }

    /// <summary>The hash an entry must carry.</summary>
    public static string ComputeHash(AuditEntry e) => Sm3.HexOf(Canonical(e));

    /// <summary>Truncates an instant to whole milliseconds (PostgreSQL keeps microseconds, .NET ticks are finer).</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>Canonical JSON of a set of property values, keys sorted, for the before/after digests.</summary>
    public static string CanonicalValues(IEnumerable<KeyValuePair<string, object?>> values)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(key);
                Write(w, Format(value));
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => Truncate(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void Write(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }
}
