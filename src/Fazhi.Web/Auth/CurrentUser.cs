using System.Security.Claims;
using Fazhi.Core.Audit;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;

namespace Fazhi.Web.Auth;

/// <summary>The signed-in user of this request: id, org, roles and the scope every query must respect.</summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>True when someone is signed in.</summary>
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>User id.</summary>
    public Guid Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    /// <summary>Sign-in name.</summary>
    public string UserName => Principal.Identity?.Name ?? "";

    /// <summary>Display name.</summary>
    public string DisplayName => Principal.FindFirstValue(FazhiClaimTypes.DisplayName) ?? UserName;

    /// <summary>The user's org.</summary>
    public Guid OrgId => Guid.TryParse(Principal.FindFirstValue(FazhiClaimTypes.OrgId), out var id) ? id : Guid.Empty;

    /// <summary>The user's org name.</summary>
    public string OrgName => Principal.FindFirstValue(FazhiClaimTypes.OrgName) ?? "";

    /// <summary>What the user may see and act on: their org's subtree. An anonymous caller's scope is empty.</summary>
    public OrgScope Scope => OrgScope.Subtree(OrgId);

    /// <summary>True when the user holds any of the roles.</summary>
    public bool IsInAnyRole(params string[] roles) => roles.Any(Principal.IsInRole);

    /// <summary>May manage orgs in scope.</summary>
    public bool CanManageOrgs => IsInAnyRole(Roles.OrgAdmins);

    /// <summary>May write, review, approve and publish annual reports and enter manual facts in scope.</summary>
    public bool CanManageReports => IsInAnyRole(Roles.OrgAdmins);

    /// <summary>May manage users in scope.</summary>
    public bool CanManageUsers => IsInAnyRole(Roles.PlatformAdmin);

    /// <summary>May read the audit log in scope.</summary>
    public bool CanReadAudit => IsInAnyRole(Roles.AuditReaders);

    /// <summary>The audit actor for this user.</summary>
    public AuditActor AsActor() => new(Id, UserName, OrgId);
}

/// <summary>Attributes every change saved during a request to the signed-in user.</summary>
public sealed class AuditActorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser user, AuditActorAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (user.IsAuthenticated && context.User.HasClaim(c => c.Type == FazhiClaimTypes.MustChangePassword)
            && HttpMethods.IsGet(context.Request.Method)
            && !context.Request.Path.StartsWithSegments("/account") && !context.Request.Path.StartsWithSegments("/api")
            && !context.Request.Path.StartsWithSegments("/errors") && !context.Request.Path.StartsWithSegments("/css"))
        {
            // An administrator-issued password must be replaced before anything else.
            context.Response.Redirect("/account/password?first=1");
            return Task.CompletedTask;
        }

        if (user.IsAuthenticated)
        {
            accessor.Current = user.AsActor();
        }
        else
        {
            accessor.Current = new AuditActor(null, "anonymous", null);
        }

        return next(context);
    }
}
