using System.Security.Claims;
using Fazhi.Core.Data;
using Fazhi.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fazhi.Web.Auth;

/// <summary>Claim types Fazhi adds to the sign-in cookie.</summary>
public static class FazhiClaimTypes
{
    /// <summary>The user's org id.</summary>
    public const string OrgId = "fazhi:org";
    /// <summary>The user's org name.</summary>
    public const string OrgName = "fazhi:org_name";
    /// <summary>The user's display name.</summary>
    public const string DisplayName = "fazhi:display_name";
    /// <summary>Present while the user still has an administrator-issued password.</summary>
    public const string MustChangePassword = "fazhi:must_change_password";
}

/// <summary>Builds the principal: id, name, security stamp, roles, org.</summary>
public sealed class FazhiClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in user.RoleCodes)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        var orgName = await db.Orgs.Where(o => o.Id == user.OrgId).Select(o => o.Name).SingleAsync();
        identity.AddClaim(new Claim(FazhiClaimTypes.OrgId, user.OrgId.ToString()));
        identity.AddClaim(new Claim(FazhiClaimTypes.OrgName, orgName));
        identity.AddClaim(new Claim(FazhiClaimTypes.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(FazhiClaimTypes.MustChangePassword, "true"));
        }

        return identity;
    }
}
