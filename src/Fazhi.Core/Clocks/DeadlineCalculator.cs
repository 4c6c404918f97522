using System.Globalization;
using Fazhi.Core.Common;

namespace Fazhi.Core.Clocks;

/// <summary>A period during which the clock stood still (both days included).</summary>
/// <param name="From">First day of the suspension.</param>
/// <param name="To">Last day of the suspension.</param>
/// <param name="Kind">Why; null means the rule's first suspension kind.</param>
/// <param name="Reason">Free text for the explanation.</param>
public sealed record Suspension(DateOnly From, DateOnly To, SuspensionKind? Kind = null, string? Reason = null);

/// <summary>What to compute.</summary>
/// <param name="RuleId">Catalog id, e.g. <c>reconsideration.decision</c>.</param>
/// <param name="Start">The trigger date (day 0; excluded from the period).</param>
public sealed record DeadlineRequest(string RuleId, DateOnly Start)
{
    /// <summary>Law version key (e.g. 2017, 2023); null: the version in force on the start date.</summary>
    public string? LawVersion { get; init; }

    /// <summary>Suspensions (中止 and other periods not counted).</summary>
    public IReadOnlyList<Suspension> Suspensions { get; init; } = [];

    /// <summary>Approved extension in the rule's unit (0 for none).</summary>
    public int Extension { get; init; }
}

/// <summary>Counting options (law.md §0.1).</summary>
public sealed record DeadlineOptions
{
    /// <summary>Whether a calendar-day deadline ending on an ordinary weekend rolls forward as well as one ending on a
    /// public holiday. The statute says 法定休假日 only; courts generally roll weekends too. UNVERIFIED, default true.</summary>
    public bool WeekendRollForward { get; init; } = true;

    /// <summary>Whether to write the explanation (the hot path for bulk recomputation leaves it off).</summary>
    public bool Explain { get; init; } = true;
}

/// <summary>A computed deadline.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Version">The law version applied.</param>
/// <param name="Start">The trigger date.</param>
/// <param name="RawDue">The last day of the period before roll-forward (equal to <paramref name="Due"/> for working days).</param>
/// <param name="Due">The due date (for minimum periods: the earliest end).</param>
/// <param name="Provisional">True when the result depends on a year without a published holiday schedule.</param>
/// <param name="Explanation">Why this date, in Chinese sentences (empty when not asked for).</param>
public sealed record Deadline(StatutoryRule Rule, RuleVersion Version, DateOnly Start, DateOnly RawDue, DateOnly Due, bool Provisional, IReadOnlyList<string> Explanation);

/// <summary>
/// Computes statutory deadlines on the working-day calendar (law.md §0.1): the start day is excluded; working-day periods
/// end on the n-th working day after it; calendar-day and month periods end n days/months later and roll forward past
/// rest days; suspensions stop the clock; an approved extension lengthens the period.
/// </summary>
public sealed class DeadlineCalculator(WorkingCalendar calendar, RuleCatalog catalog, DeadlineOptions? options = null)
{
    // Shared and never mutated: the common case (no suspensions) allocates nothing for them.
    private static readonly List<(DateOnly From, DateOnly To, Suspension Source)> NoSuspensions = [];

    private readonly DeadlineOptions _options = options ?? new DeadlineOptions();

    /// <summary>The calculator over the official calendar and the default catalog.</summary>
    public static DeadlineCalculator Default { get; } = new(WorkingCalendar.Official, RuleCatalog.Default);

    /// <summary>The calendar in use.</summary>
    public WorkingCalendar Calendar => calendar;

    /// <summary>The catalog in use.</summary>
    public RuleCatalog Catalog => catalog;

    /// <summary>Computes a deadline, or says in Chinese what is wrong with the request.</summary>
    public Result<Deadline> Calculate(DeadlineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (catalog.Find(request.RuleId) is not { } rule)
        {
            return ValidationError.For("rule", $"未知的期限规则“{request.RuleId}”。");
        }

        var errors = new Dictionary<string, string[]>(0);
        var version = ResolveVersion(rule, request, errors);
        if (!WorkingCalendar.Covers(request.Start) || request.Start > WorkingCalendar.MaxDate.AddYears(-10))
        {
            Add(errors, "from", $"起算日 {ChineseDates.Iso(request.Start)} 超出日历支持的范围（{HolidaySchedule.FirstYear}-01-01 至 {HolidaySchedule.LastYear - 10}-12-31）。");
        }

        if (version is not null)
        {
            ValidateSuspensions(rule, version, request, errors);
            ValidateExtension(version, request.Extension, errors);
        }

        if (errors.Count > 0 || version is null)
        {
            return new ValidationError(errors);
        }

        var suspensions = Merge(request.Start, request.Suspensions);
        if (!TryCompute(version, request.Start, suspensions, request.Extension, out var raw, out var due))
        {
            return ValidationError.For("from", "计算结果超出日历支持的范围。");
        }

        var provisional = DependsOnUnpublished(version, request.Start, raw, due);
        var explanation = _options.Explain
            ? Explain(rule, version, request, suspensions, raw, due, provisional)
            : (IReadOnlyList<string>)[];
        return new Deadline(rule, version, request.Start, raw, due, provisional, explanation);
    }

