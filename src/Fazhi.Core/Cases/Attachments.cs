using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Fazhi.Core.Audit;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Fazhi.Core.Cases;

/// <summary>Attachment settings (section <c>Attachments</c>).</summary>
/// <param name="MaxBytes">Largest accepted file in bytes (<c>Attachments:MaxBytes</c>, default 20 MB).</param>
public sealed record AttachmentOptions(long MaxBytes)
{
    /// <summary>The default limit: 20 MB.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>The limit as users read it: "20 MB" (or "512 KB" below 1 MB).</summary>
    public string LimitText => MaxBytes >= 1048576
        ? (MaxBytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (MaxBytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";

    /// <summary>Reads the settings; a value that is not a positive whole number stops start-up.</summary>
    public static AttachmentOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Attachments:MaxBytes"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AttachmentOptions(DefaultMaxBytes);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0
            ? new AttachmentOptions(max)
            : throw new StartupException($"Attachments:MaxBytes 的值“{text}”无效：请填写正整数（字节数），例如 20971520 表示 20 MB。");
    }
}

/// <summary>An attachment as lists and the API show it.</summary>
/// <param name="Id">Id.</param>
/// <param name="CaseType">Line of work.</param>
/// <param name="CaseId">The case.</param>
/// <param name="FileName">File name as uploaded.</param>
/// <param name="ContentType">Content type decided from the file's signature.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sm3">SM3 digest of the bytes, lower-case hex.</param>
/// <param name="Category">What the file is.</param>
/// <param name="Personal">True when viewing it is audited as a view of personal data.</param>
/// <param name="UploadedBy">The uploading user; null for the applicant on the public portal.</param>
/// <param name="UploadedByName">The uploading user's display name; null for the applicant.</param>
/// <param name="UploadedAtUtc">When it arrived.</param>
public sealed record AttachmentInfo(Guid Id, string CaseType, Guid CaseId, string FileName, string ContentType, long Size, string Sm3,
    string? Category, bool Personal, Guid? UploadedBy, string? UploadedByName, DateTime UploadedAtUtc);

/// <summary>An opened attachment: its metadata and its bytes (the caller disposes the stream).</summary>
/// <param name="Info">Metadata (file name, content type).</param>
/// <param name="Content">The bytes.</param>
public sealed record AttachmentDownload(AttachmentInfo Info, Stream Content);

/// <summary>A file that passed the checks (size, type from its signature), with its SM3 digest, ready to store.</summary>
/// <param name="FileName">Cleaned file name (no directories or control characters).</param>
/// <param name="ContentType">Content type decided from the signature.</param>
/// <param name="Data">The bytes.</param>
/// <param name="Sm3">SM3 digest of <paramref name="Data"/>, lower-case hex.</param>
public sealed record CheckedFile(string FileName, string ContentType, byte[] Data, string Sm3);

/// <summary>Who adds an attachment: staff within their scope, or the applicant holding the case's tracking code.</summary>
public sealed record AttachmentAccess
{
    private AttachmentAccess(OrgScope? scope, string? trackingCode)
    {
        Scope = scope;
        TrackingCode = trackingCode;
    }

    /// <summary>The staff user's scope (null for the applicant).</summary>
    public OrgScope? Scope { get; }

    /// <summary>The tracking code the applicant holds (null for staff).</summary>
    public string? TrackingCode { get; }

    /// <summary>Staff acting within <paramref name="scope"/>.</summary>
    public static AttachmentAccess Staff(OrgScope scope) => new(scope ?? throw new ArgumentNullException(nameof(scope)), null);

    /// <summary>The applicant of an online application, proven by the case's tracking code.</summary>
    public static AttachmentAccess Applicant(string trackingCode) =>
        new(null, string.IsNullOrWhiteSpace(trackingCode) ? throw new ArgumentException("A tracking code is required.", nameof(trackingCode)) : trackingCode);
}

/// <summary>
/// The file rules of attachments: the type is decided from the file's signature (magic bytes), never from the name alone,
/// and the name's extension must agree with it. Allowed: PDF, JPEG, PNG, DOCX/XLSX (ZIP with <c>[Content_Types].xml</c>,
/// no macros), DOC/XLS (OLE compound file, no macros), OFD (ZIP with <c>OFD.xml</c>), TXT (UTF-8 without NULs, not HTML or a
/// script). Everything else — executables, scripts, HTML, archives — is refused.
/// </summary>
public static partial class AttachmentRules
{
    /// <summary>The message for a refused type.</summary>
    public const string UnsupportedMessage = "不支持的文件类型，仅支持 PDF、JPG、PNG、DOC、DOCX、XLS、XLSX、OFD、TXT";

