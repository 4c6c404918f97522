using Fazhi.Core.Common;

namespace Fazhi.Core.Clocks;

/// <summary>
/// The stored state of a clock. "Due soon" and "overdue" are not stored: they follow from <see cref="Clock.DueDate"/>
/// and today's date at query time, so no job has to rewrite rows every day.
/// </summary>
public enum ClockStatus
{
    /// <summary>Counting (计算中).</summary>
    Running,

    /// <summary>Stopped for a while by a suspension that has not ended (中止中).</summary>
    Suspended,

    /// <summary>Concluded on or before the due date (按期办结).</summary>
    Met,

    /// <summary>Concluded after the due date (逾期办结).</summary>
    MetLate,
}

/// <summary>Codes and labels of <see cref="ClockStatus"/>.</summary>
public static class ClockStatuses
{
    /// <summary>Stored code: running, suspended, met, met-late.</summary>
    public static string Code(this ClockStatus status) => status switch
    {
        ClockStatus.Running => "running",
        ClockStatus.Suspended => "suspended",
        ClockStatus.Met => "met",
        _ => "met-late",
    };

    /// <summary>Parses a stored code.</summary>
    public static ClockStatus FromCode(string code) => code switch
    {
        "running" => ClockStatus.Running,
        "suspended" => ClockStatus.Suspended,
        "met" => ClockStatus.Met,
        "met-late" => ClockStatus.MetLate,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown clock status."),
    };

    /// <summary>Chinese label.</summary>
    public static string Label(this ClockStatus status) => status switch
    {
        ClockStatus.Running => "计算中",
        ClockStatus.Suspended => "中止中",
        ClockStatus.Met => "按期办结",
        _ => "逾期办结",
    };
}

/// <summary>
/// A statutory clock on a case: a rule, its law version and start date, suspensions and extensions, and the due date
/// computed from them on the calendar whose version is <see cref="CalendarVersion"/>. Every change goes through a method
/// that validates it against the rule and recomputes the due date.
/// </summary>
public sealed class Clock
{
    /// <summary>Longest case type (e.g. reconsideration).</summary>
    public const int MaxCaseTypeLength = 40;

    /// <summary>Longest case id.</summary>
    public const int MaxCaseIdLength = 64;

    /// <summary>Longest free text (reasons, approver).</summary>
    public const int MaxTextLength = 200;

    private readonly List<ClockSuspension> _suspensions = [];
    private readonly List<ClockExtension> _extensions = [];

    private Clock()
    {
    }

    /// <summary>Id (version-7 GUID).</summary>
    public Guid Id { get; private set; }

    /// <summary>The handling org.</summary>
    public Guid OrgId { get; private set; }

    /// <summary>Line of work of the case, e.g. reconsideration.</summary>
    public string CaseType { get; private set; } = "";

    /// <summary>The case's id within its line of work.</summary>
    public string CaseId { get; private set; } = "";

    /// <summary>The handler to remind, when there is one.</summary>
    public Guid? HandlerUserId { get; private set; }

    /// <summary>Catalog id of the rule.</summary>
    public string RuleId { get; private set; } = "";

    /// <summary>Law version applied (fixed when the clock is opened).</summary>
    public string LawVersion { get; private set; } = "";

    /// <summary>The trigger date (excluded from the period).</summary>
    public DateOnly StartDate { get; private set; }

    /// <summary>Sum of the approved extensions, in the rule's unit (kept with the row so that bulk recomputation needs no join).</summary>
    public int ExtendedDays { get; private set; }

    /// <summary>Version of the calendar data the due date was last computed with (<see cref="HolidaySchedule.Version"/>).
    /// A clock that a calendar import does not affect keeps its older version: its result is the same under both.</summary>
    public string CalendarVersion { get; private set; } = "";

    /// <summary>The due date. While suspended: the earliest it can be (the open suspension counted as one day).</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>True when the due date depends on a year without a published holiday schedule.</summary>
    public bool Provisional { get; private set; }

