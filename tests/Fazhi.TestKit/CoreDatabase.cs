using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.TestKit;

/// <summary>
/// Core without the web host: a migrated <see cref="TestDatabase"/> (SQLite, or PostgreSQL when FAZHI_TEST_PROVIDER=postgres),
/// a manual clock and an actor, and <see cref="NewContext"/> to open <see cref="AppDbContext"/>s on it the way a request
/// scope would. Create one per test with <see cref="CreateAsync"/>; dispose it to drop the database.
/// </summary>
public sealed class CoreDatabase : IAsyncDisposable
{
    private readonly DatabaseOptions _options;

    private CoreDatabase(TestDatabase database)
    {
        Database = database;
        _options = new DatabaseOptions(
            database.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            database.ConnectionString);
    }

    /// <summary>The underlying throwaway database.</summary>
    public TestDatabase Database { get; }

    /// <summary>The clock every context of this database uses.</summary>
    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The actor to whom contexts of this database attribute changes (the command line unless a test changes it).</summary>
    public AuditActorAccessor Actor { get; } = new() { Current = AuditActor.CommandLine };

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => Database.IsPostgres;

    /// <summary>Creates the database and applies the provider's migrations.</summary>
    public static async Task<CoreDatabase> CreateAsync()
    {
        var db = new CoreDatabase(new TestDatabase());
        try
        {
            await using var context = db.NewContext();
            await context.Database.MigrateAsync();
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new context (the caller disposes it). Use a fresh one to read what another saved.</summary>
    public AppDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        _options.Apply(builder);
        return new AppDbContext(builder.Options, Actor, Clock);
    }

    /// <summary>Runs <paramref name="body"/> on a fresh context and disposes it.</summary>
    public async Task<T> WithContextAsync<T>(Func<AppDbContext, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var context = NewContext();
        return await body(context);
    }

    /// <summary>Runs <paramref name="body"/> on a fresh context and disposes it.</summary>
    public async Task WithContextAsync(Func<AppDbContext, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var context = NewContext();
        await body(context);
    }

    /// <summary>Executes raw SQL on a fresh context (to tamper with rows the way someone with database access could).</summary>
    public Task<int> ExecuteSqlAsync(string sql) =>
        WithContextAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary>Drops the append-only triggers of the audit table, as an attacker with DDL rights would before editing it.</summary>
    public Task DropAuditTriggersAsync() => ExecuteSqlAsync(IsPostgres
        ? "DROP TRIGGER audit_entries_no_change ON audit_entries; DROP TRIGGER audit_entries_no_truncate ON audit_entries;"
        : "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;");

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        return ValueTask.CompletedTask;
    }
}
