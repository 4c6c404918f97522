using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Documents;
using Fazhi.Core.Indicators;
using Fazhi.Core.Orgs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fazhi.Core;

/// <summary>Registers Core: the database, the audit log, and each feature's handlers.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Adds Fazhi's core services. Throws <see cref="StartupException"/> on invalid database settings.</summary>
    public static IServiceCollection AddFazhiCore(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditActorAccessor>();
        services.AddDbContext<AppDbContext>(database.Apply);
        services.AddScoped<DatabaseMigrator>();
        services.AddAudit();
        services.AddOrgs();
        services.AddClocks();
        services.AddScoped<Fazhi.Core.Clocks.CreateClockReminders>();
        services.AddScoped<Fazhi.Core.Clocks.ReminderQuery>();
        services.AddScoped<Fazhi.Core.Users.UserQuery>();
        services.AddScoped<Fazhi.Core.Reconsideration.RegisterReconsiderationHandler>();
        services.AddScoped<Fazhi.Core.Reconsideration.ReconsiderationWorkflow>();
        services.AddScoped<Fazhi.Core.Litigation.LitigationWorkflow>();
        services.AddScoped<Fazhi.Core.Reconsideration.ReconsiderationQuery>();
        services.AddOfficialDocuments(configuration);
        services.AddScoped<Fazhi.Core.Reconsideration.CaseDocuments>();
        services.AddScoped<Fazhi.Core.Litigation.LitigationQuery>();
        services.AddScoped<Fazhi.Core.Reconsideration.ImportReconsiderationHandler>();
        services.AddScoped<Fazhi.Core.Litigation.ImportLitigationHandler>();
        services.AddScoped<Fazhi.Core.Reconsideration.ReconsiderationExporter>();
        services.AddScoped<Fazhi.Core.Litigation.LitigationExporter>();
        services.AddSingleton(Fazhi.Core.Cases.AttachmentOptions.From(configuration)).AddScoped<Fazhi.Core.Cases.CaseAttachments>();
        services.AddIndicators(configuration);
        return services;
    }
}
