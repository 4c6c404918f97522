using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Fazhi.Core.Data;

/// <summary>Applies pending migrations, turning connection failures into messages that say what to fix.</summary>
public sealed class DatabaseMigrator(AppDbContext db, DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Migrates the database; returns the names of the migrations applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
                var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                if (!string.IsNullOrEmpty(dir) && file != ":memory:")
                {
                    Directory.CreateDirectory(dir);
                }
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                // Only then: Migrate also takes the migration lock and compares the model with the last snapshot, about
                // 0.3 s that every command would otherwise pay.
                await db.Database.MigrateAsync(ct);
            }
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers work while one writer appends; the setting persists in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

                // A migration that recreated the contentless search table (AsciiSearchTokenizer) left it empty.
                if (pending.Count > 0 && await Cases.CaseSearch.RebuildIfEmptyAsync(db, ct) is > 0 and var rebuilt)
                {
                    logger.LogInformation("Wrote the search rows of {Count} cases again", rebuilt);
                }

                await SqliteStatistics.OptimizeAsync(db, analyse: false, ct);
            }

            if (pending.Count > 0)
            {
                logger.LogInformation("Applied {Count} migrations to {Database}", pending.Count, options.Describe());
            }

            return pending;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException
                                   && ex is not StartupException)
        {
            throw new StartupException(Explain(ex), ex);
        }
    }

    private string Explain(Exception ex)
    {
        var detail = (ex.InnerException ?? ex).Message;
        return options.Provider switch
        {
            DatabaseProvider.Sqlite when ex is SqliteException or IOException or UnauthorizedAccessException =>
                $"无法打开 SQLite 数据库 {options.Describe()}：{detail}。请检查文件路径和读写权限（FAZHI_DB）。",
            DatabaseProvider.Postgres =>
                $"无法连接 PostgreSQL 数据库 {options.Describe()}：{detail}。请确认数据库服务已启动，并检查 FAZHI_DB 连接字符串中的主机、端口、用户名、密码和库名。",
            _ => $"数据库迁移失败（{options.Describe()}）：{detail}",
        };
    }
}
