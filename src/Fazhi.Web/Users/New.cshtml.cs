using System.ComponentModel.DataAnnotations;
using Fazhi.Core.Data;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Users;

/// <summary>Creates a user in an org of the caller's scope; a generated password is shown once on the next page.</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class NewModel(UserAccounts accounts, AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<OrgChoice> Orgs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Orgs = await OrgChoices.ListAsync(db, me.Scope, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAsync(
                new CreateUser(Input.UserName, Input.DisplayName, Input.OrgCode, Input.Roles, Input.Password), me.Scope, ct);
            if (!result.IsError)
            {
                var created = result.Value;
                TempData["Notice"] = $"已创建用户“{created.User.UserName}”。";
                if (created.PasswordGenerated)
                {
                    TempData["NewPassword"] = created.Password;
                }

                return Redirect($"/users/{Uri.EscapeDataString(created.User.UserName)}");
            }

            result.Error.AddTo(ModelState);
        }

        Orgs = await OrgChoices.ListAsync(db, me.Scope, ct);
        return Page();
    }

    public sealed class InputModel : UserFormInput
    {
        [Required(ErrorMessage = "请输入用户名。")]
        public string UserName { get; set; } = "";

        public string? Password { get; set; }
    }
}
