using System.Text;
using Fazhi.Core.Audit;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Import;

/// <summary>Importing and exporting reconsideration cases (JSON Lines, CSV, XLSX) on the active provider.</summary>
public sealed class ImportReconsiderationTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await NewDatabaseAsync();
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    internal static async Task<CoreDatabase> NewDatabaseAsync()
    {
        var core = await CoreDatabase.CreateAsync();
        await core.SeedDistrictAsync();
        core.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        return core;
    }

    internal static string Jsonl(params string[] lines) => string.Join("\n", lines) + "\n";

    private const string Received = """{"case_number":"复〔2026〕1号","org":"yx","received_on":"2026-11-02","respondent":"yx-sfj","matter_type":"penalty","applicants":["张三","李四"],"request":"撤销罚款决定"}""";
    private const string Accepted = """{"case_number":"复〔2026〕2号","org":"yx","received_on":"2026-10-09","respondent":"某某公司","matter_type":"information_disclosure","applicants":["王五"],"accepted_on":"2026-10-12","procedure":"simplified"}""";
    private const string Closed = """{"case_number":"复〔2026〕3号","org":"yx","received_on":"2026-03-02","respondent":"yx-qs","matter_type":"expropriation","applicants":["赵六"],"accepted_on":"2026-03-04","procedure":"ordinary","closed_on":"2026-04-20","outcome":"revoke","channel":"mail"}""";
    private const string Late = """{"case_number":"复〔2026〕4号","org":"yx","received_on":"2026-03-02","respondent":"yx-qs","matter_type":"licensing","accepted_on":"2026-03-04","closed_on":"2026-07-20","outcome":"uphold"}""";
    private const string NotAccepted = """{"case_number":"复〔2026〕5号","org":"yx","received_on":"2026-06-01","respondent":"yx-bs","matter_type":"other","not_accepted_on":"2026-06-05"}""";
    private const string Old = """{"case_number":"复〔2023〕9号","org":"yx","received_on":"2023-05-08","respondent":"yx-sfj","matter_type":"penalty","accepted_on":"2023-05-10","closed_on":"2023-06-30","outcome":"uphold"}""";

    [Fact]
    public async Task Good_json_lines_import_with_stages_clocks_events_search_and_audit()
    {
        var report = await ImportAsync(Jsonl(Received, Accepted, "", Closed, Late, NotAccepted, Old));

        report.Errors.ShouldBeEmpty();
        report.RowsRead.ShouldBe(6);
        report.Created.ShouldBe(6);
        report.Committed.ShouldBeTrue();

        var cases = await _core.WithContextAsync(db => db.ReconsiderationCases.AsNoTracking().ToDictionaryAsync(c => c.CaseNumber));
        cases["复〔2026〕1号"].Stage.ShouldBe(ReconsiderationStage.Received);
        cases["复〔2026〕1号"].Channel.ShouldBe(IntakeChannel.Import);
        cases["复〔2026〕1号"].RespondentName.ShouldBe("云溪区司法局");
        cases["复〔2026〕1号"].RespondentOrgId.ShouldNotBeNull();
        cases["复〔2026〕1号"].ApplicantNames.ShouldBe("张三、李四");
        cases["复〔2026〕2号"].Stage.ShouldBe(ReconsiderationStage.Accepted);
        cases["复〔2026〕2号"].Procedure.ShouldBe(ReviewProcedure.Simplified);
        cases["复〔2026〕2号"].RespondentOrgId.ShouldBeNull();
        cases["复〔2026〕3号"].Stage.ShouldBe(ReconsiderationStage.Closed);
        cases["复〔2026〕3号"].Outcome.ShouldBe(ReconsiderationOutcome.Revoke);
        cases["复〔2026〕3号"].Channel.ShouldBe(IntakeChannel.Mail);
        cases["复〔2026〕5号"].Stage.ShouldBe(ReconsiderationStage.NotAccepted);
        cases["复〔2023〕9号"].LawVersion.ShouldBe("2017");
        cases["复〔2026〕1号"].LawVersion.ShouldBe("2023");

        var clocks = await _core.WithContextAsync(db => db.Clocks.AsNoTracking().ToListAsync());
        Clock Of(string number) => clocks.Single(k => k.CaseId == cases[number].Id.ToString());
        Of("复〔2026〕1号").RuleId.ShouldBe("reconsideration.acceptance-review");
        Of("复〔2026〕1号").Status.ShouldBe(ClockStatus.Running);
        Of("复〔2026〕2号").RuleId.ShouldBe("reconsideration.decision-simplified");
        Of("复〔2026〕2号").Status.ShouldBe(ClockStatus.Running);
        Of("复〔2026〕2号").StartDate.ShouldBe(new DateOnly(2026, 10, 12));
        Of("复〔2026〕3号").RuleId.ShouldBe("reconsideration.decision");
        Of("复〔2026〕3号").Status.ShouldBe(ClockStatus.Met);
        Of("复〔2026〕3号").StoppedOn.ShouldBe(new DateOnly(2026, 4, 20));
        Of("复〔2026〕4号").Status.ShouldBe(ClockStatus.MetLate); // 60 days from 03-04 ended in May
        Of("复〔2026〕5号").RuleId.ShouldBe("reconsideration.acceptance-review");
        Of("复〔2026〕5号").StoppedOn.ShouldBe(new DateOnly(2026, 6, 5));
        Of("复〔2023〕9号").LawVersion.ShouldBe("2017");

        // No event row per imported case: the case row keeps where it came from, and the timeline shows it.
        (await _core.WithContextAsync(db => db.CaseEvents.CountAsync())).ShouldBe(0);
        cases.Values.ShouldAllBe(c => c.ImportNote != null && c.ImportedOn != null);
        cases["复〔2026〕3号"].ImportedOn.ShouldBe(new DateOnly(2026, 4, 20));
        cases["复〔2026〕3号"].ImportNote.ShouldBe("批量导入（第 4 行）：已审结，撤销");
        var detail = await _core.WithContextAsync(db => new ReconsiderationQuery(db, new ClockCalendar(RuleCatalog.Default), _core.Clock).FindAsync(cases["复〔2026〕3号"].Id, OrgScope.Everything, Ct));
        detail!.Events.Select(e => (e.Kind, e.OccurredOn, e.Note)).ShouldBe([("imported", new DateOnly(2026, 4, 20), "批量导入（第 4 行）：已审结，撤销")]);

        var parties = await _core.WithContextAsync(db => db.ReconsiderationParties.AsNoTracking().Where(p => p.CaseId == cases["复〔2026〕1号"].Id).OrderBy(p => p.Position).Select(p => p.Name).ToListAsync());
        parties.ShouldBe(["张三", "李四"]);

        var found = await _core.WithContextAsync(db => CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase("罚款")!).ToListAsync());
        found.ShouldBe([cases["复〔2026〕1号"].Id]);

        var created = await _core.WithContextAsync(db => db.AuditEntries.CountAsync(a => a.Action == "created" && a.EntityType == nameof(ReconsiderationCase)));
        created.ShouldBe(6);
        var verify = await _core.WithContextAsync(db => new VerifyAuditChainHandler(db).HandleAsync(Ct));
        verify.Intact.ShouldBeTrue(verify.Problem);
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_its_line_and_nothing_is_written()
    {
        var report = await ImportAsync(Jsonl(
            Received,
            """{"org":"yx","received_on":"2026-11-02","respondent":"x","matter_type":"penalty"}""",
            """{"case_number":"b3","org":"yx","received_on":"2026-02-30","respondent":"x","matter_type":"penalty"}""",
            """{"case_number":"b4","org":"yx","received_on":"2027-01-05","respondent":"x","matter_type":"penalty"}""",
            """{"case_number":"b5","org":"yx","received_on":"2026-05-10","respondent":"x","matter_type":"penalty","accepted_on":"2026-05-12","closed_on":"2026-05-11","outcome":"uphold"}""",
            """{"case_number":"b6","org":"yx","received_on":"2026-05-10","respondent":"x","matter_type":"penalty","closed_on":"2026-06-11","outcome":"uphold"}""",
            """{"case_number":"b7","org":"yx","received_on":"2026-05-10","respondent":"x","matter_type":"penalty","accepted_on":"2026-05-12","outcome":"uphold"}""",
            """{"case_number":"b8","org":"yx","received_on":"2026-05-10","respondent":"x","matter_type":"parking"}""",
            """{"case_number":"b9","org":"yx","received_on":"2023-05-10","respondent":"x","matter_type":"penalty","accepted_on":"2023-05-12","procedure":"simplified"}""",
            """{"case_number":"b10","org":"yx","received_on":"2023-05-10","respondent":"x","matter_type":"penalty","accepted_on":"2023-05-12","closed_on":"2023-06-12","outcome":"confirm_invalid"}""",
            """{"case_number":"复〔2026〕1号","org":"yx","received_on":"2026-11-03","respondent":"x","matter_type":"penalty"}""",
            """{"case_number":"b12","org":"nowhere","received_on":"2026-05-10","respondent":"x","matter_type":"penalty"}""",
            """{"case_number":"b13","org":"yx","received_on":"2026-05-10","respondent":"x","matter_type":"penalty","outcome":"quash","accepted_on":"2026-05-12","closed_on":"2026-06-01"}""",
            """{"case_number":"b14","org":"yx",""",
            """{"case_number":"b15","org":"yx","received_on":"2026-05-10","respondent":"x","matter_type":"penalty","accepted_on":"2026-05-08"}"""));

        report.Committed.ShouldBeFalse();
        report.Created.ShouldBe(0);
        report.Valid.ShouldBe(0);
        var byLine = report.Errors.ToDictionary(e => e.Line, e => e.Message);
        byLine.Keys.ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        byLine[1].ShouldContain("第 1、11 行");
        byLine[11].ShouldContain("第 1、11 行");
        byLine[2].ShouldContain("案号不能为空");
        byLine[3].ShouldContain("不是有效日期");
        byLine[4].ShouldContain("晚于今天");
        byLine[5].ShouldContain("不能早于受理日期");
        byLine[6].ShouldContain("未受理的案件不能结案");
        byLine[7].ShouldContain("没有结案日期");
        byLine[8].ShouldContain("行政行为类别“parking”无效");
        byLine[9].ShouldContain("没有简易程序");
        byLine[10].ShouldContain("确认无效");
        byLine[12].ShouldContain("“nowhere”不存在");
        byLine[13].ShouldContain("结案方式“quash”无效");
        byLine[14].ShouldContain("不是有效的 JSON");
        byLine[14].ShouldContain("请检查引号"); // in Chinese, not the serializer's English message
        byLine[15].ShouldContain("不能早于收到申请日期");

        (await CountAsync()).ShouldBe((0, 0, 0, 0));
    }

    [Fact]
    public async Task Partial_writes_the_good_rows_and_reports_the_bad_ones()
    {
        var report = await ImportAsync(Jsonl(Received, """{"case_number":"x","org":"nowhere","received_on":"2026-05-10","respondent":"x","matter_type":"penalty"}""", Closed),
            new CaseImportOptions(Partial: true));

        report.Committed.ShouldBeTrue();
        report.Created.ShouldBe(2);
        report.Errors.Select(e => e.Line).ShouldBe([2]);
        (await CountAsync()).ShouldBe((2, 2, 0, 2));

        // The entries are chained while the rows are prepared: the skipped bad row must leave no gap in the chain.
        var verify = await _core.WithContextAsync(db => new VerifyAuditChainHandler(db).HandleAsync(Ct));
        verify.Intact.ShouldBeTrue(verify.Problem);
    }

    [Fact]
    public async Task Duplicates_in_one_file_are_both_refused_even_with_partial()
    {
        var report = await ImportAsync(Jsonl(Received, Closed, Received.Replace("张三", "张三丰", StringComparison.Ordinal)), new CaseImportOptions(Partial: true));

        report.Errors.Select(e => e.Line).ShouldBe([1, 3]);
        report.Created.ShouldBe(1);
    }

    [Fact]
    public async Task A_large_file_read_in_parts_reports_the_lines_of_every_repeated_number()
    {
        // Over 4 MB the key pass reads parts of the file on several threads: numbers that repeat across parts, blank and
        // CRLF lines, a byte order mark and a line that is not JSON must give the lines one reader would give.
        var text = new StringBuilder("\uFEFF");
        var line = 0;
        void Add(string content)
        {
            text.Append(content).Append(line % 7 == 0 ? "\r\n" : "\n");
            line++;
        }

        for (var i = 1; i <= 12_000; i++)
        {
            var number = i % 1000 == 0 ? i - 997 : i; // lines 1000, 2000, … repeat the numbers of lines 3, 1003, …
            Add(Received.Replace("复〔2026〕1号", $"复〔2026〕{number}号", StringComparison.Ordinal)
                .Replace("撤销罚款决定", "撤销罚款决定" + new string('理', 100), StringComparison.Ordinal));
            if (i % 2500 == 0)
            {
                Add("");
            }
        }

        Add("{\"case_number\": 不是 JSON");
        var bad = line;
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        bytes.Length.ShouldBeGreaterThan(4 << 20);
        var path = Path.Combine(Path.GetTempPath(), $"fazhi-keys-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllBytesAsync(path, bytes, Ct);
        try
        {
            CaseImportReport report;
            await using (var db = _core.NewContext())
            await using (var file = File.OpenRead(path))
            {
                report = await new ImportReconsiderationHandler(db, _calendars, _core.Clock)
                    .HandleAsync(file, CaseFileFormat.JsonLines, new CaseImportOptions(DryRun: true), OrgScope.Everything, Ct);
            }

            // Line numbers as one reader counts them: lines 1000k are the repeats, each of the number on line 1000k - 997,
            // shifted by the blank line after every 2,500th row.
            var lines = File.ReadAllLines(path);
            var byNumber = lines.Select((l, i) => (Line: i + 1, Text: l))
                .Where(l => l.Text.Contains("case_number\":\"", StringComparison.Ordinal))
                .GroupBy(l => l.Text[(l.Text.IndexOf("复〔", StringComparison.Ordinal))..l.Text.IndexOf('号')])
                .Where(g => g.Count() > 1)
                .ToList();
            byNumber.Count.ShouldBe(12);
            var repeated = byNumber.SelectMany(g => g.Select(l => l.Line)).Order().ToList();
            report.RowsRead.ShouldBe(12_001);
            report.Errors.Select(e => e.Line).ShouldBe([.. repeated.Append(bad).Order()]);
            foreach (var g in byNumber)
            {
                var cited = $"（第 {string.Join("、", g.Select(l => l.Line))} 行）";
                report.Errors.Where(e => g.Any(l => l.Line == e.Line)).ShouldAllBe(e => e.Message.Contains(cited));
            }

            report.Errors.Single(e => e.Line == bad).Message.ShouldContain("不是有效的 JSON");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bulk_digests_are_the_digests_SaveChanges_would_write()
    {
        (await ImportAsync(Jsonl(Received, Accepted, Closed, Late, NotAccepted, Old))).Created.ShouldBe(6);

        // AuditBatch.Digest formats the values itself (bulk imports); it must give what the SaveChanges path gives for
        // the same row, the entity read back from the database.
        await using var db = _core.NewContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(ReconsiderationCase)).ToDictionaryAsync(e => e.EntityId);
        var cases = await db.ReconsiderationCases.ToListAsync();
        cases.Count.ShouldBe(6);
        foreach (var c in cases)
        {
            var expected = Sm3.HexOf(AuditChain.CanonicalValues(db.Entry(c).Properties.Select(p => new KeyValuePair<string, object?>(p.Metadata.Name, p.CurrentValue))));
            entries[c.Id.ToString()].AfterDigest.ShouldBe(expected, c.CaseNumber);
        }
    }

    [Fact]
    public async Task Digests_hashed_together_match_SaveChanges_for_rows_of_every_length()
    {
        // A chunk's digests are hashed several rows at a time (AuditBatch.DigestMany, Sm3.HexOfMany): rows of different
        // lengths end in different blocks, and a chunk of 37 rows leaves part of the last group empty.
        var lines = Enumerable.Range(1, 37).Select(i => Received
            .Replace("复〔2026〕1号", $"复〔2026〕{100 + i}号", StringComparison.Ordinal)
            .Replace("撤销罚款决定", "撤销罚款决定" + new string('理', i * i % 700), StringComparison.Ordinal)).ToArray();
        (await ImportAsync(Jsonl(lines))).Created.ShouldBe(37);

        await using var db = _core.NewContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(ReconsiderationCase)).ToDictionaryAsync(e => e.EntityId);
        var cases = await db.ReconsiderationCases.ToListAsync();
        cases.Count.ShouldBe(37);
        foreach (var c in cases)
        {
            var expected = Sm3.HexOf(AuditChain.CanonicalValues(db.Entry(c).Properties.Select(p => new KeyValuePair<string, object?>(p.Metadata.Name, p.CurrentValue))));
            entries[c.Id.ToString()].AfterDigest.ShouldBe(expected, c.CaseNumber);
        }

        var verify = await new VerifyAuditChainHandler(db).HandleAsync(Ct);
        verify.Intact.ShouldBeTrue(verify.Problem);
    }

    [Fact]
    public async Task A_number_repeated_three_times_names_every_line_on_each()
    {
        var report = await ImportAsync(Jsonl(Received, Closed, Received.Replace("张三", "张三丰", StringComparison.Ordinal), Received), new CaseImportOptions(Partial: true));

        report.Errors.Select(e => e.Line).ShouldBe([1, 3, 4]);
        report.Errors.ShouldAllBe(e => e.Message.Contains("第 1、3、4 行"));
        report.Created.ShouldBe(1);
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing()
    {
        var file = Jsonl(Received, Accepted, Closed);
        (await ImportAsync(file)).Created.ShouldBe(3);
        var before = await CountAsync();
        var audit = await _core.WithContextAsync(db => db.AuditEntries.CountAsync());

        var again = await ImportAsync(file);

        again.Ok.ShouldBeTrue();
        again.Created.ShouldBe(0);
        again.Skipped.ShouldBe(3);
        (await CountAsync()).ShouldBe(before);
        (await _core.WithContextAsync(db => db.AuditEntries.CountAsync())).ShouldBe(audit);

        // Existing rows among new ones: only the new one is written and chained.
        var mixed = await ImportAsync(Jsonl(Received, Accepted.Replace("张三", "王五", StringComparison.Ordinal).Replace("〕2号", "〕9号", StringComparison.Ordinal), Closed));
        mixed.Skipped.ShouldBe(2);
        mixed.Created.ShouldBe(1);
        (await _core.WithContextAsync(db => db.AuditEntries.CountAsync())).ShouldBe(audit + 1);
        var verify = await _core.WithContextAsync(db => new VerifyAuditChainHandler(db).HandleAsync(Ct));
        verify.Intact.ShouldBeTrue(verify.Problem);
    }

    [Fact]
    public async Task Dry_run_validates_and_writes_nothing()
    {
        var report = await ImportAsync(Jsonl(Received, Closed), new CaseImportOptions(DryRun: true));

        report.Ok.ShouldBeTrue();
        report.Valid.ShouldBe(2);
        report.Created.ShouldBe(0);
        report.Committed.ShouldBeFalse();
        (await CountAsync()).ShouldBe((0, 0, 0, 0));
    }

    [Fact]
    public async Task An_org_outside_the_scope_is_refused()
    {
        var qs = await _core.IdOfAsync("yx-qs");
        var row = """{"case_number":"1","org":"yx-bs","received_on":"2026-05-10","respondent":"x","matter_type":"penalty"}""";

        var report = await ImportAsync(Jsonl(row), scope: OrgScope.Subtree(qs));

        report.Errors.Single().Message.ShouldContain("不在您的管辖范围内");
    }

    [Theory]
    [InlineData(CaseFileFormat.Csv)]
    [InlineData(CaseFileFormat.Xlsx)]
    public async Task Export_then_import_round_trips(CaseFileFormat format)
    {
        (await ImportAsync(Jsonl(Received, Accepted, Closed, Late, NotAccepted, Old))).Created.ShouldBe(6);
        var original = await ExportAsync(_core, CaseFileFormat.JsonLines);
        var table = await ExportBytesAsync(_core, format);

        await using var other = await NewDatabaseAsync();
        await using (var db = other.NewContext())
        {
            var report = await new ImportReconsiderationHandler(db, _calendars, other.Clock)
                .HandleAsync(new MemoryStream(table), format, new CaseImportOptions(), OrgScope.Everything, Ct);
            report.Errors.ShouldBeEmpty();
            report.Created.ShouldBe(6);
        }

        (await ExportAsync(other, CaseFileFormat.JsonLines)).ShouldBe(original);
        original.ShouldContain("\"applicants\":[\"张三\",\"李四\"]");
    }

    [Fact]
    public async Task Template_has_the_chinese_headers_and_reads_back_as_an_empty_ledger()
    {
        using var xlsx = new MemoryStream();
        await ReconsiderationTemplate.WriteAsync(xlsx, CaseFileFormat.Xlsx, Ct);
        xlsx.Position = 0;
        var read = Fazhi.Core.Common.TableFile.Read(xlsx, "t.xlsx", ReconsiderationTemplate.Headers.ToList());
        read.IsError.ShouldBeFalse();
        read.Value.ShouldBeEmpty();

        var report = await ImportBytesAsync(xlsx.ToArray(), CaseFileFormat.Xlsx);
        report.Ok.ShouldBeTrue();
        report.RowsRead.ShouldBe(0);
    }

    [Fact]
    public async Task A_csv_ledger_with_chinese_labels_imports()
    {
        var csv = string.Join("\n",
            string.Join(",", ReconsiderationTemplate.Headers),
            "云溪复〔2026〕7号,yx,,2026/5/6,邮寄,张三、李四,云溪区司法局,行政处罚,罚款决定,2026-04-01,撤销,2026-05-08,,简易程序,2026-05-20,撤销",
            "云溪复〔2026〕8号,yx,,2026-05-06,,王五,白沙街道办事处,不履行法定职责,,,,,,,,");

        var report = await ImportBytesAsync(Encoding.UTF8.GetBytes(csv), CaseFileFormat.Csv);

        report.Errors.ShouldBeEmpty();
        report.Created.ShouldBe(2);
        var c = await _core.WithContextAsync(db => db.ReconsiderationCases.AsNoTracking().SingleAsync(x => x.CaseNumber == "云溪复〔2026〕7号"));
        c.Procedure.ShouldBe(ReviewProcedure.Simplified);
        c.Outcome.ShouldBe(ReconsiderationOutcome.Revoke);
        c.Channel.ShouldBe(IntakeChannel.Mail);
        c.RespondentOrgId.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_bad_csv_row_reports_its_line_number()
    {
        var csv = string.Join("\n",
            string.Join(",", ReconsiderationTemplate.Headers),
            "A1,yx,,2026-05-06,,张三,x,行政处罚,,,,,,,,",
            "A2,yx,,2026-05-06,,张三,x,违章停车,,,,,,,,");

        var report = await ImportBytesAsync(Encoding.UTF8.GetBytes(csv), CaseFileFormat.Csv);

        report.Errors.Single().Line.ShouldBe(3);
        report.Created.ShouldBe(0);
    }

    private async Task<(int Cases, int Clocks, int Events, int Search)> CountAsync() =>
        await _core.WithContextAsync(async db => (
            await db.ReconsiderationCases.CountAsync(),
            await db.Clocks.CountAsync(),
            await db.CaseEvents.CountAsync(),
            await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM case_search").SingleAsync()));

    private Task<CaseImportReport> ImportAsync(string jsonl, CaseImportOptions? options = null, OrgScope? scope = null) =>
        ImportBytesAsync(Encoding.UTF8.GetBytes(jsonl), CaseFileFormat.JsonLines, options, scope);

    private async Task<CaseImportReport> ImportBytesAsync(byte[] bytes, CaseFileFormat format, CaseImportOptions? options = null, OrgScope? scope = null)
    {
        await using var db = _core.NewContext();
        return await new ImportReconsiderationHandler(db, _calendars, _core.Clock)
            .HandleAsync(new MemoryStream(bytes), format, options ?? new CaseImportOptions(), scope ?? OrgScope.Everything, Ct);
    }

    private static async Task<byte[]> ExportBytesAsync(CoreDatabase core, CaseFileFormat format)
    {
        await using var db = core.NewContext();
        using var output = new MemoryStream();
        var r = await new ReconsiderationExporter(db).ExportAsync(output, format, new CaseExportFilter("yx"), OrgScope.Everything, Ct);
        r.IsError.ShouldBeFalse();
        return output.ToArray();
    }

    private static async Task<string> ExportAsync(CoreDatabase core, CaseFileFormat format) =>
        Encoding.UTF8.GetString(await ExportBytesAsync(core, format));
}
