using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Users;

/// <summary>Create a user in an org (by code) with roles; the password is generated when not given.</summary>
public sealed record CreateUser(string? UserName, string? DisplayName, string? OrgCode, IReadOnlyList<string> Roles, string? Password);

/// <summary>Change a user's display name, org and roles.</summary>
public sealed record UpdateUser(string UserName, string? DisplayName, string? OrgCode, IReadOnlyList<string> Roles);

/// <summary>A created user and the password to hand over (shown once).</summary>
public sealed record CreatedUser(User User, string Password, bool PasswordGenerated);

/// <summary>
/// User administration through ASP.NET Identity's <see cref="UserManager{TUser}"/> (password rules, hashing, lockout),
/// used by the pages, the API, the command line and the demo. Every operation checks the caller's scope.
/// </summary>
public sealed class UserAccounts(UserManager<User> users, AppDbContext db, TimeProvider clock)
{
    /// <summary>Creates a user.</summary>
    public async Task<Result<CreatedUser>> CreateAsync(CreateUser cmd, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        var errors = new Dictionary<string, string[]>();
        if (User.CheckUserName(cmd.UserName) is { } nameError)
        {
            errors["userName"] = [nameError];
        }
        else if (await users.FindByNameAsync(cmd.UserName!.Trim()) is not null)
        {
            errors["userName"] = [$"用户名“{cmd.UserName.Trim()}”已被使用。"];
        }

        if (string.IsNullOrWhiteSpace(cmd.DisplayName) || cmd.DisplayName.Trim().Length > 50)
        {
            errors["displayName"] = ["姓名不能为空，且不超过 50 个字。"];
        }

        var org = await FindOrgAsync(cmd.OrgCode, scope, errors, ct);
        var roles = ParseRoles(cmd.Roles, errors);
        var generated = string.IsNullOrEmpty(cmd.Password);
        var password = generated ? Auth.IdentitySetup.GeneratePassword() : cmd.Password!;
        if (!generated)
        {
            await CheckPasswordAsync(password, errors);
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        var user = User.Create(cmd.UserName!, cmd.DisplayName!, org!.Id, clock.GetUtcNow().UtcDateTime);
        user.SetRoles(roles);
        user.MustChangePassword = generated;
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return ValidationError.For("password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return new CreatedUser(user, password, generated);
    }

    /// <summary>Updates a user's name, org and roles.</summary>
    public async Task<Result<User>> UpdateAsync(UpdateUser cmd, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        var user = await FindInScopeAsync(cmd.UserName, scope, ct);
        if (user is null)
        {
            return NotFound(cmd.UserName);
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(cmd.DisplayName) || cmd.DisplayName.Trim().Length > 50)
        {
            errors["displayName"] = ["姓名不能为空，且不超过 50 个字。"];
        }

        var org = await FindOrgAsync(cmd.OrgCode, scope, errors, ct);
        var roles = ParseRoles(cmd.Roles, errors);
        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        user.Update(cmd.DisplayName!, org!.Id);
        user.SetRoles(roles);
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? user : new ConflictError("user.concurrency", string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Sets a new password (generated when not given) and unlocks the account; returns the password.</summary>
    public async Task<Result<string>> ResetPasswordAsync(string userName, string? newPassword, OrgScope scope, CancellationToken ct)
    {
        var user = await FindInScopeAsync(userName, scope, ct);
        if (user is null)
        {
            return NotFound(userName);
        }

        var generated = string.IsNullOrEmpty(newPassword);
        var password = generated ? Auth.IdentitySetup.GeneratePassword() : newPassword!;
        var errors = new Dictionary<string, string[]>();
        if (!generated)
        {
            await CheckPasswordAsync(password, errors);
            if (errors.Count > 0)
            {
                return new ValidationError(errors);
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.MustChangePassword = generated;
        db.RecordEvent("password.reset", nameof(User), user.Id.ToString());
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? password : new ConflictError("user.concurrency", string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Locks (indefinitely) or unlocks an account. A user cannot lock themself.</summary>
    public async Task<Result<User>> SetLockedAsync(string userName, bool locked, Guid? callerId, OrgScope scope, CancellationToken ct)
    {
        var user = await FindInScopeAsync(userName, scope, ct);
        if (user is null)
        {
            return NotFound(userName);
        }

        if (locked && user.Id == callerId)
        {
            return new ConflictError("user.self_lock", "不能锁定您自己的账号。");
        }

        user.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        if (locked)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N"); // signs the user out everywhere
        }

        db.RecordEvent(locked ? "user.locked" : "user.unlocked", nameof(User), user.Id.ToString());
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? user : new ConflictError("user.concurrency", string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Changes the caller's own password after checking the current one.</summary>
    public async Task<Result<Unit>> ChangeOwnPasswordAsync(Guid userId, string? current, string? next, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(current) || !await users.CheckPasswordAsync(user, current))
        {
            errors["currentPassword"] = ["当前密码不正确。"];
        }

        if (string.IsNullOrEmpty(next))
        {
            errors["newPassword"] = ["请输入新密码。"];
        }
        else
        {
            await CheckPasswordAsync(next, errors, "newPassword");
            if (next == current)
            {
                errors["newPassword"] = ["新密码不能与当前密码相同。"];
            }
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, next!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.MustChangePassword = false;
        db.RecordEvent("password.changed", nameof(User), user.Id.ToString());
        var result = await users.UpdateAsync(user);
        return result.Succeeded ? Unit.Value : new ConflictError("user.concurrency", string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task<User?> FindInScopeAsync(string userName, OrgScope scope, CancellationToken ct)
    {
        var normalized = (userName ?? "").Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        return user is not null && await db.IsInScopeAsync(scope, user.OrgId, ct) ? user : null;
    }

    private async Task<Org?> FindOrgAsync(string? code, OrgScope scope, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors["orgCode"] = ["请选择所属单位。"];
            return null;
        }

        var org = await db.Orgs.SingleOrDefaultAsync(o => o.Code == code.Trim(), ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            errors["orgCode"] = [$"单位“{code.Trim()}”不存在或不在您的管辖范围内。"];
            return null;
        }

        return org;
    }

    private static List<string> ParseRoles(IReadOnlyList<string> roles, Dictionary<string, string[]> errors)
    {
        var parsed = new List<string>();
        foreach (var r in roles.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            if (Roles.Parse(r) is { } code)
            {
                parsed.Add(code);
            }
            else
            {
                errors["roles"] = [$"角色“{r}”无效，可选：{string.Join("、", Roles.All)}。"];
            }
        }

        if (parsed.Count == 0 && !errors.ContainsKey("roles"))
        {
            errors["roles"] = ["请至少选择一个角色。"];
        }

        return parsed.Distinct().ToList();
    }

    private async Task CheckPasswordAsync(string password, Dictionary<string, string[]> errors, string field = "password")
    {
        var messages = new List<string>();
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, null!, password);
            messages.AddRange(r.Errors.Select(e => e.Description));
        }

        if (messages.Count > 0)
        {
            errors[field] = messages.ToArray();
        }
    }

    private static NotFoundError NotFound(string userName) =>
        new("user.not_found", $"用户“{userName}”不存在或不在您的管辖范围内。");
}
