using System.Globalization;
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
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _handle;
    private readonly sqlite3_stmt _stmt;
    private readonly SqliteType[] _declared;

    private SqliteRawStatement(sqlite3 handle, sqlite3_stmt stmt, SqliteType[] declared)
    {
        _handle = handle;
        _stmt = stmt;
        _declared = declared;
    }

    private static readonly HashSet<Type> Supported =
    [
        typeof(string), typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(double), typeof(float), typeof(byte[]), typeof(Guid), typeof(DateTime), typeof(DateOnly), typeof(decimal),
    ];

    /// <summary>The statement, or null when a property's provider type (or its parameter's declared type) is not covered.</summary>
    public static SqliteRawStatement? TryCreate(AppDbContext db, IProperty[] properties, string sql)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection { Handle: { } handle } connection)
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

        if (raw.sqlite3_prepare_v2(handle, sql, out var stmt) != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error: {raw.sqlite3_errmsg(handle).utf8_to_string()}", raw.sqlite3_errcode(handle));
        }

        return new SqliteRawStatement(handle, stmt, declared);
    }

    /// <summary>Binds the provider value of the property at <paramref name="k"/> (0-based) as Microsoft.Data.Sqlite would.</summary>
    public void Bind(int k, object? value)
    {
        var i = k + 1;
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_stmt, i),
            string s => raw.sqlite3_bind_text(_stmt, i, s),
            bool b => raw.sqlite3_bind_int64(_stmt, i, b ? 1 : 0),
            Guid g => _declared[k] == SqliteType.Blob
                ? raw.sqlite3_bind_blob(_stmt, i, g.ToByteArray())
                : raw.sqlite3_bind_text(_stmt, i, g.ToString().ToUpperInvariant()),
            DateTime d => raw.sqlite3_bind_text(_stmt, i, d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            DateOnly d => raw.sqlite3_bind_text(_stmt, i, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            decimal m => raw.sqlite3_bind_text(_stmt, i, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            double d => double.IsNaN(d) ? throw new InvalidOperationException("Cannot store NaN.") : raw.sqlite3_bind_double(_stmt, i, d),
            float f => float.IsNaN(f) ? throw new InvalidOperationException("Cannot store NaN.") : raw.sqlite3_bind_double(_stmt, i, f),
            byte[] bytes => raw.sqlite3_bind_blob(_stmt, i, bytes),
            Enum e => raw.sqlite3_bind_int64(_stmt, i, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
            ulong u => raw.sqlite3_bind_int64(_stmt, i, (long)u),
            IConvertible c => raw.sqlite3_bind_int64(_stmt, i, c.ToInt64(CultureInfo.InvariantCulture)),
            _ => throw new InvalidOperationException($"No SQLite form for {value.GetType()}."),
        };
        Check(rc, raw.SQLITE_OK);
    }

    /// <summary>Runs the statement with the bound values; returns the rows changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            var error = new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_handle).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_handle));
            raw.sqlite3_reset(_stmt);
            throw error;
        }

        raw.sqlite3_reset(_stmt);
        return raw.sqlite3_changes(_handle);
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc, int expected)
    {
        if (rc != expected)
        {
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_handle).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_handle));
        }
    }
}
