using Fazhi.Web.Auth;

namespace Fazhi.Web.Account;

/// <summary>/api/me: who is signed in, their org and roles.</summary>
public static class AccountApi
{
    public sealed record MeResponse(Guid Id, string UserName, string DisplayName, Guid OrgId, string OrgName, IReadOnlyList<string> Roles);

    public static RouteGroupBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").WithTags("Account");
        api.MapGet("/", (CurrentUser me, HttpContext http) => TypedResults.Ok(new MeResponse(me.Id, me.UserName, me.DisplayName, me.OrgId, me.OrgName,
                http.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList())))
            .WithName("GetMe");
        return api;
    }
}
