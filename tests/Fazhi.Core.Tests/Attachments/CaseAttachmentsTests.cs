using System.IO.Compression;
using System.Text;
using Fazhi.Core.Audit;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Attachments;

/// <summary>File rules and the attachment service on the real test database.</summary>
public sealed class CaseAttachmentsTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    private CoreDatabase _core = null!;
    private ReconsiderationCase _case = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
        _core.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var gov = await _core.IdOfAsync("yx");
        await using var db = _core.NewContext();
        var r = await new RegisterReconsiderationHandler(db, new ClockCalendar(RuleCatalog.Default), _core.Clock).HandleAsync(
            new RegisterReconsideration(gov, null, null, "online", new DateOnly(2026, 11, 27), "yx-sfj", "penalty", null, "行政处罚决定", "撤销",
                [new PartyInput("applicant", "王某某", "330102199001011234", "13800001234")]),
            OrgScope.Everything, null, Ct);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        _case = r.Value!;
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    public static TheoryData<string, byte[], string> Accepted() => new()
    {
        { "决定书.pdf", Pdf, "application/pdf" },
        { "照片.JPG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], "image/jpeg" },
        { "照片.jpeg", [0xFF, 0xD8, 0xFF, 0xE1, 1, 2], "image/jpeg" },
        { "截图.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { "申请书.docx", Zip("[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "清单.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "旧申请书.doc", Ole("WordDocument"), "application/msword" },
        { "旧清单.xls", Ole("Workbook"), "application/vnd.ms-excel" },
        { "重命名的.doc", Zip("[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "电子公文.ofd", Zip("OFD.xml", "Doc_0/Document.xml"), "application/ofd" },
        { "说明.txt", Encoding.UTF8.GetBytes("申请人：王某某\n事实与理由：……\n"), "text/plain" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Allowed_types_are_recognised_from_their_signature(string name, byte[] data, string contentType)
    {
        var r = AttachmentRules.Check(name, data, AttachmentOptions.DefaultMaxBytes);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        r.Value!.ContentType.ShouldBe(contentType);
        r.Value.FileName.ShouldBe(name);
    }

    public static TheoryData<string, byte[]> Refused() => new()
    {
        { "申请书.pdf", Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0\u0004\0") },          // a Windows executable named .pdf
        { "申请书.exe", Pdf },                                                           // an allowed signature, a forbidden extension
        { "申请书.txt", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(1)</script></html>") },
        { "page.html", Encoding.UTF8.GetBytes("<html><body>hi</body></html>") },
        { "说明.txt", Encoding.UTF8.GetBytes("  <svg onload=alert(1)>") },
        { "run.txt", Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n") },
        { "run.sh", Encoding.UTF8.GetBytes("echo hello\n") },                              // text, but not a .txt
        { "tool.txt", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0] },
        { "乱码.txt", [0xC3, 0x28, 0x41] },                                               // invalid UTF-8
        { "archive.docx", Zip("readme.txt") },                                            // a ZIP that is no document
        { "宏.docx", Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin") },
        { "slides.docx", Zip("[Content_Types].xml", "ppt/presentation.xml") },
        { "setup.doc", Ole("SummaryInformation") },                                        // a compound file that is neither (an MSI)
        { "宏.xls", Ole("Workbook", "_VBA_PROJECT") },
        { "无扩展名", Pdf },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Executables_scripts_html_and_unknown_files_are_refused(string name, byte[] data)
    {
        var r = AttachmentRules.Check(name, data, AttachmentOptions.DefaultMaxBytes);
        r.Error.ShouldBeOfType<ValidationError>().Fields["file"][0].ShouldContain("不支持的文件类型，仅支持 PDF、JPG、PNG、DOC、DOCX、XLS、XLSX、OFD、TXT");
    }

    [Fact]
    public void An_extension_that_disagrees_with_the_content_is_refused()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 };
        var r = AttachmentRules.Check("扫描件.pdf", png, AttachmentOptions.DefaultMaxBytes);
        r.Error.ShouldBeOfType<ValidationError>().Fields["file"][0].ShouldContain("文件内容为 PNG，与扩展名不符");
    }

    [Fact]
    public void Empty_and_oversized_files_are_refused_with_the_limit_in_the_message()
    {
        AttachmentRules.Check("a.pdf", [], AttachmentOptions.DefaultMaxBytes).Error.ShouldBeOfType<ValidationError>()
            .Fields["file"][0].ShouldContain("文件为空");
        var big = new byte[AttachmentOptions.DefaultMaxBytes + 1];
        Pdf.CopyTo(big, 0);
        AttachmentRules.Check("a.pdf", big, AttachmentOptions.DefaultMaxBytes).Error.ShouldBeOfType<ValidationError>()
            .Fields["file"][0].ShouldContain("文件超过 20 MB 上限");
    }

    [Fact]
    public async Task Reading_a_stream_stops_at_the_configured_limit()
    {
        await using var db = _core.NewContext();
        var service = new CaseAttachments(db, new AttachmentOptions(1024), _core.Clock);
        var data = new byte[5000];
        Pdf.CopyTo(data, 0);
        var r = await service.ReadAsync("大文件.pdf", new NonSeekableStream(data), Ct);
        r.Error.ShouldBeOfType<ValidationError>().Fields["file"][0].ShouldContain("文件超过 1 KB 上限");
        (await service.ReadAsync("小文件.pdf", new NonSeekableStream(Pdf), Ct)).IsError.ShouldBeFalse();
    }

    [Fact]
    public void File_names_lose_directories_and_control_characters()
    {
        AttachmentRules.CleanName(@"C:\Users\王\桌面\申请书.pdf").ShouldBe("申请书.pdf");
        AttachmentRules.CleanName("../../etc/\u0007passwd.txt").ShouldBe("passwd.txt");
        var longName = new string('长', 300) + ".pdf";
        var cleaned = AttachmentRules.CleanName(longName);
        cleaned.Length.ShouldBe(CaseAttachment.MaxFileNameLength);
        cleaned.ShouldEndWith(".pdf");
    }

    [Fact]
    public void The_digest_is_SM3_of_the_bytes()
    {
        var abc = AttachmentRules.Check("abc.txt", "abc"u8.ToArray(), AttachmentOptions.DefaultMaxBytes);
        // GB/T 32905-2016 Appendix A, example 1.
        abc.Value!.Sm3.ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        AttachmentRules.Check("a.pdf", Pdf, AttachmentOptions.DefaultMaxBytes).Value!.Sm3.ShouldBe(Convert.ToHexStringLower(Sm3.Hash(Pdf)));
    }

    [Fact]
    public async Task A_stored_file_keeps_its_bytes_and_digest_and_its_creation_is_audited()
    {
        var info = await AddAsync("申请书.pdf", Pdf, personal: false, OrgScope.Everything);
        info.Sm3.ShouldBe(Convert.ToHexStringLower(Sm3.Hash(Pdf)));
        info.Size.ShouldBe(Pdf.Length);
        info.Category.ShouldBe("申请材料");

        await _core.WithContextAsync(async db =>
        {
            (await db.CaseAttachmentContents.SingleAsync(c => c.AttachmentId == info.Id)).Data.ShouldBe(Pdf);
            var created = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(CaseAttachment) && e.EntityId == info.Id.ToString());
            created.Action.ShouldBe("created");
            created.AfterDigest.ShouldNotBeNullOrEmpty();
            (await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(CaseAttachmentContent))).ShouldBeFalse();
        });

        var list = await _core.WithContextAsync(db => Service(db).ListAsync(ReconsiderationCodes.CaseType, _case.Id, OrgScope.Everything, Ct));
        list.Value!.Select(a => a.FileName).ShouldBe(["申请书.pdf"]);
    }

    [Fact]
    public async Task Opening_a_personal_file_is_audited_as_a_view_of_personal_data()
    {
        var personal = await AddAsync("身份证.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1], personal: true, OrgScope.Everything);
        var plain = await AddAsync("决定书.pdf", Pdf, personal: false, OrgScope.Everything);
        var viewer = new AuditActor(Guid.CreateVersion7(), "fuyi", await _core.IdOfAsync("yx"));
        _core.Actor.Current = viewer;

        var opened = await _core.WithContextAsync(db => Service(db).OpenAsync(personal.Id, OrgScope.Everything, Ct));
        opened.IsError.ShouldBeFalse();
        using (var ms = new MemoryStream())
        {
            await opened.Value!.Content.CopyToAsync(ms);
            ms.ToArray().ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1 });
        }

        opened.Value.Content.Dispose();
        (await _core.WithContextAsync(db => Service(db).OpenAsync(plain.Id, OrgScope.Everything, Ct))).Value!.Content.Dispose();

        var events = await _core.WithContextAsync(db => db.AuditEntries.Where(e => e.Action == CaseAttachments.ViewedPersonalData || e.Action == CaseAttachments.Downloaded)
            .OrderBy(e => e.Sequence).Select(e => new { e.Action, e.EntityId, e.ActorName }).ToListAsync());
        events.Select(e => (e.Action, e.EntityId, e.ActorName)).ShouldBe([
            (CaseAttachments.ViewedPersonalData, personal.Id.ToString(), "fuyi"),
            (CaseAttachments.Downloaded, plain.Id.ToString(), "fuyi"),
        ]);
    }

    [Fact]
    public async Task Outside_the_scope_nothing_can_be_added_listed_or_opened()
    {
        var township = OrgScope.Subtree(await _core.IdOfAsync("yx-qs"));
        var stored = await AddAsync("决定书.pdf", Pdf, personal: false, OrgScope.Everything);
        await _core.WithContextAsync(async db =>
        {
            var service = Service(db);
            (await service.AddAsync(ReconsiderationCodes.CaseType, _case.Id, "x.pdf", new MemoryStream(Pdf), null, false, null, AttachmentAccess.Staff(township), Ct))
                .Error.ShouldBeOfType<NotFoundError>();
            (await service.ListAsync(ReconsiderationCodes.CaseType, _case.Id, township, Ct)).Error.ShouldBeOfType<NotFoundError>();
            (await service.OpenAsync(stored.Id, township, Ct)).Error.ShouldBeOfType<NotFoundError>();
            (await service.ListAsync("no-such-line", _case.Id, OrgScope.Everything, Ct)).Error.ShouldBeOfType<NotFoundError>();
        });
        (await _core.WithContextAsync(db => db.CaseAttachments.CountAsync())).ShouldBe(1);
        (await _core.WithContextAsync(db => db.AuditEntries.CountAsync(e => e.Action == CaseAttachments.Downloaded))).ShouldBe(0);
    }

    [Fact]
    public async Task The_applicant_adds_files_with_the_tracking_code_only()
    {
        await _core.WithContextAsync(async db =>
        {
            var service = Service(db);
            var wrong = await service.AddAsync(ReconsiderationCodes.CaseType, _case.Id, "a.pdf", new MemoryStream(Pdf), null, false, null, AttachmentAccess.Applicant("WRONGCODE234"), Ct);
            wrong.Error.ShouldBeOfType<NotFoundError>();
            var right = await service.AddAsync(ReconsiderationCodes.CaseType, _case.Id, "a.pdf", new MemoryStream(Pdf), "申请材料", true, null, AttachmentAccess.Applicant(_case.TrackingCode!), Ct);
            right.IsError.ShouldBeFalse(right.Error?.ToString());
            right.Value!.UploadedBy.ShouldBeNull();
        });
    }

    private CaseAttachments Service(Fazhi.Core.Data.AppDbContext db) => new(db, new AttachmentOptions(AttachmentOptions.DefaultMaxBytes), _core.Clock);

    private async Task<AttachmentInfo> AddAsync(string name, byte[] data, bool personal, OrgScope scope)
    {
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        var r = await _core.WithContextAsync(db => Service(db).AddAsync(ReconsiderationCodes.CaseType, _case.Id, name, new MemoryStream(data), "申请材料", personal, null,
            AttachmentAccess.Staff(scope), Ct));
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value!;
    }

    private static byte[] Zip(params string[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(e).Open());
                w.Write("<x/>");
            }
        }

        return ms.ToArray();
    }

    /// <summary>An OLE compound file header followed by directory names (UTF-16LE), enough for the signature checks.</summary>
    private static byte[] Ole(params string[] streams)
    {
        var bytes = new List<byte> { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
        bytes.AddRange(new byte[504]);
        bytes.AddRange(Encoding.Unicode.GetBytes("Root Entry"));
        foreach (var s in streams)
        {
            bytes.AddRange(new byte[20]);
            bytes.AddRange(Encoding.Unicode.GetBytes(s));
        }

        return [.. bytes];
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
