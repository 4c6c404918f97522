using Fazhi.Core.Common;

namespace Fazhi.Core.Users;

/// <summary>
/// A person who signs in. Belongs to exactly one org and by default sees and acts on that org's subtree.
/// The credential fields follow ASP.NET Identity's conventions; the web host adapts them with its own user store,
/// so that Core stays free of ASP.NET.
/// </summary>
public sealed class User
{
    private readonly List<UserRole> _roles = [];

    private User()
    {
    }

    /// <summary>Surrogate key.</summary>
    public Guid Id { get; private set; }

    /// <summary>Sign-in name (letters, digits, '.', '_', '-').</summary>
    public string UserName { get; private set; } = "";

    /// <summary>Upper-cased <see cref="UserName"/> for lookups.</summary>
    public string NormalizedUserName { get; private set; } = "";

    /// <summary>Name shown in the UI (personal data: never logged).</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>The org the user belongs to.</summary>
    public Guid OrgId { get; private set; }

    /// <summary>Password hash (ASP.NET Identity format).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Changes whenever credentials change; invalidates other sessions.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>Optimistic concurrency token.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    /// <summary>Locked until this instant (UTC), if set and in the future.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Whether failed sign-ins can lock the account.</summary>
    public bool LockoutEnabled { get; set; } = true;

    /// <summary>Failed sign-ins since the last success.</summary>
    public int AccessFailedCount { get; set; }

    /// <summary>True when the user must choose a new password at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the user was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The user's roles.</summary>
    public IReadOnlyCollection<UserRole> Roles => _roles;

    /// <summary>Role codes.</summary>
    public IEnumerable<string> RoleCodes => _roles.Select(r => r.Role);

    /// <summary>Validates a sign-in name.</summary>
    public static string? CheckUserName(string? userName) =>
        string.IsNullOrWhiteSpace(userName) ? "用户名不能为空。"
        : userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? "用户名应为 3–64 位字母、数字或“._-”。"
        : null;

    /// <summary>Creates a user (no password yet).</summary>
    public static User Create(string userName, string displayName, Guid orgId, DateTime nowUtc) => new()
    {
        Id = Ids.New(),
        UserName = userName.Trim(),
        NormalizedUserName = userName.Trim().ToUpperInvariant(),
        DisplayName = displayName.Trim(),
        OrgId = orgId,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        CreatedAtUtc = nowUtc,
    };

    /// <summary>Changes the displayed name and the org.</summary>
    public void Update(string displayName, Guid orgId)
    {
        DisplayName = displayName.Trim();
        OrgId = orgId;
    }

    /// <summary>Adds a role (no-op when present).</summary>
    public void AddRole(string role)
    {
        if (!Fazhi.Core.Users.Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        if (_roles.All(r => r.Role != role))
        {
            _roles.Add(new UserRole(Id, role));
        }
    }

    /// <summary>Removes a role (no-op when absent).</summary>
    public void RemoveRole(string role) => _roles.RemoveAll(r => r.Role == role);

    /// <summary>Replaces the set of roles.</summary>
    public void SetRoles(IEnumerable<string> roles)
    {
        var wanted = roles.Distinct().ToList();
        foreach (var r in RoleCodes.Except(wanted).ToList())
        {
            RemoveRole(r);
        }

        foreach (var r in wanted)
        {
            AddRole(r);
        }
    }

    /// <summary>True while the account is locked at <paramref name="nowUtc"/>.</summary>
    public bool IsLockedAt(DateTimeOffset nowUtc) => LockoutEnd is { } end && end > nowUtc;
}

/// <summary>A role held by a user.</summary>
public sealed class UserRole
{
    private UserRole()
    {
    }

    internal UserRole(Guid userId, string role)
    {
        UserId = userId;
        Role = role;
    }

    /// <summary>The user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>Role code (see <see cref="Roles"/>).</summary>
    public string Role { get; private set; } = "";
}
