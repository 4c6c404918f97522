using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fazhi.Migrations.Postgres;

/// <summary>Used by dotnet ef (eng/add-migration.sh) to build the model for this provider; never at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design_time").Apply(builder);
        return new AppDbContext(builder.Options, new AuditActorAccessor(), TimeProvider.System);
    }
}