    /// <summary>The extensions a file input may offer (<c>accept</c> attribute).</summary>
    public const string AcceptAttribute = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd,.txt";

    private static readonly Dictionary<string, FileKind> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = FileKind.Pdf,
        [".jpg"] = FileKind.Jpeg,
        [".jpeg"] = FileKind.Jpeg,
        [".png"] = FileKind.Png,
        [".docx"] = FileKind.Docx,
        [".xlsx"] = FileKind.Xlsx,
        [".doc"] = FileKind.Doc,
        [".xls"] = FileKind.Xls,
        [".ofd"] = FileKind.Ofd,
        [".txt"] = FileKind.Txt,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private enum FileKind
    {
        Pdf,
        Jpeg,
        Png,
        Docx,
        Xlsx,
        Doc,
        Xls,
        Ofd,
        Txt,
    }

    /// <summary>Checks a received file: not empty, not over <paramref name="maxBytes"/>, an allowed type by its signature,
    /// an extension that agrees. Returns the cleaned name, the content type and the SM3 digest, or a "file" field error.</summary>
    public static Result<CheckedFile> Check(string? fileName, byte[] data, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(data);
        var name = CleanName(fileName);
        var label = name.Length == 0 ? "文件" : $"“{name}”";
        if (data.Length == 0)
        {
            return Fail($"{label}：文件为空，请选择有内容的文件。");
        }

        if (data.Length > maxBytes)
        {
            return Fail($"{label}：{TooLarge(maxBytes)}");
        }

        if (name.Length == 0)
        {
            return Fail("请为文件提供文件名。");
        }

        var detected = Detect(data);
        if (detected is not { } kind || !Extensions.TryGetValue(Path.GetExtension(name), out var claimed)
            || (kind == FileKind.Txt && claimed != FileKind.Txt))
        {
            return Fail($"{label}：{UnsupportedMessage}。");
        }

        if (Family(kind) != Family(claimed))
        {
            return Fail($"{label}：文件内容为 {Label(kind)}，与扩展名不符，请改正扩展名后重新上传。");
        }

        return new CheckedFile(name, ContentType(kind), data, Convert.ToHexStringLower(Audit.Sm3.Hash(data)));
    }

    /// <summary>The message for a file over the limit: 文件超过 20 MB 上限。</summary>
    public static string TooLarge(long maxBytes) => $"文件超过 {new AttachmentOptions(maxBytes).LimitText} 上限。";

    /// <summary>The file name without directories, control characters or surrounding spaces, at most 200 characters
    /// (the extension kept).</summary>
    public static string CleanName(string? fileName)
    {
        var n = (fileName ?? "").Replace('\\', '/');
        n = n[(n.LastIndexOf('/') + 1)..];
        n = new string(n.Where(c => !char.IsControl(c)).ToArray()).Trim().Trim('.').Trim();
        if (n.Length > CaseAttachment.MaxFileNameLength)
        {
            var ext = Path.GetExtension(n);
            ext = ext.Length > 16 ? "" : ext;
            var keep = CaseAttachment.MaxFileNameLength - ext.Length;
            if (char.IsHighSurrogate(n[keep - 1]))
            {
                keep--;
            }

            n = n[..keep] + ext;
        }

        return n;
    }

    private static Result<CheckedFile> Fail(string message) => ValidationError.For("file", message);

    private static FileKind? Detect(byte[] data)
    {
        var span = data.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        if (span.StartsWith("PK\u0003\u0004"u8))
        {
            return DetectZip(data);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return DetectOle(span);
        }

        return IsPlainText(span) ? FileKind.Txt : null;
    }

    /// <summary>OOXML and OFD are ZIP packages: only the central directory is read (no entry is decompressed).</summary>
    private static FileKind? DetectZip(byte[] data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null; // macro-enabled documents can carry code
            }

