using Microsoft.Extensions.DependencyInjection;

namespace Fazhi.Core.Audit;

/// <summary>Registers the audit log's handlers.</summary>
public static class AuditModule
{
    /// <summary>Adds the handlers of this feature.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<VerifyAuditChainHandler>();
        services.AddScoped<AuditQuery>();
        return services;
    }
}
