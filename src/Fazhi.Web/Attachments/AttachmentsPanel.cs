using Fazhi.Core.Cases;
using Fazhi.Core.Orgs;

namespace Fazhi.Web.Attachments;

/// <summary>
/// The model of the partial <c>/Attachments/_Attachments.cshtml</c>: a case's attachments and, when
/// <paramref name="CanUpload"/>, an upload form that posts to <c>/attachments/upload</c> and comes back to
/// <paramref name="ReturnUrl"/> (default: the current page) with a notice or the error in Chinese.
/// Use: <c>&lt;partial name="/Attachments/_Attachments.cshtml" model="await AttachmentsPanel.LoadAsync(attachments, "reconsideration", Model.Id, me.Scope, ct)" /&gt;</c>
/// or build it from a list you already have.
/// </summary>
/// <param name="CaseType">Line of work: "reconsideration" or "litigation".</param>
/// <param name="CaseId">The case.</param>
/// <param name="Items">The attachments (from <see cref="CaseAttachments.ListAsync"/>).</param>
/// <param name="CanUpload">Show the upload form (the user may handle cases).</param>
/// <param name="ReturnUrl">Local URL to come back to after an upload; null: the current page.</param>
public sealed record AttachmentsPanel(string CaseType, Guid CaseId, IReadOnlyList<AttachmentInfo> Items, bool CanUpload = true, string? ReturnUrl = null)
{
    /// <summary>TempData key of the notice after an upload.</summary>
    public const string NoticeKey = "Attachments.Notice";

    /// <summary>TempData key of the error of a refused upload.</summary>
    public const string ErrorKey = "Attachments.Error";

    /// <summary>Categories offered in the upload form (free text is accepted too).</summary>
    public static IReadOnlyList<string> Categories { get; } = ["申请书", "身份证明", "证据材料", "答复书", "决定书", "送达回证", "其他"];

    /// <summary>Loads the list for a case in scope; an empty panel when the case is not found.</summary>
    public static async Task<AttachmentsPanel> LoadAsync(CaseAttachments attachments, string caseType, Guid caseId, OrgScope scope, bool canUpload,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var list = await attachments.ListAsync(caseType, caseId, scope, ct);
        return new AttachmentsPanel(caseType, caseId, list.IsError ? [] : list.Value!, canUpload && !list.IsError);
    }

    /// <summary>A size as people read it: 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1048576 => (bytes / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1048576.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
    };
}
