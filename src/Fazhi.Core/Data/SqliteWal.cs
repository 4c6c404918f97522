using System.Globalization;
using Fazhi.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fazhi.Core.Data;

/// <summary>Commit of a large transaction, with SQLite's WAL checkpoint as its own (traced) phase; the rollback journal
/// for a bulk load that has the database to itself.</summary>
internal static class SqliteWal
{
    /// <summary>
    /// Moves the database from WAL to the rollback journal when it is in WAL mode and no other connection, in this
    /// process or another, has it open (SQLite refuses the change otherwise, at once); returns whether it did. The caller
    /// has opened the context's connection and holds it until <see cref="ReturnToWalAsync"/>.
    /// </summary>
    /// <remarks>
    /// In WAL mode every page a transaction writes is written twice: into the WAL at the commit, then into the database
    /// file by the checkpoint. With the rollback journal, pages added at the end of the file are written once, and only
    /// the previous content of pages that already existed goes to the journal. A bulk import of 100,000 cases writes
    /// about 270 MB of new pages. Other connections that open the database meanwhile wait (busy timeout) while the
    /// import holds its write lock; the CLI asks for this only because it serves no one else (ADR 0016).
    /// </remarks>
    public static async Task<bool> TryLeaveWalAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return false;
        }

        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(await cmd.ExecuteScalarAsync(ct) as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Through SQLite directly: Microsoft.Data.Sqlite retries a busy statement for its whole command timeout (30 s).
        var handle = ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle!;
        if (SQLitePCL.raw.sqlite3_prepare_v2(handle, "PRAGMA journal_mode = DELETE", out var statement) != SQLitePCL.raw.SQLITE_OK)
        {
            return false;
        }

        using (statement)
        {
            // SQLITE_BUSY when another connection has the database open.
            return SQLitePCL.raw.sqlite3_step(statement) == SQLitePCL.raw.SQLITE_ROW
                && string.Equals(SQLitePCL.raw.sqlite3_column_text(statement, 0).utf8_to_string(), "delete", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Puts the database back in WAL mode after <see cref="TryLeaveWalAsync"/> (waiting, as the busy timeout allows, for a
    /// reader that opened it meanwhile). Should the change still fail, the database stays usable in rollback mode, and
    /// the next start of Fazhi sets WAL again (<see cref="DatabaseMigrator"/>).
    /// </summary>
    public static async Task ReturnToWalAsync(AppDbContext db)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL";
        await cmd.ExecuteScalarAsync(CancellationToken.None);
    }

    /// <summary>
    /// Commits; on SQLite, runs the checkpoint that the automatic checkpoint would have run inside COMMIT right after
    /// it instead, so that the two costs (writing the WAL, copying it into the database file) can be told apart. The
    /// caller still waits for both: the WAL does not stay large for the next writer to copy.
    /// </summary>
    public static async Task CommitAsync(AppDbContext db, IDbContextTransaction tx, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            await TracedCommitAsync(tx, ct);
            return;
        }

        // Held open across the commit (EF closes a connection it opened for the transaction) and the checkpoint.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await CommitAndCheckpointAsync(db, tx, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CommitAndCheckpointAsync(AppDbContext db, IDbContextTransaction tx, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(await cmd.ExecuteScalarAsync(ct) as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            // The rollback journal (TryLeaveWalAsync): the commit writes the pages into the file; nothing to copy.
            await TracedCommitAsync(tx, ct);
            return;
        }

        cmd.CommandText = "PRAGMA wal_autocheckpoint";
        var pages = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        cmd.CommandText = "PRAGMA wal_autocheckpoint = 0";
        await cmd.ExecuteNonQueryAsync(ct);
        try
        {
            await TracedCommitAsync(tx, ct);
        }
        finally
        {
            cmd.Transaction = null;
            cmd.CommandText = $"PRAGMA wal_autocheckpoint = {pages.ToString(CultureInfo.InvariantCulture)}";
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }

        if (pages > 0)
        {
            using (Tracing.Phase("checkpoint"))
            {
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static async Task TracedCommitAsync(IDbContextTransaction tx, CancellationToken ct)
    {
        using (Tracing.Phase("commit"))
        {
            await tx.CommitAsync(ct);
        }
    }
}
