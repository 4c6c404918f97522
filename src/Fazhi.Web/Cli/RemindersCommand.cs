using System.CommandLine;
using System.Globalization;
using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;

namespace Fazhi.Web.Cli;

/// <summary><c>fazhi reminders run</c>: runs the daily reminder job now (the server also runs it on its own).</summary>
public static class RemindersCommand
{
    public static Command Create()
    {
        var date = new Option<string>("--date") { Description = "按哪一天生成（YYYY-MM-DD，默认今天，北京时间）" };
        var within = new Option<int>("--within") { Description = "提醒几个工作日内到期的期限（默认 3）", DefaultValueFactory = _ => 3 };
        var run = new Command("run", "为承办人生成即将到期和已逾期期限的提醒（同一天重复运行不会重复生成）") { date, within };
        run.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var day = ChinaTime.Today(TimeProvider.System);
            if (parse.GetValue(date) is { } text
                && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return CliHost.Fail($"日期“{text}”无效，应为 YYYY-MM-DD。");
            }

            sp.GetRequiredService<AuditActorAccessor>().Current = AuditActor.CommandLine;
            var created = await sp.GetRequiredService<CreateClockReminders>().RunAsync(day, parse.GetValue(within), c);
            Console.WriteLine($"{ChineseDates.Iso(day)}：新生成 {created} 条提醒。");
            return 0;
        }, ct));
        return new Command("reminders", "期限提醒") { run };
    }
}
