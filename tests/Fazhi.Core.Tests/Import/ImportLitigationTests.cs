using System.Text;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Import;

/// <summary>Importing and exporting lawsuits on the active provider.</summary>
public sealed class ImportLitigationTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private CoreDatabase _core = null!;

    private const string Closed = """{"case_number":"(2026)浙0101行初12号","org":"yx-sfj","court":"云溪区人民法院","instance":"first","filed_on":"2026-03-02","complaint_received_on":"2026-03-05","defence_submitted_on":"2026-03-16","cause":"行政处罚","plaintiffs":["张三","某某公司"],"hearings":[{"held_on":"2026-04-10","head_present":true,"head_rank":"deputy","head_spoke":true,"staff_present":true},{"held_on":"2026-05-12","head_present":false,"staff_present":true}],"closed_on":"2026-06-01","outcome":"dismiss_claims"}""";
    private const string Defending = """{"case_number":"(2026)浙0101行初30号","org":"yx","court":"云溪区人民法院","filed_on":"2026-11-20","complaint_received_on":"2026-11-23","cause":"政府信息公开","plaintiffs":["李四"]}""";
    private const string Filed = """{"case_number":"(2026)浙01行终8号","org":"yx","court":"某市中级人民法院","instance":"second","filed_on":"2026-11-25","cause":"行政强制","plaintiffs":["王五"]}""";

    public async Task InitializeAsync() => _core = await ImportReconsiderationTests.NewDatabaseAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Bulk_digests_are_the_digests_SaveChanges_would_write()
    {
        (await ImportAsync(string.Join("\n", Closed, Defending, Filed) + "\n")).Created.ShouldBe(3);

        await using var db = _core.NewContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(LitigationCase)).ToDictionaryAsync(e => e.EntityId);
        var cases = await db.LitigationCases.ToListAsync();
        cases.Count.ShouldBe(3);
        foreach (var c in cases)
        {
            var expected = Fazhi.Core.Audit.Sm3.HexOf(Fazhi.Core.Audit.AuditChain.CanonicalValues(
                db.Entry(c).Properties.Select(p => new KeyValuePair<string, object?>(p.Metadata.Name, p.CurrentValue))));
            entries[c.Id.ToString()].AfterDigest.ShouldBe(expected, c.CaseNumber);
        }
    }

    [Fact]
    public async Task Lawsuits_import_with_stages_hearings_defence_clocks_and_defendant()
    {
        var report = await ImportAsync(ImportReconsiderationTests.Jsonl(Closed, Defending, Filed));

        report.Errors.ShouldBeEmpty();
        report.Created.ShouldBe(3);
        var cases = await _core.WithContextAsync(db => db.LitigationCases.AsNoTracking().ToDictionaryAsync(c => c.CaseNumber));
        var closed = cases["(2026)浙0101行初12号"];
        closed.Stage.ShouldBe(LitigationStage.Closed);
        closed.Outcome.ShouldBe(LitigationOutcome.DismissClaims);
        closed.Plaintiffs.ShouldBe("张三、某某公司");
        cases["(2026)浙0101行初30号"].Stage.ShouldBe(LitigationStage.Defending);
        cases["(2026)浙01行终8号"].Stage.ShouldBe(LitigationStage.Filed);
        cases["(2026)浙01行终8号"].Instance.ShouldBe(Instance.Second);

        var hearings = await _core.WithContextAsync(db => db.LitigationHearings.AsNoTracking().Where(h => h.CaseId == closed.Id).OrderBy(h => h.HeldOn).ToListAsync());
        hearings.Count.ShouldBe(2);
        hearings[0].HeadPresent.ShouldBeTrue();
        hearings[0].HeadRank.ShouldBe(HeadRank.Deputy);
        hearings[0].HeadSpoke.ShouldBeTrue();
        hearings[1].HeadPresent.ShouldBeFalse();
        hearings[1].StaffPresent.ShouldBeTrue();

        var clocks = await _core.WithContextAsync(db => db.Clocks.AsNoTracking().ToListAsync());
        clocks.Count.ShouldBe(2);
        var stopped = clocks.Single(k => k.CaseId == closed.Id.ToString());
        stopped.RuleId.ShouldBe("litigation.defence");
        stopped.Status.ShouldBe(ClockStatus.Met);
        stopped.StoppedOn.ShouldBe(new DateOnly(2026, 3, 16));
        clocks.Single(k => k.CaseId == cases["(2026)浙0101行初30号"].Id.ToString()).Status.ShouldBe(ClockStatus.Running);

        var defendants = await _core.WithContextAsync(db => db.LitigationDefendants.AsNoTracking().Where(d => d.CaseId == closed.Id).Select(d => d.Name).ToListAsync());
        defendants.ShouldBe(["云溪区司法局"]);
        var found = await _core.WithContextAsync(db => CaseSearch.Matching(db, LitigationCodes.CaseType, CaseSearch.Phrase("某某公司")!).ToListAsync());
        found.ShouldBe([closed.Id]);
        (await _core.WithContextAsync(db => db.CaseEvents.CountAsync())).ShouldBe(0);
        var timeline = await _core.WithContextAsync(db => new LitigationQuery(db, new ClockCalendar(RuleCatalog.Default), _core.Clock).FindAsync(closed.Id, OrgScope.Everything, Ct));
        timeline!.Events.Single().Kind.ShouldBe("imported");
        timeline.Events.Single().Note.ShouldNotBeNull().ShouldStartWith("批量导入（第 ");
        timeline.Events.Single().OccurredOn.ShouldBe(closed.ClosedOn!.Value);
    }

    [Fact]
    public async Task Bad_lawsuits_are_reported_and_nothing_is_written()
    {
        var report = await ImportAsync(ImportReconsiderationTests.Jsonl(
            Filed,
            """{"case_number":"x2","org":"yx","court":"c","filed_on":"2026-05-01","cause":"c","plaintiffs":["a"],"outcome":"withdrawn"}""",
            """{"case_number":"x3","org":"yx","court":"c","filed_on":"2026-05-01","cause":"c","plaintiffs":["a"],"closed_on":"2026-04-01","outcome":"withdrawn"}""",
            """{"case_number":"x4","org":"yx","court":"c","filed_on":"2026-05-01","cause":"c","plaintiffs":[],"instance":"third"}""",
            """{"case_number":"x5","org":"yx","court":"c","filed_on":"2026-05-01","cause":"c","plaintiffs":["a"],"hearings":[{"held_on":"2026-13-01","head_present":false,"head_rank":"principal"}]}"""));

        report.Committed.ShouldBeFalse();
        var byLine = report.Errors.ToDictionary(e => e.Line, e => e.Message);
        byLine.Keys.ShouldBe([2, 3, 4, 5]);
        byLine[2].ShouldContain("没有结案日期");
        byLine[3].ShouldContain("不能早于立案日期");
        byLine[4].ShouldContain("至少填写一名原告");
        byLine[4].ShouldContain("审级“third”无效");
        byLine[5].ShouldContain("不是有效日期");
        byLine[5].ShouldContain("负责人未出庭");
        (await _core.WithContextAsync(db => db.LitigationCases.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [InlineData(CaseFileFormat.Csv)]
    [InlineData(CaseFileFormat.Xlsx)]
    public async Task Export_then_import_round_trips_with_hearings(CaseFileFormat format)
    {
        (await ImportAsync(ImportReconsiderationTests.Jsonl(Closed, Defending, Filed))).Created.ShouldBe(3);
        var original = Encoding.UTF8.GetString(await ExportAsync(_core, CaseFileFormat.JsonLines));
        var table = await ExportAsync(_core, format);

        await using var other = await ImportReconsiderationTests.NewDatabaseAsync();
        await using (var db = other.NewContext())
        {
            var report = await new ImportLitigationHandler(db, _calendars, other.Clock)
                .HandleAsync(new MemoryStream(table), format, new CaseImportOptions(), OrgScope.Everything, Ct);
            report.Errors.ShouldBeEmpty();
            report.Created.ShouldBe(3);
        }

        Encoding.UTF8.GetString(await ExportAsync(other, CaseFileFormat.JsonLines)).ShouldBe(original);
        original.ShouldContain("\"head_rank\":\"deputy\"");
    }

    private async Task<CaseImportReport> ImportAsync(string jsonl)
    {
        await using var db = _core.NewContext();
        return await new ImportLitigationHandler(db, _calendars, _core.Clock)
            .HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), CaseFileFormat.JsonLines, new CaseImportOptions(), OrgScope.Everything, Ct);
    }

    private static async Task<byte[]> ExportAsync(CoreDatabase core, CaseFileFormat format)
    {
        await using var db = core.NewContext();
        using var output = new MemoryStream();
        var r = await new LitigationExporter(db).ExportAsync(output, format, new CaseExportFilter("yx"), OrgScope.Everything, Ct);
        r.IsError.ShouldBeFalse();
        return output.ToArray();
    }
}
