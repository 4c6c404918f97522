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
/// parameter objects. One thread reads the affected clocks (rowid, plain column values) and recomputes them; a second
/// computes the before/after digests and the chained hashes of the changed ones as they come (<see cref="AuditHasher"/>);
/// the first then updates the changed rows by rowid and inserts one audit entry each. Values are written in the forms
/// EF writes them (checked at start against EF's own parameters; any other form falls back to the generic path).
/// </summary>
internal static class SqliteClockRecompute
{
    private const int Batch = 512;

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
        return names.SequenceEqual(DigestKeys);
    }

    public static async Task<(int Checked, List<ClockDueChange> Changed)?> RunAsync(AppDbContext db, CalendarSnapshot calendar,
        DateOnly from, DateOnly to, bool write, DateTime nowUtc, CancellationToken ct)
    {
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

        // Random index and table pages across a large table: the default 2 MB page cache thrashes. Restored at the end.
        Exec(handle, "PRAGMA cache_size = -1048576");
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
            var changed = new List<Row>();
            var checkedCount = 0;
            try
            {
                var sql = $"SELECT rowid, {Col(nameof(Clock.RuleId))}, {Col(nameof(Clock.LawVersion))}, {Col(nameof(Clock.StartDate))}, "
                    + $"{Col(nameof(Clock.ExtendedDays))}, {Col(nameof(Clock.DueDate))}, {Col(nameof(Clock.Provisional))}, "
                    + $"{Col(nameof(Clock.Id))}, {Col(nameof(Clock.OrgId))}, {Col(nameof(Clock.CaseType))}, {Col(nameof(Clock.CaseId))}, "
                    + $"{Col(nameof(Clock.HandlerUserId))}, {Col(nameof(Clock.CalendarVersion))}, {Col(nameof(Clock.Status))}, "
                    + $"{Col(nameof(Clock.StoppedOn))}, {Col(nameof(Clock.OpenedAtUtc))} FROM {table}"
                    + $"{(ScanIsCheaper(handle, table, Col, from) ? " NOT INDEXED" : "")} WHERE {filter}";
                using var select = Prepare(handle, sql);
                var readPhase = Tracing.Phase("clocks.read-recompute");
                var strings = new Interner();

                // Without suspensions, a due date depends only on the rule, law version, start day and extension (and
                // the calendar, fixed for the run): clocks that share them share the result, computed once. Millions of
                // clocks have a few thousand such keys (rules × start days).
                var known = new Dictionary<(string Rule, string Law, DateOnly Start, int Extended), (DateOnly Due, bool Provisional)>();
                var batch = new List<Row>(Batch);
                int rc;
                while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
                {
                    checkedCount++;
                    var rowId = raw.sqlite3_column_int64(select, 0);
                    var rule = strings.Get(raw.sqlite3_column_blob(select, 1));
                    var law = strings.Get(raw.sqlite3_column_blob(select, 2));
                    var start = Date(raw.sqlite3_column_blob(select, 3));
                    var extended = raw.sqlite3_column_int(select, 4);
                    var due = Date(raw.sqlite3_column_blob(select, 5));
                    var provisional = raw.sqlite3_column_int64(select, 6) != 0;
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

                    var row = new Row
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
                        CaseType = strings.Get(raw.sqlite3_column_blob(select, 9)),
                        CaseId = Text(select, 10),
                        HandlerUserId = raw.sqlite3_column_type(select, 11) == raw.SQLITE_NULL ? null : GuidOf(select, 11),
                        CalendarVersion = strings.Get(raw.sqlite3_column_blob(select, 12)),
                        StatusCode = strings.Get(raw.sqlite3_column_blob(select, 13)),
                        StoppedOn = raw.sqlite3_column_type(select, 14) == raw.SQLITE_NULL ? null : Date(raw.sqlite3_column_blob(select, 14)),
                        OpenedAtUtc = DateTime.Parse(Text(select, 15), CultureInfo.InvariantCulture),
                        NewDue = computed.Due,
                        NewProvisional = computed.Provisional,
                    };
                    changed.Add(row);
                    if (pipeline is not null)
                    {
                        batch.Add(row);
                        if (batch.Count == Batch)
                        {
                            pipeline.Post(batch);
                            batch = new List<Row>(Batch);
                        }
                    }
                }

                Check(handle, rc, raw.SQLITE_DONE);

                // The order of the generic path, which reads through the (status, due date) index: the order of the
                // report and of the audit entries. A no-op when this path read through the index too.
                changed.Sort(static (a, b) => a.StatusCode != b.StatusCode ? string.CompareOrdinal(a.StatusCode, b.StatusCode)
                    : a.DueDate != b.DueDate ? a.DueDate.CompareTo(b.DueDate)
                    : a.RowId.CompareTo(b.RowId));
                readPhase?.Dispose();
                if (pipeline is not null)
                {
                    pipeline.Post(batch);
                    pipeline.Complete(changed);
                }

                var report = changed.Select(r => new ClockDueChange(r.Id, r.CaseType, r.CaseId, r.RuleId, r.DueDate, r.NewDue, r.Provisional, r.NewProvisional)).ToList();
                if (pipeline is null || changed.Count == 0)
                {
                    return (checkedCount, report);
                }

                ct.ThrowIfCancellationRequested();
                using (Tracing.Phase("clocks.update"))
                {
                    UpdateClocks(handle, table, Col, changed, stored, calendar.Version);
                }

                (long Sequence, string Hash) last;
                using (Tracing.Phase("clocks.insert-audit"))
                {
                    last = InsertEntries(db, handle, pipeline, stored, ct);
                }

                if (head is null)
                {
                    await db.Database.ExecuteSqlAsync($"INSERT INTO audit_head (id, last_sequence, last_hash) VALUES (1, {last.Sequence}, {last.Hash})", ct);
                }
                else
                {
                    await db.Database.ExecuteSqlAsync($"UPDATE audit_head SET last_sequence = {last.Sequence}, last_hash = {last.Hash} WHERE id = 1", ct);
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

    private static void UpdateClocks(sqlite3 handle, string table, Func<string, string> col, List<Row> changed, StoredForms stored, string version)
    {
        // Two statements: SQLite maintains every index holding a column named in SET, even when its value is the same,
        // and the due date sits in two indexes. Clocks whose due date stays (only the provisional flag changes: a newly
        // published year) are updated without touching those indexes.
        using var update = Prepare(handle, $"UPDATE {table} SET {col(nameof(Clock.DueDate))} = ?1, {col(nameof(Clock.Provisional))} = ?2, "
            + $"{col(nameof(Clock.CalendarVersion))} = ?3 WHERE rowid = ?4");
        using var flag = Prepare(handle, $"UPDATE {table} SET {col(nameof(Clock.Provisional))} = ?2, "
            + $"{col(nameof(Clock.CalendarVersion))} = ?3 WHERE rowid = ?4");
        raw.sqlite3_bind_text(update, 3, version);
        raw.sqlite3_bind_text(flag, 3, version);
        Span<byte> date = stackalloc byte[10];

        // In rowid order: the table's pages are visited once, in order.
        foreach (var row in changed.OrderBy(r => r.RowId))
        {
            var stmt = flag;
            if (row.NewDue != row.DueDate)
            {
                stmt = update;
                IsoUtf8(row.NewDue, date);
                raw.sqlite3_bind_text(update, 1, date);
            }

            raw.sqlite3_bind_int64(stmt, 2, row.NewProvisional ? stored.True : stored.False);
            raw.sqlite3_bind_int64(stmt, 4, row.RowId);
            Check(handle, raw.sqlite3_step(stmt), raw.SQLITE_DONE);
            if (raw.sqlite3_changes(handle) != 1)
            {
                throw new InvalidOperationException($"Clock {row.Id} was not updated.");
            }

            raw.sqlite3_reset(stmt);
        }
    }

    private static (long Sequence, string Hash) InsertEntries(AppDbContext db, sqlite3 handle, AuditPipeline pipeline, StoredForms stored, CancellationToken ct)
    {
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
        using var insert = Prepare(handle, $"INSERT INTO {type.GetTableName()} ({string.Join(", ", columns)}) VALUES "
            + $"({string.Join(", ", Enumerable.Range(1, columns.Length).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))})");
        for (var i = 0; i < stored.EntryConstants.Length; i++)
        {
            Bind(insert, i + 2, stored.EntryConstants[i]);
        }

        Span<byte> entityId = stackalloc byte[36];
        long sequence = 0;
        byte[]? hash = null;
        foreach (var batch in pipeline.Results(ct))
        {
            foreach (var row in batch)
            {
                row.Id.TryFormat(entityId, out _);
                raw.sqlite3_bind_int64(insert, 1, row.Sequence);
                raw.sqlite3_bind_text(insert, 8, entityId);
                raw.sqlite3_bind_text(insert, 9, row.Fields);
                raw.sqlite3_bind_text(insert, 10, row.Hex.AsSpan(0, 64));
                raw.sqlite3_bind_text(insert, 11, row.Hex.AsSpan(64, 64));
                raw.sqlite3_bind_text(insert, 12, row.Hex.AsSpan(128, 64));
                raw.sqlite3_bind_text(insert, 13, row.Hex.AsSpan(192, 64));
                Check(handle, raw.sqlite3_step(insert), raw.SQLITE_DONE);
                raw.sqlite3_reset(insert);
                sequence = row.Sequence;
                hash = row.Hex;
            }
        }

        return (sequence, Encoding.ASCII.GetString(hash!, 192, 64));
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
        using var select = Prepare(handle, sql);
        int rc;
        while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
        {
            var rowId = raw.sqlite3_column_int64(select, 0);
            var from = Date(raw.sqlite3_column_blob(select, 1));
            DateOnly? to = raw.sqlite3_column_type(select, 2) == raw.SQLITE_NULL ? null : Date(raw.sqlite3_column_blob(select, 2));
            var kind = ClockLabels.ParseSuspension(Text(select, 3)) ?? SuspensionKind.CaseSuspended;
            string? reason = raw.sqlite3_column_type(select, 4) == raw.SQLITE_NULL ? null : Text(select, 4);
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

    private static string Text(sqlite3_stmt stmt, int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(stmt, column));

    // As Microsoft.Data.Sqlite reads a Guid: text (any case), or 16 bytes.
    private static Guid GuidOf(sqlite3_stmt stmt, int column)
    {
        var bytes = raw.sqlite3_column_blob(stmt, column);
        return raw.sqlite3_column_type(stmt, column) == raw.SQLITE_BLOB ? new Guid(bytes)
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

    /// <summary>
    /// Whether reading the whole table in rowid order beats the (status, due date) index for the clocks due from
    /// <paramref name="from"/>: when they are more than a quarter of the table, random lookups of each row through the
    /// index cost more than a sequential scan. The index scan counts the candidates without touching the table.
    /// </summary>
    private static bool ScanIsCheaper(sqlite3 handle, string table, Func<string, string> col, DateOnly from)
    {
        var candidates = Scalar(handle, $"SELECT count(*) FROM {table} WHERE {col(nameof(Clock.Status))} IN "
            + $"('{ClockStatus.Running.Code()}', '{ClockStatus.Suspended.Code()}') AND {col(nameof(Clock.DueDate))} >= '{Iso(from)}'");
        var rows = Scalar(handle, $"SELECT coalesce(max(rowid), 0) FROM {table}");
        return candidates * 4 > rows;
    }

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

    /// <summary>The second thread: digests and chained hashes of the changed clocks, in order.</summary>
    private sealed class AuditPipeline : IDisposable
    {
        private static readonly string[] StatusNames = [.. Enum.GetValues<ClockStatus>().Select(s => s.ToString())];
        private readonly BlockingCollection<List<Row>> _in = new(boundedCapacity: 64);
        private readonly BlockingCollection<List<Row>> _out = new();
        private readonly TaskCompletionSource<List<Row>> _ordered = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

        public void Post(List<Row> batch) => _in.Add(batch);

        /// <summary>No more rows to digest; <paramref name="ordered"/> (the same rows) is the order of the entries.</summary>
        public void Complete(List<Row> ordered)
        {
            _in.CompleteAdding();
            _ordered.SetResult(ordered);
        }

        /// <summary>Batches whose entries are computed, in order; rethrows the worker's failure.</summary>
        public IEnumerable<List<Row>> Results(CancellationToken ct)
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

            _ordered.TrySetResult([]);

            try
            {
                _worker.Wait();
            }
            catch (AggregateException)
            {
                // Already reported through Results, or the run is failing for another reason.
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

                // Digests as the rows come (their order does not matter), then the chain in the entries' order.
                foreach (var batch in _in.GetConsumingEnumerable())
                {
                    foreach (var row in batch)
                    {
                        Digest(row, row.DueDate, row.Provisional, row.CalendarVersion, row.Hex.AsSpan(0, 64));
                        Digest(row, row.NewDue, row.NewProvisional, _version, row.Hex.AsSpan(64, 64));
                        row.Fields = Fields(row.CalendarVersion != _version, row.DueDate != row.NewDue, row.Provisional != row.NewProvisional);
                    }
                }

                var ordered = _ordered.Task.GetAwaiter().GetResult();
                for (var start = 0; start < ordered.Count; start += Batch)
                {
                    var chunk = ordered.GetRange(start, Math.Min(Batch, ordered.Count - start));
                    foreach (var row in chunk)
                    {
                        row.Sequence = ++_sequence;
                        _previous.CopyTo(row.Hex.AsSpan(128, 64));
                        row.Id.TryFormat(id, out _);
                        _hasher.EntryHash(row.Sequence, _stored.AtText, actorId, _actor.Name, orgId, "updated", nameof(Clock), id, row.Fields,
                            row.Hex.AsSpan(0, 64), row.Hex.AsSpan(64, 64), _previous, row.Hex.AsSpan(192, 64));
                        row.Hex.AsSpan(192, 64).CopyTo(_previous);
                    }

                    _out.Add(chunk);
                }
            }
            finally
            {
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
