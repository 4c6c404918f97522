using System.Buffers.Binary;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Encodes an entity with an encoder from <see cref="Compile"/>. Thread-safe: reads only the entity.</summary>
    public static EncodedRow Encode(object entity, Action<object, Buffer> encoder, int columns)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var b = _scratch ??= new Buffer();
        b.Length = 0;
        encoder(entity, b);
        return new EncodedRow(b.Bytes.AsSpan(0, b.Length).ToArray(), columns);
    }

    /// <summary>
    /// Compiles the encoder of some properties of an entity type: each property read from its member, its converter
    /// (EF's, so values are stored as EF stores them) inlined, its value appended by type without boxing (imports encode
    /// millions of values). A property without a CLR member (shadow), or of a type
    /// not listed here, goes through <see cref="Append"/> as before, so both produce the same bytes.
    /// </summary>
    public static Action<object, Buffer> Compile(Type clrType, IProperty[] properties, SqliteType[] declared)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(declared);
        var entity = Expression.Parameter(typeof(object), "entity");
        var buffer = Expression.Parameter(typeof(Buffer), "buffer");
        var typed = Expression.Variable(clrType, "e");
        var body = new List<Expression> { Expression.Assign(typed, Expression.Convert(entity, clrType)) };
        for (var k = 0; k < properties.Length; k++)
        {
            body.Add(AppendProperty(properties[k], declared[k], entity, typed, buffer));
        }

        return Expression.Lambda<Action<object, Buffer>>(Expression.Block([typed], body), entity, buffer).Compile();
    }

    private static Expression AppendProperty(IProperty p, SqliteType declared, ParameterExpression entity, Expression typed, ParameterExpression buffer)
    {
        var converter = p.GetRelationalTypeMapping().Converter;
        var member = p.IsShadowProperty() ? null : p.GetMemberInfo(forMaterialization: false, forSet: false);
        if (member is null)
        {
            // Boxed, as the untyped path does it.
            var getter = Expression.Constant(p.GetGetter(), typeof(IClrPropertyGetter));
            Expression value = Expression.Call(getter, typeof(IClrPropertyGetter).GetMethod(nameof(IClrPropertyGetter.GetClrValue))!, entity);
            if (converter is not null)
            {
                var v = Expression.Variable(typeof(object), "v");
                value = Expression.Block([v], Expression.Assign(v, value), Expression.Condition(Expression.Equal(v, Expression.Constant(null)), v,
                    Expression.Call(Expression.Constant(converter), typeof(ValueConverter).GetMethod(nameof(ValueConverter.ConvertToProvider))!, v)));
            }

            return AppendBoxed(buffer, value, declared);
        }

        var read = Expression.MakeMemberAccess(typed, member);
        if (converter is null)
        {
            return AppendTyped(buffer, read, declared);
        }

        // Null model values are not converted (as EF and the untyped path do); the converter gets the plain value.
        var model = Expression.Variable(read.Type, "m");
        var plain = Nullable.GetUnderlyingType(read.Type) is not null ? Expression.Property(model, "Value") : (Expression)model;
        var convert = converter.ConvertToProviderExpression;
        var argument = plain.Type == convert.Parameters[0].Type ? plain : Expression.Convert(plain, convert.Parameters[0].Type);
        var converted = Expression.Invoke(convert, argument);
        var append = AppendTyped(buffer, converted, declared);
        return Expression.Block([model], Expression.Assign(model, read),
            CanBeNull(read.Type) ? Expression.IfThenElse(IsNull(model), TagNull(buffer), append) : append);
    }

    // Appends a value of a known static type, checking null first when the type allows it.
    private static BlockExpression AppendTyped(ParameterExpression buffer, Expression value, SqliteType declared)
    {
        var v = Expression.Variable(value.Type, "x");
        var plainType = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        Expression plain = Nullable.GetUnderlyingType(value.Type) is not null ? Expression.Property(v, "Value") : v;
        var append = AppendPlain(buffer, plain, plainType, declared);
        return Expression.Block([v], Expression.Assign(v, value),
            CanBeNull(value.Type) ? Expression.IfThenElse(IsNull(v), TagNull(buffer), append) : append);
    }

    private static Expression AppendPlain(ParameterExpression buffer, Expression x, Type type, SqliteType declared)
    {
        Expression Call(string method, params Expression[] args) => Expression.Call(buffer, typeof(Buffer).GetMethod(method)!, args);
        if (type == typeof(string))
        {
            return Call(nameof(Buffer.Text), x);
        }

        if (type == typeof(bool))
        {
            return Call(nameof(Buffer.Integer), Expression.Condition(x, Expression.Constant(1L), Expression.Constant(0L)));
        }

        if (type == typeof(Guid))
        {
            return declared == SqliteType.Blob ? Call(nameof(Buffer.Blob), Expression.Call(x, typeof(Guid).GetMethod(nameof(Guid.ToByteArray), Type.EmptyTypes)!)) : Call(nameof(Buffer.Guid), x);
        }

        if (type == typeof(DateTime))
        {
            return Call(nameof(Buffer.DateTime), x);
        }

        if (type == typeof(DateOnly))
        {
            return Call(nameof(Buffer.DateOnly), x);
        }

        if (type == typeof(byte[]))
        {
            return Call(nameof(Buffer.Blob), x);
        }

        if (type.IsEnum || type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
            || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong))
        {
            var underlying = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
            var integral = type.IsEnum ? Expression.Convert(x, underlying) : x;
            return Call(nameof(Buffer.Integer), underlying == typeof(long) ? integral : Expression.Convert(integral, typeof(long)));
        }

        // decimal, double, float and anything else: boxed, through the one switch.
        return AppendBoxed(buffer, Expression.Convert(x, typeof(object)), declared);
    }

    private static MethodCallExpression AppendBoxed(ParameterExpression buffer, Expression value, SqliteType declared) =>
        Expression.Call(typeof(SqliteRowEncoding).GetMethod(nameof(Append))!, buffer, value, Expression.Constant(declared));

    private static bool CanBeNull(Type t) => !t.IsValueType || Nullable.GetUnderlyingType(t) is not null;

    private static BinaryExpression IsNull(Expression v) => Expression.Equal(v, Expression.Constant(null, v.Type));

    private static MethodCallExpression TagNull(ParameterExpression buffer) =>
        Expression.Call(buffer, typeof(Buffer).GetMethod(nameof(Buffer.Tag))!, Expression.Constant(Null));

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
                b.DateTime(d);
                break;
            case DateOnly d:
                b.DateOnly(d);
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
            Ascii.ToUpperInPlace(text[..n], out _);
            Header(SqliteRowEncoding.Text, n);
        }

        public void DateTime(DateTime d) => Formatted(d, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF");

        public void DateOnly(DateOnly d) => Formatted(d, @"yyyy\-MM\-dd");

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
