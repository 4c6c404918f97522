using System.Net;
using System.Net.Http.Json;
using Fazhi.Core.Clocks;
using Fazhi.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Fazhi.Web.Tests.Clocks;

public sealed class ReminderTests(FazhiAppFactory app) : IClassFixture<FazhiAppFactory>
{
    private async Task<int> RunJobAsync(DateOnly today)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreateClockReminders>().RunAsync(today, 3, CancellationToken.None);
    }

    [Fact]
    public async Task Handler_gets_one_reminder_a_day_for_a_clock_due_soon_or_overdue_and_can_mark_it_read()
    {
        var fuyi = await app.SignedInClientAsync("fuyi");
        var open = await fuyi.PostAsJsonAsync(new Uri("/api/clocks", UriKind.Relative), new
        {
            orgCode = "YXQ-SFJ",
            caseType = "reconsideration",
            caseId = "FY-REMIND-1",
            rule = "reconsideration.acceptance-review",
            start = "2025-01-24",
            handler = "fuyi",
        });
        open.StatusCode.ShouldBe(HttpStatusCode.Created);
        var notDue = await fuyi.PostAsJsonAsync(new Uri("/api/clocks", UriKind.Relative), new
        {
            orgCode = "YXQ-SFJ",
            caseType = "reconsideration",
            caseId = "FY-LATER",
            rule = "reconsideration.decision",
            start = "2025-01-24",
            handler = "fuyi",
        });
        notDue.StatusCode.ShouldBe(HttpStatusCode.Created);

        var day = new DateOnly(2025, 2, 5); // acceptance review due 2025-02-07: two working days left
        (await RunJobAsync(day)).ShouldBe(1);
        (await RunJobAsync(day)).ShouldBe(0);

        var dashboard = await fuyi.GetStringAsync(new Uri("/", UriKind.Relative));
        dashboard.ShouldContain("提醒（1）");
        var page = await fuyi.GetStringAsync(new Uri("/reminders", UriKind.Relative));
        page.ShouldContain("FY-REMIND-1");
        page.ShouldContain("还剩 2 个工作日");
        page.ShouldNotContain("FY-LATER");

        var other = await app.SignedInClientAsync("yingsu");
        (await other.GetStringAsync(new Uri("/reminders", UriKind.Relative))).ShouldNotContain("FY-REMIND-1");

        (await RunJobAsync(new DateOnly(2025, 2, 10))).ShouldBe(1); // the next day it is overdue: a new reminder
        var token = await FazhiAppFactory.AntiforgeryTokenAsync(fuyi, "/reminders");
        var read = await fuyi.PostAsync(new Uri("/reminders?handler=read", UriKind.Relative),
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
        read.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fuyi.GetStringAsync(new Uri("/", UriKind.Relative))).ShouldNotContain("提醒（");
    }
}
