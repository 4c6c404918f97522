using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fazhi.Core.Data;

/// <summary>
/// A row's values already in the form SQLite stores them (UTF-8 text, 64-bit integers, doubles, blobs), one byte array
/// per row, so that a bulk import can encode its rows on the threads that validate them and the single writing thread
/// only binds pointers and steps (<see cref="SqliteRawStatement.Execute(EncodedRow)"/>). Layout, per column in statement
/// parameter order: a tag byte (0 null, 1 text, 2 integer, 3 real, 4 blob), then for text and blobs a 4-byte length and
/// the bytes, for integers and reals 8 bytes.
/// </summary>
internal sealed class EncodedRow(byte[] bytes, int columns)
{
    /// <summary>The encoded values.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>How many values the row holds.</summary>
    public int Columns { get; } = columns;
}

/// <summary>Encodes provider values as Microsoft.Data.Sqlite binds them (see <see cref="SqliteRawStatement"/>).</summary>
internal static class SqliteRowEncoding
{
    public const byte Null = 0;
    public const byte Text = 1;
    public const byte Integer = 2;
    public const byte Real = 3;
    public const byte Blob = 4;

    [ThreadStatic]
    private static Buffer? _scratch;

    /// <summary>Encodes an entity's mapped values (getters and converters of the properties, in parameter order).
    /// Thread-safe: reads only the entity.</summary>
    public static EncodedRow Encode(object entity, IClrPropertyGetter[] getters, ValueConverter?[] converters, SqliteType[] declared)
    {
        var b = _scratch ??= new Buffer();
        b.Length = 0;
        for (var k = 0; k < getters.Length; k++)
        {
            var value = getters[k].GetClrValue(entity);
            Append(b, converters[k] is { } c && value is not null ? c.ConvertToProvider(value) : value, declared[k]);
        }

        return new EncodedRow(b.Bytes.AsSpan(0, b.Length).ToArray(), getters.Length);
    }

    /// <summary>Encodes plain values, each bound as <paramref name="declared"/> says (text for GUIDs unless Blob).</summary>
    public static EncodedRow Encode(ReadOnlySpan<object?> values, SqliteType declared = SqliteType.Text)
    {
        var b = _scratch ??= new Buffer();
        b.Length = 0;
        foreach (var value in values)
        {
            Append(b, value, declared);
        }

        return new EncodedRow(b.Bytes.AsSpan(0, b.Length).ToArray(), values.Length);
    }

    /// <summary>Appends one provider value in the form Microsoft.Data.Sqlite would bind it, given the parameter's
    /// declared type.</summary>
    public static void Append(Buffer b, object? value, SqliteType declared)
    {
        ArgumentNullException.ThrowIfNull(b);
        switch (value)
        {
            case null or DBNull:
                b.Tag(Null);
                break;
            case string s:
                b.Text(s);
                break;
            case bool x:
                b.Integer(x ? 1 : 0);
                break;
            case Guid g when declared == SqliteType.Blob:
                b.Blob(g.ToByteArray());
                break;
            case Guid g:
                b.Guid(g);
                break;
            case DateTime d:
                b.Formatted(d, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF");
                break;
            case DateOnly d:
                b.Formatted(d, @"yyyy\-MM\-dd");
                break;
            case decimal m:
                b.Text(m.ToString("0.0###########################", CultureInfo.InvariantCulture));
                break;
            case double d:
                b.Real(double.IsNaN(d) ? throw new InvalidOperationException("Cannot store NaN.") : d);
                break;
            case float f:
                b.Real(float.IsNaN(f) ? throw new InvalidOperationException("Cannot store NaN.") : f);
                break;
            case byte[] bytes:
                b.Blob(bytes);
                break;
            case Enum e:
                b.Integer(Convert.ToInt64(e, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                b.Integer((long)u);
                break;
            case IConvertible c:
                b.Integer(c.ToInt64(CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"No SQLite form for {value.GetType()}.");
        }
    }

    /// <summary>A growable byte buffer.</summary>
    internal sealed class Buffer
    {
        public byte[] Bytes { get; private set; } = new byte[1024];

        public int Length { get; set; }

        public void Tag(byte tag)
        {
            Ensure(1);
            Bytes[Length++] = tag;
        }

        public void Integer(long v)
        {
            Ensure(9);
            Bytes[Length] = SqliteRowEncoding.Integer;
            BinaryPrimitives.WriteInt64LittleEndian(Bytes.AsSpan(Length + 1), v);
            Length += 9;
        }

        public void Real(double v)
        {
            Ensure(9);
            Bytes[Length] = SqliteRowEncoding.Real;
            BinaryPrimitives.WriteDoubleLittleEndian(Bytes.AsSpan(Length + 1), v);
            Length += 9;
        }

        public void Text(string s)
        {
            Ensure(5 + Encoding.UTF8.GetMaxByteCount(s.Length));
            var n = Encoding.UTF8.GetBytes(s, Bytes.AsSpan(Length + 5));
            Header(SqliteRowEncoding.Text, n);
        }

        public void Blob(byte[] bytes)
        {
            Ensure(5 + bytes.Length);
            bytes.CopyTo(Bytes.AsSpan(Length + 5));
            Header(SqliteRowEncoding.Blob, bytes.Length);
        }

        // Guid.ToString() upper-cased, as Microsoft.Data.Sqlite writes a Guid parameter of type Text.
        public void Guid(Guid g)
        {
            Ensure(5 + 36);
            var text = Bytes.AsSpan(Length + 5, 36);
            g.TryFormat(text, out var n);
            for (var j = 0; j < n; j++)
            {
                if (text[j] is >= (byte)'a' and <= (byte)'f')
                {
                    text[j] -= 0x20;
                }
            }

            Header(SqliteRowEncoding.Text, n);
        }

        public void Formatted<T>(T value, string format)
            where T : IUtf8SpanFormattable
        {
            Ensure(5 + 64);
            if (!value.TryFormat(Bytes.AsSpan(Length + 5, 64), out var n, format, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"Cannot format {value}.");
            }

            Header(SqliteRowEncoding.Text, n);
        }

        private void Header(byte tag, int n)
        {
            Bytes[Length] = tag;
            BinaryPrimitives.WriteInt32LittleEndian(Bytes.AsSpan(Length + 1), n);
            Length += 5 + n;
        }

        private void Ensure(int n)
        {
            if (Length + n > Bytes.Length)
            {
                var bigger = new byte[Math.Max(Bytes.Length * 2, Length + n)];
                Bytes.AsSpan(0, Length).CopyTo(bigger);
                Bytes = bigger;
            }
        }
    }
}
