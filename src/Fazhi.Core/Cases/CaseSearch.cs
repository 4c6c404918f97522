using System.Data.Common;
using System.Globalization;
using System.Text;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fazhi.Core.Cases;

/// <summary>
/// Full-text search over cases of every line of work (case number, parties, agency, request text). Each field is
/// reduced to its letters and digits, lower-cased, and written as overlapping character bigrams ("行政处罚" → "行政 政处
/// 处罚"); a query is turned into the same bigrams and matched as a phrase, so any term of two or more characters,
/// Chinese or not, is found. SQLite keeps the bigrams in an FTS5 table (the trigram tokenizer cannot match two-character
/// Chinese terms, STACK.md) that stores only its index and the case type and id, not the bigram text (contentless, with
/// <c>contentless_unindexed</c>; migration ContentlessCaseSearch); PostgreSQL in a table with a pg_trgm index. The FTS5
/// tokenizer is <c>ascii</c> (migration AsciiSearchTokenizer): the text is already split into lower-case bigrams of
/// letters and digits, so the tokenizer only has to cut at the spaces, which <c>ascii</c> does byte by byte (non-ASCII
/// bytes are part of a token) while <c>unicode61</c> decoded and classified every character and looked for diacritics to
/// remove (a third of an import's search-row time). Accented Latin letters now match only themselves. The table
/// is written by the code that creates a case (registration and imports), in the same transaction.
/// </summary>
public static class CaseSearch
{
    /// <summary>Shortest query.</summary>
    public const int MinQueryLength = 2;

    /// <summary>The bigram text of some fields.</summary>
    public static string Tokens(params string?[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var sb = new StringBuilder();
        foreach (var f in fields)
        {
            AppendBigrams(sb, f);
        }

        return sb.ToString();
    }

    /// <summary>The phrase to match for a query, or null when it has fewer than two letters or digits.</summary>
    public static string? Phrase(string? query)
    {
        var sb = new StringBuilder();
        AppendBigrams(sb, query);
        return Normalise(query).Length < MinQueryLength ? null : sb.ToString();
    }

    /// <summary>Most matches a list looks at: a query matching more cases is narrowed to the most recently registered
    /// ones (lists say so, see <see cref="ExceedsCapAsync"/>), so a very common term cannot make a page slow.</summary>
    public const int MaxMatches = 2000; // also written into the SQL below

    /// <summary>Ids of the cases of a type whose text contains the query, newest registered first, at most
    /// <see cref="MaxMatches"/> (a composable query for IN (…)).</summary>
    public static IQueryable<Guid> Matching(AppDbContext db, string caseType, string phrase)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<Guid>("SELECT case_id AS \"Value\" FROM case_search WHERE case_type = {0} AND tokens LIKE {1} LIMIT 2000", caseType, "%" + phrase + "%")
            : db.Database.SqlQueryRaw<Guid>("SELECT case_id AS \"Value\" FROM case_search WHERE case_search MATCH {0} AND case_type = {1} ORDER BY rowid DESC LIMIT 2000",
                "\"" + phrase + "\"", caseType);
    }

