using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Benchmarks;

/// <summary>A SQLite file in the temp folder, migrated; contexts built like the app builds them.</summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fazhi-bench-{Guid.NewGuid():N}.db");

    public BenchDatabase()
    {
        Options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}");
        using var db = NewContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    public DatabaseOptions Options { get; }

    public AppDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Options.Apply(builder);
        return new AppDbContext(builder.Options, new AuditActorAccessor { Current = AuditActor.CommandLine }, TimeProvider.System);
    }

    /// <summary>Bulk-loads a tree (with its closure rows) by plain SQL: benchmark set-up, not a measured path.</summary>
    public List<(Guid Id, Guid? Parent, int Depth)> LoadTree(int[] fanOut)
    {
        var nodes = new List<(Guid Id, Guid? Parent, int Depth)>();
        var root = Guid.CreateVersion7();
        nodes.Add((root, null, 0));
        var level = new List<Guid> { root };
        for (var d = 0; d < fanOut.Length; d++)
        {
            var next = new List<Guid>();
            foreach (var p in level)
            {
                for (var i = 0; i < fanOut[d]; i++)
                {
                    var id = Guid.CreateVersion7();
                    nodes.Add((id, p, d + 1));
                    next.Add(id);
                }
            }

            level = next;
        }

        var parentOf = nodes.ToDictionary(n => n.Id, n => n.Parent);
        using var conn = new SqliteConnection(Options.ConnectionString);
        conn.Open();
        using var tx = conn.BeginTransaction();
        using var org = conn.CreateCommand();
        org.CommandText = "INSERT INTO orgs (id, code, name, type, parent_id, region_id, depth, created_at_utc) VALUES ($id, $code, $name, 'department', $parent, NULL, $depth, '2026-01-01 00:00:00')";
        var pid = org.Parameters.Add("$id", SqliteType.Text);
        var pcode = org.Parameters.Add("$code", SqliteType.Text);
        var pname = org.Parameters.Add("$name", SqliteType.Text);
        var pparent = org.Parameters.Add("$parent", SqliteType.Text);
        var pdepth = org.Parameters.Add("$depth", SqliteType.Integer);
        using var clo = conn.CreateCommand();
        clo.CommandText = "INSERT INTO org_closure (ancestor_id, descendant_id, distance) VALUES ($a, $d, $n)";
        var ca = clo.Parameters.Add("$a", SqliteType.Text);
        var cd = clo.Parameters.Add("$d", SqliteType.Text);
        var cn = clo.Parameters.Add("$n", SqliteType.Integer);
        var i2 = 0;
        foreach (var (id, parent, depth) in nodes)
        {
            pid.Value = id.ToString().ToUpperInvariant();
            pcode.Value = $"B{i2++}";
            pname.Value = $"单位{i2}";
            pparent.Value = parent is null ? DBNull.Value : parent.Value.ToString().ToUpperInvariant();
            pdepth.Value = depth;
            org.ExecuteNonQuery();
            Guid? a = id;
            var distance = 0;
            while (a is not null)
            {
                ca.Value = a.Value.ToString().ToUpperInvariant();
                cd.Value = id.ToString().ToUpperInvariant();
                cn.Value = distance++;
                clo.ExecuteNonQuery();
                a = parentOf[a.Value];
            }
        }

        tx.Commit();
        return nodes;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("FAZHI_BENCH_KEEP_FILE") == "1")
        {
            Console.WriteLine($"// kept {_file}");
            return;
        }

        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
    }
}
