using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fazhi.Core.Cases;

/// <summary>File formats of case imports and exports.</summary>
public enum CaseFileFormat
{
    /// <summary>JSON Lines: one case per line (.jsonl).</summary>
    JsonLines,

    /// <summary>CSV ledger with Chinese headers (.csv).</summary>
    Csv,

    /// <summary>Excel ledger with Chinese headers (.xlsx).</summary>
    Xlsx,
}

/// <summary>Format detection by file name.</summary>
public static class CaseFileFormats
{
    /// <summary>The format of a file name: .jsonl/.ndjson, .csv, .xlsx.</summary>
    public static bool TryFromFileName(string? fileName, out CaseFileFormat format)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        format = ext switch
        {
            ".csv" => CaseFileFormat.Csv,
            ".xlsx" => CaseFileFormat.Xlsx,
            _ => CaseFileFormat.JsonLines,
        };
        return ext is ".jsonl" or ".ndjson" or ".csv" or ".xlsx";
    }
}

/// <summary>How to run an import.</summary>
/// <param name="DryRun">Validate and report only; write nothing.</param>
/// <param name="Partial">Write the good rows even when some rows are bad (default: all or nothing).</param>
/// <param name="SourceName">The file name, noted on each imported case (its import note).</param>
/// <param name="ExclusiveDatabase">The caller serves no other requests (the command line): on SQLite, a large import
/// may then write through the rollback journal when no other connection has the database open (ADR 0016).</param>
public sealed record CaseImportOptions(bool DryRun = false, bool Partial = false, string? SourceName = null, bool ExclusiveDatabase = false);

/// <summary>The outcome of a case import.</summary>
/// <param name="RowsRead">Data rows read (blank lines not counted).</param>
/// <param name="Valid">New rows without errors (what was, or would be, created).</param>
/// <param name="Created">Cases written (0 unless <paramref name="Committed"/>).</param>
/// <param name="Skipped">Rows whose case number already exists in the org (已存在): left unchanged.</param>
/// <param name="Committed">True when the rows were written.</param>
/// <param name="Errors">Every bad row with its line and reason (line 0: the file itself).</param>
public sealed record CaseImportReport(int RowsRead, int Valid, int Created, int Skipped, bool Committed, IReadOnlyList<RowError> Errors)
{
    /// <summary>True when no row had an error.</summary>
    public bool Ok => Errors.Count == 0;
}

/// <summary>Which cases to export.</summary>
/// <param name="OrgCode">The handling org; its whole subtree is exported.</param>
/// <param name="Year">Only cases received (reconsideration) or filed (litigation) in this year.</param>
public sealed record CaseExportFilter(string OrgCode, int? Year = null);

/// <summary>A row of an import file, as both lines of work share it: the handling org and the case number.</summary>
internal interface ICaseImportRecord
{
    string? Org { get; }

    string? CaseNumber { get; }
}

/// <summary>A validated row ready to write.</summary>
internal interface IPreparedCase
{
    Guid OrgId { get; }

    string CaseNumber { get; }
}

/// <summary>The orgs an import resolves codes against: all orgs by code and name, and the ids in the caller's scope.</summary>
internal sealed class CaseImportOrgs
{
    private readonly Dictionary<string, (Guid Id, string Name)> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _names = [];
    private HashSet<Guid>? _scope;

    public static async Task<CaseImportOrgs> LoadAsync(AppDbContext db, OrgScope scope, CancellationToken ct)
    {
        var result = new CaseImportOrgs();
        foreach (var o in await db.Orgs.AsNoTracking().Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(ct))
        {
            result._byCode[o.Code] = (o.Id, o.Name);
            result._byName.TryAdd(o.Name, o.Id);
            result._names[o.Id] = o.Name;
        }

        if (scope.RootOrgId is not null)
        {
            result._scope = [.. await db.ScopeIds(scope).ToListAsync(ct)];
        }

        return result;
    }

    /// <summary>The id of an org code, or null.</summary>
    public Guid? Find(string code) => _byCode.TryGetValue(code, out var o) ? o.Id : null;

    /// <summary>The name of an org.</summary>
    public string Name(Guid id) => _names.GetValueOrDefault(id, "");

    /// <summary>True when the org is in the caller's scope.</summary>
    public bool InScope(Guid id) => _scope is null || _scope.Contains(id);

    /// <summary>An org of the tree named by code or name.</summary>
    public (Guid Id, string Name)? Named(string codeOrName) =>
        _byCode.TryGetValue(codeOrName, out var o) ? o
        : _byName.TryGetValue(codeOrName, out var id) ? (id, codeOrName)
        : null;
}