            if (names.Contains("[Content_Types].xml", StringComparer.Ordinal))
            {
                return names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)) ? FileKind.Docx
                    : names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)) ? FileKind.Xlsx
                    : null;
            }

            return names.Contains("OFD.xml", StringComparer.OrdinalIgnoreCase) ? FileKind.Ofd : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>An OLE compound file is a DOC when it has a WordDocument stream, an XLS when it has a Workbook stream
    /// (their directory names are UTF-16); installers (MSI) and other compound files have neither. Macros are refused.</summary>
    private static FileKind? DetectOle(ReadOnlySpan<byte> data)
    {
        if (data.IndexOf(Utf16("_VBA_PROJECT")) >= 0 || data.IndexOf(Utf16("Macros")) >= 0)
        {
            return null;
        }

        return data.IndexOf(Utf16("WordDocument")) >= 0 ? FileKind.Doc
            : data.IndexOf(Utf16("Workbook")) >= 0 ? FileKind.Xls
            : null;
    }

    private static byte[] Utf16(string s) => Encoding.Unicode.GetBytes(s);

    /// <summary>Valid UTF-8 without NULs that does not start like HTML, XML/SVG or a script (#!).</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> data)
    {
        if (data.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return !MarkupOrScript().IsMatch(text);
    }

    [GeneratedRegex(@"^\uFEFF?\s*(<\s*(!|\?|[a-z])|#!)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkupOrScript();

    private static int Family(FileKind kind) => kind switch
    {
        // DOC/DOCX and XLS/XLSX are often renamed into each other; Office opens either by content.
        FileKind.Doc or FileKind.Docx => 1,
        FileKind.Xls or FileKind.Xlsx => 2,
        _ => 10 + (int)kind,
    };

    private static string Label(FileKind kind) => kind switch
    {
        FileKind.Jpeg => "JPG",
        _ => kind.ToString().ToUpperInvariant(),
    };

    private static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind.Doc => "application/msword",
        FileKind.Xls => "application/vnd.ms-excel",
        FileKind.Ofd => "application/ofd",
        _ => "text/plain",
    };
}

/// <summary>
/// Case attachments: receives files (checked by <see cref="AttachmentRules"/>, SM3 digest recorded on arrival, metadata and
/// bytes stored in one save whose audited "created" entry covers the digest), lists them and opens them. Every open is
/// audited: "viewed-personal-data" for files marked personal, "downloaded" otherwise. Staff act within their scope (the
/// attachment's org must be in it); the applicant of an online application adds files with the case's tracking code.
/// </summary>
public sealed class CaseAttachments(AppDbContext db, AttachmentOptions options, TimeProvider clock)
{
    /// <summary>Longest category.</summary>
    public const int MaxCategoryLength = 40;

    /// <summary>Audit action of opening a personal file.</summary>
    public const string ViewedPersonalData = "viewed-personal-data";

    /// <summary>Audit action of opening any other file.</summary>
    public const string Downloaded = "downloaded";

    private const string NotFoundMessage = "案件不存在或不在您的管辖范围内。";

    /// <summary>The limits in force.</summary>
    public AttachmentOptions Options => options;

    /// <summary>Reads a stream (stopping as soon as it exceeds the limit) and checks it.</summary>
    public async Task<Result<CheckedFile>> ReadAsync(string? fileName, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.CanSeek && content.Length - content.Position > options.MaxBytes)
        {
            return ValidationError.For("file", $"“{AttachmentRules.CleanName(fileName)}”：{AttachmentRules.TooLarge(options.MaxBytes)}");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > options.MaxBytes)
            {
                return ValidationError.For("file", $"“{AttachmentRules.CleanName(fileName)}”：{AttachmentRules.TooLarge(options.MaxBytes)}");
            }

            buffer.Write(chunk, 0, n);
        }

        return AttachmentRules.Check(fileName, buffer.ToArray(), options.MaxBytes);
    }

    /// <summary>Reads, checks and stores a file on a case.</summary>
    public async Task<Result<AttachmentInfo>> AddAsync(string caseType, Guid caseId, string? fileName, Stream content, string? category, bool personal,
        Guid? uploadedBy, AttachmentAccess access, CancellationToken ct)
    {
        var file = await ReadAsync(fileName, content, ct);
        return file.IsError ? file.Error : await AddAsync(caseType, caseId, file.Value, category, personal, uploadedBy, access, ct);
    }

    /// <summary>Stores a checked file on a case: metadata and bytes in one save.</summary>
    public async Task<Result<AttachmentInfo>> AddAsync(string caseType, Guid caseId, CheckedFile file, string? category, bool personal,
        Guid? uploadedBy, AttachmentAccess access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(access);
        var target = await FindCaseAsync(caseType, caseId, ct);
        var allowed = target is { } t && (access.Scope is { } scope
            ? await db.IsInScopeAsync(scope, t.OrgId, ct)
            : t.TrackingCode is not null && string.Equals(t.TrackingCode, access.TrackingCode, StringComparison.Ordinal));
        if (!allowed)
        {
            return new NotFoundError("case-not-found", NotFoundMessage);
        }

        var cat = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (cat is { Length: > MaxCategoryLength })
        {
            return ValidationError.For("category", $"类别不超过 {MaxCategoryLength} 个字符。");
        }

        // Re-check: a CheckedFile can be built by anyone; the limits are this service's.
        var again = AttachmentRules.Check(file.FileName, file.Data, options.MaxBytes);
        if (again.IsError)
        {
            return again.Error;
        }

        var a = CaseAttachment.Create(caseType, caseId, target!.Value.OrgId, again.Value.FileName, again.Value.ContentType, file.Data.LongLength,
            again.Value.Sm3, cat, personal, uploadedBy, clock.GetUtcNow().UtcDateTime);
        db.CaseAttachments.Add(a);
        db.CaseAttachmentContents.Add(CaseAttachmentContent.Create(a.Id, file.Data));
        await db.SaveChangesAsync(ct);
        var by = uploadedBy is { } u ? await db.Users.Where(x => x.Id == u).Select(x => x.DisplayName).FirstOrDefaultAsync(ct) : null;
        return ToInfo(a, by);
    }

    /// <summary>The attachments of a case in scope, oldest first; not found when the case is absent or outside the scope.</summary>
    public async Task<Result<IReadOnlyList<AttachmentInfo>>> ListAsync(string caseType, Guid caseId, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var target = await FindCaseAsync(caseType, caseId, ct);
        if (target is not { } t || !await db.IsInScopeAsync(scope, t.OrgId, ct))
        {
            return new NotFoundError("case-not-found", NotFoundMessage);
        }

        var list = await db.CaseAttachments.AsNoTracking()
            .Where(a => a.CaseType == caseType && a.CaseId == caseId)
            .OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.CaseType, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sm3, a.Category, a.Personal,
                a.UploadedBy, db.Users.Where(u => u.Id == a.UploadedBy).Select(u => u.DisplayName).FirstOrDefault(), a.UploadedAtUtc))
            .ToListAsync(ct);
        return list;
    }

    /// <summary>Opens an attachment whose org is in scope and records the audited event ("viewed-personal-data" for a
    /// personal file, "downloaded" otherwise) attributed to the context's actor. Not found outside the scope.</summary>
    public async Task<Result<AttachmentDownload>> OpenAsync(Guid id, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var a = await db.CaseAttachments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !await db.IsInScopeAsync(scope, a.OrgId, ct))
        {
            return new NotFoundError("attachment-not-found", "附件不存在或不在您的管辖范围内。");
        }

        var data = await db.CaseAttachmentContents.AsNoTracking().Where(c => c.AttachmentId == id).Select(c => c.Data).SingleAsync(ct);
        db.RecordEvent(a.Personal ? ViewedPersonalData : Downloaded, nameof(CaseAttachment), a.Id.ToString());
        await db.SaveChangesAsync(ct);
        var by = a.UploadedBy is { } u ? await db.Users.Where(x => x.Id == u).Select(x => x.DisplayName).FirstOrDefaultAsync(ct) : null;
        return new AttachmentDownload(ToInfo(a, by), new MemoryStream(data, writable: false));
    }

    private static AttachmentInfo ToInfo(CaseAttachment a, string? uploadedByName) =>
        new(a.Id, a.CaseType, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sm3, a.Category, a.Personal, a.UploadedBy, uploadedByName, a.UploadedAtUtc);

    private async Task<(Guid OrgId, string? TrackingCode)?> FindCaseAsync(string caseType, Guid caseId, CancellationToken ct)
    {
        switch (caseType)
        {
            case ReconsiderationCodes.CaseType:
                var r = await db.ReconsiderationCases.AsNoTracking().Where(c => c.Id == caseId)
                    .Select(c => new { c.OrgId, c.TrackingCode }).SingleOrDefaultAsync(ct);
                return r is null ? null : (r.OrgId, r.TrackingCode);
            case LitigationCodes.CaseType:
                var l = await db.LitigationCases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.OrgId }).SingleOrDefaultAsync(ct);
                return l is null ? null : (l.OrgId, null);
            case Fazhi.Core.Reports.ManualFacts.EvidenceType:
                var f = await db.ManualFacts.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.OrgId }).SingleOrDefaultAsync(ct);
                return f is null ? null : (f.OrgId, null);
            default:
                return null;
        }
    }
}
