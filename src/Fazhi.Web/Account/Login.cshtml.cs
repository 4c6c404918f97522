using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<User> signIn, AppDbContext db, AuditActorAccessor actor, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByNameAsync(Input.UserName.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", "用户名或密码不正确。");
            return Page();
        }

        // Attribute the sign-in events to the account they concern, so the auditors of its org see them.
        actor.Current = new AuditActor(user.Id, user.UserName, user.OrgId);
        var wasLocked = user.IsLockedAt(clock.GetUtcNow());
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            db.RecordEvent("sign-in.succeeded", nameof(User), user.Id.ToString());
            await db.SaveChangesAsync();
            if (user.MustChangePassword)
            {
                return LocalRedirect("/account/password?first=1");
            }

            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        db.RecordEvent(result.IsLockedOut && !wasLocked ? "sign-in.locked" : "sign-in.failed", nameof(User), user.Id.ToString());
        await db.SaveChangesAsync();
        if (result.IsLockedOut)
        {
            var until = user.LockoutEnd is { } end && end < DateTimeOffset.MaxValue.AddDays(-1)
                ? $"请在 {TimeZoneInfo.ConvertTime(end, ChinaTime.Zone):HH:mm} 后再试，或联系管理员解锁。"
                : "请联系管理员解锁。";
            ModelState.AddModelError("", $"账号已被锁定。{until}");
        }
        else
        {
            ModelState.AddModelError("", "用户名或密码不正确。");
        }

        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入用户名。")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入密码。")]
        [Display(Name = "密码")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