    /// <summary>Stored status; due soon and overdue are derived from <see cref="DueDate"/> at query time.</summary>
    public ClockStatus Status { get; private set; }

    /// <summary>When the clock was stopped (the case concluded).</summary>
    public DateOnly? StoppedOn { get; private set; }

    /// <summary>When the clock was opened (UTC).</summary>
    public DateTime OpenedAtUtc { get; private set; }

    /// <summary>Suspensions, in order.</summary>
    public IReadOnlyList<ClockSuspension> Suspensions => _suspensions;

    /// <summary>Extensions, in order.</summary>
    public IReadOnlyList<ClockExtension> Extensions => _extensions;

    /// <summary>True while running or suspended.</summary>
    public bool IsOpen => Status is ClockStatus.Running or ClockStatus.Suspended;

    /// <summary>Opens a clock: validates the rule, law version and start date, and computes the due date.</summary>
    public static Result<Clock> Open(CalendarSnapshot calendar, Guid orgId, string? caseType, string? caseId, Guid? handlerUserId,
        string? ruleId, string? lawVersion, DateOnly start, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(caseType) || caseType.Trim().Length > MaxCaseTypeLength)
        {
            errors["caseType"] = [$"案件类型不能为空，且不超过 {MaxCaseTypeLength} 个字符。"];
        }

        if (string.IsNullOrWhiteSpace(caseId) || caseId.Trim().Length > MaxCaseIdLength)
        {
            errors["caseId"] = [$"案件编号不能为空，且不超过 {MaxCaseIdLength} 个字符。"];
        }

        if (string.IsNullOrWhiteSpace(ruleId))
        {
            errors["rule"] = ["请选择期限规则。"];
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        var check = calendar.Calculator.Calculate(new DeadlineRequest(ruleId!.Trim(), start) { LawVersion = string.IsNullOrWhiteSpace(lawVersion) ? null : lawVersion.Trim() });
        if (check.IsError)
        {
            return check.Error;
        }

        var clock = new Clock
        {
            Id = Ids.New(),
            OrgId = orgId,
            CaseType = caseType!.Trim(),
            CaseId = caseId!.Trim(),
            HandlerUserId = handlerUserId,
            RuleId = check.Value.Rule.Id,
            LawVersion = check.Value.Version.Version,
            StartDate = start,
            Status = ClockStatus.Running,
            OpenedAtUtc = nowUtc,
        };
        clock.Apply(check.Value, calendar.Version);
        return clock;
    }

    /// <summary>Suspends the clock from <paramref name="from"/> (included) until <see cref="Resume"/>. Only kinds the rule
    /// allows; not while already suspended or after the clock has stopped.</summary>
    public Result<Unit> Suspend(CalendarSnapshot calendar, DateOnly from, SuspensionKind kind, string? reason)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (RefuseUnlessOpen("中止") is { } stopped)
        {
            return stopped;
        }

        if (Status == ClockStatus.Suspended)
        {
            return new ConflictError("clock-suspended", $"该期限已于 {ChineseDates.Iso(_suspensions[^1].From)} 起中止，请先恢复计算再重新中止。");
        }

        if (reason is { Length: > MaxTextLength })
        {
            return ValidationError.For("reason", $"中止理由不超过 {MaxTextLength} 个字符。");
        }

        if (from <= StartDate)
        {
            return ValidationError.For("from", $"中止开始日 {ChineseDates.Iso(from)} 应晚于起算日 {ChineseDates.Iso(StartDate)}。");
        }

        if (_suspensions.Count > 0 && from <= _suspensions[^1].To)
        {
            return ValidationError.For("from", $"中止开始日 {ChineseDates.Iso(from)} 应晚于上一次中止的结束日 {ChineseDates.Iso(_suspensions[^1].To!.Value)}。");
        }

