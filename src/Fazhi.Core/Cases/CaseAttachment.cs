using Fazhi.Core.Common;

namespace Fazhi.Core.Cases;

/// <summary>
/// A file attached to a case (application, evidence, answer, signed documents). The SM3 digest is computed when the file
/// arrives and stored with it, so anyone can later prove the stored bytes are the bytes received. The content lives in
/// <see cref="CaseAttachmentContent"/>, read only when downloaded.
/// </summary>
public sealed class CaseAttachment
{
    /// <summary>Longest file name.</summary>
    public const int MaxFileNameLength = 200;

    private CaseAttachment()
    {
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Line of work.</summary>
    public string CaseType { get; private set; } = "";

    /// <summary>The case.</summary>
    public Guid CaseId { get; private set; }

    /// <summary>The org of the case (scope checks without a join).</summary>
    public Guid OrgId { get; private set; }

    /// <summary>File name as uploaded.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>Content type decided from the file's signature (not the browser's claim).</summary>
    public string ContentType { get; private set; } = "";

    /// <summary>Size in bytes.</summary>
    public long Size { get; private set; }

    /// <summary>SM3 digest of the content, lower-case hex.</summary>
    public string Sm3 { get; private set; } = "";

    /// <summary>What the file is (申请书, 证据, 答复书…).</summary>
    public string? Category { get; private set; }

    /// <summary>True when the file holds personal data (viewing it is audited).</summary>
    public bool Personal { get; private set; }

    /// <summary>Who uploaded it (null: the applicant on the public portal).</summary>
    public Guid? UploadedBy { get; private set; }

    /// <summary>When it arrived (UTC).</summary>
    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>Creates the metadata row.</summary>
    public static CaseAttachment Create(string caseType, Guid caseId, Guid orgId, string fileName, string contentType, long size, string sm3,
        string? category, bool personal, Guid? uploadedBy, DateTime nowUtc) =>
        new()
        {
            Id = Ids.New(),
            CaseType = caseType,
            CaseId = caseId,
            OrgId = orgId,
            FileName = fileName,
            ContentType = contentType,
            Size = size,
            Sm3 = sm3,
            Category = category,
            Personal = personal,
            UploadedBy = uploadedBy,
            UploadedAtUtc = nowUtc,
        };
}

/// <summary>The bytes of an attachment, kept in the database so that both providers and backups hold everything.</summary>
public sealed class CaseAttachmentContent
{
    private CaseAttachmentContent()
    {
    }

    /// <summary>The attachment.</summary>
    public Guid AttachmentId { get; private set; }

    /// <summary>The bytes.</summary>
    public byte[] Data { get; private set; } = [];

    /// <summary>Creates the content row.</summary>
    public static CaseAttachmentContent Create(Guid attachmentId, byte[] data) => new() { AttachmentId = attachmentId, Data = data };
}
