using System.CommandLine;
using System.Globalization;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;

namespace Fazhi.Web.Cli;

/// <summary><c>fazhi calendar show YEAR</c> and <c>fazhi calendar import FILE [--dry-run]</c>: the working-day calendar in use.</summary>
public static class CalendarCommand
{
    /// <summary>Changed clocks listed one by one; beyond this only their number is printed.</summary>
    private const int ListLimit = 200;

    /// <summary>The <c>calendar</c> verb.</summary>
    public static Command Create()
    {
        var year = new Argument<int>("YEAR") { Description = "年份，例如 2026" };
        var show = new Command("show", "显示某一年的工作日、节假日和调休上班日，以及该年安排是否已发布") { year };
        show.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var y = parse.GetValue(year);
            if (y is < HolidaySchedule.FirstYear or > HolidaySchedule.LastYear)
            {
                return CliHost.Fail($"年份 {y} 超出支持范围（{HolidaySchedule.FirstYear}–{HolidaySchedule.LastYear}）。");
            }

            var snapshot = await sp.GetRequiredService<ClockCalendar>().CurrentAsync(sp.GetRequiredService<AppDbContext>(), c);
            Show(snapshot, y, Console.Out);
            return 0;
        }, ct));

        var file = new Argument<FileInfo>("FILE") { Description = "节假日安排文件（UTF-8），格式同 holidays-cn.txt：year YYYY 来源 / YYYY-MM-DD holiday|workday [名称]" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并报告将会变化的期限，不写入" };
        var import = new Command("import", "导入节假日安排：全部正确才写入，逐行报告错误；导入后重新计算受影响的未办结期限并记入审计日志") { file, dryRun };
        import.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                return CliHost.Fail($"文件不存在：{f.FullName}");
            }

            var text = await File.ReadAllTextAsync(f.FullName, c);
            var result = await sp.GetRequiredService<CalendarImportHandler>().HandleAsync(new ImportCalendar(text, parse.GetValue(dryRun)), c);
            if (result.IsError)
            {
                if (result.Error is CalendarFileError fileError)
                {
                    foreach (var e in fileError.Lines)
                    {
                        await Console.Error.WriteLineAsync(e.Line > 0 ? $"第 {e.Line} 行：{e.Message}" : e.Message);
                    }

                    return CliHost.Fail($"共 {fileError.Lines.Count} 处错误，未导入任何内容。请修改文件后重试。");
                }

                return CliHost.Fail(CliHost.Describe(result.Error));
            }

            Print(result.Value, Console.Out);
            return 0;
        }, ct));

        return new Command("calendar", "工作日日历（节假日安排）") { show, import };
    }

    private static void Show(CalendarSnapshot snapshot, int year, TextWriter o)
    {
        var calendar = snapshot.Calendar;
        var schedule = calendar.Schedule;
        o.WriteLine(calendar.IsPublished(year)
            ? $"{year} 年：节假日安排已发布（{schedule.PublishedYears[year] ?? "来源未注明"}）。"
            : $"{year} 年：节假日安排尚未发布，只按周末计算休息日，依赖该年的期限均为暂定。");
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var counts = new Dictionary<DayKind, int>();
        var holidays = new List<(string Name, DateOnly From, DateOnly To)>();
        var adjusted = new List<DateOnly>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var kind = calendar.KindOf(d);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            if (kind == DayKind.Holiday)
            {
                var name = calendar.NameOf(d) ?? "法定节假日";
                if (holidays.Count > 0 && holidays[^1].Name == name && holidays[^1].To.AddDays(1) == d)
                {
                    holidays[^1] = (name, holidays[^1].From, d);
                }
                else
                {
                    holidays.Add((name, d, d));
                }
            }
            else if (kind == DayKind.AdjustedWorkday)
            {
                adjusted.Add(d);
            }
        }

        var working = counts.GetValueOrDefault(DayKind.Working) + counts.GetValueOrDefault(DayKind.AdjustedWorkday);
        o.WriteLine($"工作日 {working} 天（其中调休上班日 {adjusted.Count} 天）；周末休息日 {counts.GetValueOrDefault(DayKind.Weekend)} 天；节假日 {counts.GetValueOrDefault(DayKind.Holiday)} 天。");
        o.WriteLine(holidays.Count == 0 ? "节假日：无。" : "节假日：");
        foreach (var (name, from, to) in holidays)
        {
            o.WriteLine(from == to
                ? $"  {ChineseDates.WithWeekday(from)}  {name}"
                : $"  {ChineseDates.Iso(from)} 至 {ChineseDates.Iso(to)}（{to.DayNumber - from.DayNumber + 1} 天）  {name}");
        }

        o.WriteLine(adjusted.Count == 0 ? "调休上班日：无。" : "调休上班日：");
        foreach (var d in adjusted)
        {
            o.WriteLine($"  {ChineseDates.WithWeekday(d)}  {calendar.NameOf(d) ?? ""}".TrimEnd());
        }

        o.WriteLine($"日历版本：{snapshot.Version}");
    }

    private static void Print(CalendarImportReport r, TextWriter o)
    {
        var years = string.Join("、", r.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        o.WriteLine(r.Committed ? $"已导入 {years} 年的节假日安排。" : $"检查通过：{years} 年的节假日安排可以导入（--dry-run，未写入）。");
        if (r.NewlyPublished.Count > 0)
        {
            o.WriteLine($"新发布的年份：{string.Join("、", r.NewlyPublished)}（依赖这些年份的期限不再是暂定）。");
        }

        o.WriteLine(r.Days.Count == 0 ? "与原日历相比没有日期发生变化。" : $"与原日历相比有 {r.Days.Count} 天发生变化：");
        foreach (var d in r.Days.Take(ListLimit))
        {
            o.WriteLine($"  {ChineseDates.WithWeekday(d.Date)}：{Label(d.Before)} → {Label(d.After)}");
        }

        o.WriteLine($"日历版本：{r.OldVersion} → {r.NewVersion}");
        o.WriteLine($"重新计算了 {r.ClocksChecked} 个期间与变化日期重叠的未办结期限，其中 {r.Changed.Count} 个的届满日或暂定状态{(r.Committed ? "已更新（每项均记入审计日志）" : "将会改变")}。");
        foreach (var c in r.Changed.Take(ListLimit))
        {
            var provisional = c.OldProvisional == c.NewProvisional ? "" : c.NewProvisional ? "（改为暂定）" : "（不再暂定）";
            o.WriteLine($"  {c.CaseType} {c.CaseId}  {c.RuleId}  {ChineseDates.Iso(c.OldDue)} → {ChineseDates.Iso(c.NewDue)}{provisional}  [{c.ClockId}]");
        }

        if (r.Changed.Count > ListLimit)
        {
            o.WriteLine($"  ……其余 {r.Changed.Count - ListLimit} 个未列出。");
        }
    }

    private static string Label(DayKind kind) => kind switch
    {
        DayKind.Working => "工作日",
        DayKind.Weekend => "周末",
        DayKind.Holiday => "节假日",
        _ => "调休上班日",
    };
}
