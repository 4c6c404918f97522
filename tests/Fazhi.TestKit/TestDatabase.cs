using Microsoft.Data.Sqlite;

namespace Fazhi.TestKit;

/// <summary>
/// A throwaway database for one test class: a temporary SQLite file by default, or a fresh PostgreSQL database when
/// FAZHI_TEST_PROVIDER=postgres (base connection string in FAZHI_TEST_PG, e.g. Host=127.0.0.1;Port=55432;Username=postgres).
/// eng/test.sh runs the suite once for each.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;

    public TestDatabase()
    {
        Provider = (Environment.GetEnvironmentVariable("FAZHI_TEST_PROVIDER") ?? "sqlite").ToLowerInvariant();
        if (Provider == "postgres")
        {
            var baseCs = Environment.GetEnvironmentVariable("FAZHI_TEST_PG")
                ?? throw new InvalidOperationException("FAZHI_TEST_PROVIDER=postgres needs FAZHI_TEST_PG (a connection string without Database).");
            ConnectionString = $"{baseCs.TrimEnd(';')};Database=fazhi_test_{Guid.NewGuid():N}";
        }
        else
        {
            Provider = "sqlite";
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"fazhi-test-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    /// <summary>sqlite or postgres.</summary>
    public string Provider { get; }

    /// <summary>Connection string of this test database.</summary>
    public string ConnectionString { get; }

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => Provider == "postgres";

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
        else
        {
            using var conn = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ToString());
            Npgsql.NpgsqlConnection.ClearAllPools();
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
    }
}
