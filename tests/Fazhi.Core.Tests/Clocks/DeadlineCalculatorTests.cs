using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

public sealed class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Calc = DeadlineCalculator.Default;

    private static Deadline Ok(DeadlineRequest request)
    {
        var r = Calc.Calculate(request);
        r.IsError.ShouldBeFalse(r.IsError ? Messages(r.Error) : "");
        return r.Value!;
    }

    private static string Messages(Error error) => error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : error.Message;

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("reconsideration.acceptance-review", "2025-01-24", "2025-02-07")]
    [InlineData("information-request.reply", "2024-09-20", "2024-10-23")]
    [InlineData("reconsideration.application", "2024-08-02", "2024-10-08")]
    [InlineData("litigation.defence", "2024-09-26", "2024-10-11")]
    public void Law_md_test_vector_gives_the_published_date(string rule, string start, string due)
    {
        Ok(new DeadlineRequest(rule, D(start))).Due.ShouldBe(D(due));
    }

    [Fact]
    public void Working_day_explanation_names_the_article_the_holiday_and_the_adjusted_workday()
    {
        var d = Ok(new DeadlineRequest("reconsideration.acceptance-review", D("2025-01-24")));
        var text = string.Join("\n", d.Explanation);
        text.ShouldContain("第三十条、第八十八条");
        text.ShouldContain("起算日 2025-01-24（星期五）不计入期间");
        text.ShouldContain("春节 2025-01-28 至 2025-02-04（8 天）");
        text.ShouldContain("2025-01-26（星期日），春节调休上班");
        text.ShouldContain("期限届满日：2025-02-07（星期五）");
    }

    [Fact]
    public void Calendar_day_explanation_describes_the_roll_forward()
    {
        var d = Ok(new DeadlineRequest("reconsideration.application", D("2024-08-02")));
        d.RawDue.ShouldBe(D("2024-10-01"));
        string.Join("\n", d.Explanation).ShouldContain("国庆节 2024-10-01 至 2024-10-07");
    }

    [Fact]
    public void Suspension_and_extension_are_explained()
    {
        var d = Ok(new DeadlineRequest("reconsideration.decision", D("2025-03-01"))
        {
            Suspensions = [new Suspension(D("2025-03-10"), D("2025-03-19"), SuspensionKind.CaseSuspended, "当事人协商和解")],
            Extension = 30,
        });
        d.Due.ShouldBe(D("2025-06-09"));
        var text = string.Join("\n", d.Explanation);
        text.ShouldContain("中止（当事人协商和解） 2025-03-10 至 2025-03-19 共 10 日不计入期间");
        text.ShouldContain("行政复议机构的负责人批准");
    }

    [Fact]
    public void Provisional_result_says_which_year_is_unpublished()
    {
        var d = Ok(new DeadlineRequest("reconsideration.acceptance-review", D("2026-12-28")));
        d.Provisional.ShouldBeTrue();
        string.Join("\n", d.Explanation).ShouldContain("2027 年的节假日安排尚未发布");
    }

    [Fact]
    public void Weekend_roll_forward_can_be_switched_off()
    {
        var holidaysOnly = new DeadlineCalculator(WorkingCalendar.Official, RuleCatalog.Default, new DeadlineOptions { WeekendRollForward = false });
        var request = new DeadlineRequest("litigation.defence", D("2025-03-07"));
        Ok(request).Due.ShouldBe(D("2025-03-24"));
        var r = holidaysOnly.Calculate(request);
        r.Value!.Due.ShouldBe(D("2025-03-22"));
        // A public holiday still rolls to the first day after it.
        holidaysOnly.Calculate(new DeadlineRequest("litigation.defence", D("2024-09-16"))).Value!.Due.ShouldBe(D("2024-10-08"));
        holidaysOnly.Calculate(new DeadlineRequest("litigation.defence", D("2025-09-20"))).Value!.Due.ShouldBe(D("2025-10-09"));
    }

    [Fact]
    public void Law_version_defaults_by_start_date()
    {
        Ok(new DeadlineRequest("reconsideration.respondent-answer", D("2023-12-29"))).Version.Version.ShouldBe("2017");
        Ok(new DeadlineRequest("reconsideration.respondent-answer", D("2024-01-01"))).Version.Version.ShouldBe("2023");
    }

    [Fact]
    public void Unknown_rule_is_a_validation_error_in_chinese()
    {
        var r = Calc.Calculate(new DeadlineRequest("no.such-rule", D("2025-01-01")));
        r.IsError.ShouldBeTrue();
        Messages(r.Error!).ShouldContain("未知的期限规则“no.such-rule”");
    }

    [Fact]
    public void Suspension_ending_before_it_starts_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("reconsideration.decision", D("2025-01-02"))
        {
            Suspensions = [new Suspension(D("2025-02-10"), D("2025-02-01"))],
        });
        Messages(r.Error!).ShouldContain("结束日早于开始日");
    }

    [Fact]
    public void Suspension_before_the_start_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("reconsideration.decision", D("2025-01-02"))
        {
            Suspensions = [new Suspension(D("2024-12-20"), D("2025-01-05"))],
        });
        Messages(r.Error!).ShouldContain("开始于起算日 2025-01-02 之前");
    }

    [Fact]
    public void Suspension_of_a_rule_that_cannot_be_stopped_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("litigation.defence", D("2025-01-02"))
        {
            Suspensions = [new Suspension(D("2025-01-05"), D("2025-01-06"))],
        });
        Messages(r.Error!).ShouldContain("不因中止等情形停止计算");
    }

    [Fact]
    public void Suspension_of_a_kind_the_rule_does_not_know_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("information-request.reply", D("2025-01-02"))
        {
            Suspensions = [new Suspension(D("2025-01-05"), D("2025-01-06"), SuspensionKind.Hearing)],
        });
        Messages(r.Error!).ShouldContain("不因“听证”停止计算");
    }

    [Fact]
    public void Extension_beyond_the_legal_maximum_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("reconsideration.decision", D("2025-01-02")) { Extension = 31 });
        Messages(r.Error!).ShouldContain("超过法定上限 30日");
    }

    [Fact]
    public void Extension_of_a_rule_without_one_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("reconsideration.decision-simplified", D("2025-01-02")) { Extension = 5 });
        Messages(r.Error!).ShouldContain("未规定该期限可以延长");
    }

    [Fact]
    public void New_law_before_it_took_effect_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("reconsideration.decision", D("2023-06-01")) { LawVersion = "2023" });
        Messages(r.Error!).ShouldContain("自 2024-01-01 起施行");
    }

    [Fact]
    public void Unknown_law_version_lists_the_available_ones()
    {
        var r = Calc.Calculate(new DeadlineRequest("litigation.defence", D("2025-01-02")) { LawVersion = "2023" });
        Messages(r.Error!).ShouldContain("可选：2017");
    }

    [Fact]
    public void Simplified_procedure_did_not_exist_under_the_old_law()
    {
        var r = Calc.Calculate(new DeadlineRequest("reconsideration.decision-simplified", D("2023-06-01")));
        Messages(r.Error!).ShouldContain("尚无施行的法律依据");
    }

    [Fact]
    public void Start_outside_the_calendar_is_rejected()
    {
        var r = Calc.Calculate(new DeadlineRequest("litigation.defence", D("1999-12-31")));
        Messages(r.Error!).ShouldContain("超出日历支持的范围");
    }
}
