using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Orgs;

/// <summary>Importing orgs from CSV and XLSX on the active provider. The database starts with the root 云溪区人民政府 (yx).</summary>
public sealed class ImportOrgsTests : IAsyncLifetime
{
    private const string Header = "编码,名称,类型,上级编码";
    private CoreDatabase _core = null!;

    static ImportOrgsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.CreateAsync("yx", "云溪区人民政府", OrgType.Government);
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Utf8_csv_with_bom_imports_every_row()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Lines(
            Header,
            "yx-sfj,云溪区司法局,政府部门,yx",
            "yx-qs,青山镇人民政府,乡镇人民政府,yx"))).ToArray();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });

        var report = await ImportAsync(bytes, "单位.csv");

        report.Errors.ShouldBeEmpty();
        report.Committed.ShouldBeTrue();
        report.Created.ShouldBe(2);
        (await OrgsAsync()).ShouldBe([("yx", "云溪区人民政府", OrgType.Government, 0), ("yx-qs", "青山镇人民政府", OrgType.Township, 1), ("yx-sfj", "云溪区司法局", OrgType.Department, 1)]);
    }

    [Fact]
    public async Task Gb18030_csv_from_chinese_excel_is_decoded()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Lines(
            Header,
            "yx-qs,青山镇人民政府,乡镇人民政府,yx",
            "yx-qs-sfs,青山司法所,司法所,yx-qs") + "\r\n");
        Should.Throw<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var report = await ImportAsync(bytes, "单位.csv");

        report.Errors.ShouldBeEmpty();
        report.Created.ShouldBe(2);
        (await OrgsAsync()).ShouldContain(("yx-qs-sfs", "青山司法所", OrgType.JusticeOffice, 2));
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var csv = Lines(
            Header,
            "yx-sfj,\"云溪区司法局,法治办\",政府部门,yx",
            "yx-x1,\"第一行",
            "第二行\",其他,yx",
            "yx-x2,\"有\"\"引号\"\"的单位\",其他,yx");

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv");

        report.Errors.ShouldBeEmpty();
        var names = (await OrgsAsync()).ToDictionary(o => o.Code, o => o.Name);
        names["yx-sfj"].ShouldBe("云溪区司法局,法治办");
        names["yx-x1"].ShouldBe("第一行\r\n第二行");
        names["yx-x2"].ShouldBe("有\"引号\"的单位");
    }

    [Fact]
    public async Task Errors_after_a_multi_line_field_report_the_line_an_editor_shows()
    {
        var csv = Lines(
            Header,                                 // 1
            "yx-x1,\"第一行",                        // 2
            "第二行",                                // 3
            "第三行\",其他,yx",                      // 4
            "yx-x2,好单位,其他,yx",                  // 5
            "yx-x3,\"坏,单位\",警察局,yx");          // 6

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv");

        report.Errors.Select(e => e.Line).ShouldBe([6]);
        report.Errors[0].Message.ShouldContain("类型“警察局”无效");
        report.Committed.ShouldBeFalse();
        (await OrgsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Xlsx_imports_and_reports_rows_by_their_excel_row_number()
    {
        var good = Xlsx(
            ["编码", "名称", "类型", "上级编码"],
            ["yx-sfj", "云溪区司法局", "政府部门", "yx"],
            null,
            ["yx-bs", "白沙街道办事处", "街道办事处", "yx"]);
        var bad = Xlsx(
            ["编码", "名称", "类型", "上级编码"],
            ["yx-sfj", "云溪区司法局", "政府部门", "yx"],
            null,
            ["yx-bs", "白沙街道办事处", "街道", "yx"]);

        var refused = await ImportAsync(bad, "单位.xlsx");
        var accepted = await ImportAsync(good, "单位.xlsx");

        refused.Errors.Select(e => e.Line).ShouldBe([4]);
        refused.Committed.ShouldBeFalse();
        accepted.Errors.ShouldBeEmpty();
        accepted.Created.ShouldBe(2);
        (await OrgsAsync()).Select(o => o.Code).ShouldBe(["yx", "yx-bs", "yx-sfj"]);
    }

    [Theory]
    [InlineData("人民政府", OrgType.Government)]
    [InlineData("政府部门", OrgType.Department)]
    [InlineData("乡镇人民政府", OrgType.Township)]
    [InlineData("街道办事处", OrgType.Subdistrict)]
    [InlineData("司法所", OrgType.JusticeOffice)]
    [InlineData("其他", OrgType.Other)]
    [InlineData(" 司法所 ", OrgType.JusticeOffice)]
    [InlineData("Justice-Office", OrgType.JusticeOffice)]
    public async Task Chinese_labels_and_codes_of_types_are_accepted(string label, OrgType expected)
    {
        var report = await ImportAsync(Encoding.UTF8.GetBytes(Lines(Header, $"yx-1,某单位,{label},yx")), "orgs.csv");

        report.Errors.ShouldBeEmpty();
        (await OrgsAsync()).ShouldContain(("yx-1", "某单位", expected, 1));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_nothing_is_committed()
    {
        var csv = Lines(
            Header,                                  // 1
            "yx-sfj,云溪区司法局,政府部门,yx",        // 2 fine
            "yx-a,无上级单位,政府部门,nowhere",       // 3 missing parent
            "yx-sfj,重复的编码,政府部门,yx",          // 4 duplicate of line 2
            "yx,已存在的编码,人民政府,",              // 5 code already in the database
            "yx-b,未知类型,派出所,yx",                // 6 unknown type
            "yx-sfj-1,法治科,其他,yx-sfj");           // 7 fine (parent on line 2)
        var (orgsBefore, auditBefore) = await CountsAsync();

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv");

        report.Ok.ShouldBeFalse();
        report.Committed.ShouldBeFalse();
        report.Created.ShouldBe(0);
        report.RowsRead.ShouldBe(6);
        report.Errors.Select(e => e.Line).ShouldBe([3, 4, 5, 6]);
        report.Errors[0].Message.ShouldContain("上级编码“nowhere”不存在");
        report.Errors[1].Message.ShouldContain("与第 2 行重复");
        report.Errors[2].Message.ShouldContain("已存在于系统中");
        report.Errors[3].Message.ShouldContain("类型“派出所”无效");
        (await CountsAsync()).ShouldBe((orgsBefore, auditBefore));
    }

    [Theory]
    [InlineData("yx-a,无上级单位,政府部门,nowhere", "不存在")]
    [InlineData("yx-1,重复的编码,政府部门,yx", "与第 2 行重复")]
    [InlineData("yx,已存在的编码,人民政府,", "已存在于系统中")]
    [InlineData("yx-b,未知类型,派出所,yx", "无效")]
    [InlineData("yx-c,,其他,yx", "名称不能为空")]
    [InlineData("yx c,空格编码,其他,yx", "编码只能包含")]
    [InlineData("yx-d,自己的上级,其他,yx-d", "上级编码不能是本单位的编码")]
    public async Task One_bad_row_stops_the_whole_import(string badRow, string expectedMessage)
    {
        var csv = Lines(Header, "yx-1,好单位一,其他,yx", badRow, "yx-2,好单位二,其他,yx-1");
        var before = await CountsAsync();

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv");

        report.Errors.Select(e => e.Line).ShouldBe([3]);
        report.Errors[0].Message.ShouldContain(expectedMessage);
        report.Committed.ShouldBeFalse();
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_cycle_between_rows_is_reported_for_each_row_in_it()
    {
        var csv = Lines(Header, "yx-a,甲,其他,yx-b", "yx-b,乙,其他,yx-a", "yx-c,丙,其他,yx");

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv");

        report.Errors.Select(e => e.Line).ShouldBe([2, 3]);
        report.Committed.ShouldBeFalse();
        (await OrgsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Dry_run_validates_and_counts_but_commits_nothing()
    {
        var csv = Lines(Header, "yx-sfj,云溪区司法局,政府部门,yx", "yx-sfj-1,法治科,其他,yx-sfj");
        var before = await CountsAsync();

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv", dryRun: true);

        report.Ok.ShouldBeTrue();
        report.Created.ShouldBe(2);
        report.Committed.ShouldBeFalse();
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Children_listed_before_their_parents_still_import_into_the_right_places()
    {
        var csv = Lines(
            Header,
            "yx-qs-sfs-1,调解委员会,其他,yx-qs-sfs",
            "yx-qs-sfs,青山司法所,司法所,yx-qs",
            "yx-qs,青山镇人民政府,乡镇人民政府,yx");

        var report = await ImportAsync(Encoding.UTF8.GetBytes(csv), "orgs.csv");

        report.Errors.ShouldBeEmpty();
        report.Created.ShouldBe(3);
        var orgs = (await OrgsAsync()).ToDictionary(o => o.Code, o => o.Depth);
        orgs["yx-qs"].ShouldBe(1);
        orgs["yx-qs-sfs"].ShouldBe(2);
        orgs["yx-qs-sfs-1"].ShouldBe(3);
        var leaf = await _core.IdOfAsync("yx-qs-sfs-1");
        (await _core.WithContextAsync(db => db.AncestorsOf(leaf).Select(o => o.Code).ToListAsync()))
            .ShouldBe(["yx", "yx-qs", "yx-qs-sfs"]);
    }

    [Fact]
    public async Task Import_appends_one_audit_entry_per_org_and_the_chain_verifies()
    {
        var (_, auditBefore) = await CountsAsync();

        await ImportAsync(Encoding.UTF8.GetBytes(Lines(Header, "yx-1,甲,其他,yx", "yx-2,乙,其他,yx")), "orgs.csv");

        (await CountsAsync()).Audit.ShouldBe(auditBefore + 2);
        var verification = await _core.WithContextAsync(db => new Fazhi.Core.Audit.VerifyAuditChainHandler(db).HandleAsync(CancellationToken.None));
        verification.Intact.ShouldBeTrue(verification.Problem);
    }

    [Fact]
    public async Task File_without_the_required_headers_is_refused_as_a_whole()
    {
        var report = await ImportAsync(Encoding.UTF8.GetBytes(Lines("编码,名称", "yx-1,甲")), "orgs.csv");

        report.Errors.ShouldHaveSingleItem().Line.ShouldBe(0);
        report.Errors[0].Message.ShouldContain("缺少列：类型、上级编码");
    }

    private static string Lines(params string[] lines) => string.Join("\r\n", lines);

    private Task<ImportReport> ImportAsync(byte[] content, string fileName, bool dryRun = false) =>
        _core.WithContextAsync(db => new ImportOrgsHandler(db, _core.Clock).HandleAsync(
            new ImportOrgs(new MemoryStream(content), fileName, dryRun), OrgScope.Everything, CancellationToken.None));

    private Task<List<(string Code, string Name, OrgType Type, int Depth)>> OrgsAsync() => _core.WithContextAsync(async db =>
        (await db.Orgs.AsNoTracking().ToListAsync())
            .Select(o => (o.Code, o.Name, o.Type, o.Depth)).OrderBy(o => o.Code, StringComparer.Ordinal).ToList());

    private Task<(int Orgs, int Audit)> CountsAsync() => _core.WithContextAsync(async db =>
        (await db.Orgs.CountAsync(), await db.AuditEntries.CountAsync()));

    /// <summary>A one-sheet workbook with inline strings; a null row leaves that Excel row empty.</summary>
    private static byte[] Xlsx(params string[]?[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r] is not { } cells)
                {
                    continue;
                }

                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < cells.Length; c++)
                {
                    row.Append(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{r + 1}",
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(cells[c])),
                    });
                }

                data.Append(row);
            }

            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "单位" });
        }

        return stream.ToArray();
    }
}
