using System.Globalization;
using System.Text;
using Fazhi.Core.Audit;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Import;

/// <summary>
/// On SQLite, bulk writes bind values with SQLite's C API (<see cref="SqliteRawStatement"/>) and a large import builds
/// its tables' secondary indexes after the rows. Both must leave exactly what the generic path (parameter objects,
/// indexes maintained row by row) leaves: the same values with the same storage classes, and the same schema.
/// </summary>
public sealed class ImportSqliteWritesTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"fazhi-test-{Guid.NewGuid():N}-copy.db");
    private CoreDatabase _core = null!;

    public async Task InitializeAsync() => _core = await ImportReconsiderationTests.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _copy, _copy + "-wal", _copy + "-shm" })
        {
            File.Delete(f);
        }
    }

    [Fact]
    public async Task Raw_statements_and_deferred_indexes_write_what_parameter_objects_write()
    {
        if (_core.IsPostgres)
        {
            return; // SQLite's writer; PostgreSQL writes multi-row commands.
        }

        await _core.ExecuteSqlAsync($"VACUUM INTO '{_copy}'");
        var schemaBefore = await DumpAsync(_core.Database.ConnectionString, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name");
        var lines = new StringBuilder();
        string[] stages =
        [
            "",
            ",\"accepted_on\":\"2026-03-04\",\"procedure\":\"ordinary\"",
            ",\"accepted_on\":\"2026-03-04\",\"procedure\":\"simplified\",\"closed_on\":\"2026-04-20\",\"outcome\":\"revoke\"",
            ",\"not_accepted_on\":\"2026-03-06\"",
        ];
        for (var i = 0; i < 40; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $$"""{"case_number":"复〔2026〕{{i}}号 \"引号\"","org":"yx","received_on":"2026-03-02","respondent":"{{(i % 2 == 0 ? "yx-sfj" : "某某公司")}}","matter_type":"penalty","applicants":["张三","李四{{i}}"],"request":"撤销罚款决定{{i}}"{{stages[i % 4]}}}""").Append('\n');
        }

        CaseImportTuning.DeferIndexesFrom.Value = 1;
        try
        {
            await using var db = _core.NewContext();
            var report = await new ImportReconsiderationHandler(db, new ClockCalendar(RuleCatalog.Default), _core.Clock)
                .HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())), CaseFileFormat.JsonLines, new CaseImportOptions(), OrgScope.Everything, Ct);
            report.Errors.ShouldBeEmpty();
            report.Created.ShouldBe(40);
        }
        finally
        {
            CaseImportTuning.DeferIndexesFrom.Value = null;
        }

        (await DumpAsync(_core.Database.ConnectionString, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name")).ShouldBe(schemaBefore);

        // The same entities, read back, written into the copy through parameter objects.
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_copy}").Apply(builder);
        await using (var source = _core.NewContext())
        await using (var target = new AppDbContext(builder.Options, _core.Actor, _core.Clock))
        {
            BulkWrites.CommandsOnSqlite.Value = true;
            try
            {
                await using var tx = await target.Database.BeginTransactionAsync(Ct);
                await CopyAsync(target, await source.ReconsiderationCases.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.ReconsiderationParties.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.Clocks.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(ReconsiderationCase)).ToListAsync(Ct));
                // The search table does not store its text (contentless FTS5): the terms of each row are read back from
                // the index in their order.
                await source.Database.OpenConnectionAsync(Ct);
                await source.Database.ExecuteSqlRawAsync(SearchTermsTable, Ct);
                var search = await source.Database.SqlQueryRaw<SearchRow>(
                    "SELECT s.case_id AS CaseId, (SELECT group_concat(v.term, ' ' ORDER BY v.offset) FROM temp.search_terms v WHERE v.doc = s.rowid) AS Tokens FROM case_search s ORDER BY s.rowid").ToListAsync(Ct);
                await CaseSearch.InsertManyAsync(target, ReconsiderationCodes.CaseType, search.Select(r => (r.CaseId, r.Tokens, (EncodedRow?)null)), Ct);
                await tx.CommitAsync(Ct);
            }
            finally
            {
                BulkWrites.CommandsOnSqlite.Value = false;
            }
        }

        foreach (var table in new[] { "reconsideration_cases", "reconsideration_parties", "clocks", "audit_entries", "case_search", "temp.search_terms" })
        {
            var sql = table switch
            {
                "case_search" => "SELECT rowid, case_type, case_id, tokens FROM case_search ORDER BY rowid",
                "temp.search_terms" => "SELECT term, doc, col, offset FROM temp.search_terms ORDER BY doc, offset",
                _ => $"SELECT * FROM {table} ORDER BY rowid",
            };
            var expected = await DumpAsync($"Data Source={_copy}", sql);
            var actual = await DumpAsync(_core.Database.ConnectionString, sql);
            actual.Count.ShouldBeGreaterThan(table == "reconsideration_parties" ? 40 : 39, table);
            actual.ShouldBe(expected, table);
        }
    }

    [Fact]
    public async Task Encoded_lawsuit_rows_are_what_parameter_objects_write()
    {
        if (_core.IsPostgres)
        {
            return;
        }

        await _core.ExecuteSqlAsync($"VACUUM INTO '{_copy}'");
        var lines = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            var hearing = i % 3 == 0 ? "" : $$""","hearings":[{"held_on":"2026-04-{{10 + i}}",{{(i % 2 == 0 ? "\"head_present\":true,\"head_rank\":\"deputy\",\"head_spoke\":true" : "\"head_present\":false")}},"staff_present":true},{"held_on":"2026-05-12","head_present":false,"staff_present":true}]""";
            var closed = i % 4 == 1 ? ""","closed_on":"2026-06-01","outcome":"revoke" """.TrimEnd() : "";
            var received = i % 5 == 0 ? "" : ""","complaint_received_on":"2026-03-05" """.TrimEnd();
            lines.Append(CultureInfo.InvariantCulture, $$"""{"case_number":"(2026)浙0101行初{{i}}号","org":"{{(i % 2 == 0 ? "yx" : "yx-sfj")}}","court":"云溪区人民法院","instance":"{{(i % 3 == 2 ? "second" : "first")}}","filed_on":"2026-03-02"{{received}},"cause":"行政处罚","plaintiffs":["张三","某某公司{{i}}"]{{hearing}}{{closed}}}""").Append('\n');
        }

        await using (var db = _core.NewContext())
        {
            var report = await new ImportLitigationHandler(db, new ClockCalendar(RuleCatalog.Default), _core.Clock)
                .HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())), CaseFileFormat.JsonLines, new CaseImportOptions(), OrgScope.Everything, Ct);
            report.Errors.ShouldBeEmpty();
            report.Created.ShouldBe(12);
        }

        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_copy}").Apply(builder);
        await using (var source = _core.NewContext())
        await using (var target = new AppDbContext(builder.Options, _core.Actor, _core.Clock))
        {
            BulkWrites.CommandsOnSqlite.Value = true;
            try
            {
                await using var tx = await target.Database.BeginTransactionAsync(Ct);
                await CopyAsync(target, await source.LitigationCases.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.LitigationDefendants.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.LitigationHearings.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.Clocks.AsNoTracking().ToListAsync(Ct));
                await CopyAsync(target, await source.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(LitigationCase)).ToListAsync(Ct));
                await tx.CommitAsync(Ct);
            }
            finally
            {
                BulkWrites.CommandsOnSqlite.Value = false;
            }
        }

        foreach (var table in new[] { "litigation_cases", "litigation_defendants", "litigation_hearings", "clocks", "audit_entries" })
        {
            var expected = await DumpAsync($"Data Source={_copy}", $"SELECT * FROM {table} ORDER BY rowid");
            var actual = await DumpAsync(_core.Database.ConnectionString, $"SELECT * FROM {table} ORDER BY rowid");
            actual.Count.ShouldBeGreaterThanOrEqualTo(table switch { "litigation_hearings" => 16, "clocks" => 9, _ => 12 }, table);
            actual.ShouldBe(expected, table);
        }
    }

    private const string SearchTermsTable = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, case_search, instance)";

    private sealed record SearchRow(Guid CaseId, string Tokens);

    private static async Task CopyAsync<T>(AppDbContext db, List<T> rows)
        where T : class
    {
        await using var writer = new BulkWriter<T>(db, 100);
        foreach (var row in rows)
        {
            await writer.AddAsync(row, Ct);
        }

        await writer.FlushAsync(Ct);
    }

    // Every column with its storage class (typeof), so that text and integers, upper and lower case GUIDs differ.
    private static async Task<List<string>> DumpAsync(string connectionString, string sql)
    {
        var rows = new List<string>();
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = SearchTermsTable;
        await cmd.ExecuteNonQueryAsync();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i =>
                $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "" : reader.GetFieldType(i).Name)}:{(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}")));
        }

        return rows;
    }
}
