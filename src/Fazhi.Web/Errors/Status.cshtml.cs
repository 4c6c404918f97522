using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Errors;

/// <summary>Friendly pages for 403, 404, 500 and other status codes.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? RequestId { get; private set; }

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Keep the original status (re-executed pages would otherwise answer 200).
        Response.StatusCode = code is >= 400 and <= 599 ? code : 404;
        (Title, Message) = code switch
        {
            403 => ("无权访问", "您没有访问该页面或数据的权限。数据按单位管辖范围开放，如需访问请联系本单位管理员。"),
            404 => ("页面不存在", "您要找的页面或记录不存在，或者不在您的管辖范围内。"),
            400 => ("请求有误", "提交的请求无法处理，请返回后重试。"),
            500 => ("系统出错了", "服务器处理请求时出错。我们已记录该问题，请稍后重试。"),
            _ => ("出错了", $"请求未能完成（状态码 {code}）。"),
        };
        if (code >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
