using Fazhi.Core.Users;

namespace Fazhi.Web.Auth;

/// <summary>Authorization policies by role. Scope (which orgs) is checked by each handler against <see cref="CurrentUser.Scope"/>.</summary>
public static class Policies
{
    /// <summary>Org administration.</summary>
    public const string ManageOrgs = "manage-orgs";
    /// <summary>User administration.</summary>
    public const string ManageUsers = "manage-users";
    /// <summary>Audit log reading.</summary>
    public const string ReadAudit = "read-audit";

    /// <summary>Acting on cases and their clocks: line staff, the rule-of-law office, platform admins (not leaders or auditors).</summary>
    public const string HandleCases = "handle-cases";

    /// <summary>Writing, reviewing, approving and publishing annual reports; entering manual facts.</summary>
    public const string ManageReports = "manage-reports";

    /// <summary>Registers the policies; every endpoint requires a signed-in user unless it opts out.</summary>
    public static IServiceCollection AddFazhiPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ManageOrgs, p => p.RequireRole(Roles.OrgAdmins))
            .AddPolicy(ManageUsers, p => p.RequireRole(Roles.PlatformAdmin))
            .AddPolicy(ReadAudit, p => p.RequireRole(Roles.AuditReaders))
            .AddPolicy(HandleCases, p => p.RequireRole(Roles.CaseHandlers))
            .AddPolicy(ManageReports, p => p.RequireRole(Roles.OrgAdmins))
            .Services;
}
