using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fazhi.Core.Audit;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Fazhi.Core.Clocks;

/// <summary>
/// The SQLite fast path of <see cref="ClockRecompute"/>: the same rows, results and audit entries as the generic path,
/// with SQLite's raw prepared statements on the context's connection and transaction instead of EF materialisation and
/// parameter objects. One thread reads the affected clocks in rowid order, a chunk at a time (rowid, plain column values),
/// recomputes them and updates the changed ones by rowid while their pages are in the cache; a second computes the
/// before/after digests and the chained hashes of the changed ones as they come (<see cref="AuditHasher"/>), and the
/// first inserts those entries between chunks. Nothing but the report is kept across chunks. The entries come in rowid
/// order, the generic path's in (status, due date) order: the same set of rows and entries, chained in another order.
/// Values are written in the forms EF writes them (checked at start against EF's own parameters; any other form falls
/// back to the generic path).
/// </summary>
internal static class SqliteClockRecompute
{
    /// <summary>Rows of the table per reading chunk (by rowid), or candidates per chunk when they are looked up one by one.</summary>
    public const int DefaultChunkRows = 8192;

    // Clock's mapped properties in ordinal order: the keys of its canonical digest.
    private static readonly string[] DigestKeys =
    [
        nameof(Clock.CalendarVersion), nameof(Clock.CaseId), nameof(Clock.CaseType), nameof(Clock.DueDate), nameof(Clock.ExtendedDays),
        nameof(Clock.HandlerUserId), nameof(Clock.Id), nameof(Clock.LawVersion), nameof(Clock.OpenedAtUtc), nameof(Clock.OrgId),
        nameof(Clock.Provisional), nameof(Clock.RuleId), nameof(Clock.StartDate), nameof(Clock.Status), nameof(Clock.StoppedOn),
    ];

    private static readonly JsonEncodedText[] Keys = [.. DigestKeys.Select(k => JsonEncodedText.Encode(k))];

    /// <summary>True when the fast path applies: SQLite, and Clock maps exactly the properties the digest writer knows.</summary>
    public static bool Supports(AppDbContext db)
    {
        if (!db.Database.IsSqlite())
        {
            return false;
        }

        var names = db.Model.FindEntityType(typeof(Clock))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        return names.SequenceEqual(DigestKeys) && db.Database.GetDbConnection() is SqliteConnection && SqliteNative.Bundled;
    }

