using Fazhi.Core.Cases;
using Fazhi.Core.Common;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Attachments;

/// <summary>POST /attachments/upload: the upload form of the attachments partial. Stores the file and goes back to the
/// case page with a notice, or with the error in Chinese (post/redirect/get either way).</summary>
[Authorize(Policy = Policies.HandleCases)]
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class UploadModel(CaseAttachments attachments, CurrentUser me) : PageModel
{
    [BindProperty]
    public string? CaseType { get; set; }

    [BindProperty]
    public Guid CaseId { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public bool Personal { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IActionResult OnGet() => Back();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || string.IsNullOrEmpty(CaseType))
        {
            TempData[AttachmentsPanel.ErrorKey] = "请选择要上传的文件。";
            return Back();
        }

        await using var stream = Upload.OpenReadStream();
        var r = await attachments.AddAsync(CaseType, CaseId, Upload.FileName, stream, Category, Personal, me.Id, AttachmentAccess.Staff(me.Scope), ct);
        if (r.IsError)
        {
            if (r.Error is NotFoundError)
            {
                return NotFound();
            }

            TempData[AttachmentsPanel.ErrorKey] = r.Error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : r.Error.Message;
            return Back();
        }

        TempData[AttachmentsPanel.NoticeKey] = $"已上传附件“{r.Value!.FileName}”，SM3：{r.Value.Sm3}。";
        return Back();
    }

    private RedirectResult Back() => Redirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
}
