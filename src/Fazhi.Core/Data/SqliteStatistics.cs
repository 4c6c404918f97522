using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Data;

/// <summary>
/// Keeps SQLite's query-planner statistics (<c>sqlite_stat1</c>) current. Without them SQLite guesses from index shapes
/// alone and, for example, read every closed case through the (stage, received_on, id) list index for a county's
/// indicators instead of the (org_id, closed_on) range (measured: 2.6 s instead of under 1 s for the full indicator set
/// at 1,000,000 cases; 317 ms instead of 32 ms for one of its queries at 100,000). <c>ANALYZE</c> runs with
/// <c>analysis_limit</c> so that each index is sampled, not read whole (0.16 s at 100,000 cases); <c>PRAGMA optimize</c>
/// then re-analyses tables whose size changed a lot. Run after migrations and after bulk writes. PostgreSQL keeps its
/// own statistics (autovacuum): a no-op there.
/// </summary>
public static class SqliteStatistics
{
    /// <summary>Analyses when there are no statistics yet or <paramref name="analyse"/> is set (a large import), otherwise
    /// lets <c>PRAGMA optimize</c> decide.</summary>
    public static async Task OptimizeAsync(AppDbContext db, bool analyse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var missing = !await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'")
            .AnyAsync(n => n > 0, ct);
        await db.Database.ExecuteSqlRawAsync(analyse || missing
            ? "PRAGMA analysis_limit = 1000; ANALYZE;"
            : "PRAGMA analysis_limit = 1000; PRAGMA optimize;", ct);
    }
}
