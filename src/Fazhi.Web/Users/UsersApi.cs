using Fazhi.Core.Audit;
using Fazhi.Core.Users;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fazhi.Web.Users;

/// <summary>REST API of user administration: /api/users (platform admins, within their subtree).</summary>
public static class UsersApi
{
    public sealed record UserResponse(string UserName, string DisplayName, string OrgCode, string OrgName, IReadOnlyList<string> Roles, bool Locked);

    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? OrgCode, IReadOnlyList<string>? Roles, string? Password);

    public sealed record CreatedUserResponse(UserResponse User, string? Password);

    public sealed record UpdateUserRequest(string? DisplayName, string? OrgCode, IReadOnlyList<string>? Roles);

    public sealed record PasswordResponse(string Password);

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.ManageUsers);
        api.MapGet("/", ListAsync).WithName("ListUsers");
        api.MapGet("/{userName}", GetAsync).WithName("GetUser");
        api.MapGet("/{userName}/history", HistoryAsync).WithName("GetUserHistory");
        api.MapPost("/", CreateAsync).WithName("CreateUser");
        api.MapPut("/{userName}", UpdateAsync).WithName("UpdateUser");
        api.MapPost("/{userName}/reset-password", ResetAsync).WithName("ResetUserPassword");
        api.MapPost("/{userName}/lock", LockAsync).WithName("LockUser");
        api.MapPost("/{userName}/unlock", UnlockAsync).WithName("UnlockUser");
        return api;
    }

    private static async Task<Ok<List<UserResponse>>> ListAsync(UserQuery users, CurrentUser me, TimeProvider clock, string? q, string? after, int? pageSize, CancellationToken ct)
    {
        var list = await users.ListAsync(me.Scope, q, null, after, pageSize ?? 100, ct);
        return TypedResults.Ok(list.Select(u => ToResponse(u, clock)).ToList());
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(string userName, UserQuery users, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var u = await users.FindAsync(me.Scope, userName, ct);
        return u is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(u, clock));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditRow>>, NotFound>> HistoryAsync(string userName, UserQuery users, AuditQuery audit, CurrentUser me, CancellationToken ct)
    {
        var u = await users.FindAsync(me.Scope, userName, ct);
        return u is null ? TypedResults.NotFound() : TypedResults.Ok(await audit.HistoryAsync(nameof(User), u.Id.ToString(), ct));
    }

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateAsync(CreateUserRequest body, UserAccounts accounts, UserQuery users, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var r = await accounts.CreateAsync(new CreateUser(body.UserName, body.DisplayName, body.OrgCode, body.Roles ?? [], body.Password), me.Scope, ct);
        if (r.IsError)
        {
            return r.Error.ToProblem();
        }

        var created = await users.FindAsync(me.Scope, r.Value.User.UserName, ct);
        return TypedResults.Created($"/api/users/{r.Value.User.UserName}",
            new CreatedUserResponse(ToResponse(created!, clock), r.Value.PasswordGenerated ? r.Value.Password : null));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(string userName, UpdateUserRequest body, UserAccounts accounts, UserQuery users, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var r = await accounts.UpdateAsync(new UpdateUser(userName, body.DisplayName, body.OrgCode, body.Roles ?? []), me.Scope, ct);
        if (r.IsError)
        {
            return r.Error.ToProblem();
        }

        return TypedResults.Ok(ToResponse((await users.FindAsync(Fazhi.Core.Orgs.OrgScope.Everything, userName, ct))!, clock));
    }

    private static async Task<Results<Ok<PasswordResponse>, ProblemHttpResult>> ResetAsync(string userName, UserAccounts accounts, CurrentUser me, CancellationToken ct)
    {
        var r = await accounts.ResetPasswordAsync(userName, null, me.Scope, ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.Ok(new PasswordResponse(r.Value));
    }

    private static Task<Results<NoContent, ProblemHttpResult>> LockAsync(string userName, UserAccounts accounts, CurrentUser me, CancellationToken ct) =>
        SetLockedAsync(userName, true, accounts, me, ct);

    private static Task<Results<NoContent, ProblemHttpResult>> UnlockAsync(string userName, UserAccounts accounts, CurrentUser me, CancellationToken ct) =>
        SetLockedAsync(userName, false, accounts, me, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLockedAsync(string userName, bool locked, UserAccounts accounts, CurrentUser me, CancellationToken ct)
    {
        var r = await accounts.SetLockedAsync(userName, locked, me.Id, me.Scope, ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.NoContent();
    }

    private static UserResponse ToResponse(UserSummary u, TimeProvider clock) =>
        new(u.UserName, u.DisplayName, u.OrgCode, u.OrgName, u.Roles, u.LockoutEnd > clock.GetUtcNow());
}
