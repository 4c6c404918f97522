using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;

namespace Fazhi.Web.Reminders;

/// <summary>
/// Runs the reminder job at start-up and then every <c>Fazhi:Reminders:IntervalMinutes</c> (default 60), each run in a
/// fresh scope. The job is idempotent per day, so running it hourly creates each day's reminders once, soon after
/// midnight China time, and catches up after a restart.
/// </summary>
public sealed class ReminderJobHost(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, ILogger<ReminderJobHost> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Fazhi:Reminders:Enabled", true))
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(Math.Max(1, config.GetValue("Fazhi:Reminders:IntervalMinutes", 60)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditActorAccessor>().Current = AuditActor.System;
                var created = await scope.ServiceProvider.GetRequiredService<CreateClockReminders>()
                    .RunAsync(ChinaTime.Today(time), config.GetValue("Fazhi:Reminders:WithinWorkingDays", 3), stoppingToken);
                if (created > 0)
                {
                    logger.LogInformation("Created {Count} clock reminders", created);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run must not stop the host; the next tick tries again.
                logger.LogError(ex, "Reminder job failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
