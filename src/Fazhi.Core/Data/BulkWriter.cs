using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fazhi.Core.Data;

/// <summary>Test hooks of <see cref="BulkWriter{T}"/>.</summary>
internal static class BulkWrites
{
    /// <summary>Write through <see cref="DbCommand"/> on SQLite too (the path the raw statements must equal).</summary>
    public static readonly AsyncLocal<bool> CommandsOnSqlite = new();
}

/// <summary>
/// Multi-row INSERT or UPDATE of one entity type in the context's current transaction, without change tracking, for
/// bulk work (a million recomputed clocks). Parameters are made by EF's own type mappings (converters included), so values
/// are stored exactly as EF stores them on both providers. Full batches reuse one prepared command. It writes no audit
/// entries itself: callers append them with <see cref="Audit.AuditBatch"/> in the same transaction.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
internal sealed class BulkWriter<T> : IAsyncDisposable
    where T : class
{
    private readonly AppDbContext _db;
    private readonly IProperty[] _properties;
    private IClrPropertyGetter[]? _getters;
    private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] _converters;
    private readonly string _table;
    private readonly bool _update;
    private readonly int _batchSize;
    private readonly List<T> _rows;
    private readonly List<EncodedRow?> _encoded;
    private DbCommand? _full;
    private SqliteRawStatement? _raw;
    private bool _rawTried;
    private Action<object, SqliteRowEncoding.Buffer>? _encoder;

    // Compiled encoders by entity type, properties and declared parameter types (SqliteRowEncoding.Compile).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Action<object, SqliteRowEncoding.Buffer>> Encoders = new();

    /// <summary>Inserts rows of all mapped properties (<paramref name="setProperties"/> null), or updates the named
    /// properties of rows found by primary key.</summary>
    public BulkWriter(AppDbContext db, int batchSize, params string[]? setProperties)
    {
        _db = db;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        _table = type.GetTableName()!;
        _update = setProperties is { Length: > 0 };
        _properties = _update
            ? [.. type.FindPrimaryKey()!.Properties, .. setProperties!.Select(n => type.FindProperty(n) ?? throw new ArgumentException($"No property {n}.", nameof(setProperties)))]
            : [.. type.GetProperties()];
        _converters = [.. _properties.Select(p => p.GetRelationalTypeMapping().Converter)];
        _batchSize = Math.Max(1, Math.Min(batchSize, 30000 / _properties.Length));
        _rows = new List<T>(_batchSize);
        _encoded = new List<EncodedRow?>(_batchSize);
    }

    /// <summary>
    /// On SQLite with the raw statement available, makes <see cref="Encode"/> return rows encoded for it, so that callers
    /// can encode on other threads what this writer will write (bulk imports); returns whether it does. Call with the
    /// transaction open.
    /// </summary>
    public bool EnableEncoding()
    {
        if (!_rawTried && _db.Database.IsSqlite())
        {
            _rawTried = true;
            _raw = BulkWrites.CommandsOnSqlite.Value ? null : SqliteRawStatement.TryCreate(_db, _properties, InsertOrUpdateSql(_properties.Select(p => p.GetColumnName()).ToArray()));
            if (_raw is not null)
            {
                var key = $"{typeof(T).FullName}|{string.Join(",", _properties.Select(p => p.Name))}|{string.Join(",", _raw.Declared)}";
                _encoder = Encoders.GetOrAdd(key, _ => SqliteRowEncoding.Compile(typeof(T), _properties, _raw.Declared));
            }
        }

        return _raw is not null;
    }

    /// <summary>The row encoded for this writer's statement, or null when it does not take encoded rows (see
    /// <see cref="EnableEncoding"/>). Thread-safe.</summary>
    public EncodedRow? Encode(T row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _encoder is { } encoder ? SqliteRowEncoding.Encode(row, encoder, _properties.Length) : null;
    }

    /// <summary>Rows written so far.</summary>
    public int Written { get; private set; }

    /// <summary>Buffers a row, writing a batch when full.</summary>
    public Task AddAsync(T row, CancellationToken ct) => AddAsync(row, null, ct);

    /// <summary>Buffers a row with its encoding from <see cref="Encode"/> (null: encoded when written), writing a batch
    /// when full.</summary>
    public async Task AddAsync(T row, EncodedRow? encoded, CancellationToken ct)
    {
        _rows.Add(row);
        _encoded.Add(encoded);
        if (_rows.Count == _batchSize)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>Writes the buffered rows.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        if (_db.Database.IsSqlite())
        {
            await RowByRowAsync(ct);
            return;
        }

        DbCommand cmd;
        DbCommand? partial = null;
        if (_rows.Count == _batchSize)
        {
            cmd = _full ??= Create(_batchSize);
        }
        else
        {
            cmd = partial = Create(_rows.Count);
        }

        try
        {
            cmd.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Bulk writes need a transaction (the audit entries must be written in the same one).");
            var i = 0;
            foreach (var row in _rows)
            {
                i = SetValues(cmd, i, row);
            }

            var affected = await cmd.ExecuteNonQueryAsync(ct);
            if (_update && affected != _rows.Count)
            {
                throw new InvalidOperationException($"Bulk update of {_table}: {affected} rows changed, {_rows.Count} expected.");
            }

            Written += _rows.Count;
            _rows.Clear();
            _encoded.Clear();
        }
        finally
        {
            if (partial is not null)
            {
                await partial.DisposeAsync();
            }
        }
    }

    // SQLite runs in-process, so one prepared single-row statement per row costs no round trip. Multi-row statements are
    // slower there: binding thousands of named parameters is quadratic, and UPDATE … FROM a VALUES list may scan the table.
    private async Task RowByRowAsync(CancellationToken ct)
    {
        if (EnableEncoding())
        {
            _ = _db.Database.CurrentTransaction
                ?? throw new InvalidOperationException("Bulk writes need a transaction (the audit entries must be written in the same one).");
            for (var r = 0; r < _rows.Count; r++)
            {
                if (_raw!.Execute(_encoded[r] ?? SqliteRowEncoding.Encode(_rows[r], _encoder!, _properties.Length)) != 1)
                {
                    throw new InvalidOperationException($"Bulk write to {_table}: no row written.");
                }
            }

            Written += _rows.Count;
            _rows.Clear();
            _encoded.Clear();
            return;
        }

        _full ??= Create(1);
        _full.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes need a transaction (the audit entries must be written in the same one).");
        foreach (var row in _rows)
        {
            SetValues(_full, 0, row);
            if (await _full.ExecuteNonQueryAsync(ct) != 1)
            {
                throw new InvalidOperationException($"Bulk write to {_table}: no row written.");
            }
        }

        Written += _rows.Count;
        _rows.Clear();
        _encoded.Clear();
    }

    private int SetValues(DbCommand cmd, int i, T row)
    {
        // Getters and converters are resolved once per writer: looking them up per value dominated bulk imports. The
        // getters only when needed: EF compiles each on first use, about 0.1 s for the tables of an import, which the rows
        // encoded for raw statements (EnableEncoding) never use.
        var parameters = cmd.Parameters;
        var getters = _getters ??= [.. _properties.Select(p => p.GetGetter())];
        for (var k = 0; k < getters.Length; k++)
        {
            var value = getters[k].GetClrValue(row);
            parameters[i++].Value = (_converters[k] is { } c && value is not null ? c.ConvertToProvider(value) : value) ?? DBNull.Value;
        }

        return i;
    }

    public async ValueTask DisposeAsync()
    {
        _raw?.Dispose();
        if (_full is not null)
        {
            await _full.DisposeAsync();
        }
    }

    // The single-row statement with positional parameters ?1…?n in property order (raw SQLite statements).
    private string InsertOrUpdateSql(string[] columns)
    {
        string P(int k) => "?" + (k + 1).ToString(CultureInfo.InvariantCulture);
        if (!_update)
        {
            return $"INSERT INTO {_table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, k) => P(k)))})";
        }

        var keyCount = _db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Count;
        return $"UPDATE {_table} SET {string.Join(", ", columns.Skip(keyCount).Select((c, k) => $"{c} = {P(k + keyCount)}"))} WHERE "
            + string.Join(" AND ", columns.Take(keyCount).Select((c, k) => $"{c} = {P(k)}"));
    }

    private DbCommand Create(int rows)
    {
        var cmd = _db.Database.GetDbConnection().CreateCommand();
        var columns = _properties.Select(p => p.GetColumnName()).ToArray();
        var sb = new StringBuilder();
        if (_update && _db.Database.IsSqlite())
        {
            var keyCount = _db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Count;
            for (var k = 0; k < _properties.Length; k++)
            {
                var p = _properties[k];
                cmd.Parameters.Add(p.GetRelationalTypeMapping().CreateParameter(cmd, "@p" + k.ToString(CultureInfo.InvariantCulture), null, p.IsNullable));
            }

            cmd.CommandText = $"UPDATE {_table} SET {string.Join(", ", columns.Skip(keyCount).Select((c, k) => $"{c} = @p{k + keyCount}"))} WHERE "
                + string.Join(" AND ", columns.Take(keyCount).Select((c, k) => $"{c} = @p{k}"));
            return cmd;
        }

        if (_update)
        {
            sb.Append("WITH v(").AppendJoin(", ", columns.Select((_, k) => $"c{k}")).Append(") AS (VALUES ");
        }
        else
        {
            sb.Append("INSERT INTO ").Append(_table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
        }

        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sb.Append(r == 0 ? "(" : ", (");
            for (var k = 0; k < _properties.Length; k++)
            {
                var name = "@p" + n.ToString(CultureInfo.InvariantCulture);
                n++;
                sb.Append(k == 0 ? "" : ", ").Append(name);
                var p = _properties[k];
                var mapping = p.GetRelationalTypeMapping();
                cmd.Parameters.Add(mapping.CreateParameter(cmd, name, null, p.IsNullable));
            }

            sb.Append(')');
        }

        if (_update)
        {
            var keys = _db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Count;
            sb.Append(") UPDATE ").Append(_table).Append(" SET ")
                .AppendJoin(", ", columns.Skip(keys).Select((c, k) => $"{c} = v.c{k + keys}"))
                .Append(" FROM v WHERE ")
                .AppendJoin(" AND ", columns.Take(keys).Select((c, k) => $"{_table}.{c} = v.c{k}"));
        }

        cmd.CommandText = sb.ToString();
        return cmd;
    }
}