        var suspension = new ClockSuspension(Id, _suspensions.Count + 1, from, kind, reason?.Trim());
        var result = calendar.Calculator.Calculate(Request([.. _suspensions, suspension], ExtendedDays));
        if (result.IsError)
        {
            return result.Error;
        }

        _suspensions.Add(suspension);
        Status = ClockStatus.Suspended;
        Apply(result.Value, calendar.Version);
        return Unit.Value;
    }

    /// <summary>Resumes a suspended clock: it counts again from <paramref name="on"/>; the suspension covers the days before.</summary>
    public Result<Unit> Resume(CalendarSnapshot calendar, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (RefuseUnlessOpen("恢复计算") is { } stopped)
        {
            return stopped;
        }

        if (Status != ClockStatus.Suspended)
        {
            return new ConflictError("clock-not-suspended", "该期限没有处于中止状态，无需恢复计算。");
        }

        var open = _suspensions[^1];
        if (on <= open.From)
        {
            return ValidationError.For("on", $"恢复计算日 {ChineseDates.Iso(on)} 应晚于中止开始日 {ChineseDates.Iso(open.From)}。");
        }

        var closed = _suspensions[..^1].Select(s => s.ToSuspension()).Append(new Suspension(open.From, on.AddDays(-1), open.Kind, open.Reason)).ToList();
        var result = calendar.Calculator.Calculate(new DeadlineRequest(RuleId, StartDate) { LawVersion = LawVersion, Suspensions = closed, Extension = ExtendedDays });
        if (result.IsError)
        {
            return result.Error;
        }

        open.Close(on.AddDays(-1));
        Status = ClockStatus.Running;
        Apply(result.Value, calendar.Version);
        return Unit.Value;
    }

    /// <summary>Extends the period by <paramref name="days"/> (the rule's unit), within the legal maximum in total.</summary>
    public Result<Unit> Extend(CalendarSnapshot calendar, int days, string? approvedBy, DateOnly on, string? reason)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (RefuseUnlessOpen("延长") is { } stopped)
        {
            return stopped;
        }

        if (days <= 0)
        {
            return ValidationError.For("days", "延长的期限应为正数。");
        }

        if (string.IsNullOrWhiteSpace(approvedBy) || approvedBy.Trim().Length > MaxTextLength)
        {
            return ValidationError.For("approvedBy", "请填写批准人。");
        }

        if (on < StartDate)
        {
            return ValidationError.For("on", $"批准日 {ChineseDates.Iso(on)} 早于起算日 {ChineseDates.Iso(StartDate)}。");
        }

        if (reason is { Length: > MaxTextLength })
        {
            return ValidationError.For("reason", $"延长理由不超过 {MaxTextLength} 个字符。");
        }

        var result = calendar.Calculator.Calculate(Request(_suspensions, ExtendedDays + days));
        if (result.IsError)
        {
            return ExtendedDays > 0 && result.Error is ValidationError v && v.Fields.ContainsKey("extend")
                ? ValidationError.For("days", $"已延长 {ExtendedDays}，再延长 {days} 后合计超过法定上限：{string.Join(" ", v.Fields["extend"])}")
                : result.Error;
        }

        _extensions.Add(new ClockExtension(Id, _extensions.Count + 1, days, approvedBy.Trim(), on, reason?.Trim()));
        ExtendedDays += days;
        Apply(result.Value, calendar.Version);
        return Unit.Value;
    }

    /// <summary>Stops the clock: the case was concluded on <paramref name="on"/> (met when on or before the due date, else met-late).
    /// An open suspension ends the day before.</summary>
    public Result<Unit> Stop(CalendarSnapshot calendar, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (RefuseUnlessOpen("办结") is { } stopped)
        {
            return stopped;
        }

        if (on < StartDate)
        {
            return ValidationError.For("on", $"办结日 {ChineseDates.Iso(on)} 早于起算日 {ChineseDates.Iso(StartDate)}。");
        }

        if (Status == ClockStatus.Suspended)
        {
            var open = _suspensions[^1];
            open.Close(on > open.From ? on.AddDays(-1) : open.From);
        }

        var result = calendar.Calculator.Calculate(Request(_suspensions, ExtendedDays));
        if (result.IsError)
        {
            return result.Error;
        }

        Apply(result.Value, calendar.Version);
        StoppedOn = on;
        Status = on <= DueDate ? ClockStatus.Met : ClockStatus.MetLate;
        return Unit.Value;
    }

    /// <summary>The calculator's request for this clock's current state (an open suspension counted as its first day only).</summary>
    internal DeadlineRequest Request(IReadOnlyList<ClockSuspension> suspensions, int extension) =>
        new(RuleId, StartDate)
        {
            LawVersion = LawVersion,
            Suspensions = suspensions.Count == 0 ? [] : suspensions.Select(s => s.ToSuspension()).ToList(),
            Extension = extension,
        };

    /// <summary>Sets the computed fields; true when the due date or the provisional flag changed.</summary>
    internal bool Apply(Deadline deadline, string calendarVersion)
    {
        var changed = DueDate != deadline.Due || Provisional != deadline.Provisional;
        DueDate = deadline.Due;
        Provisional = deadline.Provisional;
        CalendarVersion = calendarVersion;
        return changed;
    }

    private ConflictError? RefuseUnlessOpen(string action) => IsOpen
        ? null
        : new ConflictError("clock-stopped", $"该期限已于 {ChineseDates.Iso(StoppedOn!.Value)} 办结（{Status.Label()}），不能再{action}。");
}

