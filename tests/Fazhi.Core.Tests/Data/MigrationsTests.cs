using Fazhi.Core.Data;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Data;

/// <summary>The CI check that the active provider's migrations match the model (STYLE.md §8).</summary>
public sealed class MigrationsTests
{
    [Fact]
    public async Task Migrations_of_the_active_provider_match_the_model()
    {
        await using var core = await CoreDatabase.CreateAsync();
        await using var db = core.NewContext();

        db.Database.GetMigrations().ShouldNotBeEmpty();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "the model differs from the last migration's snapshot: add a migration for "
            + (core.IsPostgres ? "src/Fazhi.Migrations.Postgres" : "src/Fazhi.Migrations.Sqlite") + " (eng/add-migration.sh)");
    }

    [Fact]
    public async Task Migrated_schema_has_the_append_only_triggers()
    {
        await using var core = await CoreDatabase.CreateAsync();
        await using var db = core.NewContext();

        var triggers = core.IsPostgres
            ? await db.Database.SqlQueryRaw<string>("SELECT tgname AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = 'audit_entries'::regclass").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'").ToListAsync();

        triggers.Order().ShouldBe(core.IsPostgres
            ? ["audit_entries_no_change", "audit_entries_no_truncate"]
            : ["audit_entries_no_delete", "audit_entries_no_update"]);
    }

    [Fact]
    public async Task Planner_statistics_are_written_on_sqlite_and_left_to_postgres()
    {
        await using var core = await CoreDatabase.CreateAsync();
        await core.SeedDistrictAsync();
        await using var db = core.NewContext();

        // Without statistics SQLite chose list indexes for indicator queries (docs/benchmarks.md): imports and start-up
        // write them. On PostgreSQL the call does nothing (autovacuum analyses).
        await SqliteStatistics.OptimizeAsync(db, analyse: true, CancellationToken.None);
        await SqliteStatistics.OptimizeAsync(db, analyse: false, CancellationToken.None);
        if (core.IsPostgres)
        {
            return;
        }

        var tables = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT tbl AS Value FROM sqlite_stat1").ToListAsync();
        tables.ShouldContain("orgs");
        tables.ShouldContain("org_closure");
    }
}
