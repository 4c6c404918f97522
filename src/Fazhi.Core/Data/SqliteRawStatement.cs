using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace Fazhi.Core.Data;

/// <summary>
/// A prepared SQLite statement on the context's connection, its positional parameters bound directly with SQLite's C API
/// (no parameter objects, no name lookups), for <see cref="BulkWriter{T}"/>. Values are the provider values EF's type
/// mappings produce, bound in exactly the forms Microsoft.Data.Sqlite binds them given the parameter EF creates for each
/// property (text for GUIDs upper-case, dates as ISO text, booleans and enums as integers…). Created only when every
/// property's provider type is one of those forms; otherwise the writer keeps its <see cref="System.Data.Common.DbCommand"/>.
/// <para>
/// Bulk imports bind millions of values, so this calls the bundled <c>e_sqlite3</c> library directly (the library
/// SQLitePCL itself calls; checked at creation) rather than through SQLitePCL's wrappers, and binds text as
/// <c>SQLITE_STATIC</c>: each value is encoded as UTF-8 into a native buffer owned by the statement that stays
/// untouched until <see cref="Execute()"/> has stepped and reset the statement; the bindings are then cleared, so every
/// parameter must be bound again for the next row.
/// </para>
/// </summary>
internal sealed unsafe class SqliteRawStatement : IDisposable
{
    private const int SqliteOk = SqliteNative.Ok;
    private const int SqliteDone = SqliteNative.Done;

    private readonly sqlite3 _handle;
    private readonly sqlite3_stmt _stmt;
    private readonly IntPtr _db;
    private readonly IntPtr _p;
    private readonly SqliteType[] _declared;
    private readonly List<IntPtr> _retired = [];
    private byte* _arena;
    private int _size;
    private int _used;
    private readonly SqliteRowEncoding.Buffer _one = new();
    private bool _disposed;

    private SqliteRawStatement(sqlite3 handle, sqlite3_stmt stmt, SqliteType[] declared)
    {
        _handle = handle;
        _stmt = stmt;
        _declared = declared;
        var added = false;
        _stmt.DangerousAddRef(ref added);
        _p = _stmt.DangerousGetHandle();
        _db = _handle.DangerousGetHandle();
        _size = 1 << 14;
        _arena = (byte*)NativeMemory.Alloc((nuint)_size);
    }

    private static readonly HashSet<Type> Supported =
    [
        typeof(string), typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(double), typeof(float), typeof(byte[]), typeof(Guid), typeof(DateTime), typeof(DateOnly), typeof(decimal),
    ];

