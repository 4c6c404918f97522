using Fazhi.Core.Clocks;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

public sealed class HolidayScheduleTests
{
    private static CalendarFileError Errors(string text)
    {
        var r = HolidaySchedule.Parse(new StringReader(text));
        r.IsError.ShouldBeTrue();
        return r.Error.ShouldBeOfType<CalendarFileError>();
    }

    [Fact]
    public void Official_file_covers_2021_to_2026()
    {
        var s = HolidaySchedule.Official;
        s.PublishedYears.Keys.Order().ShouldBe([2021, 2022, 2023, 2024, 2025, 2026]);
        s.PublishedYears[2025].ShouldNotBeNull().ShouldContain("国办发明电〔2024〕12号");
        s.Entries[new DateOnly(2025, 1, 26)].ShouldBe(new HolidayEntry(new DateOnly(2025, 1, 26), HolidayKind.Workday, "春节调休上班"));
        s.Entries.Count.ShouldBe(218); // the dated lines of law.md §9
    }

    [Fact]
    public void Working_day_predicate_follows_the_lists()
    {
        var c = WorkingCalendar.Official;
        c.IsWorkingDay(new DateOnly(2024, 2, 4)).ShouldBeTrue(); // Sunday, adjusted workday
        c.IsWorkingDay(new DateOnly(2024, 2, 9)).ShouldBeTrue(); // Spring Festival eve 2024 is a working day
        c.IsWorkingDay(new DateOnly(2024, 2, 12)).ShouldBeFalse(); // Monday in the holiday
        c.IsWorkingDay(new DateOnly(2024, 3, 9)).ShouldBeFalse(); // ordinary Saturday
        c.IsWorkingDay(new DateOnly(2027, 1, 1)).ShouldBeTrue(); // 2027 unpublished: weekends only
        c.IsPublished(2027).ShouldBeFalse();
        c.NameOf(new DateOnly(2024, 10, 3)).ShouldBe("国庆节");
    }

    [Fact]
    public void File_without_headings_publishes_the_years_it_lists()
    {
        var r = HolidaySchedule.Parse(new StringReader("# shared format\n2030-01-01 holiday\n2030-02-02 workday\n"));
        r.IsError.ShouldBeFalse();
        r.Value!.PublishedYears.Keys.ShouldBe([2030]);
    }

    [Fact]
    public void Malformed_line_is_reported_with_its_line_number()
    {
        var e = Errors("year 2030\n2030-01-01 holiday\n2030-13-01 holiday\n2030-01-02\n2030-01-03 vacation\n");
        e.Lines.Select(l => l.Line).ShouldBe([3, 4, 5]);
        e.Lines[0].Message.ShouldContain("日期“2030-13-01”无效");
        e.Lines[1].Message.ShouldContain("格式应为");
        e.Lines[2].Message.ShouldContain("holiday（节假日）或 workday");
    }

    [Fact]
    public void Date_outside_the_year_heading_is_reported()
    {
        var e = Errors("# comment\nyear 2030 某通知\n2031-01-01 holiday\n");
        e.Lines.ShouldHaveSingleItem().Line.ShouldBe(3);
        e.Lines[0].Message.ShouldContain("不在本段标题的年份 2030 内");
    }

    [Fact]
    public void Date_both_holiday_and_workday_is_contradictory()
    {
        var e = Errors("year 2030\n2030-02-02 holiday\n2030-02-02 workday\n");
        e.Lines.ShouldHaveSingleItem().Line.ShouldBe(3);
        e.Lines[0].Message.ShouldContain("相互矛盾：第 2 行列为节假日，本行列为调休上班日");
    }

    [Fact]
    public void Duplicate_date_and_weekday_workday_are_reported()
    {
        var e = Errors("year 2030\n2030-01-01 holiday\n2030-01-01 holiday\n2030-01-07 workday\nyear 2030\nyear 30\n");
        e.Lines.Select(l => l.Line).ShouldBe([3, 4, 5, 6]);
        e.Lines[0].Message.ShouldContain("重复（第 2 行已列出）");
        e.Lines[1].Message.ShouldContain("本来就是工作日");
        e.Lines[2].Message.ShouldContain("标题重复");
        e.Message.ShouldContain("第 6 行");
    }
}
