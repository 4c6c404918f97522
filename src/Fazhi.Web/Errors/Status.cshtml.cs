using System.Diagnostics;
using Fazhi.Web.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
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

    // No bound parameters: binding would read the form of a re-executed POST (MVC's form value provider reads it even
    // for a route parameter), and a body that was too large fails again, leaving the code 0.
    public void OnGet() => Describe(RouteCode());

    public void OnPost() => Describe(RouteCode());

    private int RouteCode() =>
        int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 404;

    private void Describe(int code)
    {
        // A request body over the limit surfaces as an exception while the form is read; say what it is.
        // The antiforgery check reads a form before the page's own limit applies, and answers 400 when it cannot: a body
        // larger than any upload the application takes is "too large" whichever layer refused it.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (code is 400 or 413 && Request.ContentLength > CaseLedgerFiles.MaxUploadBytes))
        {
            code = StatusCodes.Status413PayloadTooLarge;
        }

        // Keep the original status (re-executed pages would otherwise answer 200).
        Response.StatusCode = code is >= 400 and <= 599 ? code : 404;
        (Title, Message) = code switch
        {
            403 => ("无权访问", "您没有访问该页面或数据的权限。数据按单位管辖范围开放，如需访问请联系本单位管理员。"),
            404 => ("页面不存在", "您要找的页面或记录不存在，或者不在您的管辖范围内。"),
            400 => ("请求有误", "提交的请求无法处理，请返回后重试。"),
            413 => ("上传的文件太大", $"网页上传的台账文件不超过 {CaseLedgerFiles.MaxUploadBytes / (1024 * 1024)} MB，附件不超过页面上写明的大小。更大的台账请分成几个文件上传（同一案号重复导入会跳过），或请服务器管理员用命令 ./fazhi import 导入。"),
            500 => ("系统出错了", "服务器处理请求时出错。我们已记录该问题，请稍后重试。"),
            _ => ("出错了", $"请求未能完成（状态码 {code}）。"),
        };
        if (code >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
