using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Indicators;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Fazhi.TestKit;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Indicators;

/// <summary>
/// Every indicator against hand-counted cases created through the real handlers over the district tree
/// (yx ▸ yx-sfj, yx-qs ▸ yx-qs-sfs, yx-bs). The comment on each case says where it counts.
/// </summary>
public sealed class IndicatorServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private readonly Dictionary<string, Guid> _cases = [];
    private CoreDatabase _core = null!;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
        _core.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var yx = await _core.IdOfAsync("yx");
        var qs = await _core.IdOfAsync("yx-qs");
        var sfj = await _core.IdOfAsync("yx-sfj");

        // R1 2025: received, accepted, concluded, corrected (revoke).
        await ReconsiderationAsync("R1", yx, D(2025, 3, 3), ("accept", D(2025, 3, 5), null), ("close", D(2025, 4, 10), "revoke"));
        // R2 2025: concluded, upheld.
        await ReconsiderationAsync("R2", yx, D(2025, 3, 10), ("accept", D(2025, 3, 12), null), ("close", D(2025, 4, 15), "uphold"));
        // R3 2025: concluded by mediation.
        await ReconsiderationAsync("R3", yx, D(2025, 5, 6), ("accept", D(2025, 5, 8), null), ("close", D(2025, 6, 10), "mediation"));
        // R4 2025: terminated (out of the default correction-rate denominator).
        await ReconsiderationAsync("R4", yx, D(2025, 5, 12), ("accept", D(2025, 5, 13), null), ("close", D(2025, 6, 2), "terminated"));
        // R5 2025: not accepted.
        await ReconsiderationAsync("R5", yx, D(2025, 6, 2), ("not_accept", D(2025, 6, 4), null));
        // R6 2025 at the township: corrected (change) — rolls up to the district.
        await ReconsiderationAsync("R6", qs, D(2025, 7, 1), ("accept", D(2025, 7, 2), null), ("close", D(2025, 8, 1), "change"));
        // R7: received and accepted 2025, concluded 2026 (confirm_illegal).
        await ReconsiderationAsync("R7", yx, D(2025, 12, 1), ("accept", D(2025, 12, 3), null), ("close", D(2026, 1, 20), "confirm_illegal"));
        // R8: received 2024, accepted and concluded 2025 by settlement.
        await ReconsiderationAsync("R8", yx, D(2024, 12, 20), ("accept", D(2025, 1, 6), null), ("close", D(2025, 2, 10), "settlement"));
        // R9 2025: decided after the 60-day decision period (met-late) → overdue 2025.
        await ReconsiderationAsync("R9", yx, D(2025, 8, 1), ("accept", D(2025, 8, 4), null), ("close", D(2025, 11, 20), "uphold"));
        // R10 2026: accepted, still open, decision period passed → overdue 2026.
        await ReconsiderationAsync("R10", yx, D(2026, 1, 5), ("accept", D(2026, 1, 6), null));

        // L1 first instance 2025: head present and spoke; lost (revoke, judgment).
        await LitigationAsync("L1", sfj, "first", D(2025, 2, 3), [new("record_hearing", D(2025, 4, 1), HeadPresent: true, HeadRank: "principal", HeadSpoke: true),
            new("close", D(2025, 5, 6), Outcome: "revoke")]);
        // L2 first 2025: head absent at the first hearing, present (silent) at the second; judgment dismissing the claims.
        await LitigationAsync("L2", sfj, "first", D(2025, 3, 3), [new("record_hearing", D(2025, 5, 6), HeadPresent: false, AbsenceReason: "公务"),
            new("record_hearing", D(2025, 6, 3), HeadPresent: true, HeadRank: "deputy"), new("close", D(2025, 7, 1), Outcome: "dismiss_claims")]);
        // L3 first 2025: withdrawn without a hearing (concluded, not a judgment).
        await LitigationAsync("L3", sfj, "first", D(2025, 4, 1), [new("close", D(2025, 6, 3), Outcome: "withdrawn")]);
        // L4 second instance 2025: head absent; changed (a loss, but not first instance).
        await LitigationAsync("L4", sfj, "second", D(2025, 8, 1), [new("record_hearing", D(2025, 9, 1), HeadPresent: false, AbsenceReason: "出差"),
            new("close", D(2025, 10, 9), Outcome: "change")]);
        // L5 first 2025 at the township: heard 2025 with the head present; concluded 2026.
        await LitigationAsync("L5", qs, "first", D(2025, 11, 3), [new("record_hearing", D(2025, 12, 19), HeadPresent: true, HeadRank: "principal"),
            new("close", D(2026, 1, 12), Outcome: "order_perform")]);
        // L6 first, filed 2024, concluded 2025 by ruling.
        await LitigationAsync("L6", sfj, "first", D(2024, 12, 2), [new("close", D(2025, 1, 15), Outcome: "suit_dismissed")]);
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Every_indicator_matches_the_hand_count_for_the_district_in_2025()
    {
        var r = await EvaluateAsync("yx", 2025);
        r.Org.ShouldBe("yx");
        r.OrgName.ShouldBe("云溪区人民政府");
        Expect(r, "reconsideration.received", 8); // R1–R7, R9
        Expect(r, "reconsideration.accepted", 8); // R1–R4, R6–R9
        Expect(r, "reconsideration.not_accepted", 1); // R5
        Expect(r, "reconsideration.concluded", 7); // R1–R4, R6, R8, R9
        Expect(r, "reconsideration.corrected", 2); // R1, R6
        Expect(r, "reconsideration.correction_rate", 2, 6, 100.0 * 2 / 6); // without R4 (terminated)
        Expect(r, "reconsideration.mediated_rate", 2, 7, 100.0 * 2 / 7); // R3, R8
        Expect(r, "reconsideration.overdue", 1); // R9
        Expect(r, "litigation.new", 4); // L1, L2, L3, L5
        Expect(r, "litigation.concluded", 4); // L1, L2, L3, L6
        Expect(r, "litigation.lost", 1); // L1
        Expect(r, "litigation.loss_rate", 1, 4, 25.0);
        Expect(r, "litigation.loss_rate_judgments", 1, 2, 50.0); // L1, L2
        Expect(r, "litigation.heard", 4); // L1, L2, L4, L5
        Expect(r, "litigation.head_appearance_rate", 3, 4, 75.0); // L1, L2, L5
        Expect(r, "litigation.head_spoke_rate", 1, 4, 25.0); // L1
        Expect(r, "reconsideration_to_litigation_ratio", 8, 4, 2.0);
        r.Figures.Select(f => f.Indicator).ShouldBe(IndicatorCatalog.Default.All.Select(d => d.Id));
        r.Figures.ShouldAllBe(f => f.DefinitionVersion == IndicatorCatalog.DefaultVersion);
    }

    [Fact]
    public async Task Year_boundaries_move_cases_to_the_year_of_each_event()
    {
        var r = await EvaluateAsync("yx", 2026);
        Expect(r, "reconsideration.received", 1); // R10
        Expect(r, "reconsideration.accepted", 1); // R10
        Expect(r, "reconsideration.concluded", 1); // R7
        Expect(r, "reconsideration.corrected", 1); // R7
        Expect(r, "reconsideration.overdue", 1); // R10, open and past its due date
        Expect(r, "litigation.new", 0);
        Expect(r, "litigation.concluded", 1); // L5
        Expect(r, "litigation.lost", 1);
        Expect(r, "litigation.heard", 0);
        r.Figures.Single(f => f.Indicator == "litigation.head_appearance_rate").Value.ShouldBeNull();
        r.Figures.Single(f => f.Indicator == "reconsideration_to_litigation_ratio").Value.ShouldBeNull();

        var r2024 = await EvaluateAsync("yx", 2024);
        Expect(r2024, "reconsideration.received", 1); // R8
        Expect(r2024, "reconsideration.accepted", 0);
        Expect(r2024, "litigation.new", 1); // L6
    }

    [Fact]
    public async Task A_township_counts_only_its_own_subtree_and_rolls_up_into_the_district()
    {
        var r = await EvaluateAsync("yx-qs", 2025);
        Expect(r, "reconsideration.received", 1); // R6
        Expect(r, "reconsideration.corrected", 1);
        Expect(r, "reconsideration.correction_rate", 1, 1, 100.0);
        Expect(r, "litigation.new", 1); // L5
        Expect(r, "litigation.head_appearance_rate", 1, 1, 100.0);

        var bs = await EvaluateAsync("yx-bs", 2025);
        bs.Figures.Where(f => f.Denominator is null).ShouldAllBe(f => f.Numerator == 0);
    }

    [Fact]
    public async Task Configured_sets_change_the_value_and_mark_the_version()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Indicators:reconsideration.correction_rate:Numerator"] = "revoke",
            ["Indicators:reconsideration.correction_rate:Denominator"] = "all_concluded",
            ["Indicators:litigation.loss_rate:Instances"] = "all",
            ["Indicators:litigation.head_appearance_rate:Denominator"] = "hearings",
        }).Build();
        var r = await EvaluateAsync("yx", 2025, IndicatorCatalog.Build(config));
        Expect(r, "reconsideration.corrected", 1); // R1 only
        Expect(r, "reconsideration.correction_rate", 1, 7, 100.0 / 7);
        r.Figures.Single(f => f.Indicator == "reconsideration.correction_rate").DefinitionVersion.ShouldBe(IndicatorCatalog.DefaultVersion + "+local");
        Expect(r, "litigation.lost", 2); // L1 and the second-instance L4
        Expect(r, "litigation.loss_rate", 2, 5, 40.0);
        Expect(r, "litigation.heard", 5); // hearing sessions: L1 1, L2 2, L4 1, L5 1
        Expect(r, "litigation.head_appearance_rate", 3, 5, 60.0);

        var merits = IndicatorCatalog.Build(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Indicators:reconsideration.correction_rate:Denominator"] = "decided_on_merits",
        }).Build());
        Expect(await EvaluateAsync("yx", 2025, merits), "reconsideration.correction_rate", 2, 4, 50.0); // R1, R2, R6, R9
    }

    [Fact]
    public void A_bad_setting_stops_start_up_with_a_message()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Indicators:reconsideration.correction_rate:Numerator"] = "revoke,quash",
        }).Build();
        Should.Throw<Fazhi.Core.Data.StartupException>(() => IndicatorCatalog.Build(config)).Message.ShouldContain("quash");
    }

    [Fact]
    public async Task Every_drill_down_lists_exactly_the_cases_behind_its_figure()
    {
        var r = await EvaluateAsync("yx", 2025);
        foreach (var f in r.Figures)
        {
            foreach (var side in f.Denominator is null ? new[] { "numerator" } : ["numerator", "denominator"])
            {
                var ids = new List<Guid>();
                for (var page = 1; ; page++)
                {
                    var p = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
                        .CasesAsync(f.Indicator, "yx", 2025, side, page, 2, OrgScope.Everything, Ct));
                    p.IsError.ShouldBeFalse();
                    ids.AddRange(p.Value!.Rows.Select(x => x.Id));
                    if (!p.Value.HasMore)
                    {
                        break;
                    }
                }

                ids.Distinct().Count().ShouldBe((int)(side == "numerator" ? f.Numerator : f.Denominator!.Value), $"{f.Indicator} {side}");
            }
        }

        var corrected = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .CasesAsync("reconsideration.corrected", "yx", 2025, "numerator", 1, 50, OrgScope.Everything, Ct));
        corrected.Value!.Rows.Select(x => x.Id).ShouldBe([_cases["R1"], _cases["R6"]], ignoreOrder: true);
        corrected.Value.Rows.ShouldContain(x => x.OutcomeLabel == "撤销" && x.Parties == "王某某");
        var overdue = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .CasesAsync("reconsideration.overdue", "yx", 2025, "numerator", 1, 50, OrgScope.Everything, Ct));
        overdue.Value!.Rows.Single().Id.ShouldBe(_cases["R9"]);
    }

    [Fact]
    public async Task The_breakdown_adds_up_month_by_month_and_across_the_children()
    {
        foreach (var id in new[] { "reconsideration.received", "reconsideration.concluded", "reconsideration.correction_rate", "litigation.new", "litigation.heard" })
        {
            var year = (await EvaluateAsync("yx", 2025)).Figures.Single(f => f.Indicator == id);
            var b = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock).BreakdownAsync(id, "yx", 2025, OrgScope.Everything, Ct));
            b.IsError.ShouldBeFalse();
            b.Value!.Months.Count.ShouldBe(12);
            if (id != "litigation.heard")
            {
                // A lawsuit heard in two months counts once in the year: only the other sets add up by month.
                b.Value.Months.Sum(m => m.Figure.Numerator).ShouldBe(year.Numerator, id);
                b.Value.Months.Sum(m => m.Figure.Denominator ?? 0).ShouldBe(year.Denominator ?? 0, id);
            }

            b.Value.Orgs[0].Figure.Numerator.ShouldBe(year.Numerator, id);
            b.Value.Orgs.Select(o => o.Key).ShouldBe(["yx", "yx-bs", "yx-qs", "yx-sfj"]);
        }

        var received = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .BreakdownAsync("reconsideration.received", "yx", 2025, OrgScope.Everything, Ct));
        received.Value!.Months.Single(m => m.Key == "2025-03").Figure.Numerator.ShouldBe(2); // R1, R2
        received.Value.Orgs.Single(o => o.Key == "yx-qs").Figure.Numerator.ShouldBe(1); // R6
        (await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .BreakdownAsync("nope", "yx", 2025, OrgScope.Everything, Ct))).Error.ShouldBeOfType<NotFoundError>();
    }

    [Fact]
    public async Task Orgs_outside_the_scope_and_bad_years_are_refused_in_Chinese()
    {
        var qs = await _core.IdOfAsync("yx-qs");
        var outside = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .EvaluateAsync("yx", 2025, OrgScope.Subtree(qs), Ct));
        outside.Error.ShouldBeOfType<NotFoundError>().Message.ShouldContain("不在您的管辖范围内");
        var unknown = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .EvaluateAsync("nope", 2025, OrgScope.Everything, Ct));
        unknown.Error.ShouldBeOfType<NotFoundError>();
        var future = await _core.WithContextAsync(db => new IndicatorService(db, IndicatorCatalog.Default, _core.Clock)
            .EvaluateAsync("yx", 2099, OrgScope.Everything, Ct));
        future.Error.ShouldBeOfType<ValidationError>().Fields["year"][0].ShouldContain("2099");
    }

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static void Expect(IndicatorReport r, string id, long numerator, long? denominator = null, double? value = null)
    {
        var f = r.Figures.Single(x => x.Indicator == id);
        f.Numerator.ShouldBe(numerator, id);
        f.Denominator.ShouldBe(denominator, id);
        if (denominator is null)
        {
            f.Value.ShouldBe(numerator, id);
        }
        else
        {
            f.Value!.Value.ShouldBe(value!.Value, 1e-9, id);
        }
    }

    private async Task<IndicatorReport> EvaluateAsync(string org, int year, IndicatorCatalog? catalog = null)
    {
        var r = await _core.WithContextAsync(db => new IndicatorService(db, catalog ?? IndicatorCatalog.Default, _core.Clock).EvaluateAsync(org, year, OrgScope.Everything, Ct));
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value!;
    }

    private async Task ReconsiderationAsync(string key, Guid org, DateOnly received, params (string Action, DateOnly On, string? Outcome)[] steps)
    {
        await using (var db = _core.NewContext())
        {
            var r = await new RegisterReconsiderationHandler(db, _calendars, _core.Clock).HandleAsync(
                new RegisterReconsideration(org, $"复〔{received.Year}〕{key}号", null, "in_person", received, "yx-sfj", "penalty", received.AddDays(-20), "行政处罚决定",
                    "撤销该行政处罚决定", [new PartyInput("applicant", "王某某")]),
                OrgScope.Everything, null, Ct);
            r.IsError.ShouldBeFalse(r.Error?.ToString());
            _cases[key] = r.Value!.Id;
        }

        foreach (var (action, on, outcome) in steps)
        {
            await using var db = _core.NewContext();
            var s = await new ReconsiderationWorkflow(db, _calendars, _core.Clock).ApplyAsync(_cases[key],
                new ReconsiderationStep(action, on, Reason: action == "not_accept" ? "不属于行政复议范围" : null, Outcome: outcome, Facts: "事实", Reasoning: "理由"),
                OrgScope.Everything, null, Ct);
            s.IsError.ShouldBeFalse($"{key} {action}: {(s.Error is ValidationError v ? string.Join("; ", v.Fields.Select(f => f.Key + ":" + string.Join(",", f.Value))) : s.Error?.Message)}");
        }
    }

    private async Task LitigationAsync(string key, Guid org, string instance, DateOnly filed, LitigationStep[] steps)
    {
        await using (var db = _core.NewContext())
        {
            var r = await new LitigationWorkflow(db, _calendars, _core.Clock).RegisterAsync(
                new RegisterLitigation(org, $"（{filed.Year}）浙0102行初{key}号", "云溪区人民法院", instance, filed, filed.AddDays(2), "行政处罚", ["李某"]),
                OrgScope.Everything, null, Ct);
            r.IsError.ShouldBeFalse(r.Error?.ToString());
            _cases[key] = r.Value!.Id;
        }

        foreach (var step in steps)
        {
            await using var db = _core.NewContext();
            var s = await new LitigationWorkflow(db, _calendars, _core.Clock).ApplyAsync(_cases[key], step, OrgScope.Everything, null, Ct);
            s.IsError.ShouldBeFalse($"{key} {step.Action}: {(s.Error is ValidationError v ? string.Join("; ", v.Fields.Select(f => f.Key + ":" + string.Join(",", f.Value))) : s.Error?.Message)}");
        }
    }
}
