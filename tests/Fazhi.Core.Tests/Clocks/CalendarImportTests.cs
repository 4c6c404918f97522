using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

/// <summary>Calendar imports recompute exactly the affected open clocks, audited, on the real test database.</summary>
public sealed class CalendarImportTests : IAsyncLifetime
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

    /// <summary>The shipped 2026 schedule with 端午节 on Friday 2026-06-19 removed (as if the notice were corrected).</summary>
    private static string Corrected2026() =>
        string.Join("\n", HolidaySchedule.Official.YearText(2026).Split('\n').Where(l => !l.StartsWith("2026-06-19", StringComparison.Ordinal)));

    [Fact]
    public async Task Changing_a_holiday_recomputes_exactly_the_affected_open_clocks_and_audits_each()
    {
        // Working days: 5 after Tue 06-16 skip the 06-19 holiday → 06-24; after the change → 06-23.
        var affected = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 16));
        affected.DueDate.ShouldBe(new DateOnly(2026, 6, 24));
        // Calendar days, suspended since 04-20 (counted as one day so far): 04-19 + 60 + 1 = Fri 06-19, rolled to Mon 06-22;
        // once 06-19 is a working day it ends there.
        var affectedSuspended = await OpenAsync(_baisha, "reconsideration.decision", new DateOnly(2026, 4, 19));
        await Act(s => s.SuspendAsync(affectedSuspended.Id, new DateOnly(2026, 4, 20), SuspensionKind.CaseSuspended, "等待鉴定", OrgScope.Everything, Ct));
        (await LoadAsync(affectedSuspended.Id)).DueDate.ShouldBe(new DateOnly(2026, 6, 22));
        // Not affected: a period ending before 06-19; a calendar-day period over 06-19 (only its end day matters);
        // a stopped clock over 06-19.
        var earlier = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 1));
        var calendarDays = await OpenAsync(_qingshan, "reconsideration.decision", new DateOnly(2026, 6, 10));
        var stopped = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 17));
        await Act(s => s.StopAsync(stopped.Id, new DateOnly(2026, 6, 18), OrgScope.Everything, Ct));
        var stoppedDue = (await LoadAsync(stopped.Id)).DueDate;
        var auditBefore = await _core.WithContextAsync(db => db.AuditEntries.CountAsync());

        CalendarImportReport report;
        await using (var db = _core.NewContext())
        {
            var r = await new CalendarImportHandler(db, _calendars, _core.Clock).HandleAsync(new ImportCalendar(Corrected2026()), Ct);
            r.IsError.ShouldBeFalse(r.Error?.Message);
            report = r.Value;
        }

        report.Committed.ShouldBeTrue();
        report.Years.ShouldBe([2026]);
        report.NewlyPublished.ShouldBeEmpty();
        report.Days.ShouldBe([new CalendarDayChange(new DateOnly(2026, 6, 19), DayKind.Holiday, DayKind.Working)]);
        report.NewVersion.ShouldNotBe(report.OldVersion);
        report.ClocksChecked.ShouldBe(3); // affected, affectedSuspended, calendarDays (the range query); not the stopped one
        report.Changed.Select(c => (c.ClockId, c.OldDue, c.NewDue)).ShouldBe(
            [(affected.Id, new DateOnly(2026, 6, 24), new DateOnly(2026, 6, 23)), (affectedSuspended.Id, new DateOnly(2026, 6, 22), new DateOnly(2026, 6, 19))],
            ignoreOrder: true);

        var a = await LoadAsync(affected.Id);
        a.DueDate.ShouldBe(new DateOnly(2026, 6, 23));
        a.CalendarVersion.ShouldBe(report.NewVersion);
        var suspended = await LoadAsync(affectedSuspended.Id);
        (suspended.DueDate, suspended.Status).ShouldBe((new DateOnly(2026, 6, 19), ClockStatus.Suspended));
        (await LoadAsync(earlier.Id)).DueDate.ShouldBe(earlier.DueDate);
        var c = await LoadAsync(calendarDays.Id);
        c.DueDate.ShouldBe(calendarDays.DueDate);
        c.CalendarVersion.ShouldBe(report.OldVersion);
        (await LoadAsync(stopped.Id)).DueDate.ShouldBe(stoppedDue);

        // One audit entry for the stored year, one per changed clock, and the chain is intact.
        await using (var db = _core.NewContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > auditBefore).OrderBy(e => e.Sequence).ToListAsync();
            entries.Count.ShouldBe(3);
            entries[0].EntityType.ShouldBe(nameof(CalendarYear));
            entries.Skip(1).Select(e => e.EntityId).ShouldBe([affected.Id.ToString(), affectedSuspended.Id.ToString()], ignoreOrder: true);
            entries.Skip(1).ShouldAllBe(e => e.Action == "updated" && e.ChangedFields == "CalendarVersion,DueDate" && e.ActorName == "cli");
            (await new VerifyAuditChainHandler(db).HandleAsync(Ct)).Intact.ShouldBeTrue();
        }

        // The same digest as a tracked save: a later ordinary update's "before" equals the bulk entry's "after".
        await Act(s => s.StopAsync(affected.Id, new DateOnly(2026, 6, 22), OrgScope.Everything, Ct));
        await using (var db = _core.NewContext())
        {
            var bulk = await db.AuditEntries.Where(e => e.EntityId == affected.Id.ToString() && e.Sequence > auditBefore).OrderBy(e => e.Sequence).ToListAsync();
            bulk[1].BeforeDigest.ShouldBe(bulk[0].AfterDigest);
            (await new VerifyAuditChainHandler(db).HandleAsync(Ct)).Intact.ShouldBeTrue();
        }

        // New operations use the imported calendar, in this and in a fresh cache.
        var fresh = new ClockCalendar(RuleCatalog.Default);
        (await _core.WithContextAsync(db => fresh.CurrentAsync(db, Ct))).Version.ShouldBe(report.NewVersion);
        (await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 16))).DueDate.ShouldBe(new DateOnly(2026, 6, 23));
    }

    [Fact]
    public async Task Publishing_a_new_year_clears_the_provisional_flag_and_moves_dates_into_it()
    {
        // 10 working days after 2026-12-20: 21–25, 28–31, then 2027-01-01 (a Friday; 2027 unpublished → weekends only).
        var clock = await OpenAsync(_qingshan, "reconsideration.respondent-answer", new DateOnly(2026, 12, 20));
        clock.DueDate.ShouldBe(new DateOnly(2027, 1, 1));
        clock.Provisional.ShouldBeTrue();

        var file = "# 2027 年安排（测试数据）\nyear 2027 国办发明电〔2026〕测试号\n2027-01-01 holiday 元旦\n";
        var dry = await ImportAsync(file, dryRun: true);
        dry.Committed.ShouldBeFalse();
        dry.NewlyPublished.ShouldBe([2027]);
        dry.Changed.Single().NewDue.ShouldBe(new DateOnly(2027, 1, 4));
        (await LoadAsync(clock.Id)).DueDate.ShouldBe(new DateOnly(2027, 1, 1));
        (await _core.WithContextAsync(db => db.CalendarYears.CountAsync())).ShouldBe(0);

        var report = await ImportAsync(file, dryRun: false);
        var change = report.Changed.Single();
        (change.OldProvisional, change.NewProvisional, change.NewDue).ShouldBe((true, false, new DateOnly(2027, 1, 4)));
        var stored = await LoadAsync(clock.Id);
        stored.Provisional.ShouldBeFalse();
        stored.DueDate.ShouldBe(new DateOnly(2027, 1, 4));
        var year = await _core.WithContextAsync(db => db.CalendarYears.AsNoTracking().SingleAsync());
        (year.Year, year.Source, year.ImportedBy).ShouldBe((2027, "国办发明电〔2026〕测试号", "cli"));
    }

    [Theory]
    [InlineData("year 2026 测试\n2026-06-19 holiday 端午节\n2026-06-31 holiday 端午节\n", 3, "日期“2026-06-31”无效")]
    [InlineData("year 2026 测试\n2026-06-20 holiday 端午节\n\n2026-06-20 workday 调休\n", 4, "相互矛盾：第 2 行列为节假日，本行列为调休上班日")]
    [InlineData("year 2026 测试\n2026-06-19 holday\n", 2, "第二列应为 holiday")]
    public async Task A_bad_file_changes_nothing_and_names_the_line(string file, int line, string message)
    {
        var clock = await OpenAsync(_qingshan, "reconsideration.acceptance-review", new DateOnly(2026, 6, 16));
        var auditBefore = await _core.WithContextAsync(db => db.AuditEntries.CountAsync());

        await using (var db = _core.NewContext())
        {
            var r = await new CalendarImportHandler(db, _calendars, _core.Clock).HandleAsync(new ImportCalendar(file), Ct);
            r.IsError.ShouldBeTrue();
            var error = r.Error.ShouldBeOfType<CalendarFileError>();
            error.Lines.Single().Line.ShouldBe(line);
            error.Lines.Single().Message.ShouldContain(message);
            error.Message.ShouldContain($"第 {line} 行");
        }

        (await _core.WithContextAsync(db => db.CalendarYears.CountAsync())).ShouldBe(0);
        (await _core.WithContextAsync(db => db.AuditEntries.CountAsync())).ShouldBe(auditBefore);
        (await LoadAsync(clock.Id)).DueDate.ShouldBe(new DateOnly(2026, 6, 24));
    }

    private async Task<CalendarImportReport> ImportAsync(string text, bool dryRun)
    {
        await using var db = _core.NewContext();
        var r = await new CalendarImportHandler(db, _calendars, _core.Clock).HandleAsync(new ImportCalendar(text, dryRun), Ct);
        r.IsError.ShouldBeFalse(r.Error?.Message);
        return r.Value;
    }

    private async Task<Clock> OpenAsync(Guid orgId, string rule, DateOnly start)
    {
        await using var db = _core.NewContext();
        var r = await new ClockService(db, _calendars, _core.Clock).OpenAsync(
            new OpenClock(orgId, "reconsideration", $"FY-{Guid.NewGuid():N}", rule, start), OrgScope.Everything, Ct);
        r.IsError.ShouldBeFalse(r.Error?.ToString());
        return r.Value;
    }

    private async Task Act(Func<ClockService, Task<Result<Clock>>> action)
    {
        await using var db = _core.NewContext();
        var r = await action(new ClockService(db, _calendars, _core.Clock));
        r.IsError.ShouldBeFalse(r.Error?.ToString());
    }

    private Task<Clock> LoadAsync(Guid id) => _core.WithContextAsync(db => db.Clocks.AsNoTracking().SingleAsync(c => c.Id == id));
}
