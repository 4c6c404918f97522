using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Fazhi.Core.Audit;

/// <summary>
/// Reusable, allocation-free writer of the canonical forms of <see cref="AuditChain"/> for bulk audit appends: entity
/// digests (a JSON object of property values, keys in ordinal order, values formatted as <see cref="AuditChain.CanonicalValues"/>
/// formats them) and entry hashes, written as UTF-8 into a pooled buffer and hashed with <see cref="Sm3"/>. One per thread.
/// </summary>
internal sealed class AuditHasher : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _writer;
    private string? _lastKey;

    public AuditHasher() => _writer = new Utf8JsonWriter(_buffer, AuditChain.Options);

    /// <summary>Starts a digest object.</summary>
    public void BeginObject()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _lastKey = null;
    }

    /// <summary>Writes a string value (null for null).</summary>
    public void Property(JsonEncodedText key, string? value)
    {
        Key(key);
        if (value is null)
        {
            _writer.WriteNullValue();
        }
        else
        {
            _writer.WriteStringValue(value);
        }
    }

    /// <summary>Writes a value as <see cref="IFormattable"/>'s invariant, default-format text.</summary>
    public void Property<T>(JsonEncodedText key, T? value)
        where T : struct, ISpanFormattable
    {
        Key(key);
        if (value is not { } v)
        {
            _writer.WriteNullValue();
            return;
        }

        Span<char> text = stackalloc char[64];
        if (!v.TryFormat(text, out var n, default, CultureInfo.InvariantCulture))
        {
            _writer.WriteStringValue(v.ToString(null, CultureInfo.InvariantCulture));
            return;
        }

        _writer.WriteStringValue(text[..n]);
    }

    /// <summary>Writes a boxed value as its invariant, default-format text (what <see cref="IFormattable.ToString(string?, IFormatProvider?)"/>
    /// with a null format gives).</summary>
    public void Property(JsonEncodedText key, ISpanFormattable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Key(key);
        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out var n, default, CultureInfo.InvariantCulture))
        {
            _writer.WriteStringValue(value.ToString(null, CultureInfo.InvariantCulture));
            return;
        }

        _writer.WriteStringValue(text[..n]);
    }

    /// <summary>Writes a boolean the way <see cref="AuditChain.CanonicalValues"/> does ("True" / "False").</summary>
    public void Property(JsonEncodedText key, bool value)
    {
        Key(key);
        _writer.WriteStringValue(value ? bool.TrueString : bool.FalseString);
    }

    /// <summary>Writes a UTC instant the way <see cref="AuditChain.CanonicalValues"/> does (truncated to milliseconds, round-trip format).</summary>
    public void Property(JsonEncodedText key, DateTime value)
    {
        Key(key);
        Span<char> text = stackalloc char[40];
        var utc = AuditChain.Truncate(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value);
        utc.TryFormat(text, out var n, "O", CultureInfo.InvariantCulture);
        _writer.WriteStringValue(text[..n]);
    }

    /// <summary>Ends the object and returns its UTF-8 text (valid until the next object), to be hashed later.</summary>
    public ReadOnlySpan<byte> EndObject()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>Ends the object and writes the SM3 of its UTF-8 text as 64 hex digits to <paramref name="hex"/>.</summary>
    public void EndObject(Span<byte> hex)
    {
        _writer.WriteEndObject();
        _writer.Flush();
        Sm3.HexOf(_buffer.WrittenSpan, hex);
    }

    /// <summary>The hash of an "updated"-style entry with both digests (hex, UTF-8), written to <paramref name="hash"/>.</summary>
    public void EntryHash(long sequence, string atText, string? actorId, string actorName, string? orgId, string action, string entityType,
        ReadOnlySpan<char> entityId, string changedFields, ReadOnlySpan<byte> beforeDigest, ReadOnlySpan<byte> afterDigest,
        ReadOnlySpan<byte> previousHash, Span<byte> hash) =>
        EntryHash(sequence, atText, actorId, actorName, orgId, action, entityType, entityId, changedFields, beforeDigest, false, afterDigest,
            previousHash, hash);

    /// <summary>The hash of an entry (digests and previous hash as hex, UTF-8; <paramref name="noBefore"/> for a creation's
    /// null before digest), written to <paramref name="hash"/>: the bytes <see cref="AuditChain.ComputeHash"/> hashes.</summary>
    public void EntryHash(long sequence, string atText, string? actorId, string actorName, string? orgId, string action, string entityType,
        ReadOnlySpan<char> entityId, string changedFields, ReadOnlySpan<byte> beforeDigest, bool noBefore, ReadOnlySpan<byte> afterDigest,
        ReadOnlySpan<byte> previousHash, Span<byte> hash)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        AuditChain.WriteEntry(_writer, sequence, atText, actorId, actorName, orgId, action, entityType, entityId, changedFields,
            beforeDigest, noBefore, afterDigest, false, previousHash);
        _writer.Flush();
        Sm3.HexOf(_buffer.WrittenSpan, hash);
    }

    public void Dispose() => _writer.Dispose();

    private void Key(JsonEncodedText key)
    {
        // Keys must come in ordinal order: the canonical form sorts them.
        if (_lastKey is not null && string.CompareOrdinal(_lastKey, key.Value) >= 0)
        {
            throw new InvalidOperationException($"Digest keys out of order: {key.Value} after {_lastKey}.");
        }

        _lastKey = key.Value;
        _writer.WritePropertyName(key);
    }
}