    /// <summary>
    /// The hot path for bulk recomputation: a version, a start, no suspensions or extension. False outside the calendar.
    /// </summary>
    public bool TryDue(RuleVersion version, DateOnly start, out DateOnly due, out bool provisional)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!TryCompute(version, start, NoSuspensions, 0, out var raw, out due))
        {
            provisional = false;
            return false;
        }

        provisional = DependsOnUnpublished(version, start, raw, due);
        return true;
    }

    private bool DependsOnUnpublished(RuleVersion v, DateOnly start, DateOnly raw, DateOnly due) => v.Unit switch
    {
        PeriodUnit.WorkingDays => calendar.AnyUnpublished(start.AddDays(1), due),
        PeriodUnit.FixedDate => false,
        _ => v.Kind == PeriodKind.Deadline && calendar.AnyUnpublished(raw, due),
    };

    private bool TryCompute(RuleVersion v, DateOnly start, List<(DateOnly From, DateOnly To, Suspension Source)> suspensions, int extension,
        out DateOnly raw, out DateOnly due)
    {
        switch (v.Unit)
        {
            case PeriodUnit.WorkingDays:
                {
                    var n = v.Length + extension;
                    if (!calendar.TryAddWorkingDays(start, n, out due))
                    {
                        raw = default;
                        return false;
                    }

                    foreach (var (from, to, _) in suspensions)
                    {
                        if (from > due)
                        {
                            break;
                        }

                        n += calendar.WorkingDaysBetween(from, to);
                        if (!calendar.TryAddWorkingDays(start, n, out due))
                        {
                            raw = default;
                            return false;
                        }
                    }

                    raw = due;
                    return true;
                }

            case PeriodUnit.FixedDate:
                {
                    var (m, d) = v.FixedDate;
                    var candidate = new DateOnly(start.Year, m, Math.Min(d, DateTime.DaysInMonth(start.Year, m)));
                    if (candidate <= start)
                    {
                        candidate = new DateOnly(start.Year + 1, m, Math.Min(d, DateTime.DaysInMonth(start.Year + 1, m)));
                    }

                    raw = due = candidate;
                    return true;
                }

            default:
                {
                    raw = v.Unit == PeriodUnit.Months ? start.AddMonths(v.Length + extension) : start.AddDays(v.Length + extension);
                    if (!TryRoll(v, raw, out due))
                    {
                        return false;
                    }

                    foreach (var (from, to, _) in suspensions)
                    {
                        if (from > due)
                        {
                            break;
                        }

                        raw = raw.AddDays(to.DayNumber - from.DayNumber + 1);
                        if (!TryRoll(v, raw, out due))
                        {
                            return false;
                        }
                    }

                    return true;
                }
        }
    }

    private bool TryRoll(RuleVersion v, DateOnly raw, out DateOnly due)
    {
        if (v.Kind == PeriodKind.Minimum)
        {
            due = raw;
            return WorkingCalendar.Covers(raw);
        }

        return calendar.TryRollForward(raw, _options.WeekendRollForward, out due);
    }

    private static RuleVersion? ResolveVersion(StatutoryRule rule, DeadlineRequest request, Dictionary<string, string[]> errors)
    {
        if (request.LawVersion is { } key)
        {
            var v = rule.Version(key);
            if (v is null)
            {
                var available = string.Join("、", rule.Versions.Select(x => x.Version));
                Add(errors, "law", $"规则“{rule.Name}”（{rule.Id}）没有 {key} 版本的法律依据；可选：{available}。");
                return null;
            }

            if (v.EffectiveFrom is { } f && request.Start < f)
            {
                Add(errors, "law", $"{v.Law}自 {ChineseDates.Iso(f)} 起施行，起算日 {ChineseDates.Iso(request.Start)} 早于施行日期，不能适用该版本。");
                return null;
            }

            return v;
        }

        var byDate = rule.VersionFor(request.Start);
        if (byDate is null)
        {
            var from = rule.Versions.Where(v => v.EffectiveFrom is not null).Select(v => $"{v.Version}（{ChineseDates.Iso(v.EffectiveFrom!.Value)} 起施行）");
            Add(errors, "law", $"起算日 {ChineseDates.Iso(request.Start)} 时规则“{rule.Name}”尚无施行的法律依据：{string.Join("、", from)}。");
        }

        return byDate;
    }

    private static void ValidateSuspensions(StatutoryRule rule, RuleVersion v, DeadlineRequest request, Dictionary<string, string[]> errors)
    {
        for (var i = 0; i < request.Suspensions.Count; i++)
        {
            var s = request.Suspensions[i];
            var span = $"{ChineseDates.Iso(s.From)} 至 {ChineseDates.Iso(s.To)}";
            if (s.To < s.From)
            {
                Add(errors, "suspend", $"中止期间 {span} 的结束日早于开始日。");
                continue;
            }

            if (s.From < request.Start)
            {
                Add(errors, "suspend", $"中止期间 {span} 开始于起算日 {ChineseDates.Iso(request.Start)} 之前。");
                continue;
            }

            if (!WorkingCalendar.Covers(s.To) || s.To > WorkingCalendar.MaxDate.AddYears(-10))
            {
                Add(errors, "suspend", $"中止期间 {span} 超出日历支持的范围。");
                continue;
            }

            if (v.StoppedBy.Count == 0)
            {
                Add(errors, "suspend", $"“{rule.Name}”的期限依{v.Law}{v.Article}不因中止等情形停止计算。");
                continue;
            }

            if (s.Kind is { } k && !v.StoppedBy.Contains(k))
            {
                Add(errors, "suspend",
                    $"“{rule.Name}”的期限不因“{ClockLabels.Suspension(k)}”停止计算；可扣除的情形：{string.Join("、", v.StoppedBy.Select(ClockLabels.Suspension))}。");
            }
        }
    }

    private static void ValidateExtension(RuleVersion v, int extension, Dictionary<string, string[]> errors)
    {
        if (extension == 0)
        {
            return;
        }

        if (extension < 0)
        {
            Add(errors, "extend", "延长期限不能为负数。");
            return;
        }

        var unit = ClockLabels.Unit(v.Unit);
        if (v.Extension is not { } ext || v.Unit == PeriodUnit.FixedDate)
        {
            Add(errors, "extend", $"{v.Law}{v.Article}未规定该期限可以延长。");
            return;
        }

        if (ext.MaxLength is { } max && extension > max)
        {
            Add(errors, "extend", $"延长 {extension}{unit}超过法定上限 {max}{unit}（{v.Law}{ext.Article}）。");
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

    // Clips each suspension to the running period (it starts the day after the trigger), sorts and merges overlaps.
    private static List<(DateOnly From, DateOnly To, Suspension Source)> Merge(DateOnly start, IReadOnlyList<Suspension> suspensions)
    {
        if (suspensions.Count == 0)
        {
            return NoSuspensions;
        }

        var list = new List<(DateOnly From, DateOnly To, Suspension Source)>(suspensions.Count);

        var first = start.AddDays(1);
        foreach (var s in suspensions.OrderBy(s => s.From))
        {
            var from = s.From < first ? first : s.From;
            if (s.To < from)
            {
                continue;
            }

            if (list.Count > 0 && from <= list[^1].To.AddDays(1))
            {
                var last = list[^1];
                list[^1] = (last.From, s.To > last.To ? s.To : last.To, last.Source);
                continue;
            }

            list.Add((from, s.To, s));
        }

        return list;
    }

    private List<string> Explain(StatutoryRule rule, RuleVersion v, DeadlineRequest request,
        List<(DateOnly From, DateOnly To, Suspension Source)> suspensions, DateOnly raw, DateOnly due, bool provisional)
    {
        var lines = new List<string>();
        var start = request.Start;
        var basis = v.UnitBasis is null ? "" : $"（{v.UnitBasis}）";
        lines.Add($"依据{v.Law}{v.Article}：{rule.Name}，期限为{v.Describe()}，自{v.Trigger}起算{basis}。");
        lines.Add(request.LawVersion is null
            ? $"适用的法律版本按起算日确定：{v.Version}。"
            : $"按指定适用 {v.Version} 版本。");

        if (v.Unit == PeriodUnit.FixedDate)
        {
            lines.Add($"这是固定日期的期限：{ChineseDates.WithWeekday(start)} 之后的第一个{v.FixedDate.Month}月{v.FixedDate.Day}日为 {ChineseDates.WithWeekday(due)}；固定日期不适用节假日顺延。");
        }
        else
        {
            if (request.Extension > 0 && v.Extension is { } ext)
            {
                var limit = ext.MaxLength is { } m ? $"法定上限 {m}{ClockLabels.Unit(v.Unit)}" : "法律未规定上限";
                lines.Add($"经{ext.Approver}，期限延长 {request.Extension}{ClockLabels.Unit(v.Unit)}（{limit}，{ext.Article}），合计 {v.Length + request.Extension}{ClockLabels.Unit(v.Unit)}。");
            }

            lines.Add($"起算日 {ChineseDates.WithWeekday(start)}不计入期间，从次日 {ChineseDates.Iso(start.AddDays(1))} 开始计算。");
            if (v.Unit == PeriodUnit.WorkingDays)
            {
                ExplainWorkingDays(lines, v, start, due, suspensions);
            }
            else
            {
                ExplainCalendar(lines, v, request, suspensions, raw, due);
            }
        }

        if (provisional)
        {
            var from = v.Unit == PeriodUnit.WorkingDays ? start.AddDays(1) : raw;
            var years = string.Join("、", calendar.UnpublishedYears(from, due).Select(y => y.ToString(CultureInfo.InvariantCulture)));
            lines.Add($"{years} 年的节假日安排尚未发布，该年只按周末计算休息日，结果为暂定；安排发布后需要重新计算。");
        }

        if (v.Unverified is { } note)
        {
            lines.Add($"说明：{note}");
        }

        lines.Add(v.Kind == PeriodKind.Minimum
            ? $"最短期间届满日：{ChineseDates.WithWeekday(due)}（不得早于该日结束）。"
            : $"期限届满日：{ChineseDates.WithWeekday(due)}。");
        return lines;
    }

    private void ExplainWorkingDays(List<string> lines, RuleVersion v, DateOnly start, DateOnly due,
        List<(DateOnly From, DateOnly To, Suspension Source)> suspensions)
    {
        var weekends = 0;
        var holidays = new List<(string Name, DateOnly From, DateOnly To)>();
        var adjusted = new List<DateOnly>();
        for (var d = start.AddDays(1); d <= due; d = d.AddDays(1))
        {
            switch (calendar.KindOf(d))
            {
                case DayKind.Weekend:
                    weekends++;
                    break;
                case DayKind.Holiday:
                    var name = calendar.NameOf(d) ?? "法定节假日";
                    if (holidays.Count > 0 && holidays[^1].Name == name && holidays[^1].To.AddDays(1) == d)
                    {
                        holidays[^1] = (name, holidays[^1].From, d);
                    }
                    else
                    {
                        holidays.Add((name, d, d));
                    }

                    break;
                case DayKind.AdjustedWorkday:
                    adjusted.Add(d);
                    break;
                default:
                    break;
            }
        }

        var total = due.DayNumber - start.DayNumber;
        var counted = calendar.WorkingDaysBetween(start.AddDays(1), due);
        lines.Add($"按工作日计算：{ChineseDates.Iso(start.AddDays(1))} 至 {ChineseDates.Iso(due)} 共 {total} 天，其中工作日 {counted} 天。");
        var skipped = new List<string>();
        if (weekends > 0)
        {
            skipped.Add($"周末 {weekends} 天");
        }

        skipped.AddRange(holidays.Select(h => h.From == h.To
            ? $"{h.Name} {ChineseDates.Iso(h.From)}"
            : $"{h.Name} {ChineseDates.Iso(h.From)} 至 {ChineseDates.Iso(h.To)}（{h.To.DayNumber - h.From.DayNumber + 1} 天）"));
        if (skipped.Count > 0)
        {
            lines.Add($"跳过的休息日：{string.Join("；", skipped)}。");
        }

        if (adjusted.Count > 0)
        {
            lines.Add($"调休上班日计为工作日：{string.Join("、", adjusted.Select(d => $"{ChineseDates.WithWeekday(d)}{(calendar.NameOf(d) is { } n ? $"，{n}" : "")}"))}。");
        }

        foreach (var (from, to, source) in suspensions)
        {
            var label = Label(source, v);
            if (from > due)
            {
                lines.Add($"{label} {ChineseDates.Iso(from)} 至 {ChineseDates.Iso(to)} 开始时期限已届满，不影响期限。");
                continue;
            }

            lines.Add($"{label} {ChineseDates.Iso(from)} 至 {ChineseDates.Iso(to)}：其中 {calendar.WorkingDaysBetween(from, to)} 个工作日不计入期间。");
        }
    }

    private void ExplainCalendar(List<string> lines, RuleVersion v, DeadlineRequest request,
        List<(DateOnly From, DateOnly To, Suspension Source)> suspensions, DateOnly raw, DateOnly due)
    {
        var start = request.Start;
        var n = v.Length + request.Extension;
        var first = v.Unit == PeriodUnit.Months ? start.AddMonths(n) : start.AddDays(n);
        lines.Add(v.Unit == PeriodUnit.Months
            ? $"按月计算：{ChineseDates.Iso(start)} 之后 {n} 个月的对应日为 {ChineseDates.WithWeekday(first)}（该月没有对应日的，以该月最后一日为届满日）。"
            : $"按自然日计算：{ChineseDates.Iso(start)} 加 {n} 日为 {ChineseDates.WithWeekday(first)}（期间内的周末和节假日照常计入）。");

        var running = first;
        foreach (var (from, to, source) in suspensions)
        {
            var label = Label(source, v);
            var rolled = Roll(v, running);
            if (from > rolled)
            {
                lines.Add($"{label} {ChineseDates.Iso(from)} 至 {ChineseDates.Iso(to)} 开始时期限已届满，不影响期限。");
                continue;
            }

            var k = to.DayNumber - from.DayNumber + 1;
            running = running.AddDays(k);
            lines.Add($"{label} {ChineseDates.Iso(from)} 至 {ChineseDates.Iso(to)} 共 {k} 日不计入期间，期间末日相应后移至 {ChineseDates.WithWeekday(running)}。");
        }

        if (v.Kind == PeriodKind.Minimum)
        {
            lines.Add("这是最短期间（“不少于”），不适用节假日顺延。");
            return;
        }

        if (due == raw)
        {
            var kind = calendar.KindOf(raw);
            lines.Add(kind switch
            {
                DayKind.AdjustedWorkday => $"期间末日 {ChineseDates.WithWeekday(raw)}是调休上班日，为工作日，不顺延。",
                DayKind.Weekend => $"期间末日 {ChineseDates.WithWeekday(raw)}是周末；按本系统设置周末不顺延（法律条文只规定法定休假日顺延），不顺延。",
                _ => $"期间末日 {ChineseDates.WithWeekday(raw)}是工作日，不顺延。",
            });
            return;
        }

        var passed = new List<string>();
        var runs = new List<(string Name, DateOnly From, DateOnly To)>();
        for (var d = raw; d < due; d = d.AddDays(1))
        {
            var name = calendar.KindOf(d) == DayKind.Holiday ? calendar.NameOf(d) ?? "法定节假日" : "周末";
            if (runs.Count > 0 && runs[^1].Name == name && runs[^1].To.AddDays(1) == d)
            {
                runs[^1] = (name, runs[^1].From, d);
            }
            else
            {
                runs.Add((name, d, d));
            }
        }

        passed.AddRange(runs.Select(r => r.From == r.To
            ? $"{r.Name} {ChineseDates.WithWeekday(r.From)}"
            : $"{r.Name} {ChineseDates.Iso(r.From)} 至 {ChineseDates.Iso(r.To)}"));
        var target = _options.WeekendRollForward ? "其后第一个工作日" : "节假日后的第一日";
        lines.Add(calendar.KindOf(raw) == DayKind.Holiday
            ? $"期间末日 {ChineseDates.WithWeekday(raw)}是法定节假日，顺延至{target} {ChineseDates.WithWeekday(due)}；顺延跳过：{string.Join("、", passed)}。"
            : $"期间末日 {ChineseDates.WithWeekday(raw)}是周末（休息日），顺延至{target} {ChineseDates.WithWeekday(due)}（法律条文写“法定休假日”，周末是否顺延可配置，默认顺延）；顺延跳过：{string.Join("、", passed)}。");
    }

    private DateOnly Roll(RuleVersion v, DateOnly raw) => TryRoll(v, raw, out var due) ? due : raw;

    private static string Label(Suspension s, RuleVersion v)
    {
        var kind = s.Kind ?? (v.StoppedBy.Count > 0 ? v.StoppedBy[0] : SuspensionKind.CaseSuspended);
        return s.Reason is { Length: > 0 } r ? $"{ClockLabels.Suspension(kind)}（{r}）" : ClockLabels.Suspension(kind);
    }
}