/// <summary>Parsing helpers with the Chinese messages of imports.</summary>
internal static class CaseImportText
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日",
        "M/d/yyyy H:mm:ss", "MM/dd/yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>Parses an optional date: null when blank; adds an error when not a real date or after today.</summary>
    public static DateOnly? Date(string? text, string label, DateOnly today, List<string> errors)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        // The usual form (yyyy-MM-dd) without the format list: parsing by format dominated the validation of large files.
        DateTime dt;
        if (ChineseDates.TryParseIso(t, out var iso))
        {
            dt = iso.ToDateTime(TimeOnly.MinValue);
        }
        else if (!DateTime.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out dt))
        {
            errors.Add($"{label}“{t}”不是有效日期（格式 YYYY-MM-DD）。");
            return null;
        }

        var d = DateOnly.FromDateTime(dt);
        if (d > today)
        {
            errors.Add($"{label} {ChineseDates.Iso(d)} 晚于今天。");
            return null;
        }

        return d;
    }

    /// <summary>A required text of at most <paramref name="max"/> characters.</summary>
    public static string Required(string? text, string label, int max, List<string> errors)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            errors.Add($"{label}不能为空。");
        }
        else if (t.Length > max)
        {
            errors.Add($"{label}不超过 {max} 个字符。");
        }

        return t;
    }

    /// <summary>An optional text of at most <paramref name="max"/> characters, null when blank.</summary>
    public static string? Optional(string? text, string label, int max, List<string> errors)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            return null;
        }

        if (t.Length > max)
        {
            errors.Add($"{label}不超过 {max} 个字符。");
        }

        return t;
    }

    /// <summary>An optional code of a table; adds an error naming the accepted values.</summary>
    public static TEnum? Code<TEnum>(string? text, CodeTable<TEnum> table, string label, List<string> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (table.TryParse(text, out var v))
        {
            return v;
        }

        errors.Add($"{label}“{text.Trim()}”无效，可选：{table.Hint}。");
        return null;
    }

    /// <summary>Names separated by 、，,；; or line breaks (table cells).</summary>
    public static List<string> Names(string? cell) =>
        [.. (cell ?? "").Split(['、', '，', ',', '；', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A yes/no cell: 是/否, true/false, 1/0, y/n; null when blank; adds an error otherwise.</summary>
    public static bool? YesNo(string? text, string label, List<string> errors)
    {
        var t = text?.Trim().ToLowerInvariant();
        switch (t)
        {
            case null or "":
                return null;
            case "是" or "true" or "1" or "y" or "yes":
                return true;
            case "否" or "false" or "0" or "n" or "no":
                return false;
            default:
                errors.Add($"{label}“{text}”无效，请填“是”或“否”。");
                return null;
        }
    }

    public static string Iso(DateOnly? d) => d is { } v ? ChineseDates.Iso(v) : "";
}

/// <summary>
/// The shared flow of case imports: reads JSON Lines (streamed, two passes) or a CSV/XLSX table, finds case numbers that
/// repeat within the file, loads the existing numbers of the file's orgs once, validates every row, and writes the good
/// ones in batches in one transaction — committed only when every row is good (or <see cref="CaseImportOptions.Partial"/>),
/// rolled back on a dry run. Rows whose number already exists in the org are skipped unchanged (idempotent re-import).
/// </summary>
internal abstract class CaseImporter<TRecord, TPrepared>(AppDbContext db, TimeProvider clock) : IAsyncDisposable
    where TRecord : class, ICaseImportRecord
    where TPrepared : class, IPreparedCase
{
    // Rows per chunk (validated together, written together). With one chunk waiting in the channel, about three chunks are
    // alive at a time: what each garbage collection copies and what the import keeps in memory (docs/benchmarks.md, seventh
    // pass: 1,000 rows and four waiting chunks made the collections copy about 20 MB each and pause the import 0.3 s at 100,000).
    protected const int Batch = 500;

    // Validation runs beside the writing thread: on all cores but one, so that it never takes the writer's core (SQLite
    // writes on one thread and is the bottleneck of a large import). On one core it still runs, sharing it.
    private static readonly ParallelOptions ValidationParallelism = new()
    {
        MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1),
    };

    protected AppDbContext Db => db;

    protected DateOnly Today { get; private set; }

    protected DateTime NowUtc { get; private set; }

    protected CaseImportOrgs Orgs { get; private set; } = null!;

    protected CalendarSnapshot Snapshot { get; private set; } = null!;

    protected CaseImportOptions Options { get; private set; } = new();

    protected abstract JsonTypeInfo<TRecord> JsonType { get; }

    protected abstract IReadOnlyList<string> RequiredHeaders { get; }

    /// <summary>Org ids and numbers of the existing cases of some orgs.</summary>
    protected abstract Task<List<(Guid OrgId, string Number)>> ExistingAsync(Guid[] orgIds, CancellationToken ct);

    protected abstract TRecord FromTable(TableRow row);

    /// <summary>Validates a row (adding Chinese messages to <paramref name="errors"/>) and builds what to write. Called in
    /// parallel: reads only the loaded orgs, options and calendar, never the context.</summary>
    protected abstract TPrepared? Prepare(TRecord record, int line, List<string> errors);

    /// <summary>Called on the preparing thread with the rows of a chunk that will be written, in the order of the writes,
    /// before they reach <see cref="WriteAsync"/>: the place to digest them together (<see cref="Audit.AuditBatch.DigestMany"/>)
    /// and chain their audit entries (<see cref="Audit.AuditBatch.NextCreated"/>).</summary>
    protected virtual void Chain(IReadOnlyList<TPrepared> rows)
    {
    }

    /// <summary>Writes a batch (the transaction is open).</summary>
    protected abstract Task WriteAsync(IReadOnlyList<TPrepared> batch, CancellationToken ct);

    /// <summary>Flushes writers and appends the audit head (the transaction is open).</summary>
    protected abstract Task CompleteAsync(CancellationToken ct);

    /// <summary>Opens writers (the transaction is open).</summary>
    protected abstract Task BeginAsync(CancellationToken ct);

    /// <summary>Entity types whose tables get one row or more per imported case: on SQLite, their secondary indexes are
    /// built after the rows when the import is at least as large as the table (see <see cref="DeferIndexesAsync"/>).</summary>
    protected virtual IReadOnlyList<Type> BulkTables => [];

    protected abstract ValueTask DisposeWritersAsync();

    /// <summary>Disposes the writers.</summary>
    public ValueTask DisposeAsync() => DisposeWritersAsync();

    /// <summary>Runs the import.</summary>
    public async Task<CaseImportReport> RunAsync(Stream content, CaseFileFormat format, CaseImportOptions options, OrgScope scope,
        ClockCalendar calendars, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scope);
        Options = options;
        Today = ChineseDates.Today(clock);
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Orgs = await CaseImportOrgs.LoadAsync(db, scope, ct);
        Snapshot = await calendars.CurrentAsync(db, ct);

        IEnumerable<(int Line, TRecord? Record, string? Error)> rows;
        Task<CaseImportKeys> keys;
        int lines;
        Stream? temp = null;
        try
        {
            if (format == CaseFileFormat.JsonLines)
            {
                var source = content;
                if (!content.CanSeek)
                {
                    temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                    await content.CopyToAsync(temp, ct);
                    temp.Position = 0;
                    source = temp;
                }

                // The size of the import (which settings it gets) from a count of line breaks; the key pass runs on
                // another thread meanwhile, while this one opens the transaction and the writers (ImportCoreAsync).
                var start = source.Position;
                lines = JsonLines.Count(source);
                source.Position = start;
                keys = Task.Run(() =>
                {
                    using (Tracing.Phase("import.keys"))
                    {
                        return KeysOfJsonLines(source);
                    }
                }, ct);
                rows = ReadJsonLinesAfter(keys, source, start);
            }
            else
            {
                var read = TableFile.Read(content, format == CaseFileFormat.Xlsx ? "import.xlsx" : "import.csv", RequiredHeaders);
                if (read.IsError)
                {
                    var message = read.Error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : read.Error.Message;
                    return new CaseImportReport(0, 0, 0, 0, false, [new RowError(0, message)]);
                }

                var list = read.Value.Select(r => (r.Line, (TRecord?)FromTable(r), (string?)null)).ToList();
                var tableKeys = new CaseImportKeys();
                foreach (var (line, r, _) in list)
                {
                    tableKeys.Add(r!.Org, r.CaseNumber, line);
                }

                keys = Task.FromResult(tableKeys);
                lines = list.Count;
                rows = list;
            }

            try
            {
                return await ImportAsync(rows, keys, lines, ct);
            }
            finally
            {
                // The stream is disposed below: the key pass must be over (it is, unless the import failed early).
                await ((Task)keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            if (temp is not null)
            {
                await temp.DisposeAsync();
            }
        }
    }

    // The second pass, once the first (the key pass, reading the same stream) is over.
    private IEnumerable<(int Line, TRecord? Record, string? Error)> ReadJsonLinesAfter(Task keys, Stream source, long start)
    {
        keys.GetAwaiter().GetResult();
        source.Position = start;
        foreach (var row in ReadJsonLines(source))
        {
            yield return row;
        }
    }

    // lines: the lines of the file (an upper bound of its rows), which decide the settings of a large import before the
    // key pass is over.
    private async Task<CaseImportReport> ImportAsync(IEnumerable<(int Line, TRecord? Record, string? Error)> rows,
        Task<CaseImportKeys> keys, int lines, CancellationToken ct)
    {
        if (Options.DryRun || !db.Database.IsSqlite())
        {
            return await ImportCoreAsync(rows, keys, lines, ct);
        }

        // The settings of the import and its transaction on one connection, held open until it is over.
        await db.Database.OpenConnectionAsync(ct);
        var left = false;
        try
        {
            left = Options.ExclusiveDatabase && lines >= BulkFrom && await SqliteWal.TryLeaveWalAsync(db, ct);
            using var journal = left ? Tracing.Phase("import.rollback-journal") : null;

            // Large imports touch many pages: the 2 MB default page cache thrashes. A bulk load builds its indexes after
            // the rows (DeferIndexesAsync), each from a scan of its table: at 1,000,000 cases a 256 MB cache re-reads the
            // case table from the file for each of its nine indexes. About 3 KB a case, at least 256 MB, at most a
            // quarter of the memory available. Per connection, and set back afterwards.
            var kib = Math.Clamp(lines * 3L, 262_144L, Math.Max(262_144L, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / 1024));
            await SetCacheAsync(kib, ct);
            return await ImportCoreAsync(rows, keys, lines, ct);
        }
        finally
        {
            await SetCacheAsync(SqliteDefaultCacheKib, CancellationToken.None);
            if (left)
            {
                await SqliteWal.ReturnToWalAsync(db);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    // The page cache of this import (SetCacheAsync), restored after index builds that lowered it.
    private long _cacheKib = SqliteDefaultCacheKib;

    private async Task SetCacheAsync(long kib, CancellationToken ct)
    {
        _cacheKib = kib;
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = $"PRAGMA cache_size = -{kib.ToString(CultureInfo.InvariantCulture)}";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static int BulkFrom => CaseImportTuning.DeferIndexesFrom.Value ?? 10_000;

    // SQLite's default page cache (cache_size = -2000), which every other connection of the application uses.
    private const long SqliteDefaultCacheKib = 2000;

    private async Task<CaseImportReport> ImportCoreAsync(IEnumerable<(int Line, TRecord? Record, string? Error)> rows,
        Task<CaseImportKeys> keysPass, int lines, CancellationToken ct)
    {
        var errors = new List<RowError>();
        int read = 0, valid = 0, skipped = 0;
        var write = !Options.DryRun;
        List<string> deferred = [];
        await using var tx = write ? await db.Database.BeginTransactionAsync(ct) : null;

        if (write)
        {
            await BeginAsync(ct);
            deferred = await DeferIndexesAsync(lines, ct);
            if (lines >= 10_000)
            {
                await CaseSearch.PrepareBulkInsertAsync(db, ct);
            }
        }

        var keys = await keysPass;
        var orgIds = keys.Orgs.Select(Orgs.Find).OfType<Guid>().Distinct().ToList();
        var existing = new HashSet<(Guid, string)>();
        var existingPhase = Tracing.Phase("import.existing");
        foreach (var chunk in orgIds.Chunk(500))
        {
            foreach (var e in await ExistingAsync(chunk, ct))
            {
                existing.Add((e.OrgId, e.Number));
            }
        }

        existingPhase?.Dispose();
        try
        {
            // A second thread parses the rows and validates them (dates, codes, clocks, digests: in parallel a chunk at a
            // time) while this one counts them and writes the good ones in file order: SQLite writes on one thread.
            var chunks = Channel.CreateBounded<(int Line, string? ParseError, TPrepared? Prepared, List<string> Messages, bool Write)[]>(
                new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
            var producerErrors = 0;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var producer = Task.Run(() =>
            {
                try
                {
                    var chunk = new List<(int Line, TRecord? Record, string? Error)>(Batch);
                    void Validate()
                    {
                        if (chunk.Count == 0)
                        {
                            return;
                        }

                        var result = new (int Line, string? ParseError, TPrepared? Prepared, List<string> Messages, bool Write)[chunk.Count];
                        using (Tracing.Phase("import.validate"))
                        {
                            Parallel.For(0, chunk.Count, ValidationParallelism, i =>
                            {
                                var (line, record, parseError) = chunk[i];
                                var messages = new List<string>(0);
                                if (parseError is not null)
                                {
                                    messages.Add(parseError);
                                    result[i] = (line, parseError, null, messages, false);
                                    return;
                                }

                                var p = Prepare(record!, line, messages);
                                if (CaseImportKeys.KeyOf(record!.Org, record.CaseNumber) is { } key && keys.Duplicates(key) is { } lines)
                                {
                                    messages.Add($"案号“{key.Item2}”在本文件中重复（第 {string.Join("、", lines)} 行）。");
                                }

                                result[i] = (line, null, p, messages, false);
                            });
                        }

                        // In file order: which rows will be written (as the writing thread decides below), and their
                        // audit entries chained here rather than on the writing thread.
                        var chained = new List<TPrepared>(result.Length);
                        for (var i = 0; i < result.Length; i++)
                        {
                            var (_, _, p, messages, _) = result[i];
                            if (messages.Count > 0 || p is null)
                            {
                                producerErrors++;
                            }
                            else if (write && !existing.Contains((p.OrgId, p.CaseNumber)) && (Options.Partial || producerErrors == 0))
                            {
                                result[i].Write = true;
                                chained.Add(p);
                            }
                        }

                        if (chained.Count > 0)
                        {
                            Chain(chained);
                        }

                        chunk.Clear();
                        if (!chunks.Writer.TryWrite(result))
                        {
                            chunks.Writer.WriteAsync(result, stop.Token).AsTask().GetAwaiter().GetResult();
                        }
                    }

                    foreach (var row in rows)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        chunk.Add(row);
                        if (chunk.Count == Batch)
                        {
                            Validate();
                        }
                    }

                    Validate();
                    chunks.Writer.Complete();
                }
                catch (Exception ex)
                {
                    chunks.Writer.Complete(ex);
                }
            }, CancellationToken.None);

            var batch = new List<TPrepared>(Batch);
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                {
                    foreach (var (line, _, p, messages, toWrite) in chunk)
                    {
                        read++;
                        if (messages.Count > 0 || p is null)
                        {
                            errors.Add(new RowError(line, messages.Count > 0 ? string.Join(" ", messages) : "本行无法导入。"));
                            continue;
                        }

                        if (existing.Contains((p.OrgId, p.CaseNumber)))
                        {
                            skipped++;
                            continue;
                        }

                        valid++;
                        if (toWrite)
                        {
                            batch.Add(p);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await WriteAsync(batch, ct);
                        batch.Clear();
                    }
                }
            }
            finally
            {
                // On a failure here the producer may wait on a full channel: stop it, then let it end.
                await stop.CancelAsync();
                await producer;
            }
            var commit = write && (Options.Partial || errors.Count == 0);
            if (commit)
            {
                using (Tracing.Phase("import.complete"))
                {
                    await RecreateIndexesAsync(deferred, keys.Lines, ct);
                    await CompleteAsync(ct);
                }

                await SqliteWal.CommitAsync(db, tx!, ct);
                using (Tracing.Phase("statistics"))
                {
                    await SqliteStatistics.OptimizeAsync(db, analyse: valid >= 1000, CancellationToken.None);
                }
            }
            else if (tx is not null)
            {
                await tx.RollbackAsync(ct);
            }

            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            return new CaseImportReport(read, valid, commit ? valid : 0, skipped, commit, errors);
        }
        finally
        {
            await DisposeWritersAsync();
        }
    }

    /// <summary>
    /// SQLite: drops the non-unique secondary indexes of <see cref="BulkTables"/> whose table holds no more rows than
    /// the import brings, and returns their definitions, to be run again (<see cref="RecreateIndexesAsync"/>) before the
    /// commit. Inserting rows in random key order into a dozen indexes costs more than sorting once to build them. The
    /// drop is part of the import's transaction: a failure or a rollback restores the indexes with the rows. Unique
    /// indexes stay (they guard the case numbers).
    /// </summary>
    private async Task<List<string>> DeferIndexesAsync(int rows, CancellationToken ct)
    {
        var definitions = new List<string>();
        if (!db.Database.IsSqlite() || rows < BulkFrom)
        {
            return definitions;
        }

        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        foreach (var type in BulkTables)
        {
            var table = db.Model.FindEntityType(type)!.GetTableName()!;
            cmd.CommandText = $"SELECT coalesce(max(rowid), 0) FROM \"{table}\"";
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > rows)
            {
                continue;
            }

            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $t AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'";
            cmd.Parameters.Clear();
            cmd.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$t", table));
            var indexes = new List<(string Name, string Sql)>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            cmd.Parameters.Clear();
            foreach (var (name, sql) in indexes)
            {
                cmd.CommandText = $"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                await cmd.ExecuteNonQueryAsync(ct);
                definitions.Add(sql);
            }
        }

        return definitions;
    }

    // Large index builds sort with one helper thread: SQLite's sorter cuts the keys into runs of the size of the page
    // cache, sorts each run on a worker thread while the writing thread reads on through the table, and merges the
    // runs. The page cache is therefore lowered to 8 MB for the builds, with spilling off so that the transaction's dirty
    // pages (the whole import) stay in memory. Measured: quicker from 250,000 rows on, no better at 150,000, slower at
    // 100,000, where an index's keys fit one run (docs/benchmarks.md, sixth pass; ADR 0017).
    private const long SortRunKib = 8192;

    private async Task RecreateIndexesAsync(List<string> definitions, int rows, CancellationToken ct)
    {
        using var phase = Tracing.Phase("import.indexes");
        var runs = definitions.Count > 0 && rows >= (CaseImportTuning.SortInRunsFrom.Value ?? 250_000);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        if (runs)
        {
            cmd.CommandText = $"PRAGMA cache_spill = OFF; PRAGMA threads = 1; PRAGMA cache_size = -{SortRunKib.ToString(CultureInfo.InvariantCulture)}";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        try
        {
            using var sorting = runs ? Tracing.Phase("import.indexes.sort-in-runs") : null;
            foreach (var sql in definitions)
            {
                await db.Database.ExecuteSqlRawAsync(sql, ct);
            }
        }
        finally
        {
            if (runs)
            {
                // The connection goes back to the pool afterwards: leave it as SQLite's defaults have it.
                cmd.CommandText = $"PRAGMA cache_spill = ON; PRAGMA threads = 0; PRAGMA cache_size = -{_cacheKib.ToString(CultureInfo.InvariantCulture)}";
                await cmd.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    // First pass: only "org" and "case_number" of each line, without building the record or copying the line. A large
    // file is cut at line breaks into parts read at once by several threads (positional reads of the one file), whose
    // keys are then added in file order; a part's line numbers follow from the lines of the parts before it.
    private static CaseImportKeys KeysOfJsonLines(Stream source)
    {
        var keys = new CaseImportKeys();
        var parts = Math.Min(Environment.ProcessorCount, 8);
        if (source is FileStream { CanSeek: true } file && parts > 1 && file.Length - file.Position >= ParallelKeysFrom)
        {
            var handle = file.SafeFileHandle;
            var bounds = new long[parts + 1];
            bounds[0] = file.Position;
            bounds[parts] = file.Length;
            for (var i = 1; i < parts; i++)
            {
                bounds[i] = Math.Max(bounds[i - 1], JsonLines.NextLineStart(handle, bounds[0] + ((bounds[parts] - bounds[0]) * i / parts), bounds[parts]));
            }

            var found = new (List<(int Line, string Org, string Number)> Keys, int Lines)[parts];
            Parallel.For(0, parts, i =>
            {
                var list = new List<(int, string, string)>();
                var scanner = new KeyScanner();
                var lines = JsonLines.ForEach(handle, bounds[i], bounds[i + 1], i == 0, (line, bytes) =>
                {
                    if (scanner.Read(bytes) is ({ } org, { } number))
                    {
                        list.Add((line, org, number));
                    }
                });
                found[i] = (list, lines);
            });

            var before = 0;
            foreach (var (list, lines) in found)
            {
                foreach (var (line, org, number) in list)
                {
                    keys.Add(org, number, before + line);
                }

                before += lines;
            }

            return keys;
        }

        var one = new KeyScanner();
        JsonLines.ForEach(source, (line, bytes) =>
        {
            var (org, number) = one.Read(bytes);
            keys.Add(org, number, line);
        });

        return keys;
    }

    // Below this size (about 15,000 lines) one thread reads the keys.
    private const long ParallelKeysFrom = 4 << 20;

    // Reads "org" and "case_number" of a line (nulls when absent or not text; a line that is not a JSON object is
    // reported by the second pass). Files name few orgs: the last org's string is reused while lines name the same org.
    private sealed class KeyScanner
    {
        private string? _lastOrg;
        private byte[] _lastOrgUtf8 = [];

        public (string? Org, string? Number) Read(ReadOnlySpan<byte> bytes)
        {
            string? org = null, number = null;
            try
            {
                var reader = new Utf8JsonReader(bytes);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return (null, null);
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isOrg = reader.ValueTextEquals("org"u8);
                    var isNumber = !isOrg && reader.ValueTextEquals("case_number"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && isOrg)
                    {
                        if (_lastOrg is null || !reader.ValueTextEquals(_lastOrgUtf8))
                        {
                            _lastOrg = reader.GetString()!;
                            _lastOrgUtf8 = Encoding.UTF8.GetBytes(_lastOrg);
                        }

                        org = _lastOrg;
                    }
                    else if (reader.TokenType == JsonTokenType.String && isNumber)
                    {
                        number = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // Reported by the second pass.
            }

            return (org, number);
        }
    }

    private IEnumerable<(int Line, TRecord? Record, string? Error)> ReadJsonLines(Stream source)
    {
        foreach (var (line, bytes) in JsonLines.Read(source))
        {
            TRecord? record = null;
            string? error = null;
            try
            {
                record = JsonSerializer.Deserialize(bytes, JsonType);
                if (record is null)
                {
                    error = "本行不是一个 JSON 对象。";
                }
            }
            catch (JsonException ex)
            {
                error = JsonLineError(ex);
            }

            yield return (line, record, error);
        }
    }

    // The serializer's own message is English; the user gets where it went wrong (the field and the byte) in Chinese.
    internal static string JsonLineError(JsonException ex)
    {
        var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? $"，在字段“{path[2..]}”处" : "";
        var at = ex.BytePositionInLine is { } b ? $"（约第 {(b + 1).ToString(CultureInfo.InvariantCulture)} 个字节{field}）" : field.Length > 0 ? $"（{field[1..]}）" : "";
        return $"本行不是有效的 JSON{at}：请检查引号、逗号和括号是否成对，文本值是否加了引号，名单是否写成数组。";
    }
}

/// <summary>
/// The (org code, case number) of every line of an import file, read before the rows are validated: which orgs the file
/// names (their existing case numbers are loaded once) and which keys occur on more than one line (every such line is
/// an error). One entry per key with its first line; lists only for the keys that repeat, and org codes shared, so that
/// a million-line file does not keep a million lists alive while it is imported.
/// </summary>
internal sealed class CaseImportKeys
{
    private readonly Dictionary<(string Org, string Number), int> _first = [];
    private readonly Dictionary<(string Org, string Number), List<int>> _repeated = [];
    private readonly Dictionary<string, string> _orgs = new(StringComparer.Ordinal);

    /// <summary>Lines with a key.</summary>
    public int Lines { get; private set; }

    /// <summary>The org codes named.</summary>
    public IEnumerable<string> Orgs => _orgs.Keys;

    /// <summary>Records the key of a line (lines without org or number are ignored).</summary>
    public void Add(string? org, string? number, int line)
    {
        if (KeyOf(org, number) is not { } key)
        {
            return;
        }

        if (_orgs.TryGetValue(key.Item1, out var shared))
        {
            key.Item1 = shared;
        }
        else
        {
            _orgs[key.Item1] = key.Item1;
        }

        Lines++;
        if (_repeated.TryGetValue(key, out var lines))
        {
            lines.Add(line);
        }
        else if (_first.TryGetValue(key, out var first))
        {
            _repeated[key] = [first, line];
        }
        else
        {
            _first[key] = line;
        }
    }

    /// <summary>The key of a line: org code and case number, trimmed; null when either is blank.</summary>
    public static (string, string)? KeyOf(string? org, string? number)
    {
        var o = org?.Trim();
        var n = number?.Trim();
        return string.IsNullOrEmpty(o) || string.IsNullOrEmpty(n) ? null : (o, n);
    }

    /// <summary>The lines of a key that occurs more than once, or null.</summary>
    public List<int>? Duplicates((string, string) key) => _repeated.GetValueOrDefault(key);
}

/// <summary>Test hooks of the import's SQLite tuning.</summary>
internal static class CaseImportTuning
{
    /// <summary>Smallest import (rows) whose tables' secondary indexes are built after the rows; 10,000 unless set.</summary>
    public static readonly AsyncLocal<int?> DeferIndexesFrom = new();

    /// <summary>Smallest import (rows) whose deferred indexes are sorted in runs on a helper thread; 250,000 unless set.</summary>
    public static readonly AsyncLocal<int?> SortInRunsFrom = new();
}

/// <summary>Splits a UTF-8 stream into non-blank lines with their 1-based line numbers (a BOM and CR are dropped).</summary>
internal static class JsonLines
{
    /// <summary>Receives one line: its number and its bytes, trimmed (valid only during the call).</summary>
    public delegate void LineAction(int line, ReadOnlySpan<byte> bytes);

    /// <summary>The lines of a stream read to its end (line breaks, plus a last line without one), blank lines included.</summary>
    public static int Count(Stream source)
    {
        var buffer = new byte[1 << 16];
        int n, count = 0;
        var last = (byte)'\n';
        while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += buffer.AsSpan(0, n).Count((byte)'\n');
            last = buffer[n - 1];
        }

        return last == '\n' ? count : count + 1;
    }

    /// <summary>Each non-blank line as its own array, lazily.</summary>
    public static IEnumerable<(int Line, byte[] Bytes)> Read(Stream source)
    {
        var splitter = new Splitter();
        var buffer = new byte[1 << 16];
        var lines = new List<(int, byte[])>();
        void Keep(int line, ReadOnlySpan<byte> bytes) => lines.Add((line, bytes.ToArray()));
        int n;
        while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            splitter.Split(buffer.AsSpan(0, n), Keep);
            foreach (var line in lines)
            {
                yield return line;
            }

            lines.Clear();
        }

        splitter.Finish(Keep);
        foreach (var line in lines)
        {
            yield return line;
        }
    }

    /// <summary>The position just after the first line break at or after <paramref name="position"/> (or
    /// <paramref name="end"/> when there is none before it): where a part of a file that starts with a whole line begins.</summary>
    public static long NextLineStart(Microsoft.Win32.SafeHandles.SafeFileHandle file, long position, long end)
    {
        var buffer = new byte[1 << 12];
        while (position < end)
        {
            var n = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - position)), position);
            if (n <= 0)
            {
                break;
            }

            var nl = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                return position + nl + 1;
            }

            position += n;
        }

        return end;
    }

    /// <summary>As <see cref="ForEach(Stream, LineAction)"/> for the bytes [from, to) of a file, read by position (so that
    /// several threads can read parts of one file), numbering the part's lines from 1; a byte order mark is dropped only
    /// when <paramref name="atStart"/>. Returns the part's lines, blank ones included.</summary>
    public static int ForEach(Microsoft.Win32.SafeHandles.SafeFileHandle file, long from, long to, bool atStart, LineAction action) =>
        Split(buffer =>
        {
            var n = from < to ? RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - from)), from) : 0;
            from += n;
            return n;
        }, atStart, action);

    /// <summary>Calls <paramref name="action"/> for each non-blank line, without copying the lines that lie within one
    /// read of the stream (the first pass of an import only looks at two fields of each line).</summary>
    public static void ForEach(Stream source, LineAction action) => Split(buffer => source.Read(buffer, 0, buffer.Length), true, action);

    // Reads blocks until read returns 0 and hands each line to action; returns the lines, blank ones included.
    private static int Split(Func<byte[], int> read, bool atStart, LineAction action)
    {
        var splitter = new Splitter(atStart);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = read(buffer)) > 0)
        {
            splitter.Split(buffer.AsSpan(0, n), action);
        }

        splitter.Finish(action);
        return splitter.Lines;
    }

    // Line splitting across reads: a line cut by the end of a read waits in a buffer for the rest.
    private sealed class Splitter(bool atStart = true)
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _pending = new();
        private int _line;
        private bool _started = !atStart;

        /// <summary>Lines so far, blank ones included.</summary>
        public int Lines => _line;

        public void Split(ReadOnlySpan<byte> block, LineAction action)
        {
            if (!_started)
            {
                _started = true;
                if (block.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    block = block[3..];
                }
            }

            while (block.Length > 0)
            {
                var nl = block.IndexOf((byte)'\n');
                if (nl < 0)
                {
                    System.Buffers.BuffersExtensions.Write(_pending, block);
                    return;
                }

                _line++;
                if (_pending.WrittenCount > 0)
                {
                    System.Buffers.BuffersExtensions.Write(_pending, block[..nl]);
                    Emit(_pending.WrittenSpan, action);
                    _pending.ResetWrittenCount();
                }
                else
                {
                    Emit(block[..nl], action);
                }

                block = block[(nl + 1)..];
            }
        }

        public void Finish(LineAction action)
        {
            if (_pending.WrittenCount > 0)
            {
                _line++;
                Emit(_pending.WrittenSpan, action);
                _pending.ResetWrittenCount();
            }
        }

        private void Emit(ReadOnlySpan<byte> bytes, LineAction action)
        {
            var trimmed = bytes.Trim(" \t\r"u8);
            if (trimmed.Length > 0)
            {
                action(_line, trimmed);
            }
        }
    }
}

/// <summary>Writes rows as CSV (UTF-8 with BOM, so that Chinese Excel opens it correctly).</summary>
internal static class CaseCsv
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await w.WriteAsync(string.Join(",", headers.Select(Csv.Escape)) + "\r\n");
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            await w.WriteAsync(string.Join(",", r.Select(Csv.Escape)) + "\r\n");
        }
    }
}

/// <summary>A column of the Excel/CSV template: its Chinese header, the JSON Lines field it carries, and how to read and
/// write it.</summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed record CaseColumn<T>(string Header, string Field, bool Required, string Help, Func<T, string?> Get, Action<T, string> Set,
    Func<string?, string?>? Display = null)
{
    /// <summary>The cell text of a record (code columns show the Chinese label).</summary>
    public string Cell(T record) => (Display is null ? Get(record) : Display(Get(record))) ?? "";
}

/// <summary>Label display of a code column.</summary>
internal static class CodeDisplay
{
    public static Func<string?, string?> Of<TEnum>(CodeTable<TEnum> table)
        where TEnum : struct, Enum =>
        v => v is not null && table.TryParse(v, out var x) ? table.Label(x) : v;
}