    /// <summary>True when more than <see cref="MaxMatches"/> cases of a type match (the list then shows the most recent).</summary>
    public static async Task<bool> ExceedsCapAsync(AppDbContext db, string caseType, string phrase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var probe = db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM case_search WHERE case_type = {0} AND tokens LIKE {1} LIMIT 2001) m", caseType, "%" + phrase + "%")
            : db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM case_search WHERE case_search MATCH {0} AND case_type = {1} LIMIT 2001)",
                "\"" + phrase + "\"", caseType);
        return (await probe.ToListAsync(ct)).Single() > MaxMatches;
    }

    /// <summary>Writes the search text of a case just created, in the context's current transaction if any. (On SQLite
    /// the case id is an unindexed column of the FTS5 table: replacing a case's row would scan the whole table, so this
    /// is for new cases only; PostgreSQL replaces a row that exists.)</summary>
    public static async Task AddAsync(AppDbContext db, string caseType, Guid caseId, string tokens, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO case_search (case_type, case_id, tokens) VALUES ({0}, {1}, {2}) ON CONFLICT (case_type, case_id) DO UPDATE SET tokens = excluded.tokens",
                [caseType, caseId, tokens], ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO case_search (tokens, case_type, case_id) VALUES ({0}, {1}, {2})", [tokens, caseType, SqliteId(caseId)], ct);
        }
    }

    /// <summary>The search row of a new case encoded for the bulk insert on SQLite (thread-safe; bulk
    /// imports encode on the threads that validate).</summary>
    internal static EncodedRow EncodeRow(string caseType, Guid caseId, string tokens) =>
        SqliteRowEncoding.Encode([caseType, caseId, tokens]);

    /// <summary>Inserts the search text of new cases with one prepared command (bulk imports; the caller owns the
    /// transaction). A row's <c>Encoded</c> (from <see cref="EncodeRow"/>, or null) is used on SQLite.</summary>
    internal static async Task InsertManyAsync(AppDbContext db, string caseType, IEnumerable<(Guid CaseId, string Tokens, EncodedRow? Encoded)> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (!BulkWrites.CommandsOnSqlite.Value
            && SqliteRawStatement.ForSql(db, "INSERT INTO case_search (case_type, case_id, tokens) VALUES (?1, ?2, ?3)", 3) is { } insert)
        {
            using (insert)
            {
                _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk search rows need the import's transaction.");
                foreach (var (id, tokens, encoded) in rows)
                {
                    insert.Execute(encoded ?? EncodeRow(caseType, id, tokens));
                }
            }

            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var pg = db.Database.IsNpgsql();
        cmd.CommandText = pg
            ? "INSERT INTO case_search (case_type, case_id, tokens) VALUES (@t, @i, @k) ON CONFLICT (case_type, case_id) DO UPDATE SET tokens = excluded.tokens"
            : "INSERT INTO case_search (case_type, case_id, tokens) VALUES (@t, @i, @k)";
        var t = Add(cmd, "@t");
        var i = Add(cmd, "@i");
        var k = Add(cmd, "@k");
        t.Value = caseType;
        foreach (var (id, tokens, _) in rows)
        {
            i.Value = pg ? id : SqliteId(id);
            k.Value = tokens;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// SQLite: when the search table is empty while cases exist, writes every case's search row again from the ledgers
    /// (number, parties, agency, act and request of reconsideration cases; number, court, cause, plaintiffs and defendants
    /// of lawsuits), in order of registration, in one transaction; returns the cases written. The table is contentless, so
    /// a migration that recreates it (AsciiSearchTokenizer) leaves it empty and the migrator calls this. No-op on
    /// PostgreSQL, whose table keeps its text.
    /// </summary>
    public static async Task<int> RebuildIfEmptyAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite()
            || await db.Database.SqlQueryRaw<int>("SELECT EXISTS (SELECT 1 FROM case_search) AS \"Value\"").SingleAsync(ct) == 1
            || (!await db.ReconsiderationCases.AnyAsync(ct) && !await db.LitigationCases.AnyAsync(ct)))
        {
            return 0;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = 0;
        (string CaseType, List<Guid> Ids, Func<Guid[], Task<Dictionary<Guid, string>>> Tokens)[] lines =
        [
            (Reconsideration.ReconsiderationCodes.CaseType,
                await db.ReconsiderationCases.AsNoTracking().OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync(ct),
                async chunk =>
                {
                    var parties = (await db.ReconsiderationParties.AsNoTracking().Where(p => chunk.Contains(p.CaseId)).OrderBy(p => p.Position)
                        .Select(p => new { p.CaseId, p.Name }).ToListAsync(ct)).ToLookup(p => p.CaseId, p => p.Name);
                    return await db.ReconsiderationCases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                        .ToDictionaryAsync(c => c.Id, c => Reconsideration.RegisterReconsiderationHandler.SearchTokens(c, parties[c.Id]), ct);
                }),
            (Litigation.LitigationCodes.CaseType,
                await db.LitigationCases.AsNoTracking().OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync(ct),
                async chunk =>
                {
                    var defendants = (await db.LitigationDefendants.AsNoTracking().Where(d => chunk.Contains(d.CaseId)).OrderBy(d => d.Position)
                        .Select(d => new { d.CaseId, d.Name }).ToListAsync(ct)).ToLookup(d => d.CaseId, d => d.Name);
                    return await db.LitigationCases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                        .ToDictionaryAsync(c => c.Id, c => Litigation.LitigationWorkflow.SearchTokens(c, defendants[c.Id]), ct);
                }),
        ];
        foreach (var (caseType, ids, tokensOf) in lines)
        {
            foreach (var chunk in ids.Chunk(1000))
            {
                var tokens = await tokensOf(chunk);
                await InsertManyAsync(db, caseType, chunk.Select(id => (id, tokens[id], (EncodedRow?)null)), ct);
                written += chunk.Length;
            }
        }

        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>
    /// Before a bulk insert on SQLite: lets FTS5 keep up to 64 MB of new terms in memory before writing a segment
    /// (the <c>hashsize</c> option, 1 MB by default), so a large import writes a few large segments instead of many
    /// small ones that must then be merged. Stored in the table's configuration (it only matters for large transactions;
    /// FTS5 flushes at every commit whatever the size). No-op on PostgreSQL.
    /// </summary>
    public static async Task PrepareBulkInsertAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO case_search (case_search, rank) VALUES ('hashsize', 67108864)", ct);
        }
    }

    private static DbParameter Add(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        cmd.Parameters.Add(p);
        return p;
    }

    // EF Core stores GUIDs in SQLite as upper-case text.
    private static string SqliteId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant();

    private static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    private static void AppendBigrams(StringBuilder sb, string? field)
    {
        var n = Normalise(field);
        if (n.Length == 0)
        {
            return;
        }

        if (n.Length == 1)
        {
            sb.Append(n).Append(' ');
            return;
        }

        for (var i = 0; i + 1 < n.Length; i++)
        {
            // Surrogate pairs (rare CJK extension characters) are kept whole.
            if (char.IsHighSurrogate(n[i]))
            {
                continue;
            }

            var len = i + 2 < n.Length && char.IsHighSurrogate(n[i + 1]) ? 3 : 2;
            sb.Append(n, i, len).Append(' ');
        }
    }
}
