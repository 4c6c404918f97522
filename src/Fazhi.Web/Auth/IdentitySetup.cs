using System.Security.Cryptography;
using Fazhi.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Fazhi.Web.Auth;

/// <summary>Identity registration shared by the web app and the command line.</summary>
public static class IdentitySetup
{
    /// <summary>Failed sign-ins before an account locks.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a lockout lasts.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Adds UserManager with Fazhi's store, password rules and lockout policy.</summary>
    public static IdentityBuilder AddFazhiIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<User>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
            })
            .AddUserStore<FazhiUserStore>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

    /// <summary>A random password that satisfies the rules: 14 characters without look-alikes (0/O, 1/l/I).</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string all = lower + upper + digits;
        while (true)
        {
            var chars = new char[14];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }

            var s = new string(chars);
            if (s.Any(char.IsAsciiLetterLower) && s.Any(char.IsAsciiLetterUpper) && s.Any(char.IsAsciiDigit) && s.Distinct().Count() >= 5)
            {
                return s;
            }
        }
    }
}
