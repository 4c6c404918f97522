using Fazhi.Core.Cases;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fazhi.Web.Attachments;

/// <summary>
/// Staff access to case attachments: <c>GET/POST /api/cases/{caseType}/{caseId}/attachments</c> (list, multipart upload)
/// and <c>GET /attachments/{id}</c> (download, audited). Everything is limited to the caller's scope; outside it the
/// answer is 404.
/// </summary>
public static class AttachmentsApi
{
    /// <summary>An attachment in API responses.</summary>
    public sealed record AttachmentResponse(Guid Id, string CaseType, Guid CaseId, string FileName, string ContentType, long Size, string Sm3,
        string? Category, bool Personal, string? UploadedBy, DateTime UploadedAtUtc, string Download)
    {
        public static AttachmentResponse From(AttachmentInfo a)
        {
            ArgumentNullException.ThrowIfNull(a);
            return new(a.Id, a.CaseType, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sm3, a.Category, a.Personal,
                a.UploadedBy is null ? null : a.UploadedByName, a.UploadedAtUtc, $"/attachments/{a.Id}");
        }
    }

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{caseType}/{caseId:guid}/attachments").WithTags("Attachments");
        api.MapGet("/", ListAsync).WithName("ListCaseAttachments");
        // Cookie-authenticated like the rest of the API; the SameSite=Lax cookie is not sent with cross-site POSTs.
        api.MapPost("/", UploadAsync).WithName("UploadCaseAttachment").RequireAuthorization(Policies.HandleCases).DisableAntiforgery();
        app.MapGet("/attachments/{id:guid}", DownloadAsync).WithName("DownloadAttachment").WithTags("Attachments");
        return app;
    }

    private static async Task<Results<Ok<List<AttachmentResponse>>, ProblemHttpResult>> ListAsync(string caseType, Guid caseId, CaseAttachments attachments,
        CurrentUser me, CancellationToken ct)
    {
        var r = await attachments.ListAsync(caseType, caseId, me.Scope, ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.Ok(r.Value!.Select(AttachmentResponse.From).ToList());
    }

    /// <summary>Multipart form: <c>file</c>, optional <c>category</c>, optional <c>personal</c> (true when the file holds personal data).</summary>
    private static async Task<Results<Created<AttachmentResponse>, ProblemHttpResult>> UploadAsync(string caseType, Guid caseId, IFormFile? file,
        [FromForm] string? category, [FromForm] bool? personal, CaseAttachments attachments, CurrentUser me, CancellationToken ct)
    {
        if (file is null)
        {
            return Fazhi.Core.Common.ValidationError.For("file", "请选择要上传的文件。").ToProblem();
        }

        await using var stream = file.OpenReadStream();
        var r = await attachments.AddAsync(caseType, caseId, file.FileName, stream, category, personal ?? false, me.Id, AttachmentAccess.Staff(me.Scope), ct);
        return r.IsError ? r.Error.ToProblem() : TypedResults.Created($"/attachments/{r.Value!.Id}", AttachmentResponse.From(r.Value));
    }

    /// <summary>The file with its UTF-8 name (Content-Disposition: attachment; filename*=UTF-8''…); the view is audited.</summary>
    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadAsync(Guid id, CaseAttachments attachments, CurrentUser me, HttpContext http,
        CancellationToken ct)
    {
        var r = await attachments.OpenAsync(id, me.Scope, ct);
        if (r.IsError)
        {
            return TypedResults.NotFound();
        }

        var info = r.Value!.Info;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        var type = info.ContentType == "text/plain" ? "text/plain; charset=utf-8" : info.ContentType;
        return TypedResults.File(r.Value.Content, type, info.FileName);
    }
}
