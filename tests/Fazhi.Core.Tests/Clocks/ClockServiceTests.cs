using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

/// <summary>Stored clocks through <see cref="ClockService"/> on the real test database (SQLite or PostgreSQL).</summary>
public sealed class ClockServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ClockCalendar _calendars = new(RuleCatalog.Default);
    private CoreDatabase _core = null!;
    private Guid _qingshan;
    private Guid _baisha;

    public async Task InitializeAsync()
    {
        _core = await CoreDatabase.CreateAsync();
        await _core.SeedDistrictAsync();
        _qingshan = await _core.IdOfAsync("yx-qs-sfs");
        _baisha = await _core.IdOfAsync("yx-bs");
    }

    public async Task DisposeAsync() => await _core.DisposeAsync();

    [Fact]
    public async Task Open_computes_the_due_date_on_the_calendar_and_stores_it()
    {
        // 5 working days after Tue 2026-06-16: 17, 18, (19 端午节 holiday, 20–21 weekend), 22, 23, 24.
        var clock = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 16));

        var stored = await _core.WithContextAsync(db => db.Clocks.AsNoTracking().SingleAsync(c => c.Id == clock.Id));
        stored.DueDate.ShouldBe(new DateOnly(2026, 6, 24));
        stored.Status.ShouldBe(ClockStatus.Running);
        stored.LawVersion.ShouldBe("2023");
        stored.Provisional.ShouldBeFalse();
        stored.CalendarVersion.ShouldBe(HolidaySchedule.Official.Version);
        (await AuditCountAsync("Clock", clock.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task Suspend_resume_extend_and_stop_recompute_the_due_date()
    {
        // 60 calendar days after 2026-03-02: 2026-05-01 (劳动节, holidays to 05-05) rolls forward to Wed 2026-05-06.
        var clock = await OpenAsync(_qingshan, "reconsideration.decision", new DateOnly(2026, 3, 2));
        clock.DueDate.ShouldBe(new DateOnly(2026, 5, 6));

        var s = await Act(svc => svc.SuspendAsync(clock.Id, new DateOnly(2026, 3, 10), SuspensionKind.CaseSuspended, "等待鉴定", OrgScope.Everything, Ct));
        s.Status.ShouldBe(ClockStatus.Suspended);
        s.DueDate.ShouldBe(new DateOnly(2026, 5, 6)); // the open suspension counts as its first day: 05-02 rolls to 05-06

        // Suspended 03-10 … 03-19 (10 days): 2026-05-01 + 10 = 05-11 (Monday).
        var r = await Act(svc => svc.ResumeAsync(clock.Id, new DateOnly(2026, 3, 20), OrgScope.Everything, Ct));
        r.Status.ShouldBe(ClockStatus.Running);
        r.DueDate.ShouldBe(new DateOnly(2026, 5, 11));
        r.Suspensions.Single().To.ShouldBe(new DateOnly(2026, 3, 19));

        // Extended by 30 days: 2026-05-11 + 30 = 06-10 (Wednesday).
        var e = await Act(svc => svc.ExtendAsync(clock.Id, 30, "复议机构负责人 王五", new DateOnly(2026, 4, 20), "案情复杂", OrgScope.Everything, Ct));
        e.DueDate.ShouldBe(new DateOnly(2026, 6, 10));
        e.ExtendedDays.ShouldBe(30);

        var met = await Act(svc => svc.StopAsync(clock.Id, new DateOnly(2026, 6, 10), OrgScope.Everything, Ct));
        met.Status.ShouldBe(ClockStatus.Met);
        met.StoppedOn.ShouldBe(new DateOnly(2026, 6, 10));

        var late = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 16));
        (await Act(svc => svc.StopAsync(late.Id, new DateOnly(2026, 6, 25), OrgScope.Everything, Ct))).Status.ShouldBe(ClockStatus.MetLate);

        var reloaded = await _core.WithContextAsync(db => db.Clocks.Include(c => c.Suspensions).Include(c => c.Extensions).AsNoTracking().SingleAsync(c => c.Id == clock.Id));
        reloaded.Suspensions.Single().Kind.ShouldBe(SuspensionKind.CaseSuspended);
        reloaded.Extensions.Single().ApprovedBy.ShouldBe("复议机构负责人 王五");
        (await AuditCountAsync("Clock", clock.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task Stopping_a_suspended_clock_closes_its_suspension_the_day_before()
    {
        var clock = await OpenAsync(_qingshan, "reconsideration.decision", new DateOnly(2026, 3, 2));
        await Act(svc => svc.SuspendAsync(clock.Id, new DateOnly(2026, 3, 10), SuspensionKind.CaseSuspended, null, OrgScope.Everything, Ct));

        var stopped = await Act(svc => svc.StopAsync(clock.Id, new DateOnly(2026, 3, 15), OrgScope.Everything, Ct));

        stopped.Status.ShouldBe(ClockStatus.Met);
        stopped.Suspensions.Single().To.ShouldBe(new DateOnly(2026, 3, 14));
    }

    [Fact]
    public async Task Illegal_moves_are_refused_in_chinese_and_change_nothing()
    {
        var clock = await OpenAsync(_qingshan, "reconsideration.decision", new DateOnly(2026, 3, 2));

        // A kind the rule does not allow.
        (await Fail(svc => svc.SuspendAsync(clock.Id, new DateOnly(2026, 3, 10), SuspensionKind.Hearing, null, OrgScope.Everything, Ct)))
            .ShouldContain("不因“听证”停止计算");
        // Resume while running.
        (await Fail(svc => svc.ResumeAsync(clock.Id, new DateOnly(2026, 3, 10), OrgScope.Everything, Ct))).ShouldContain("没有处于中止状态");
        // Beyond the 30-day maximum, at once and in two steps.
        (await Fail(svc => svc.ExtendAsync(clock.Id, 31, "负责人", new DateOnly(2026, 4, 1), null, OrgScope.Everything, Ct))).ShouldContain("超过法定上限 30");
        await Act(svc => svc.ExtendAsync(clock.Id, 20, "负责人", new DateOnly(2026, 4, 1), null, OrgScope.Everything, Ct));
        (await Fail(svc => svc.ExtendAsync(clock.Id, 11, "负责人", new DateOnly(2026, 4, 2), null, OrgScope.Everything, Ct))).ShouldContain("合计超过法定上限");
        // A rule that allows no extension; an unknown rule.
        var review = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 16));
        (await Fail(svc => svc.ExtendAsync(review.Id, 1, "负责人", new DateOnly(2026, 6, 17), null, OrgScope.Everything, Ct))).ShouldContain("未规定该期限可以延长");
        (await Fail(svc => svc.SuspendAsync(review.Id, new DateOnly(2026, 6, 17), SuspensionKind.CaseSuspended, null, OrgScope.Everything, Ct))).ShouldContain("不因中止等情形停止计算");
        await using (var db = _core.NewContext())
        {
            var r = await new ClockService(db, _calendars, _core.Clock).OpenAsync(
                new OpenClock(_qingshan, "reconsideration", "x", "no.such-rule", new DateOnly(2026, 1, 5)), OrgScope.Everything, Ct);
            Message(r.Error!).ShouldContain("未知的期限规则");
        }

        // Suspend twice; resume before the suspension began.
        await Act(svc => svc.SuspendAsync(clock.Id, new DateOnly(2026, 3, 10), SuspensionKind.CaseSuspended, null, OrgScope.Everything, Ct));
        (await Fail(svc => svc.SuspendAsync(clock.Id, new DateOnly(2026, 3, 12), SuspensionKind.CaseSuspended, null, OrgScope.Everything, Ct))).ShouldContain("请先恢复计算");
        (await Fail(svc => svc.ResumeAsync(clock.Id, new DateOnly(2026, 3, 10), OrgScope.Everything, Ct))).ShouldContain("应晚于中止开始日");

        // Anything after the stop.
        await Act(svc => svc.StopAsync(clock.Id, new DateOnly(2026, 3, 20), OrgScope.Everything, Ct));
        var before = await AuditCountAsync("Clock", clock.Id);
        (await Fail(svc => svc.ExtendAsync(clock.Id, 1, "负责人", new DateOnly(2026, 3, 21), null, OrgScope.Everything, Ct))).ShouldContain("已于 2026-03-20 办结");
        (await Fail(svc => svc.StopAsync(clock.Id, new DateOnly(2026, 3, 21), OrgScope.Everything, Ct))).ShouldContain("不能再办结");
        (await AuditCountAsync("Clock", clock.Id)).ShouldBe(before);

        // Out of scope: indistinguishable from a missing clock.
        (await Fail(svc => svc.StopAsync(review.Id, new DateOnly(2026, 6, 18), OrgScope.Subtree(_baisha), Ct))).ShouldContain("不存在或不在您的管辖范围内");
    }

    [Fact]
    public async Task Due_soon_and_overdue_lists_respect_scope_status_and_page_by_keyset()
    {
        var township = await _core.IdOfAsync("yx-qs");
        // Today Mon 2026-06-15. Qingshan: five clocks due 06-22 … 06-24 and one overdue; Baisha: one of each.
        var today = new DateOnly(2026, 6, 15);
        var soon = new List<Clock>();
        for (var i = 0; i < 5; i++)
        {
            soon.Add(await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 12 + (i % 3)), $"QS-{i}"));
        }

        var overdue = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 1), "QS-old");
        var suspended = await OpenAsync(_qingshan, "reconsideration.decision", new DateOnly(2026, 4, 1), "QS-susp");
        await Act(svc => svc.SuspendAsync(suspended.Id, new DateOnly(2026, 4, 2), SuspensionKind.CaseSuspended, null, OrgScope.Everything, Ct));
        var other = await OpenAsync(_baisha, "reconsideration.acceptance-review", new DateOnly(2026, 6, 12), "BS-1");
        var otherOld = await OpenAsync(_baisha, "reconsideration.acceptance-review", new DateOnly(2026, 6, 1), "BS-old");
        var stopped = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 12), "QS-done");
        await Act(svc => svc.StopAsync(stopped.Id, new DateOnly(2026, 6, 15), OrgScope.Everything, Ct));

        await using var db = _core.NewContext();
        var svc = new ClockService(db, _calendars, _core.Clock);
        var scope = OrgScope.Subtree(township);

        var rows = new List<ClockDueRow>();
        ClockCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await svc.DueSoonAsync(scope, today, 10, cursor, 2, Ct);
            rows.AddRange(page.Rows);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        rows.Select(r => r.ClockId).ShouldBe(soon.OrderBy(c => c.DueDate).Select(c => c.Id), ignoreOrder: true);
        rows.Select(r => r.DueDate).ShouldBeInOrder();
        rows.ShouldAllBe(r => r.RuleName == "受理审查" && r.DaysOverdue == 0);
        rows.First(r => r.DueDate == new DateOnly(2026, 6, 22)).WorkingDaysLeft.ShouldBe(4); // 16, 17, 18, 22

        // Within 3 working days (to 06-18) nothing is due.
        (await svc.DueSoonAsync(scope, today, 3, null, 50, Ct)).Rows.ShouldBeEmpty();

        var late = await svc.OverdueAsync(scope, today, null, 50, Ct);
        late.Rows.Select(r => r.ClockId).ShouldBe([overdue.Id]);
        late.Rows[0].DueDate.ShouldBe(new DateOnly(2026, 6, 8));
        late.Rows[0].DaysOverdue.ShouldBe(7);
        late.Next.ShouldBeNull();

        // Baisha sees only its own; everything sees both towns.
        (await svc.OverdueAsync(OrgScope.Subtree(_baisha), today, null, 50, Ct)).Rows.Select(r => r.ClockId).ShouldBe([otherOld.Id]);
        (await svc.DueSoonAsync(OrgScope.Subtree(_baisha), today, 10, null, 50, Ct)).Rows.Select(r => r.ClockId).ShouldBe([other.Id]);
        (await svc.OverdueAsync(OrgScope.Everything, today, null, 50, Ct)).Rows.Count.ShouldBe(2);
    }

    [Fact]
    public void Cursor_round_trips_through_text()
    {
        var c = new ClockCursor(new DateOnly(2026, 6, 22), Guid.CreateVersion7());
        ClockCursor.Parse(c.ToString()).ShouldBe(c);
        ClockCursor.Parse("2026-02-30~x").ShouldBeNull();
    }

    private async Task<Clock> OpenAsync(Guid orgId, string rule, DateOnly start, string? caseId = null)
    {
        await using var db = _core.NewContext();
        var r = await new ClockService(db, _calendars, _core.Clock).OpenAsync(
            new OpenClock(orgId, "reconsideration", caseId ?? $"FY-{Guid.NewGuid():N}", rule, start), OrgScope.Everything, Ct);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value;
    }

    private async Task<Clock> Act(Func<ClockService, Task<Result<Clock>>> action)
    {
        await using var db = _core.NewContext();
        var r = await action(new ClockService(db, _calendars, _core.Clock));
        r.IsError.ShouldBeFalse(r.Error is null ? null : Message(r.Error));
        return r.Value;
    }

    private async Task<string> Fail(Func<ClockService, Task<Result<Clock>>> action)
    {
        await using var db = _core.NewContext();
        var r = await action(new ClockService(db, _calendars, _core.Clock));
        r.IsError.ShouldBeTrue();
        return Message(r.Error!);
    }

    private static string Message(Error e) => e is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : e.Message;

    private Task<int> AuditCountAsync(string type, Guid id) =>
        _core.WithContextAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == type && a.EntityId == id.ToString()));
}
