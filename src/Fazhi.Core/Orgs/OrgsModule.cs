using Microsoft.Extensions.DependencyInjection;

namespace Fazhi.Core.Orgs;

/// <summary>Registers the org tree's handlers.</summary>
public static class OrgsModule
{
    /// <summary>Adds the handlers of this feature.</summary>
    public static IServiceCollection AddOrgs(this IServiceCollection services)
    {
        services.AddScoped<CreateOrgHandler>();
        services.AddScoped<UpdateOrgHandler>();
        services.AddScoped<ImportOrgsHandler>();
        services.AddScoped<OrgTreeQuery>();
        return services;
    }
}
