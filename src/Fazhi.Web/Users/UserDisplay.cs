using Fazhi.Core.Users;

namespace Fazhi.Web.Users;

/// <summary>How the user pages show roles and account status.</summary>
public static class UserDisplay
{
    /// <summary>Chinese role labels in the fixed display order, joined with the enumeration comma.</summary>
    public static string RoleLabels(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToHashSet();
        return string.Join("、", Roles.All.Where(held.Contains).Select(Roles.Label).Concat(held.Where(r => !Roles.IsKnown(r))));
    }

    /// <summary>True while the account is locked (by an administrator or by failed sign-ins).</summary>
    public static bool IsLocked(UserSummary user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd is { } end && end > now;
    }
}
