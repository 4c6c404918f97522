namespace Fazhi.Core.Clocks;

/// <summary>How a period is measured.</summary>
public enum PeriodUnit
{
    /// <summary>Working days (工作日): the n-th working day after the trigger.</summary>
    WorkingDays,

    /// <summary>Calendar days (日): trigger + n, rolled forward past rest days.</summary>
    CalendarDays,

    /// <summary>Months (月): the corresponding day n months later (last day of the month when there is none), rolled forward.</summary>
    Months,

    /// <summary>A fixed day of the year (e.g. 3月1日前), the first one after the trigger date; no roll-forward.</summary>
    FixedDate,
}

/// <summary>Whether the computed date is the latest allowed (a deadline) or the earliest (a minimum period).</summary>
public enum PeriodKind
{
    /// <summary>Must be done by this date (期限).</summary>
    Deadline,

    /// <summary>Must last at least until this date (不少于…): no roll-forward.</summary>
    Minimum,
}

/// <summary>Why a clock was stopped for a while. Which kinds stop which rule is part of the rule.</summary>
public enum SuspensionKind
{
    /// <summary>Case suspended (中止), e.g. XFY23 Art.39.</summary>
    CaseSuspended,

    /// <summary>Waiting for the applicant's corrections (补正).</summary>
    CorrectionPending,

    /// <summary>Consulting a third party or another agency (征求第三方或者其他机关意见).</summary>
    Consultation,

    /// <summary>Hearing (听证).</summary>
    Hearing,

    /// <summary>Public announcement (公告).</summary>
    Announcement,

    /// <summary>Testing, inspection, quarantine or appraisal (检测、检验、检疫、鉴定).</summary>
    Testing,

    /// <summary>Force majeure or other just cause (不可抗力或者其他正当理由); the period continues once the obstacle is removed.</summary>
    Obstacle,
}

/// <summary>Chinese labels.</summary>
public static class ClockLabels
{
    /// <summary>Label of a unit: 工作日, 日, 个月, 固定日期.</summary>
    public static string Unit(PeriodUnit unit) => unit switch
    {
        PeriodUnit.WorkingDays => "个工作日",
        PeriodUnit.CalendarDays => "日（自然日）",
        PeriodUnit.Months => "个月",
        _ => "（固定日期）",
    };

    /// <summary>Label of a suspension kind.</summary>
    public static string Suspension(SuspensionKind kind) => kind switch
    {
        SuspensionKind.CaseSuspended => "中止",
        SuspensionKind.CorrectionPending => "补正",
        SuspensionKind.Consultation => "征求第三方或者其他机关意见",
        SuspensionKind.Hearing => "听证",
        SuspensionKind.Announcement => "公告",
        SuspensionKind.Testing => "检测、检验、检疫、鉴定",
        _ => "不可抗力或者其他正当理由",
    };

    /// <summary>Code of a suspension kind, as used on the command line.</summary>
    public static string Code(SuspensionKind kind) => kind switch
    {
        SuspensionKind.CaseSuspended => "suspended",
        SuspensionKind.CorrectionPending => "correction",
        SuspensionKind.Consultation => "consultation",
        SuspensionKind.Hearing => "hearing",
        SuspensionKind.Announcement => "announcement",
        SuspensionKind.Testing => "testing",
        _ => "obstacle",
    };

    /// <summary>Parses a code from <see cref="Code"/>.</summary>
    public static SuspensionKind? ParseSuspension(string code) =>
        Enum.GetValues<SuspensionKind>().Cast<SuspensionKind?>().FirstOrDefault(k => Code(k!.Value) == code);
}

/// <summary>How a period may be extended.</summary>
/// <param name="MaxLength">Most that may be added, in the rule's unit; null when the law sets no maximum.</param>
/// <param name="Approver">Who approves (Chinese).</param>
/// <param name="Article">Where the law says so (Chinese).</param>
public sealed record ExtensionRule(int? MaxLength, string Approver, string Article);

/// <summary>
/// A statutory period as one law version states it. <see cref="Article"/> always names the article(s); when a rule rests
/// on a source that the domain brief marks UNVERIFIED, <see cref="Unverified"/> says what is assumed, and the value
/// comes from <see cref="ClockSettings"/>, not from a constant.
/// </summary>
public sealed record RuleVersion
{
    /// <summary>Version key used by <c>--law</c> (e.g. 2023, 2017, 2021).</summary>
    public required string Version { get; init; }

    /// <summary>The law and version in Chinese, e.g. 《中华人民共和国行政复议法》（2023年修订，2024年1月1日起施行）.</summary>
    public required string Law { get; init; }

    /// <summary>Article(s), e.g. 第三十条、第八十八条.</summary>
    public required string Article { get; init; }

    /// <summary>First start date the version applies to by default; null when open.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Last start date the version applies to by default; null when still in force.</summary>
    public DateOnly? EffectiveTo { get; init; }

    /// <summary>Length in <see cref="Unit"/> (unused for fixed dates).</summary>
    public int Length { get; init; }

    /// <summary>Unit.</summary>
    public required PeriodUnit Unit { get; init; }

    /// <summary>Month and day of a fixed-date rule.</summary>
    public (int Month, int Day) FixedDate { get; init; }

    /// <summary>Deadline or minimum period.</summary>
    public PeriodKind Kind { get; init; } = PeriodKind.Deadline;

    /// <summary>The trigger event (day 0), in Chinese.</summary>
    public required string Trigger { get; init; }

    /// <summary>Why the unit is what it is, when the law says so elsewhere (e.g. 第八十八条：五日为工作日).</summary>
    public string? UnitBasis { get; init; }

    /// <summary>Suspension kinds that stop this clock; empty when nothing stops it.</summary>
    public IReadOnlyList<SuspensionKind> StoppedBy { get; init; } = [];

    /// <summary>Extension, when the law allows one.</summary>
    public ExtensionRule? Extension { get; init; }

    /// <summary>What is assumed where the source is unverified (Chinese); null when verified.</summary>
    public string? Unverified { get; init; }

    /// <summary>Length with its unit, in Chinese: 5个工作日, 60日（自然日）, 6个月, 每年3月1日.</summary>
    public string Describe() => Unit == PeriodUnit.FixedDate
        ? $"每年{FixedDate.Month}月{FixedDate.Day}日"
        : $"{(Kind == PeriodKind.Minimum ? "不少于" : "")}{Length}{ClockLabels.Unit(Unit)}";

    /// <summary>True when the version applies by default to a period starting on <paramref name="start"/>.</summary>
    public bool AppliesTo(DateOnly start) =>
        (EffectiveFrom is not { } f || start >= f) && (EffectiveTo is not { } t || start <= t);
}

/// <summary>One statutory period: an id, its Chinese name, and its text in each law version.</summary>
/// <param name="Id">Stable id, e.g. <c>reconsideration.decision</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Area">Line of work (Chinese): 行政复议, 行政应诉 …</param>
/// <param name="Versions">The versions, newest first.</param>
public sealed record StatutoryRule(string Id, string Name, string Area, IReadOnlyList<RuleVersion> Versions)
{
    /// <summary>The version with the given key, or null.</summary>
    public RuleVersion? Version(string key)
    {
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Version == key)
            {
                return Versions[i];
            }
        }

        return null;
    }

    /// <summary>The version that applies by default to a start date (the newest one whose effective range contains it).</summary>
    public RuleVersion? VersionFor(DateOnly start)
    {
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].AppliesTo(start))
            {
                return Versions[i];
            }
        }

        return null;
    }
}
