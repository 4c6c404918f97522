using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Fazhi.Core.Data;

/// <summary>Supported database providers.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded SQLite file (default).</summary>
    Sqlite,
    /// <summary>PostgreSQL server.</summary>
    Postgres,
}

/// <summary>
/// Which database to use. Read from <c>Database:Provider</c> / <c>Database:ConnectionString</c>, overridden by the
/// environment variables <c>FAZHI_DB_PROVIDER</c> and <c>FAZHI_DB</c>.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The SQLite file used when nothing is configured.</summary>
    public const string DefaultSqliteFile = "data/fazhi.db";

    /// <summary>Reads and validates the options; throws <see cref="StartupException"/> with a message saying what to fix.</summary>
    public static DatabaseOptions From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var providerText = Environment.GetEnvironmentVariable("FAZHI_DB_PROVIDER") ?? config["Database:Provider"] ?? "sqlite";
        var connection = Environment.GetEnvironmentVariable("FAZHI_DB") ?? config["Database:ConnectionString"];
        DatabaseProvider provider = providerText.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new StartupException(
                $"未知的数据库类型“{providerText}”。请把 FAZHI_DB_PROVIDER（或配置项 Database:Provider）设为 sqlite 或 postgres。"),
        };

        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            throw new StartupException(
                "使用 PostgreSQL 时必须提供连接字符串：请设置 FAZHI_DB（或配置项 Database:ConnectionString），例如 Host=127.0.0.1;Port=5432;Username=fazhi;Password=…;Database=fazhi。");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connection = string.IsNullOrWhiteSpace(connection) ? $"Data Source={DefaultSqliteFile}" : connection;
            try
            {
                var csb = new SqliteConnectionStringBuilder(connection) { DefaultTimeout = 30 };
                connection = csb.ToString();
            }
            catch (ArgumentException ex)
            {
                throw new StartupException($"SQLite 连接字符串无效：{ex.Message}。示例：Data Source=data/fazhi.db");
            }
        }

        return new DatabaseOptions(provider, connection!);
    }

    /// <summary>A description safe to print: the provider and the file or host, never a password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return $"SQLite（{new SqliteConnectionStringBuilder(ConnectionString).DataSource}）";
        }

        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL（{b.Host}:{b.Port}/{b.Database}）";
    }

    /// <summary>Configures EF Core for this provider, with its migrations assembly. Queries that include several
    /// collections (a clock with its suspensions and extensions: a handful of rows each) run as one statement, chosen
    /// explicitly so that EF does not warn about it on every first use.</summary>
    public void Apply(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Fazhi.Migrations.Sqlite")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
            _ => builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Fazhi.Migrations.Postgres")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
        };
    }
}

/// <summary>A configuration or environment problem that stops start-up; the message says what to fix (in Chinese).</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
