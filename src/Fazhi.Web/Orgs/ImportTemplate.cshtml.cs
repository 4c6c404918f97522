using System.Text;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Orgs;

/// <summary>/orgs/import/template.csv: the import headers and one example row under the user's org.
/// UTF-8 with a byte order mark, so that Excel opens the Chinese text correctly.</summary>
[Authorize(Policy = Policies.ManageOrgs)]
public sealed class ImportTemplateModel(AppDbContext db, CurrentUser me) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var myCode = await db.Orgs.Where(o => o.Id == me.OrgId).Select(o => o.Code).SingleOrDefaultAsync(ct) ?? "";
        const string suffix = "-XX01";
        var exampleCode = myCode.Length + suffix.Length <= 32 ? myCode + suffix : "XX01";
        var csv = new StringBuilder()
            .Append(string.Join(',', ImportOrgsHandler.Headers)).Append("\r\n")
            .Append(string.Join(',', new[] { exampleCode, "示例单位（请改为实际名称）", OrgType.Department.Label(), myCode }.Select(Csv.Escape))).Append("\r\n")
            .ToString();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "单位导入模板.csv");
    }
}
