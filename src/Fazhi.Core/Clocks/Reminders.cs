using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Clocks;

/// <summary>An in-app reminder to a clock's handler: the clock is due soon or overdue. One per clock and handler per day.</summary>
public sealed class Reminder
{
    private Reminder()
    {
    }

    /// <summary>Surrogate key.</summary>
    public Guid Id { get; private set; }

    /// <summary>The handler reminded.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The clock.</summary>
    public Guid ClockId { get; private set; }

    /// <summary>The China date the reminder was made for (idempotence: one per clock, user and day).</summary>
    public DateOnly CreatedOn { get; private set; }

    /// <summary>The clock's due date at that time.</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>True when the clock was already overdue.</summary>
    public bool Overdue { get; private set; }

    /// <summary>The reminder text (Chinese).</summary>
    public string Text { get; private set; } = "";

    /// <summary>When the reminder was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the user marked it read (UTC).</summary>
    public DateTime? ReadAtUtc { get; private set; }

    internal static Reminder Create(Guid userId, Guid clockId, DateOnly today, DateOnly due, bool overdue, string text, DateTime nowUtc) => new()
    {
        Id = Ids.New(),
        UserId = userId,
        ClockId = clockId,
        CreatedOn = today,
        DueDate = due,
        Overdue = overdue,
        Text = text,
        CreatedAtUtc = nowUtc,
    };

    /// <summary>Marks the reminder read (no-op when already read).</summary>
    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}

/// <summary>
/// The daily reminder job: for every running clock with a handler that is due within <c>withinWorkingDays</c> working
/// days or overdue, one reminder per day. Idempotent: running it again the same day adds nothing.
/// </summary>
public sealed class CreateClockReminders(AppDbContext db, ClockCalendar calendars, TimeProvider time)
{
    private const int Batch = 1000;

    /// <summary>Creates today's reminders; returns how many were created.</summary>
    public async Task<int> RunAsync(DateOnly today, int withinWorkingDays, CancellationToken ct)
    {
        var snapshot = await calendars.CurrentAsync(db, ct);
        var until = withinWorkingDays > 0 && snapshot.Calendar.TryAddWorkingDays(today, withinWorkingDays, out var u) ? u : today;
        var created = 0;
        while (true)
        {
            var due = await db.Clocks.AsNoTracking()
                .Where(c => c.Status == ClockStatus.Running && c.HandlerUserId != null && c.DueDate <= until)
                .Where(c => !db.Reminders.Any(r => r.ClockId == c.Id && r.UserId == c.HandlerUserId && r.CreatedOn == today))
                .OrderBy(c => c.DueDate).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.HandlerUserId, c.DueDate, c.RuleId, c.CaseType, c.CaseId })
                .Take(Batch)
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                return created;
            }

            var now = time.GetUtcNow().UtcDateTime;
            foreach (var c in due)
            {
                var rule = snapshot.Calculator.Catalog.Find(c.RuleId)?.Name ?? c.RuleId;
                var overdue = c.DueDate < today;
                var when = overdue
                    ? $"已于 {ChineseDates.WithWeekday(c.DueDate)} 届满，逾期 {today.DayNumber - c.DueDate.DayNumber} 天"
                    : c.DueDate == today
                        ? "今天届满"
                        : $"将于 {ChineseDates.WithWeekday(c.DueDate)} 届满，还剩 {snapshot.Calendar.WorkingDaysBetween(today.AddDays(1), c.DueDate)} 个工作日";
                db.Reminders.Add(Reminder.Create(c.HandlerUserId!.Value, c.Id, today, c.DueDate, overdue, $"{CaseTypes.Label(c.CaseType)} {c.CaseId}：{rule}{when}。", now));
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            created += due.Count;
        }
    }
}

/// <summary>A reminder as lists show it.</summary>
public sealed record ReminderRow(Guid Id, Guid ClockId, DateOnly CreatedOn, DateOnly DueDate, bool Overdue, string Text, DateTime? ReadAtUtc);

/// <summary>A user's reminders.</summary>
public sealed class ReminderQuery(AppDbContext db, TimeProvider time)
{
    /// <summary>Unread reminders of a user.</summary>
    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct) =>
        db.Reminders.CountAsync(r => r.UserId == userId && r.ReadAtUtc == null, ct);

    /// <summary>The newest reminders of a user, unread first.</summary>
    public async Task<IReadOnlyList<ReminderRow>> ListAsync(Guid userId, int limit, CancellationToken ct) =>
        await db.Reminders.AsNoTracking().Where(r => r.UserId == userId)
            .OrderBy(r => r.ReadAtUtc != null).ThenByDescending(r => r.CreatedOn).ThenBy(r => r.DueDate)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(r => new ReminderRow(r.Id, r.ClockId, r.CreatedOn, r.DueDate, r.Overdue, r.Text, r.ReadAtUtc))
            .ToListAsync(ct);

    /// <summary>Marks one of the user's reminders read, or all of them when <paramref name="reminderId"/> is null.</summary>
    public async Task<int> MarkReadAsync(Guid userId, Guid? reminderId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unread = await db.Reminders.Where(r => r.UserId == userId && r.ReadAtUtc == null && (reminderId == null || r.Id == reminderId)).ToListAsync(ct);
        foreach (var r in unread)
        {
            r.MarkRead(now);
        }

        await db.SaveChangesAsync(ct);
        return unread.Count;
    }
}