    public static async Task<(int Checked, List<ClockDueChange> Changed)?> RunAsync(AppDbContext db, CalendarSnapshot calendar,
        DateOnly from, DateOnly to, bool write, DateTime nowUtc, CancellationToken ct, int chunkRows = DefaultChunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var stored = await StoredFormsAsync(db, connection, nowUtc, ct);
        if (stored is null)
        {
            return null;
        }

        var handle = connection.Handle!;
        var clockType = db.Model.FindEntityType(typeof(Clock))!;
        string Col(string property) => clockType.FindProperty(property)!.GetColumnName();
        var table = clockType.GetTableName()!;
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var previousCache = Scalar(handle, "PRAGMA cache_size");

        // The updates touch index pages all over the (status, due date) and (org, status, due date) indexes: the default
        // 2 MB page cache thrashes. 64 MB holds them; more only costs fresh memory (1 GB: a 410 MB database read whole
        // into the cache made a one-off `fazhi calendar import` 2 s slower). Restored at the end.
        Exec(handle, "PRAGMA cache_size = -65536");
        try
        {
            string Filter(string alias) => $"{alias}{Col(nameof(Clock.Status))} IN ('{ClockStatus.Running.Code()}', '{ClockStatus.Suspended.Code()}') "
                + $"AND {alias}{Col(nameof(Clock.DueDate))} >= '{Iso(from)}' AND {alias}{Col(nameof(Clock.StartDate))} < '{Iso(to)}'";
            var filter = Filter("");
            Dictionary<long, IReadOnlyList<Suspension>> suspensions;
            using (Tracing.Phase("clocks.read-suspensions"))
            {
                suspensions = ReadSuspensions(db, handle, table, Col(nameof(Clock.Id)), Filter("c."));
            }

            var pipeline = write ? new AuditPipeline(head, stored, db.Actor, calendar.Version) : null;
            var report = new List<ClockDueChange>();
            var checkedCount = 0;
            try
            {
                var columns = $"rowid, {Col(nameof(Clock.RuleId))}, {Col(nameof(Clock.LawVersion))}, {Col(nameof(Clock.StartDate))}, "
                    + $"{Col(nameof(Clock.ExtendedDays))}, {Col(nameof(Clock.DueDate))}, {Col(nameof(Clock.Provisional))}, "
                    + $"{Col(nameof(Clock.Id))}, {Col(nameof(Clock.OrgId))}, {Col(nameof(Clock.CaseType))}, {Col(nameof(Clock.CaseId))}, "
                    + $"{Col(nameof(Clock.HandlerUserId))}, {Col(nameof(Clock.CalendarVersion))}, {Col(nameof(Clock.Status))}, "
                    + $"{Col(nameof(Clock.StoppedOn))}, {Col(nameof(Clock.OpenedAtUtc))}";
                var (candidates, maxRowId) = Candidates(handle, table, Col, from);

                // Clocks are read in rowid order, a chunk at a time; each chunk's statement is finished before its changed
                // rows are updated, so no read runs while its table changes. A whole-table scan when the candidates are
                // more than a quarter of the table (random lookups through the index would cost more); otherwise the
                // candidates' rowids from the (status, due date) index, sorted, then looked up one by one.
                long[]? rowIds = null;
                if (candidates * 4 <= maxRowId)
                {
                    rowIds = CandidateRowIds(handle, table, Col, from);
                }

                using var select = Prepare(handle, rowIds is null
                    ? $"SELECT {columns} FROM {table} NOT INDEXED WHERE rowid >= ?1 AND rowid < ?2 AND {filter}"
                    : $"SELECT {columns} FROM {table} WHERE rowid = ?1 AND {filter}");
                using var updates = write ? new ClockUpdates(handle, table, Col, stored, calendar.Version) : null;
                using var entries = write ? new EntryInserts(db, handle, stored) : null;
                var strings = new Interner();
                var selectPtr = select.DangerousGetHandle();

                // Without suspensions, a due date depends only on the rule, law version, start day and extension (and
                // the calendar, fixed for the run): clocks that share them share the result, computed once. Millions of
                // clocks have a few thousand such keys (rules × start days).
                var known = new Dictionary<(string Rule, string Law, DateOnly Start, int Extended), (DateOnly Due, bool Provisional)>();
                var chunks = rowIds is null ? (maxRowId / chunkRows) + 1 : (rowIds.Length + chunkRows - 1) / chunkRows;
                using (Tracing.Phase("clocks.recompute"))
                {
                    for (long chunk = 0; chunk < chunks; chunk++)
                    {
                        ct.ThrowIfCancellationRequested();
                        var changed = new List<Row>();
                        if (rowIds is null)
                        {
                            Check(handle, SqliteNative.sqlite3_bind_int64(selectPtr, 1, chunk * chunkRows), SqliteNative.Ok);
                            Check(handle, SqliteNative.sqlite3_bind_int64(selectPtr, 2, (chunk + 1) * chunkRows), SqliteNative.Ok);
                            checkedCount += ReadChunk(handle, selectPtr, calendar, suspensions, known, strings, changed);
                        }
                        else
                        {
                            var last = Math.Min(rowIds.Length, (chunk + 1) * chunkRows);
                            for (var i = chunk * chunkRows; i < last; i++)
                            {
                                Check(handle, SqliteNative.sqlite3_bind_int64(selectPtr, 1, rowIds[i]), SqliteNative.Ok);
                                checkedCount += ReadChunk(handle, selectPtr, calendar, suspensions, known, strings, changed);
                            }
                        }

                        foreach (var r in changed)
                        {
                            report.Add(new ClockDueChange(r.Id, r.CaseType, r.CaseId, r.RuleId, r.DueDate, r.NewDue, r.Provisional, r.NewProvisional));
                        }

                        if (write && changed.Count > 0)
                        {
                            updates!.Apply(changed);
                            pipeline!.Post(changed);
                            while (pipeline.TryTake(out var hashed))
                            {
                                entries!.Insert(hashed);
                            }
                        }
                    }
                }

                if (pipeline is null || report.Count == 0)
                {
                    return (checkedCount, report);
                }

                pipeline.Complete();
                using (Tracing.Phase("clocks.insert-audit"))
                {
                    foreach (var hashed in pipeline.Rest(ct))
                    {
                        entries!.Insert(hashed);
                    }
                }

                var (sequence, hash) = entries!.Last;
                if (head is null)
                {
                    await db.Database.ExecuteSqlAsync($"INSERT INTO audit_head (id, last_sequence, last_hash) VALUES (1, {sequence}, {hash})", ct);
                }
                else
                {
                    await db.Database.ExecuteSqlAsync($"UPDATE audit_head SET last_sequence = {sequence}, last_hash = {hash} WHERE id = 1", ct);
                }

                return (checkedCount, report);
            }
            finally
            {
                pipeline?.Dispose();
            }
        }
        finally
        {
            Exec(handle, $"PRAGMA cache_size = {previousCache.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Steps a reading statement to its end (then resets it): recomputes each clock and adds those whose result
    /// changes to <paramref name="changed"/>. Returns the number of clocks read.</summary>
    private static int ReadChunk(sqlite3 handle, IntPtr select, CalendarSnapshot calendar, Dictionary<long, IReadOnlyList<Suspension>> suspensions,
        Dictionary<(string Rule, string Law, DateOnly Start, int Extended), (DateOnly Due, bool Provisional)> known, Interner strings, List<Row> changed)
    {
        var count = 0;
        int rc;
        while ((rc = SqliteNative.sqlite3_step(select)) == SqliteNative.Row)
        {
            count++;
            var rowId = SqliteNative.sqlite3_column_int64(select, 0);
            var rule = strings.Get(SqliteNative.ColumnBytes(select, 1));
            var law = strings.Get(SqliteNative.ColumnBytes(select, 2));
            var start = Date(SqliteNative.ColumnBytes(select, 3));
            var extended = SqliteNative.sqlite3_column_int(select, 4);
            var due = Date(SqliteNative.ColumnBytes(select, 5));
            var provisional = SqliteNative.sqlite3_column_int64(select, 6) != 0;
            var suspended = suspensions.TryGetValue(rowId, out var rowSuspensions);
            if (suspended || !known.TryGetValue((rule, law, start, extended), out var computed))
            {
                var request = new DeadlineRequest(rule, start)
                {
                    LawVersion = law,
                    Suspensions = rowSuspensions ?? [],
                    Extension = extended,
                };
                var result = calendar.Calculator.Calculate(request);
                if (result.IsError)
                {
                    throw new InvalidOperationException($"Clock {Text(select, 7)} cannot be recomputed: {result.Error.Message}");
                }

                computed = (result.Value.Due, result.Value.Provisional);
                if (!suspended)
                {
                    known[(rule, law, start, extended)] = computed;
                }
            }

            if (computed.Due == due && computed.Provisional == provisional)
            {
                continue;
            }

            changed.Add(new Row
            {
                RowId = rowId,
                RuleId = rule,
                LawVersion = law,
                StartDate = start,
                ExtendedDays = extended,
                DueDate = due,
                Provisional = provisional,
                Id = GuidOf(select, 7),
                OrgId = GuidOf(select, 8),
                CaseType = strings.Get(SqliteNative.ColumnBytes(select, 9)),
                CaseId = Text(select, 10),
                HandlerUserId = SqliteNative.sqlite3_column_type(select, 11) == SqliteNative.Null ? null : GuidOf(select, 11),
                CalendarVersion = strings.Get(SqliteNative.ColumnBytes(select, 12)),
                StatusCode = strings.Get(SqliteNative.ColumnBytes(select, 13)),
                StoppedOn = SqliteNative.sqlite3_column_type(select, 14) == SqliteNative.Null ? null : Date(SqliteNative.ColumnBytes(select, 14)),
                OpenedAtUtc = DateTime.Parse(Text(select, 15), CultureInfo.InvariantCulture),
                NewDue = computed.Due,
                NewProvisional = computed.Provisional,
            });
        }

        Check(handle, rc, SqliteNative.Done);
        _ = SqliteNative.sqlite3_reset(select); // returns the last step's code, already checked
        return count;
    }

    /// <summary>Updates of the changed clocks by rowid.</summary>
    private sealed class ClockUpdates : IDisposable
    {
        private readonly sqlite3 _handle;
        private readonly sqlite3_stmt _update;
        private readonly sqlite3_stmt _flag;
        private readonly StoredForms _stored;
        private readonly IntPtr _db;
        private readonly IntPtr _updatePtr;
        private readonly IntPtr _flagPtr;

        public ClockUpdates(sqlite3 handle, string table, Func<string, string> col, StoredForms stored, string version)
        {
            _handle = handle;
            _stored = stored;

            // Two statements: SQLite maintains every index holding a column named in SET, even when its value is the same,
            // and the due date sits in two indexes. Clocks whose due date stays (only the provisional flag changes: a newly
            // published year) are updated without touching those indexes.
            _update = Prepare(handle, $"UPDATE {table} SET {col(nameof(Clock.DueDate))} = ?1, {col(nameof(Clock.Provisional))} = ?2, "
                + $"{col(nameof(Clock.CalendarVersion))} = ?3 WHERE rowid = ?4");
            _flag = Prepare(handle, $"UPDATE {table} SET {col(nameof(Clock.Provisional))} = ?2, "
                + $"{col(nameof(Clock.CalendarVersion))} = ?3 WHERE rowid = ?4");
            raw.sqlite3_bind_text(_update, 3, version);
            raw.sqlite3_bind_text(_flag, 3, version);
            (_db, _updatePtr, _flagPtr) = (handle.DangerousGetHandle(), _update.DangerousGetHandle(), _flag.DangerousGetHandle());
        }

        /// <summary>Writes the new results of <paramref name="changed"/> (in rowid order: the pages just read).</summary>
        public void Apply(List<Row> changed)
        {
            Span<byte> date = stackalloc byte[10];
            foreach (var row in changed)
            {
                var stmt = _flagPtr;
                if (row.NewDue != row.DueDate)
                {
                    stmt = _updatePtr;
                    IsoUtf8(row.NewDue, date);
                    Check(_handle, SqliteNative.BindText(stmt, 1, date), SqliteNative.Ok);
                }

                Check(_handle, SqliteNative.sqlite3_bind_int64(stmt, 2, row.NewProvisional ? _stored.True : _stored.False), SqliteNative.Ok);
                Check(_handle, SqliteNative.sqlite3_bind_int64(stmt, 4, row.RowId), SqliteNative.Ok);
                Check(_handle, SqliteNative.sqlite3_step(stmt), SqliteNative.Done);
                if (SqliteNative.sqlite3_changes(_db) != 1)
                {
                    throw new InvalidOperationException($"Clock {row.Id} was not updated.");
                }

                _ = SqliteNative.sqlite3_reset(stmt); // returns the last step's code, already checked
            }
        }

        public void Dispose()
        {
            _update.Dispose();
            _flag.Dispose();
        }
    }

    /// <summary>Inserts of the audit entries whose digests and hashes the pipeline has computed.</summary>
    private sealed class EntryInserts : IDisposable
    {
        private readonly sqlite3 _handle;
        private readonly sqlite3_stmt _insert;
        private readonly IntPtr _insertPtr;
        private long _sequence;
        private byte[]? _hash;

        public EntryInserts(AppDbContext db, sqlite3 handle, StoredForms stored)
        {
            _handle = handle;
            var type = db.Model.FindEntityType(typeof(AuditEntry))!;
            string[] columns =
            [
                .. new[]
                {
                    nameof(AuditEntry.Sequence), nameof(AuditEntry.AtUtc), nameof(AuditEntry.ActorId), nameof(AuditEntry.ActorName),
                    nameof(AuditEntry.OrgId), nameof(AuditEntry.Action), nameof(AuditEntry.EntityType), nameof(AuditEntry.EntityId),
                    nameof(AuditEntry.ChangedFields), nameof(AuditEntry.BeforeDigest), nameof(AuditEntry.AfterDigest),
                    nameof(AuditEntry.PreviousHash), nameof(AuditEntry.Hash),
                }.Select(p => type.FindProperty(p)!.GetColumnName()),
            ];
            _insert = Prepare(handle, $"INSERT INTO {type.GetTableName()} ({string.Join(", ", columns)}) VALUES "
                + $"({string.Join(", ", Enumerable.Range(1, columns.Length).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))})");
            _insertPtr = _insert.DangerousGetHandle();
            for (var i = 0; i < stored.EntryConstants.Length; i++)
            {
                Bind(_insert, i + 2, stored.EntryConstants[i]);
            }
        }

        /// <summary>The sequence and hash of the last entry inserted.</summary>
        public (long Sequence, string Hash) Last => (_sequence, Encoding.ASCII.GetString(_hash!, 192, 64));

        public void Insert(List<Row> batch)
        {
            Span<byte> entityId = stackalloc byte[36];
            foreach (var row in batch)
            {
                row.Id.TryFormat(entityId, out _);
                var stmt = _insertPtr;
                Check(_handle, SqliteNative.sqlite3_bind_int64(stmt, 1, row.Sequence), SqliteNative.Ok);
                Check(_handle, SqliteNative.BindText(stmt, 8, entityId), SqliteNative.Ok);
                Check(_handle, SqliteNative.BindText(stmt, 9, row.Fields), SqliteNative.Ok);
                Check(_handle, SqliteNative.BindText(stmt, 10, row.Hex.AsSpan(0, 64)), SqliteNative.Ok);
                Check(_handle, SqliteNative.BindText(stmt, 11, row.Hex.AsSpan(64, 64)), SqliteNative.Ok);
                Check(_handle, SqliteNative.BindText(stmt, 12, row.Hex.AsSpan(128, 64)), SqliteNative.Ok);
                Check(_handle, SqliteNative.BindText(stmt, 13, row.Hex.AsSpan(192, 64)), SqliteNative.Ok);
                Check(_handle, SqliteNative.sqlite3_step(stmt), SqliteNative.Done);
                _ = SqliteNative.sqlite3_reset(stmt); // returns the last step's code, already checked
                _sequence = row.Sequence;
                _hash = row.Hex;
            }
        }

        public void Dispose() => _insert.Dispose();
    }

    // Suspensions of the affected clocks, by the clock's rowid, in order.
    private static Dictionary<long, IReadOnlyList<Suspension>> ReadSuspensions(AppDbContext db, sqlite3 handle, string clocks, string idColumn, string filter)
    {
        var type = db.Model.FindEntityType(typeof(ClockSuspension))!;
        string Col(string property) => type.FindProperty(property)!.GetColumnName();
        // From the suspensions (few) to their clocks by primary key: CROSS JOIN keeps SQLite from scanning the clocks.
        var sql = $"SELECT c.rowid, s.\"{Col(nameof(ClockSuspension.From))}\", s.\"{Col(nameof(ClockSuspension.To))}\", s.{Col(nameof(ClockSuspension.Kind))}, "
            + $"s.{Col(nameof(ClockSuspension.Reason))} FROM {type.GetTableName()} s CROSS JOIN {clocks} c "
            + $"ON c.{idColumn} = s.{Col(nameof(ClockSuspension.ClockId))} WHERE {filter} ORDER BY c.rowid, s.{Col(nameof(ClockSuspension.Number))}";
        var result = new Dictionary<long, IReadOnlyList<Suspension>>();
        using var statement = Prepare(handle, sql);
        var select = statement.DangerousGetHandle();
        int rc;
        while ((rc = SqliteNative.sqlite3_step(select)) == SqliteNative.Row)
        {
            var rowId = SqliteNative.sqlite3_column_int64(select, 0);
            var from = Date(SqliteNative.ColumnBytes(select, 1));
            DateOnly? to = SqliteNative.sqlite3_column_type(select, 2) == SqliteNative.Null ? null : Date(SqliteNative.ColumnBytes(select, 2));
            var kind = ClockLabels.ParseSuspension(Text(select, 3)) ?? SuspensionKind.CaseSuspended;
            string? reason = SqliteNative.sqlite3_column_type(select, 4) == SqliteNative.Null ? null : Text(select, 4);
            if (!result.TryGetValue(rowId, out var list))
            {
                result[rowId] = list = new List<Suspension>();
            }

            // As ClockSuspension.ToSuspension: an open suspension counts as its first day only.
            ((List<Suspension>)list).Add(new Suspension(from, to ?? from, kind, reason));
        }

        Check(handle, rc, raw.SQLITE_DONE);
        return result;
    }

    /// <summary>
    /// The values EF would store for the constant columns of the audit entries, and the stored forms of booleans and
    /// dates, obtained by binding EF's own parameters (type mappings, converters) and selecting them back. Null when a
    /// form differs from the one this path writes (the caller then takes the generic path).
    /// </summary>
    private static async Task<StoredForms?> StoredFormsAsync(AppDbContext db, SqliteConnection connection, DateTime nowUtc, CancellationToken ct)
    {
        var entryType = db.Model.FindEntityType(typeof(AuditEntry))!;
        var clockType = db.Model.FindEntityType(typeof(Clock))!;
        var actor = db.Actor;
        var probe = new (IProperty Property, object? Value)[]
        {
            (entryType.FindProperty(nameof(AuditEntry.AtUtc))!, AuditChain.Truncate(nowUtc)),
            (entryType.FindProperty(nameof(AuditEntry.ActorId))!, actor.UserId?.ToString()),
            (entryType.FindProperty(nameof(AuditEntry.ActorName))!, actor.Name),
            (entryType.FindProperty(nameof(AuditEntry.OrgId))!, actor.OrgId),
            (entryType.FindProperty(nameof(AuditEntry.Action))!, "updated"),
            (entryType.FindProperty(nameof(AuditEntry.EntityType))!, nameof(Clock)),
            (clockType.FindProperty(nameof(Clock.Provisional))!, true),
            (clockType.FindProperty(nameof(Clock.Provisional))!, false),
            (clockType.FindProperty(nameof(Clock.DueDate))!, new DateOnly(2027, 1, 4)),
        };
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "SELECT " + string.Join(", ", probe.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < probe.Length; i++)
        {
            var (p, value) = probe[i];
            var mapping = p.GetRelationalTypeMapping();
            var provider = mapping.Converter is { } c && value is not null ? c.ConvertToProvider(value) : value;
            cmd.Parameters.Add(mapping.CreateParameter(cmd, "@p" + i.ToString(CultureInfo.InvariantCulture), provider, p.IsNullable));
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var values = Enumerable.Range(0, probe.Length).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray();
        if (values[6] is not long t || values[7] is not long f || values[8] is not "2027-01-04"
            || values[..6].Any(v => v is not (null or string or long)))
        {
            return null;
        }

        return new StoredForms(values[..6], t, f, AuditChain.FormatTime(AuditChain.Truncate(nowUtc)));
    }

    private static void Bind(sqlite3_stmt stmt, int index, object? value)
    {
        switch (value)
        {
            case null:
                raw.sqlite3_bind_null(stmt, index);
                break;
            case long l:
                raw.sqlite3_bind_int64(stmt, index, l);
                break;
            default:
                raw.sqlite3_bind_text(stmt, index, (string)value);
                break;
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
    {
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var stmt), raw.SQLITE_OK);
        return stmt;
    }

    private static void Exec(sqlite3 handle, string sql)
    {
        using var stmt = Prepare(handle, sql);
        int rc;
        while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
        {
        }

        Check(handle, rc, raw.SQLITE_DONE);
    }

    private static long Scalar(sqlite3 handle, string sql)
    {
        using var stmt = Prepare(handle, sql);
        Check(handle, raw.sqlite3_step(stmt), raw.SQLITE_ROW);
        return raw.sqlite3_column_int64(stmt, 0);
    }

    private static void Check(sqlite3 handle, int rc, int expected)
    {
        if (rc != expected)
        {
            throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc);
        }
    }

    private static string Text(IntPtr stmt, int column) => Encoding.UTF8.GetString(SqliteNative.ColumnBytes(stmt, column));

    // As Microsoft.Data.Sqlite reads a Guid: text (any case), or 16 bytes.
    private static Guid GuidOf(IntPtr stmt, int column)
    {
        var bytes = SqliteNative.ColumnBytes(stmt, column);
        return SqliteNative.sqlite3_column_type(stmt, column) == SqliteNative.Blob ? new Guid(bytes)
            : Utf8Parser.TryParse(bytes, out Guid id, out var used, 'D') && used == bytes.Length ? id
            : Guid.Parse(Encoding.UTF8.GetString(bytes));
    }

    private static DateOnly Date(ReadOnlySpan<byte> text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
        {
            static int Digits(ReadOnlySpan<byte> s)
            {
                var n = 0;
                foreach (var b in s)
                {
                    if (b is < (byte)'0' or > (byte)'9')
                    {
                        return -1;
                    }

                    n = (n * 10) + (b - '0');
                }

                return n;
            }

            var (y, m, d) = (Digits(text[..4]), Digits(text.Slice(5, 2)), Digits(text.Slice(8, 2)));
            if (y > 0 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                return new DateOnly(y, m, d);
            }
        }

        return DateOnly.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture);
    }

    /// <summary>The number of clocks due from <paramref name="from"/> that are running or suspended (counted in the
    /// (status, due date) index without touching the table), and the table's largest rowid.</summary>
    private static (long Candidates, long MaxRowId) Candidates(sqlite3 handle, string table, Func<string, string> col, DateOnly from) =>
        (Scalar(handle, $"SELECT count(*) FROM {table} WHERE {OpenAndDue(col, from)}"), Scalar(handle, $"SELECT coalesce(max(rowid), 0) FROM {table}"));

    /// <summary>The rowids of those clocks, from the index alone, sorted.</summary>
    private static long[] CandidateRowIds(sqlite3 handle, string table, Func<string, string> col, DateOnly from)
    {
        var ids = new List<long>();
        using var select = Prepare(handle, $"SELECT rowid FROM {table} WHERE {OpenAndDue(col, from)}");
        int rc;
        while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
        {
            ids.Add(raw.sqlite3_column_int64(select, 0));
        }

        Check(handle, rc, raw.SQLITE_DONE);
        var result = ids.ToArray();
        Array.Sort(result);
        return result;
    }

    private static string OpenAndDue(Func<string, string> col, DateOnly from) =>
        $"{col(nameof(Clock.Status))} IN ('{ClockStatus.Running.Code()}', '{ClockStatus.Suspended.Code()}') AND {col(nameof(Clock.DueDate))} >= '{Iso(from)}'";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void IsoUtf8(DateOnly d, Span<byte> output) => d.TryFormat(output, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A changed clock: its stored values, its new result and, once the pipeline has seen it, its audit entry.</summary>
    private sealed class Row
    {
        public long RowId { get; init; }
        public Guid Id { get; init; }
        public Guid OrgId { get; init; }
        public string CaseType { get; init; } = "";
        public string CaseId { get; init; } = "";
        public Guid? HandlerUserId { get; init; }
        public string RuleId { get; init; } = "";
        public string LawVersion { get; init; } = "";
        public DateOnly StartDate { get; init; }
        public int ExtendedDays { get; init; }
        public string CalendarVersion { get; init; } = "";
        public DateOnly DueDate { get; init; }
        public bool Provisional { get; init; }
        public string StatusCode { get; init; } = "";
        public ClockStatus Status => ClockStatuses.FromCode(StatusCode);
        public DateOnly? StoppedOn { get; init; }
        public DateTime OpenedAtUtc { get; init; }
        public DateOnly NewDue { get; init; }
        public bool NewProvisional { get; init; }

        /// <summary>Changed fields of the audit entry.</summary>
        public string Fields { get; set; } = "";

        /// <summary>Sequence of the audit entry.</summary>
        public long Sequence { get; set; }

        /// <summary>Before digest, after digest, previous hash, hash: 64 hex digits each.</summary>
        public byte[] Hex { get; } = new byte[256];
    }

    private sealed record StoredForms(object?[] EntryConstants, long True, long False, string AtText);

    /// <summary>The second thread: digests and chained hashes of the changed clocks, in the order they are posted.</summary>
    private sealed class AuditPipeline : IDisposable
    {
        private static readonly string[] StatusNames = [.. Enum.GetValues<ClockStatus>().Select(s => s.ToString())];
        private readonly BlockingCollection<List<Row>> _in = new(boundedCapacity: 16);
        private readonly BlockingCollection<List<Row>> _out = new();
        private readonly Task _worker;
        private readonly AuditHasher _hasher = new();
        private readonly StoredForms _stored;
        private readonly AuditActor _actor;
        private readonly string _version;
        private readonly byte[] _previous;
        private long _sequence;

        public AuditPipeline(AuditHead? head, StoredForms stored, AuditActor actor, string version)
        {
            _stored = stored;
            _actor = actor;
            _version = version;
            _sequence = head?.LastSequence ?? 0;
            _previous = Encoding.ASCII.GetBytes(head?.LastHash ?? AuditChain.GenesisHash);
            _worker = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>Rows whose entries come next in the chain.</summary>
        public void Post(List<Row> batch)
        {
            try
            {
                _in.Add(batch);
            }
            catch (InvalidOperationException)
            {
                // The worker failed and closed its input: its error is the one to report.
                _worker.GetAwaiter().GetResult();
                throw;
            }
        }

        /// <summary>No more rows.</summary>
        public void Complete() => _in.CompleteAdding();

        /// <summary>A batch whose entries are computed, when one is ready.</summary>
        public bool TryTake(out List<Row> batch) => _out.TryTake(out batch!);

        /// <summary>The remaining batches, in order, as they are computed; rethrows the worker's failure.</summary>
        public IEnumerable<List<Row>> Rest(CancellationToken ct)
        {
            foreach (var batch in _out.GetConsumingEnumerable(ct))
            {
                yield return batch;
            }

            _worker.GetAwaiter().GetResult();
        }

        public void Dispose()
        {
            if (!_in.IsAddingCompleted)
            {
                _in.CompleteAdding();
            }

            try
            {
                _worker.Wait();
            }
            catch (AggregateException)
            {
                // Already reported through Rest, or the run is failing for another reason.
            }

            _hasher.Dispose();
            _in.Dispose();
            _out.Dispose();
        }

        private void Work()
        {
            try
            {
                Span<char> id = stackalloc char[36];
                var orgId = _actor.OrgId?.ToString();
                var actorId = _actor.UserId?.ToString();
                foreach (var batch in _in.GetConsumingEnumerable())
                {
                    foreach (var row in batch)
                    {
                        Digest(row, row.DueDate, row.Provisional, row.CalendarVersion, row.Hex.AsSpan(0, 64));
                        Digest(row, row.NewDue, row.NewProvisional, _version, row.Hex.AsSpan(64, 64));
                        row.Fields = Fields(row.CalendarVersion != _version, row.DueDate != row.NewDue, row.Provisional != row.NewProvisional);
                        row.Sequence = ++_sequence;
                        _previous.CopyTo(row.Hex.AsSpan(128, 64));
                        row.Id.TryFormat(id, out _);
                        _hasher.EntryHash(row.Sequence, _stored.AtText, actorId, _actor.Name, orgId, "updated", nameof(Clock), id, row.Fields,
                            row.Hex.AsSpan(0, 64), row.Hex.AsSpan(64, 64), _previous, row.Hex.AsSpan(192, 64));
                        row.Hex.AsSpan(192, 64).CopyTo(_previous);
                    }

                    _out.Add(batch);
                }
            }
            finally
            {
                _in.CompleteAdding();
                _out.CompleteAdding();
            }
        }

        // Names of the changed properties in ordinal order, as AuditBatch's callers list them.
        private static string Fields(bool version, bool due, bool provisional) => (version, due, provisional) switch
        {
            (true, true, true) => "CalendarVersion,DueDate,Provisional",
            (true, true, false) => "CalendarVersion,DueDate",
            (true, false, true) => "CalendarVersion,Provisional",
            (true, false, false) => "CalendarVersion",
            (false, true, true) => "DueDate,Provisional",
            (false, true, false) => "DueDate",
            (false, false, true) => "Provisional",
            _ => "",
        };

        private void Digest(Row row, DateOnly due, bool provisional, string version, Span<byte> hex)
        {
            var h = _hasher;
            h.BeginObject();
            h.Property(Keys[0], version);
            h.Property(Keys[1], row.CaseId);
            h.Property(Keys[2], row.CaseType);
            h.Property<DateOnly>(Keys[3], due);
            h.Property<int>(Keys[4], row.ExtendedDays);
            h.Property(Keys[5], row.HandlerUserId);
            h.Property<Guid>(Keys[6], row.Id);
            h.Property(Keys[7], row.LawVersion);
            h.Property(Keys[8], row.OpenedAtUtc);
            h.Property<Guid>(Keys[9], row.OrgId);
            h.Property(Keys[10], provisional);
            h.Property(Keys[11], row.RuleId);
            h.Property<DateOnly>(Keys[12], row.StartDate);
            h.Property(Keys[13], StatusNames[(int)row.Status]);
            h.Property(Keys[14], row.StoppedOn);
            h.EndObject(hex);
        }
    }

    /// <summary>Reuses the strings of repeated column values (rule ids, versions, codes) instead of decoding each.</summary>
    private sealed class Interner
    {
        private readonly List<(byte[] Bytes, string Text)> _known = [];

        public string Get(ReadOnlySpan<byte> utf8)
        {
            foreach (var (bytes, text) in _known)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    return text;
                }
            }

            var s = Encoding.UTF8.GetString(utf8);
            if (_known.Count < 64)
            {
                _known.Add((utf8.ToArray(), s));
            }

            return s;
        }
    }
}
