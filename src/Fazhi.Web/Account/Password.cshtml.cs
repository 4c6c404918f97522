using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Users;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Fazhi.Web.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Account;

public sealed class PasswordModel(UserAccounts accounts, CurrentUser me, SignInManager<User> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>"1" when the user arrives with an administrator-issued password.</summary>
    [BindProperty(SupportsGet = true)]
    public string? First { get; set; }

    public bool IsFirst => First == "1";

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.ChangeOwnPasswordAsync(me.Id, Input.CurrentPassword, Input.NewPassword, ct);
        if (result.IsError)
        {
            result.Error.AddTo(ModelState);
            return Page();
        }

        // The security stamp changed: refresh this session's cookie so it stays valid.
        var user = await signIn.UserManager.FindByIdAsync(me.Id.ToString());
        await signIn.RefreshSignInAsync(user!);
        Done = true;
        First = null;
        Input = new InputModel();
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入当前密码。")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "请输入新密码。")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "请再次输入新密码。")]
        [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致。")]
        public string ConfirmPassword { get; set; } = "";
    }
}
