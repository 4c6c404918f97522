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
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartArray();
            w.WriteStringValue(e.Sequence.ToString(CultureInfo.InvariantCulture));
            w.WriteStringValue(e.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            Write(w, e.ActorId);
            w.WriteStringValue(e.ActorName);
            Write(w, e.OrgId?.ToString());
            w.WriteStringValue(e.Action);
            w.WriteStringValue(e.EntityType);
            w.WriteStringValue(e.EntityId);
            w.WriteStringValue(e.ChangedFields);
            Write(w, e.BeforeDigest);
            Write(w, e.AfterDigest);
            w.WriteStringValue(e.PreviousHash);
            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
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

    private static string? Format(object? value) => value switch
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