/// <summary>A period during which a clock stood still. <see cref="To"/> is null while it lasts.</summary>
public sealed class ClockSuspension
{
    private ClockSuspension()
    {
    }

    internal ClockSuspension(Guid clockId, int number, DateOnly from, SuspensionKind kind, string? reason)
    {
        ClockId = clockId;
        Number = number;
        From = from;
        Kind = kind;
        Reason = reason;
    }

    /// <summary>The clock.</summary>
    public Guid ClockId { get; private set; }

    /// <summary>1, 2, … within the clock.</summary>
    public int Number { get; private set; }

    /// <summary>First day not counted.</summary>
    public DateOnly From { get; private set; }

    /// <summary>Last day not counted; null while the suspension lasts.</summary>
    public DateOnly? To { get; private set; }

    /// <summary>Why (must be a kind the rule allows).</summary>
    public SuspensionKind Kind { get; private set; }

    /// <summary>Free text.</summary>
    public string? Reason { get; private set; }

    internal void Close(DateOnly to) => To = to;

    /// <summary>The calculator's view: an open suspension counts as its first day only (the least it can last).</summary>
    internal Suspension ToSuspension() => new(From, To ?? From, Kind, Reason);
}

/// <summary>An approved extension of a clock's period.</summary>
public sealed class ClockExtension
{
    private ClockExtension()
    {
    }

    internal ClockExtension(Guid clockId, int number, int days, string approvedBy, DateOnly approvedOn, string? reason)
    {
        ClockId = clockId;
        Number = number;
        Days = days;
        ApprovedBy = approvedBy;
        ApprovedOn = approvedOn;
        Reason = reason;
    }

    /// <summary>The clock.</summary>
    public Guid ClockId { get; private set; }

    /// <summary>1, 2, … within the clock.</summary>
    public int Number { get; private set; }

    /// <summary>Length added, in the rule's unit.</summary>
    public int Days { get; private set; }

    /// <summary>Who approved (name and office).</summary>
    public string ApprovedBy { get; private set; } = "";

    /// <summary>When it was approved.</summary>
    public DateOnly ApprovedOn { get; private set; }

    /// <summary>Free text.</summary>
    public string? Reason { get; private set; }
}
