using Fazhi.Core.Clocks;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

/// <summary>Properties over random rules, start dates (2020–2027, so published and provisional years), suspensions and extensions.</summary>
public sealed class DeadlinePropertyTests
{
    private static readonly DeadlineCalculator Calc = DeadlineCalculator.Default;
    private static readonly WorkingCalendar Cal = WorkingCalendar.Official;
    private static readonly DateOnly First = new(2020, 1, 1);
    private static readonly int Days = new DateOnly(2027, 12, 31).DayNumber - First.DayNumber;

    private static readonly RuleVersion[] AllVersions = [.. RuleCatalog.Default.Rules.SelectMany(r => r.Versions)];

    private static readonly RuleVersion[] WorkingDayVersions = [.. AllVersions.Where(v => v.Unit == PeriodUnit.WorkingDays)];

    private static readonly (StatutoryRule Rule, RuleVersion Version)[] StoppableCalendarDayRules =
    [
        .. RuleCatalog.Default.Rules.SelectMany(r => r.Versions.Select(v => (r, v)))
            .Where(x => x.v.Unit == PeriodUnit.CalendarDays && x.v.StoppedBy.Count > 0 && x.v.Kind == PeriodKind.Deadline),
    ];

    private static Gen<DateOnly> Dates => Gen.Choose(0, Days).Select(First.AddDays);

    // From 2024 both reconsideration versions may be chosen explicitly (the 2017 law for cases received before 2024).
    private static Gen<DateOnly> DatesFrom2024 => Gen.Choose(new DateOnly(2024, 1, 1).DayNumber - First.DayNumber, Days).Select(First.AddDays);

    [Fact]
    public void Later_start_never_gives_an_earlier_due_date()
    {
        var gen = from i in Gen.Choose(0, AllVersions.Length - 1)
                  from start in Dates
                  from delta in Gen.Choose(1, 60)
                  select (Version: AllVersions[i], Start: start, Later: start.AddDays(delta));
        Prop.ForAll(Arb.From(gen), x =>
        {
            Calc.TryDue(x.Version, x.Start, out var a, out _);
            Calc.TryDue(x.Version, x.Later, out var b, out _);
            return b >= a;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Working_day_deadline_never_lands_on_a_non_working_day()
    {
        var gen = from i in Gen.Choose(0, WorkingDayVersions.Length - 1)
                  from start in Dates
                  from extra in Gen.Choose(0, 40)
                  select (Version: WorkingDayVersions[i], Start: start, Extra: extra);
        Prop.ForAll(Arb.From(gen), x =>
        {
            Calc.TryDue(x.Version, x.Start, out var due, out _);
            Cal.TryAddWorkingDays(x.Start, x.Version.Length + x.Extra, out var longer);
            return Cal.IsWorkingDay(due) && Cal.IsWorkingDay(longer)
                && Cal.WorkingDaysBetween(x.Start.AddDays(1), due) == x.Version.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Working_day_deadline_with_a_suspension_still_lands_on_a_working_day()
    {
        var rule = RuleCatalog.Default.Find("information-request.reply")!;
        var gen = from start in Dates
                  from offset in Gen.Choose(1, 25)
                  from length in Gen.Choose(1, 30)
                  select (Start: start, From: start.AddDays(offset), To: start.AddDays(offset + length - 1));
        Prop.ForAll(Arb.From(gen), x =>
        {
            var r = Calc.Calculate(new DeadlineRequest(rule.Id, x.Start)
            {
                LawVersion = "2019",
                Suspensions = [new Suspension(x.From, x.To)],
            });
            var due = r.Value!.Due;
            var counted = Cal.WorkingDaysBetween(x.Start.AddDays(1), due)
                - (x.From <= due ? Cal.WorkingDaysBetween(x.From, x.To < due ? x.To : due) : 0);
            return Cal.IsWorkingDay(due) && counted == 20;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Suspension_of_k_days_moves_a_calendar_day_deadline_by_exactly_k_days_before_roll_forward()
    {
        var gen = from i in Gen.Choose(0, StoppableCalendarDayRules.Length - 1)
                  from start in DatesFrom2024
                  from k in Gen.Choose(1, 45)
                  let rule = StoppableCalendarDayRules[i]
                  from offset in Gen.Choose(1, rule.Version.Length)
                  select (Rule: rule.Rule, Version: rule.Version, Start: start, From: start.AddDays(offset), K: k);
        Prop.ForAll(Arb.From(gen), x =>
        {
            var plain = Calc.Calculate(new DeadlineRequest(x.Rule.Id, x.Start) { LawVersion = x.Version.Version }).Value!;
            var stopped = Calc.Calculate(new DeadlineRequest(x.Rule.Id, x.Start)
            {
                LawVersion = x.Version.Version,
                Suspensions = [new Suspension(x.From, x.From.AddDays(x.K - 1), x.Version.StoppedBy[0])],
            }).Value!;
            return stopped.RawDue.DayNumber - plain.RawDue.DayNumber == x.K
                && Cal.TryRollForward(stopped.RawDue, true, out var rolled) && rolled == stopped.Due;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Index_agrees_with_a_day_by_day_count()
    {
        var gen = from start in Dates
                  from n in Gen.Choose(1, 80)
                  select (Start: start, N: n);
        Prop.ForAll(Arb.From(gen), x =>
        {
            var d = x.Start;
            for (var c = 0; c < x.N;)
            {
                d = d.AddDays(1);
                if (Cal.IsWorkingDay(d))
                {
                    c++;
                }
            }

            return Cal.TryAddWorkingDays(x.Start, x.N, out var fast) && fast == d;
        }).QuickCheckThrowOnFailure();
    }
}