    /// <summary>The statement, or null when a property's provider type (or its parameter's declared type) is not covered.</summary>
    public static SqliteRawStatement? TryCreate(AppDbContext db, IProperty[] properties, string sql)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection { Handle: { } handle } connection || !SqliteNative.Bundled)
        {
            return null;
        }

        var declared = new SqliteType[properties.Length];
        using (var cmd = connection.CreateCommand())
        {
            for (var k = 0; k < properties.Length; k++)
            {
                var p = properties[k];
                var mapping = p.GetRelationalTypeMapping();
                var type = mapping.Converter?.ProviderClrType ?? p.ClrType;
                type = Nullable.GetUnderlyingType(type) ?? type;
                type = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
                var parameter = (SqliteParameter)mapping.CreateParameter(cmd, "@p", null, p.IsNullable);
                declared[k] = parameter.SqliteType;

                // Sizes truncate text in Microsoft.Data.Sqlite; dates and times as Julian days (Real) are not written here.
                if (!Supported.Contains(type) || parameter.Size > 0
                    || (declared[k] == SqliteType.Real && type != typeof(double) && type != typeof(float)))
                {
                    return null;
                }
            }
        }

        return new SqliteRawStatement(handle, Prepare(handle, sql), declared);
    }

    /// <summary>A statement of plain SQL on the context's SQLite connection (a GUID parameter is bound as upper-case text,
    /// as EF stores it), or null on another provider.</summary>
    public static SqliteRawStatement? ForSql(AppDbContext db, string sql, int parameters)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection { Handle: { } handle } || !SqliteNative.Bundled)
        {
            return null;
        }

        return new SqliteRawStatement(handle, Prepare(handle, sql), Enumerable.Repeat(SqliteType.Text, parameters).ToArray());
    }

    /// <summary>The parameters' declared types (how a GUID is bound), for <see cref="SqliteRowEncoding"/>.</summary>
    public SqliteType[] Declared => _declared;

    /// <summary>Binds the provider value of the property at <paramref name="k"/> (0-based) as Microsoft.Data.Sqlite would.</summary>
    public void Bind(int k, object? value)
    {
        _one.Length = 0;
        SqliteRowEncoding.Append(_one, value, _declared[k]);
        fixed (byte* p = _one.Bytes)
        {
            _ = BindEncoded(k + 1, p, copy: true);
        }
    }

    /// <summary>Runs the statement with the bound values; returns the rows changed. Clears the bindings.</summary>
    public int Execute()
    {
        var rc = SqliteNative.sqlite3_step(_p);
        if (rc != SqliteDone)
        {
            var error = new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_handle).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_handle));
            Reset();
            throw error;
        }

        Reset();
        return SqliteNative.sqlite3_changes(_db);
    }

    /// <summary>Binds a row encoded beforehand (on another thread) and runs the statement; returns the rows changed. Text
    /// and blobs are bound in place (the array stays pinned until the statement is reset).</summary>
    public int Execute(EncodedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Columns != _declared.Length)
        {
            throw new ArgumentException($"The row has {row.Columns} values, the statement {_declared.Length} parameters.", nameof(row));
        }

        fixed (byte* start = row.Bytes)
        {
            var p = start;
            for (var i = 1; i <= row.Columns; i++)
            {
                p = BindEncoded(i, p, copy: false);
            }

            return Execute();
        }
    }

    // Binds the value encoded at p (see SqliteRowEncoding) to parameter i and returns the position after it. Text and
    // blobs are bound SQLITE_STATIC: from the arena when copied, in place otherwise (the caller keeps them pinned).
    private byte* BindEncoded(int i, byte* p, bool copy)
    {
        var tag = *p++;
        int rc;
        switch (tag)
        {
            case SqliteRowEncoding.Null:
                rc = SqliteNative.sqlite3_bind_null(_p, i);
                break;
            case SqliteRowEncoding.Integer:
                rc = SqliteNative.sqlite3_bind_int64(_p, i, BinaryPrimitives.ReadInt64LittleEndian(new ReadOnlySpan<byte>(p, 8)));
                p += 8;
                break;
            case SqliteRowEncoding.Real:
                rc = SqliteNative.sqlite3_bind_double(_p, i, BinaryPrimitives.ReadDoubleLittleEndian(new ReadOnlySpan<byte>(p, 8)));
                p += 8;
                break;
            case SqliteRowEncoding.Text or SqliteRowEncoding.Blob:
                var n = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(p, 4));
                p += 4;
                var data = p;
                if (copy)
                {
                    data = Reserve(n);
                    new ReadOnlySpan<byte>(p, n).CopyTo(new Span<byte>(data, n));
                    _used += n;
                }

                rc = tag == SqliteRowEncoding.Text
                    ? SqliteNative.sqlite3_bind_text(_p, i, data, n, IntPtr.Zero)
                    : SqliteNative.sqlite3_bind_blob(_p, i, data, n, IntPtr.Zero);
                p += n;
                break;
            default:
                throw new InvalidOperationException($"Bad encoded value (tag {tag}).");
        }

        Check(rc, SqliteOk);
        return p;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ = SqliteNative.sqlite3_clear_bindings(_p);
        _stmt.DangerousRelease();
        _stmt.Dispose();
        NativeMemory.Free(_arena);
        _arena = null;
        FreeRetired();
    }

    private void Reset()
    {
        _ = SqliteNative.sqlite3_reset(_p); // returns the failed step's code, already reported
        _ = SqliteNative.sqlite3_clear_bindings(_p);
        _used = 0;
        FreeRetired();
    }

    private void FreeRetired()
    {
        foreach (var block in _retired)
        {
            NativeMemory.Free((void*)block);
        }

        _retired.Clear();
    }

    // Room for n bytes in the arena. A full arena is kept (values bound from it are still in use until the step) and a
    // larger one started.
    private byte* Reserve(int n)
    {
        if (_used + n > _size)
        {
            _retired.Add((IntPtr)_arena);
            _size = Math.Max(_size * 2, n);
            _arena = (byte*)NativeMemory.Alloc((nuint)_size);
            _used = 0;
        }

        return _arena + _used;
    }

    private void Check(int rc, int expected)
    {
        if (rc != expected)
        {
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_handle).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_handle));
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
    {
        if (raw.sqlite3_prepare_v2(handle, sql, out var stmt) != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error: {raw.sqlite3_errmsg(handle).utf8_to_string()}", raw.sqlite3_errcode(handle));
        }

        return stmt;
    }
}
