using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Reconsideration;

/// <summary>The reconsideration state machine with its clocks, on the real test database.</summary>
public sealed class ReconsiderationWorkflowTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private CoreDatabase _core = null!;
    private Guid _gov;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
        _gov = await _core.IdOfAsync("yx");
        _core.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task An_online_application_runs_through_correction_acceptance_answer_hearing_and_decision_with_its_clocks()
    {
        var c = await RegisterAsync(new DateOnly(2026, 9, 24), "online");
        c.TrackingCode.ShouldNotBeNull();
        c.LawVersion.ShouldBe("2023");
        c.CaseNumber.ShouldBe("复〔2026〕1号");
        // 5 working days after Thu 09-24: 中秋节 09-25..27, then 28, 29, 30, National Day 10-01..07, 10-08, 10-09.
        (await DueAsync(c.Id, "reconsideration.acceptance-review")).ShouldBe(new DateOnly(2026, 10, 9));

        await StepAsync(c.Id, new("request_correction", new DateOnly(2026, 9, 28), Items: "补充提交行政处罚决定书复印件"));
        (await StatusAsync(c.Id, "reconsideration.correction-notice")).ShouldBe(ClockStatus.Met);
        (await DueAsync(c.Id, "reconsideration.correction-submission")).ShouldBe(new DateOnly(2026, 10, 16)); // 10-10 (Sat) is a workday

        await StepAsync(c.Id, new("receive_correction", new DateOnly(2026, 10, 12)));
        // Review restarts on receipt of the corrections (Art.31 ¶3): 5 working days after Mon 10-12 → 10-19.
        (await OpenDueAsync(c.Id, "reconsideration.acceptance-review")).ShouldBe(new DateOnly(2026, 10, 19));

        await StepAsync(c.Id, new("accept", new DateOnly(2026, 10, 14), Procedure: "ordinary"));
        (await DueAsync(c.Id, "reconsideration.decision")).ShouldBe(new DateOnly(2026, 12, 14)); // 10-14 + 60 = 12-13 (Sun) → 12-14
        (await DueAsync(c.Id, "reconsideration.copy-to-respondent")).ShouldBe(new DateOnly(2026, 10, 23));

        await StepAsync(c.Id, new("send_copy", new DateOnly(2026, 10, 16), ReceivedByOtherOn: new DateOnly(2026, 10, 19)));
        (await DueAsync(c.Id, "reconsideration.respondent-answer")).ShouldBe(new DateOnly(2026, 11, 2));
        await StepAsync(c.Id, new("receive_answer", new DateOnly(2026, 10, 30)));

        // The hearing notice must precede the hearing by 5 working days (Art.51).
        var tooSoon = await TryStepAsync(c.Id, new("schedule_hearing", new DateOnly(2026, 11, 2), HearingAt: new DateTime(2026, 11, 5, 9, 30, 0), Place: "区司法局听证室"));
        tooSoon.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("hearingAt");
        await StepAsync(c.Id, new("schedule_hearing", new DateOnly(2026, 11, 2), HearingAt: new DateTime(2026, 11, 10, 9, 30, 0), Place: "区司法局听证室"));
        await StepAsync(c.Id, new("hold_hearing", new DateOnly(2026, 11, 10)));

        var early = await TryStepAsync(c.Id, new("close", new DateOnly(2026, 10, 1), Outcome: "revoke"));
        early.IsError.ShouldBeTrue();
        var bad = await TryStepAsync(c.Id, new("close", new DateOnly(2026, 11, 20), Outcome: "quash"));
        bad.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("outcome");

        var closed = await StepAsync(c.Id, new("close", new DateOnly(2026, 11, 20), Outcome: "revoke", Facts: "事实", Reasoning: "理由"));
        closed.Stage.ShouldBe(ReconsiderationStage.Closed);
        closed.Outcome.ShouldBe(ReconsiderationOutcome.Revoke);
        (await StatusAsync(c.Id, "reconsideration.decision")).ShouldBe(ClockStatus.Met);
        await StepAsync(c.Id, new("publish", new DateOnly(2026, 11, 25)));

        var events = await _core.WithContextAsync(db => db.CaseEvents.Where(e => e.CaseId == c.Id).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        events.ShouldBe(["received", "request_correction", "receive_correction", "accept", "send_copy", "receive_answer", "schedule_hearing", "hold_hearing", "close", "publish"]);
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_with_the_reason_and_change_nothing()
    {
        var c = await RegisterAsync(new DateOnly(2026, 11, 2), "in_person");
        var r = await TryStepAsync(c.Id, new("close", new DateOnly(2026, 11, 5), Outcome: "uphold"));
        r.Error.ShouldBeOfType<ConflictError>().Message.ShouldContain("受理审查中");
        var convert = await TryStepAsync(c.Id, new("convert_to_ordinary", new DateOnly(2026, 11, 5)));
        convert.IsError.ShouldBeTrue();

        // Deemed acceptance only after the review period has run out (5 working days after 11-02 → 11-09; today is 11-30).
        var deemed = await StepAsync(c.Id, new("deem_accepted", new DateOnly(2026, 11, 30)));
        deemed.Stage.ShouldBe(ReconsiderationStage.Accepted);
        deemed.DeemedAccepted.ShouldBeTrue();
        deemed.AcceptedOn.ShouldBe(new DateOnly(2026, 11, 9));

        // A second extension beyond 30 days is refused by the clock.
        var tooLong = await TryStepAsync(c.Id, new("extend", new DateOnly(2026, 11, 30), Days: 45, Approver: "张主任"));
        tooLong.IsError.ShouldBeTrue();
        var stored = await _core.WithContextAsync(db => db.ReconsiderationCases.AsNoTracking().SingleAsync(x => x.Id == c.Id));
        stored.ExtendedDays.ShouldBe(0);
    }

    [Fact]
    public async Task A_2017_case_suspends_the_review_clock_during_correction_and_has_no_simplified_procedure()
    {
        var c = await RegisterAsync(new DateOnly(2023, 6, 1), "mail");
        c.LawVersion.ShouldBe("2017");
        await StepAsync(c.Id, new("request_correction", new DateOnly(2023, 6, 2), Items: "补充申请人身份证明"));
        (await StatusAsync(c.Id, "reconsideration.acceptance-review")).ShouldBe(ClockStatus.Suspended);
        await StepAsync(c.Id, new("receive_correction", new DateOnly(2023, 6, 12)));
        (await StatusAsync(c.Id, "reconsideration.acceptance-review")).ShouldBe(ClockStatus.Running);
        var simplified = await TryStepAsync(c.Id, new("accept", new DateOnly(2023, 6, 13), Procedure: "simplified"));
        simplified.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("procedure");
        await StepAsync(c.Id, new("accept", new DateOnly(2023, 6, 13)));
        await StepAsync(c.Id, new("suspend", new DateOnly(2023, 7, 1), Ground: "depends_on_other_case"));
        (await StatusAsync(c.Id, "reconsideration.decision")).ShouldBe(ClockStatus.Suspended);
        var closeWhileSuspended = await TryStepAsync(c.Id, new("close", new DateOnly(2023, 7, 5), Outcome: "uphold"));
        closeWhileSuspended.IsError.ShouldBeTrue();
        await StepAsync(c.Id, new("resume", new DateOnly(2023, 7, 11)));
        var invalid = await TryStepAsync(c.Id, new("close", new DateOnly(2023, 8, 1), Outcome: "confirm_invalid"));
        invalid.IsError.ShouldBeTrue();
        await StepAsync(c.Id, new("close", new DateOnly(2023, 8, 1), Outcome: "uphold"));
    }

    [Fact]
    public async Task Search_finds_two_character_terms_and_case_numbers()
    {
        var c = await RegisterAsync(new DateOnly(2026, 11, 2), "in_person");
        await using var db = _core.NewContext();
        var phrase = CaseSearch.Phrase("王某")!;
        var ids = await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, phrase).ToListAsync();
        ids.ShouldBe([c.Id]);
        var byNumber = await db.ReconsiderationCases.Where(x => CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase("2026〕1")!).Contains(x.Id)).CountAsync();
        byNumber.ShouldBe(1);
        (await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase("李某")!).CountAsync()).ShouldBe(0);
        CaseSearch.Phrase("王").ShouldBeNull();
    }

    [Fact]
    public async Task Search_rows_are_written_again_when_the_table_is_empty_and_cases_exist()
    {
        var first = await RegisterAsync(new DateOnly(2026, 11, 2), "in_person");
        var second = await RegisterAsync(new DateOnly(2026, 11, 3), "mail");
        await using var db = _core.NewContext();
        if (_core.IsPostgres)
        {
            (await CaseSearch.RebuildIfEmptyAsync(db, Ct)).ShouldBe(0); // PostgreSQL's table keeps its text
            return;
        }

        (await CaseSearch.RebuildIfEmptyAsync(db, Ct)).ShouldBe(0); // not empty: nothing to do
        await _core.ExecuteSqlAsync("DELETE FROM case_search"); // as after migration AsciiSearchTokenizer
        (await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase("王某")!).CountAsync()).ShouldBe(0);

        (await CaseSearch.RebuildIfEmptyAsync(db, Ct)).ShouldBe(2);

        // Applicant, respondent agency (by name), act and case number are found again, newest registered first.
        (await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase("王某某")!).ToListAsync()).ShouldBe([second.Id, first.Id]);
        (await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase(first.RespondentName)!).CountAsync()).ShouldBe(2);
        (await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase("行政处罚决定")!).CountAsync()).ShouldBe(2);
        (await CaseSearch.Matching(db, ReconsiderationCodes.CaseType, CaseSearch.Phrase(second.CaseNumber)!).ToListAsync()).ShouldBe([second.Id]);
        (await CaseSearch.Matching(db, LitigationCodes.CaseType, CaseSearch.Phrase("王某")!).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Litigation_after_an_upheld_decision_names_both_defendants_and_records_head_appearance()
    {
        var c = await RegisterAsync(new DateOnly(2026, 9, 1), "in_person");
        await StepAsync(c.Id, new("accept", new DateOnly(2026, 9, 2)));
        await StepAsync(c.Id, new("close", new DateOnly(2026, 10, 9), Outcome: "uphold"));

        var sfj = await _core.IdOfAsync("yx-sfj");
        await using (var db = _core.NewContext())
        {
            var w = new LitigationWorkflow(db, _calendars, _core.Clock);
            var reg = await w.RegisterAsync(new RegisterLitigation(sfj, "（2026）云0102行初88号", "云溪区人民法院", "first", new DateOnly(2026, 10, 20),
                new DateOnly(2026, 9, 26), "行政处罚", ["王某"], null, c.Id), OrgScope.Everything, null, Ct);
            reg.IsError.ShouldBeTrue(); // complaint received before filing

            reg = await w.RegisterAsync(new RegisterLitigation(sfj, "（2026）云0102行初88号", "云溪区人民法院", "first", new DateOnly(2026, 10, 20),
                new DateOnly(2026, 10, 22), "行政处罚", ["王某"], null, c.Id), OrgScope.Everything, null, Ct);
            reg.IsError.ShouldBeFalse(reg.Error?.ToString());
            var id = reg.Value!.Id;
            var defendants = await db.LitigationDefendants.Where(d => d.CaseId == id).OrderBy(d => d.Position).Select(d => d.Name).ToListAsync();
            defendants.ShouldBe(["云溪区司法局", "云溪区人民政府"]);
            var defence = await db.Clocks.SingleAsync(x => x.CaseId == id.ToString() && x.RuleId == "litigation.defence");
            defence.DueDate.ShouldBe(new DateOnly(2026, 11, 6)); // 10-22 + 15

            (await w.ApplyAsync(id, new LitigationStep("submit_defence", new DateOnly(2026, 11, 3)), OrgScope.Everything, null, Ct)).IsError.ShouldBeFalse();
            var noReason = await w.ApplyAsync(id, new LitigationStep("record_hearing", new DateOnly(2026, 11, 20), HeadPresent: false), OrgScope.Everything, null, Ct);
            noReason.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("absenceReason");
            (await w.ApplyAsync(id, new LitigationStep("record_hearing", new DateOnly(2026, 11, 20), HeadPresent: true, HeadName: "李局长", HeadRank: "deputy", HeadSpoke: true),
                OrgScope.Everything, null, Ct)).IsError.ShouldBeFalse();
            var closed = await w.ApplyAsync(id, new LitigationStep("close", new DateOnly(2026, 11, 27), Outcome: "revoke", ServedOn: new DateOnly(2026, 11, 28)), OrgScope.Everything, null, Ct);
            closed.IsError.ShouldBeFalse(closed.Error?.ToString());
            var appeal = await db.Clocks.SingleAsync(x => x.CaseId == id.ToString() && x.RuleId == "litigation.appeal-judgment");
            appeal.DueDate.ShouldBe(new DateOnly(2026, 12, 14)); // 11-28 + 15 = 12-13 (Sun) → 12-14
        }
    }

    private async Task<ReconsiderationCase> RegisterAsync(DateOnly received, string channel)
    {
        await using var db = _core.NewContext();
        var r = await new RegisterReconsiderationHandler(db, _calendars, _core.Clock).HandleAsync(
            new RegisterReconsideration(_gov, null, null, channel, received, "yx-sfj", "penalty", received.AddDays(-20), "云司罚决〔2026〕5号行政处罚决定",
                "撤销该行政处罚决定", [new PartyInput("applicant", "王某某", "330102199001011234", "13800000000")]),
            OrgScope.Everything, null, Ct);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value!;
    }

    private async Task<Result<ReconsiderationCase>> TryStepAsync(Guid id, ReconsiderationStep step)
    {
        await using var db = _core.NewContext();
        return await new ReconsiderationWorkflow(db, _calendars, _core.Clock).ApplyAsync(id, step, OrgScope.Everything, null, Ct);
    }

    private async Task<ReconsiderationCase> StepAsync(Guid id, ReconsiderationStep step)
    {
        var r = await TryStepAsync(id, step);
        r.IsError.ShouldBeFalse(r.Error is ValidationError v ? string.Join("; ", v.Fields.Select(f => f.Key + ":" + string.Join(",", f.Value))) : r.Error?.Message);
        return r.Value!;
    }

    private Task<Clock> ClockAsync(Guid id, string rule) =>
        _core.WithContextAsync(db => db.Clocks.AsNoTracking().Where(x => x.CaseId == id.ToString() && x.RuleId == rule).OrderBy(x => x.OpenedAtUtc).ThenBy(x => x.Id).FirstAsync());

    private async Task<DateOnly> DueAsync(Guid id, string rule) => (await ClockAsync(id, rule)).DueDate;

    private async Task<ClockStatus> StatusAsync(Guid id, string rule) => (await ClockAsync(id, rule)).Status;

    private Task<DateOnly> OpenDueAsync(Guid id, string rule) =>
        _core.WithContextAsync(db => db.Clocks.AsNoTracking().Where(x => x.CaseId == id.ToString() && x.RuleId == rule && x.Status == ClockStatus.Running).Select(x => x.DueDate).SingleAsync());
}
