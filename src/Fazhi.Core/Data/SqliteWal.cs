using System.Globalization;
using Fazhi.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fazhi.Core.Data;

/// <summary>Commit of a large transaction, with SQLite's WAL checkpoint as its own (traced) phase.</summary>
internal static class SqliteWal
{
    /// <summary>
    /// Commits; on SQLite, runs the checkpoint that the automatic checkpoint would have run inside COMMIT right after
    /// it instead, so that the two costs (writing the WAL, copying it into the database file) can be told apart. The
    /// caller still waits for both: the WAL does not stay large for the next writer to copy.
    /// </summary>
    public static async Task CommitAsync(AppDbContext db, IDbContextTransaction tx, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            using (Tracing.Phase("commit"))
            {
                await tx.CommitAsync(ct);
            }

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
        cmd.CommandText = "PRAGMA wal_autocheckpoint";
        var pages = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        cmd.CommandText = "PRAGMA wal_autocheckpoint = 0";
        await cmd.ExecuteNonQueryAsync(ct);
        try
        {
            using (Tracing.Phase("commit"))
            {
                await tx.CommitAsync(ct);
            }
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
}
