using System.IO.Compression;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Indicators;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.Core.Reports;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Reports;

/// <summary>
/// The annual report's life on a real database: generated draft, completeness check, review with the secrecy sign-off,
/// approval that freezes figures and the cases behind them, publication, the deadline, new versions, manual facts, and
/// the DOCX/HTML/JSON outputs.
/// </summary>
public sealed class AnnualReportTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private readonly List<Guid> _cases = [];
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
        _core.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero));
        var yx = await _core.IdOfAsync("yx");

        // 2025: three applications; two concluded, one corrected (revoke) → correction rate 50%.
        await CaseAsync(yx, "1", new DateOnly(2025, 3, 3), ("accept", new DateOnly(2025, 3, 5), null), ("close", new DateOnly(2025, 4, 10), "revoke"));
        await CaseAsync(yx, "2", new DateOnly(2025, 3, 10), ("accept", new DateOnly(2025, 3, 12), null), ("close", new DateOnly(2025, 4, 15), "uphold"));
        await CaseAsync(yx, "3", new DateOnly(2025, 5, 6), ("accept", new DateOnly(2025, 5, 8), null));
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task A_generated_draft_cites_the_data_and_is_refused_until_completed()
    {
        var report = await CreateAsync("yx", 2025);
        report.Title.ShouldBe("云溪区人民政府关于2025年度法治政府建设情况的报告");
        report.Measures.ShouldContain("{{reconsideration.received}}");
        report.Measures.ShouldContain("{{reconsideration.correction_rate}}");
        report.Measures.ShouldNotContain("litigation.", customMessage: "no lawsuits in 2025: no litigation sentence");
        report.NextYearHeading.ShouldBe("2026年推进法治政府建设的主要安排");

        var view = await WithAsync(s => s.GetAsync(report.Id, OrgScope.Everything, Ct));
        ReportOutput.RenderPlain(report.Measures, view.Value!.Figures).ShouldContain("全年共收到行政复议申请3件，受理3件；审结2件，其中纠错1件，纠错率50.00%");

        var submit = await WithAsync(s => s.SubmitAsync(report.Id, OrgScope.Everything, Ct));
        var messages = submit.Error.ShouldBeOfType<ValidationError>().Fields["report"];
        messages.ShouldContain(m => m.Contains("待补充", StringComparison.Ordinal));
        (await StatusAsync(report.Id)).ShouldBe(ReportStatus.Draft);
    }

    [Fact]
    public async Task The_check_finds_empty_parts_unknown_or_other_year_figures_and_typed_numbers()
    {
        var report = await CreateAsync("yx", 2025);
        var r = await UpdateAsync(report.Id, new()
        {
            [ReportPart.Measures] = "全年共收到行政复议申请3件，纠错率为 50%。引用{{reconsideration.received@2024}}。",
            [ReportPart.Shortcomings] = "",
            [ReportPart.FirstResponsibility] = "主要负责人带头学法。",
            [ReportPart.NextYear] = "1.继续做好复议工作。",
            [ReportPart.Other] = "无。",
        });
        r.IsError.ShouldBeFalse();
        var problems = await WithAsync(async s => await s.CheckAsync((await s.GetAsync(report.Id, OrgScope.Everything, Ct)).Value!.Report, Ct));
        problems.ShouldContain(p => p.Code == "empty-part" && p.Part == "shortcomings");
        problems.ShouldContain(p => p.Code == "wrong-year" && p.Message.Contains("2024", StringComparison.Ordinal));
        problems.Where(p => p.Code == "typed-figure").Select(p => p.Message).ShouldContain(m => m.Contains("收到行政复议申请3件", StringComparison.Ordinal) && m.Contains("{{reconsideration.received}}", StringComparison.Ordinal));
        problems.Where(p => p.Code == "typed-figure").ShouldContain(p => p.Message.Contains("{{reconsideration.correction_rate}}", StringComparison.Ordinal));

        // An unknown reference is refused at save, with nothing saved.
        var bad = await UpdateAsync(report.Id, new() { [ReportPart.Other] = "{{no.such_indicator}}" });
        bad.Error.ShouldBeOfType<ValidationError>().Fields["other"][0].ShouldContain("no.such_indicator");
        (await WithDbAsync(db => db.AnnualReports.Where(x => x.Id == report.Id).Select(x => x.Other).SingleAsync())).ShouldBe("无。");
    }

    [Fact]
    public async Task Approval_needs_the_secrecy_review_freezes_figures_and_cases_and_publication_is_dated_and_late_when_late()
    {
        var report = await CreateAsync("yx", 2025);
        (await UpdateAsync(report.Id, Complete())).IsError.ShouldBeFalse();
        (await WithAsync(s => s.SubmitAsync(report.Id, OrgScope.Everything, Ct))).IsError.ShouldBeFalse();
        (await WithAsync(s => s.ApproveAsync(report.Id, OrgScope.Everything, Ct))).Error.ShouldBeOfType<ConflictError>().Message.ShouldContain("保密审查");
        (await WithAsync(s => s.SecrecySignOffAsync(report.Id, null, OrgScope.Everything, Ct))).IsError.ShouldBeFalse();
        (await WithAsync(s => s.ApproveAsync(report.Id, OrgScope.Everything, Ct))).IsError.ShouldBeFalse();

        // Frozen: a case concluded afterwards changes the indicator, not the approved report.
        await WithDbAsync(async db =>
        {
            var s = await new ReconsiderationWorkflow(db, _calendars, _core.Clock).ApplyAsync(_cases[2],
                new ReconsiderationStep("close", new DateOnly(2025, 6, 30), Outcome: "change", Facts: "事实", Reasoning: "理由"), OrgScope.Everything, null, Ct);
            s.IsError.ShouldBeFalse();
            return 0;
        });
        var view = (await WithAsync(s => s.GetAsync(report.Id, OrgScope.Everything, Ct))).Value!;
        view.Figures["reconsideration.concluded"].Numerator.ShouldBe(2);
        view.Figures["reconsideration.correction_rate"].Value!.Value.ShouldBe(50.0, 1e-9);
        var frozen = FrozenFigures.FromJson(view.Report.FrozenFigures!);
        frozen.Numerators["reconsideration.corrected"].Select(c => c.Id).ShouldBe([_cases[0]]);
        frozen.Denominators["reconsideration.correction_rate"].Select(c => c.Id).ShouldBe([_cases[0], _cases[1]], ignoreOrder: true);
        (await UpdateAsync(report.Id, Complete())).Error.ShouldBeOfType<ConflictError>().Message.ShouldContain("新版本");

        // Published on 2026-03-20: a government's date is 1 April → on time; its JSON says so.
        (await WithAsync(s => s.PublishAsync(report.Id, OrgScope.Everything, Ct))).IsError.ShouldBeFalse();
        view = (await WithAsync(s => s.GetAsync(report.Id, OrgScope.Everything, Ct))).Value!;
        view.Deadline.ShouldBe(new DateOnly(2026, 4, 1));
        view.Late.ShouldBeFalse();
        view.Report.PublishedOn.ShouldBe(new DateOnly(2026, 3, 20));
        var json = ReportOutput.Json(view, ReportOutput.PublicPath("yx", 2025));
        json.Report!.Status.ShouldBe("published");
        json.Figures.ShouldContain(f => f.Indicator == "reconsideration.correction_rate" && f.Numerator == 1 && f.Denominator == 2 && f.DefinitionVersion == "2026.1");
        json.Report.Parts.Single(p => p.Part == "measures").Rendered.ShouldContain("纠错率50.00%");

        // A department's report published on 2026-03-20 is late (1 March).
        // (The bureau handles no case of its own: a rate cited over an empty denominator is refused.)
        var dept = await CreateAsync("yx-sfj", 2025);
        (await UpdateAsync(dept.Id, Complete())).IsError.ShouldBeFalse();
        (await WithAsync(s => s.SubmitAsync(dept.Id, OrgScope.Everything, Ct))).Error.ShouldBeOfType<ValidationError>().Fields["report"]
            .ShouldContain(m => m.Contains("分母为 0", StringComparison.Ordinal));
        var plain = Complete();
        plain[ReportPart.Measures] = "全年共收到行政复议申请{{reconsideration.received}}。";
        (await UpdateAsync(dept.Id, plain)).IsError.ShouldBeFalse();
        (await WithAsync(s => s.SubmitAsync(dept.Id, OrgScope.Everything, Ct))).IsError.ShouldBeFalse();
        await WithAsync(s => s.SecrecySignOffAsync(dept.Id, "不涉密", OrgScope.Everything, Ct));
        await WithAsync(s => s.ApproveAsync(dept.Id, OrgScope.Everything, Ct));
        (await WithAsync(s => s.PublishAsync(dept.Id, OrgScope.Everything, Ct))).IsError.ShouldBeFalse();
        var late = (await WithAsync(s => s.GetAsync(dept.Id, OrgScope.Everything, Ct))).Value!;
        late.Deadline.ShouldBe(new DateOnly(2026, 3, 1));
        late.Late.ShouldBeTrue();

        // A new version starts as a draft copy; the published version stays on the portal until the new one is published.
        var v2 = await WithAsync(s => s.NewVersionAsync(report.Id, OrgScope.Everything, Ct));
        v2.Value!.Version.ShouldBe(2);
        v2.Value.Status.ShouldBe(ReportStatus.Draft);
        v2.Value.Measures.ShouldBe(view.Report.Measures);
        (await WithAsync(s => s.PublishedAsync("yx", 2025, null, Ct)))!.Report.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Reports_outside_the_scope_are_not_found()
    {
        var report = await CreateAsync("yx", 2025);
        var qs = await _core.IdOfAsync("yx-qs");
        (await WithAsync(s => s.GetAsync(report.Id, OrgScope.Subtree(qs), Ct))).Error.ShouldBeOfType<NotFoundError>();
        (await WithAsync(s => s.SubmitAsync(report.Id, OrgScope.Subtree(qs), Ct))).Error.ShouldBeOfType<NotFoundError>();
        (await WithAsync(s => s.CreateAsync("yx", 2025, OrgScope.Subtree(qs), Ct))).Error.ShouldBeOfType<NotFoundError>();
        (await WithAsync(s => s.CreateAsync("yx", 2025, OrgScope.Everything, Ct))).Error.ShouldBeOfType<ConflictError>();
    }

    [Fact]
    public async Task Manual_facts_roll_up_the_subtree_and_can_be_cited()
    {
        var r1 = await WithFactsAsync(f => f.AddAsync("manual.law_study_sessions", "yx", 2025, null, 10, "常务会议", null, OrgScope.Everything, Ct));
        r1.IsError.ShouldBeFalse();
        await WithFactsAsync(f => f.AddAsync("manual.law_study_sessions", "yx-qs", 2025, 6, 2, null, null, OrgScope.Everything, Ct));
        await WithFactsAsync(f => f.AddAsync("manual.law_study_sessions", "yx-qs", 2024, null, 7, null, null, OrgScope.Everything, Ct));
        var bad = await WithFactsAsync(f => f.AddAsync("manual.nope", "yx", 2025, 13, -1, null, null, OrgScope.Everything, Ct));
        bad.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["factId", "month", "value"], ignoreOrder: true);

        var yx = await _core.IdOfAsync("yx");
        var figures = await WithDbAsync(db => new ReportFigureService(db, new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)).EvaluateAsync(yx, 2025, Ct));
        figures["manual.law_study_sessions"].Display.ShouldBe("12次");
        var report = await CreateAsync("yx", 2025);
        report.FirstResponsibility.ShouldContain("{{manual.law_study_sessions}}");
    }

    [Fact]
    public async Task The_docx_is_an_official_document_with_the_figures_and_the_html_links_them()
    {
        var report = await CreateAsync("yx", 2025);
        (await UpdateAsync(report.Id, Complete())).IsError.ShouldBeFalse();
        var view = (await WithAsync(s => s.GetAsync(report.Id, OrgScope.Everything, Ct))).Value!;
        var docx = ReportOutput.Docx(view, new DateOnly(2026, 3, 20));
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        xml.ShouldContain("关于2025年度法治政府建设情况的报告");
        xml.ShouldContain("一、2025年推进法治政府建设的主要举措和成效");
        xml.ShouldContain("五、其他需要报告的情况");
        xml.ShouldContain("纠错率50.00%");
        xml.ShouldNotContain("{{");
        zip.GetEntry("word/footer1.xml").ShouldNotBeNull();

        var html = ReportOutput.HtmlFragment(view, f => $"/x/{f.Indicator}");
        html.ShouldContain("<a class=\"figure\" href=\"/x/reconsideration.correction_rate\"");
        html.ShouldContain(">50.00%</a>");
    }

    private static Dictionary<ReportPart, string> Complete() => new()
    {
        [ReportPart.Measures] = "（一）行政复议\n全年共收到行政复议申请{{reconsideration.received}}，审结{{reconsideration.concluded}}，纠错率{{reconsideration.correction_rate}}。",
        [ReportPart.Shortcomings] = "案件办理质量仍需提高，原因是办案力量不足。",
        [ReportPart.FirstResponsibility] = "主要负责人带头学法，研究部署法治建设。",
        [ReportPart.NextYear] = "1.加强复议队伍建设。\n2.推进负责人出庭应诉。",
        [ReportPart.Other] = "无。",
    };

    private async Task<AnnualReport> CreateAsync(string org, int year)
    {
        var r = await WithAsync(s => s.CreateAsync(org, year, OrgScope.Everything, Ct));
        r.IsError.ShouldBeFalse(r.Error?.Message);
        return r.Value!;
    }

    private Task<Result<AnnualReport>> UpdateAsync(Guid id, Dictionary<ReportPart, string> parts) =>
        WithAsync(async s =>
        {
            var current = (await s.GetAsync(id, OrgScope.Everything, Ct)).Value!.Report;
            return await s.UpdateAsync(id, current.Title, parts.Select(p => new PartEdit(p.Key, current.Heading(p.Key), p.Value)).ToList(), OrgScope.Everything, Ct);
        });

    private Task<ReportStatus> StatusAsync(Guid id) => WithDbAsync(db => db.AnnualReports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    private async Task<T> WithAsync<T>(Func<AnnualReportService, Task<T>> body)
    {
        await using var db = _core.NewContext();
        var indicators = new IndicatorService(db, IndicatorCatalog.Default, _core.Clock);
        return await body(new AnnualReportService(db, new ReportFigureService(db, indicators), indicators, _calendars, _core.Clock));
    }

    private async Task<T> WithFactsAsync<T>(Func<ManualFactService, Task<T>> body)
    {
        await using var db = _core.NewContext();
        return await body(new ManualFactService(db, _core.Clock));
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> body)
    {
        await using var db = _core.NewContext();
        return await body(db);
    }

    private async Task CaseAsync(Guid org, string key, DateOnly received, params (string Action, DateOnly On, string? Outcome)[] steps)
    {
        Guid id;
        await using (var db = _core.NewContext())
        {
            var r = await new RegisterReconsiderationHandler(db, _calendars, _core.Clock).HandleAsync(
                new RegisterReconsideration(org, $"复〔{received.Year}〕{key}号", null, "in_person", received, "yx-sfj", "penalty", received.AddDays(-20), "行政处罚决定",
                    "撤销该行政处罚决定", [new PartyInput("applicant", "王某某")]),
                OrgScope.Everything, null, Ct);
            r.IsError.ShouldBeFalse(r.Error?.ToString());
            id = r.Value!.Id;
            _cases.Add(id);
        }

        foreach (var (action, on, outcome) in steps)
        {
            await using var db = _core.NewContext();
            var s = await new ReconsiderationWorkflow(db, _calendars, _core.Clock).ApplyAsync(id,
                new ReconsiderationStep(action, on, Outcome: outcome, Facts: "事实", Reasoning: "理由"), OrgScope.Everything, null, Ct);
            s.IsError.ShouldBeFalse($"{key} {action}: {s.Error?.Message}");
        }
    }
}
