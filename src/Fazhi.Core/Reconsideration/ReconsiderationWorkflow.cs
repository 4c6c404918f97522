using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reconsideration;

/// <summary>The steps of a case after registration (law.md §1.3).</summary>
public enum ReconsiderationAction
{
    /// <summary>通知补正.</summary>
    RequestCorrection,

    /// <summary>收到补正材料.</summary>
    ReceiveCorrection,

    /// <summary>视为放弃申请.</summary>
    DeemAbandoned,

    /// <summary>受理.</summary>
    Accept,

    /// <summary>视为受理.</summary>
    DeemAccepted,

    /// <summary>不予受理.</summary>
    NotAccept,

    /// <summary>发送申请书副本.</summary>
    SendCopy,

    /// <summary>收到被申请人答复.</summary>
    ReceiveAnswer,

    /// <summary>简易程序转为普通程序.</summary>
    ConvertToOrdinary,

    /// <summary>安排听证.</summary>
    ScheduleHearing,

    /// <summary>举行听证.</summary>
    HoldHearing,

    /// <summary>中止审理.</summary>
    Suspend,

    /// <summary>恢复审理.</summary>
    Resume,

    /// <summary>延期审理.</summary>
    Extend,

    /// <summary>审结.</summary>
    Close,

    /// <summary>公开决定书.</summary>
    Publish,

    /// <summary>抄告上级主管部门.</summary>
    CopyToSuperior,

    /// <summary>制发意见书、建议书.</summary>
    IssueLetter,

    /// <summary>收到意见书反馈.</summary>
    LetterReplied,
}

/// <summary>One step on a case. Which fields are needed depends on <see cref="Action"/>.</summary>
/// <param name="Action">The step.</param>
/// <param name="On">The day it happened.</param>
/// <param name="Items">Correction items.</param>
/// <param name="Reason">Reason (non-acceptance, suspension detail, extension).</param>
/// <param name="Procedure">Procedure on acceptance.</param>
/// <param name="Ground">Suspension ground code.</param>
/// <param name="Days">Extension days.</param>
/// <param name="Approver">Who approved an extension or conversion.</param>
/// <param name="Outcome">Outcome code on closing.</param>
/// <param name="Facts">Facts found.</param>
/// <param name="Reasoning">Reasoning.</param>
/// <param name="HearingAt">Hearing time (China local).</param>
/// <param name="Place">Hearing place.</param>
/// <param name="ReceivedByOtherOn">When the other side received the notice (respondent's receipt of the copy, applicant's receipt of the correction notice); default <paramref name="On"/>.</param>
/// <param name="LetterKind">opinion / recommendation.</param>
/// <param name="Recipient">Letter recipient or superior department.</param>
/// <param name="LetterId">The letter replied to.</param>
public sealed record ReconsiderationStep(string? Action, DateOnly? On, string? Items = null, string? Reason = null, string? Procedure = null,
    string? Ground = null, int? Days = null, string? Approver = null, string? Outcome = null, string? Facts = null, string? Reasoning = null,
    DateTime? HearingAt = null, string? Place = null, DateOnly? ReceivedByOtherOn = null, string? LetterKind = null, string? Recipient = null,
    Guid? LetterId = null);

/// <summary>
/// Applies steps to reconsideration cases: checks that the step is allowed in the case's stage and under its law version
/// (an illegal transition is refused with the reason), validates dates, moves the statutory clocks and appends the
/// timeline event — all in one save, so a refused step changes nothing.
/// </summary>
public sealed class ReconsiderationWorkflow(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    private AppDbContext Db => db;

    /// <summary>Action codes and labels.</summary>
    public static CodeTable<ReconsiderationAction> Actions { get; } = new(
        (ReconsiderationAction.RequestCorrection, "request_correction", "通知补正"),
        (ReconsiderationAction.ReceiveCorrection, "receive_correction", "收到补正材料"),
        (ReconsiderationAction.DeemAbandoned, "deem_abandoned", "视为放弃申请"),
        (ReconsiderationAction.Accept, "accept", "受理"),
        (ReconsiderationAction.DeemAccepted, "deem_accepted", "视为受理"),
        (ReconsiderationAction.NotAccept, "not_accept", "不予受理"),
        (ReconsiderationAction.SendCopy, "send_copy", "发送申请书副本"),
        (ReconsiderationAction.ReceiveAnswer, "receive_answer", "收到被申请人答复"),
        (ReconsiderationAction.ConvertToOrdinary, "convert_to_ordinary", "转为普通程序"),
        (ReconsiderationAction.ScheduleHearing, "schedule_hearing", "安排听证"),
        (ReconsiderationAction.HoldHearing, "hold_hearing", "举行听证"),
        (ReconsiderationAction.Suspend, "suspend", "中止审理"),
        (ReconsiderationAction.Resume, "resume", "恢复审理"),
        (ReconsiderationAction.Extend, "extend", "延期审理"),
        (ReconsiderationAction.Close, "close", "审结"),
        (ReconsiderationAction.Publish, "publish", "公开决定书"),
        (ReconsiderationAction.CopyToSuperior, "copy_to_superior", "抄告上级主管部门"),
        (ReconsiderationAction.IssueLetter, "issue_letter", "制发意见书或建议书"),
        (ReconsiderationAction.LetterReplied, "letter_replied", "收到意见书反馈"));

    /// <summary>The document generated at a step, if any (document kind codes of <c>Documents</c>).</summary>
    public static string? DocumentOf(ReconsiderationAction action) => action switch
    {
        ReconsiderationAction.RequestCorrection => "correction-notice",
        ReconsiderationAction.Accept => "acceptance-notice",
        ReconsiderationAction.NotAccept => "non-acceptance-decision",
        ReconsiderationAction.SendCopy => "answer-notice",
        ReconsiderationAction.ScheduleHearing => "hearing-notice",
        ReconsiderationAction.Suspend => "suspension-notice",
        ReconsiderationAction.Resume => "resumption-notice",
        ReconsiderationAction.Extend => "extension-notice",
        ReconsiderationAction.Close => "decision",
        _ => null,
    };

    /// <summary>The steps the stage allows now (for the case page's buttons; <see cref="ApplyAsync"/> checks again).</summary>
    public static IReadOnlyList<ReconsiderationAction> Allowed(ReconsiderationCase c, bool hasOpenLetter = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        var list = new List<ReconsiderationAction>();
        var v23 = c.LawVersion == LawVersions.V2023;
        switch (c.Stage)
        {
            case ReconsiderationStage.Received:
                list.AddRange([ReconsiderationAction.Accept, ReconsiderationAction.NotAccept, ReconsiderationAction.RequestCorrection, ReconsiderationAction.DeemAccepted]);
                break;
            case ReconsiderationStage.Correction:
                list.AddRange([ReconsiderationAction.ReceiveCorrection, ReconsiderationAction.DeemAbandoned]);
                break;
            case ReconsiderationStage.Accepted:
                if (c.CopySentOn is null)
                {
                    list.Add(ReconsiderationAction.SendCopy);
                }
                else if (c.AnswerReceivedOn is null)
                {
                    list.Add(ReconsiderationAction.ReceiveAnswer);
                }

                if (v23 && c.Procedure == ReviewProcedure.Simplified)
                {
                    list.Add(ReconsiderationAction.ConvertToOrdinary);
                }

                list.Add(ReconsiderationAction.ScheduleHearing);
                if (c.HearingAt is not null && c.HearingHeldOn is null)
                {
                    list.Add(ReconsiderationAction.HoldHearing);
                }

                list.Add(ReconsiderationAction.Suspend);
                if (c.Procedure == ReviewProcedure.Ordinary && c.ExtendedDays == 0)
                {
                    list.Add(ReconsiderationAction.Extend);
                }

                list.AddRange([ReconsiderationAction.Close, ReconsiderationAction.IssueLetter]);
                break;
            case ReconsiderationStage.Suspended:
                list.AddRange([ReconsiderationAction.Resume, ReconsiderationAction.Close]);
                break;
            case ReconsiderationStage.Closed:
                if (c.PublishedOn is null && c.Outcome is { } o && o.IsDecision())
                {
                    list.Add(ReconsiderationAction.Publish);
                }

                if (c.CopiedToSuperiorOn is null && c.Outcome is { } o2 && o2.IsDecision())
                {
                    list.Add(ReconsiderationAction.CopyToSuperior);
                }

                list.Add(ReconsiderationAction.IssueLetter);
                break;
        }

        if (hasOpenLetter)
        {
            list.Add(ReconsiderationAction.LetterReplied);
        }

        return list;
    }

    /// <summary>Applies a step to a case in the scope.</summary>
    public async Task<Result<ReconsiderationCase>> ApplyAsync(Guid caseId, ReconsiderationStep step, OrgScope scope, Guid? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.ReconsiderationCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !await db.IsInScopeAsync(scope, c.OrgId, ct))
        {
            return new NotFoundError("case-not-found", "案件不存在或不在您的管辖范围内。");
        }

        if (!Actions.TryParse(step.Action, out var action))
        {
            return ValidationError.For("action", $"操作无效，可选：{Actions.Hint}。");
        }

        var today = ChineseDates.Today(clock);
        if (step.On is not { } on)
        {
            return ValidationError.For("on", "请填写日期。");
        }

        if (on > today)
        {
            return ValidationError.For("on", $"日期 {ChineseDates.Iso(on)} 不能晚于今天。");
        }

        if (on < c.ReceivedOn)
        {
            return ValidationError.For("on", $"日期 {ChineseDates.Iso(on)} 不能早于收到申请日期 {ChineseDates.Iso(c.ReceivedOn)}。");
        }

        var openLetters = await db.ReconsiderationLetters.AnyAsync(l => l.CaseId == c.Id && l.RepliedOn == null && l.Kind == LetterKind.Opinion, ct);
        if (!Allowed(c, openLetters).Contains(action))
        {
            return new ConflictError("illegal-transition",
                $"案件当前处于“{ReconsiderationCodes.Stages.Label(c.Stage)}”，不能“{Actions.Label(action)}”。{Why(c, action)}");
        }

        var ctx = new StepContext(this, c, await calendars.CurrentAsync(db, ct), await OpenClocksAsync(c.Id, ct), clock.GetUtcNow().UtcDateTime, today);
        var result = await ctx.RunAsync(action, step, on, ct);
        if (result.IsError)
        {
            DiscardChanges();
            return result.Error!;
        }

        db.CaseEvents.Add(CaseEvent.Create(ReconsiderationCodes.CaseType, c.Id, Actions.Code(action), on, result.Value, DocumentOf(action), userId, ctx.NowUtc));
        await db.SaveChangesAsync(ct);
        return c;
    }

    private void DiscardChanges()
    {
        foreach (var e in db.ChangeTracker.Entries().ToList())
        {
            e.State = e.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
            if (e.State == EntityState.Unchanged)
            {
                e.Reload();
            }
        }
    }

    private async Task<List<Clock>> OpenClocksAsync(Guid caseId, CancellationToken ct)
    {
        var id = caseId.ToString();
        return await db.Clocks.Include(x => x.Suspensions).Include(x => x.Extensions)
            .Where(x => x.CaseType == ReconsiderationCodes.CaseType && x.CaseId == id && (x.Status == ClockStatus.Running || x.Status == ClockStatus.Suspended))
            .ToListAsync(ct);
    }

    private static string Why(ReconsiderationCase c, ReconsiderationAction action) => action switch
    {
        ReconsiderationAction.ConvertToOrdinary when c.LawVersion == LawVersions.V2017 => "2017年《行政复议法》没有简易程序。",
        ReconsiderationAction.ConvertToOrdinary => "只有适用简易程序的案件才能转为普通程序。",
        ReconsiderationAction.Extend when c.ExtendedDays > 0 => "审理期限已经延长过一次（最多30日）。",
        ReconsiderationAction.Extend when c.Procedure == ReviewProcedure.Simplified => "简易程序案件不能延期，需先转为普通程序。",
        ReconsiderationAction.ReceiveAnswer when c.CopySentOn is null => "请先向被申请人发送申请书副本。",
        ReconsiderationAction.SendCopy when c.CopySentOn is not null => $"申请书副本已于 {ChineseDates.Iso(c.CopySentOn.Value)} 发送。",
        ReconsiderationAction.HoldHearing => "请先安排听证。",
        ReconsiderationAction.Publish or ReconsiderationAction.CopyToSuperior when c.Stage == ReconsiderationStage.Closed => "只有作出行政复议决定的案件才能公开或抄告，且每项只做一次。",
        ReconsiderationAction.LetterReplied => "本案没有待反馈的意见书。",
        ReconsiderationAction.Close or ReconsiderationAction.Suspend or ReconsiderationAction.Extend or ReconsiderationAction.SendCopy
            or ReconsiderationAction.ScheduleHearing => "案件受理后才能进行审理环节的操作。",
        ReconsiderationAction.Accept or ReconsiderationAction.NotAccept or ReconsiderationAction.RequestCorrection or ReconsiderationAction.DeemAccepted
            when c.Stage == ReconsiderationStage.Correction => "申请人正在补正，收到补正材料后才能审查受理。",
        ReconsiderationAction.Accept or ReconsiderationAction.NotAccept or ReconsiderationAction.RequestCorrection or ReconsiderationAction.DeemAccepted
            => "只有处于受理审查阶段的申请才能作出受理相关的处理。",
        _ => "",
    };

    private sealed class StepContext(ReconsiderationWorkflow w, ReconsiderationCase c, CalendarSnapshot snapshot, List<Clock> open, DateTime nowUtc, DateOnly today)
    {
        private static Result<string?> NoNote => default;

        public DateTime NowUtc => nowUtc;

        private bool V23 => c.LawVersion == LawVersions.V2023;

        /// <summary>Runs the step; the value is the timeline note.</summary>
        public async Task<Result<string?>> RunAsync(ReconsiderationAction action, ReconsiderationStep s, DateOnly on, CancellationToken ct)
        {
            switch (action)
            {
                case ReconsiderationAction.RequestCorrection:
                    {
                        if (string.IsNullOrWhiteSpace(s.Items))
                        {
                            return ValidationError.For("items", "请一次性列明需要补正的事项（第三十一条）。");
                        }

                        // Record whether the notice went out within the statutory 5 days: open and stop the notice clock.
                        if (OpenClock("reconsideration.correction-notice", c.ReceivedOn) is { IsError: true } n)
                        {
                            return n.Error!;
                        }

                        if (Stop("reconsideration.correction-notice", on) is { } e1)
                        {
                            return e1;
                        }

                        if (V23)
                        {
                            // XFY23 Art.31: the applicant has 10 working days from receipt of the notice; review restarts on receipt.
                            if (Stop("reconsideration.acceptance-review", on) is { } e2)
                            {
                                return e2;
                            }

                            if (OpenClock("reconsideration.correction-submission", s.ReceivedByOtherOn ?? on) is { IsError: true } o)
                            {
                                return o.Error!;
                            }
                        }
                        else if (Find("reconsideration.acceptance-review") is { } review
                            && review.Suspend(snapshot, on, SuspensionKind.CorrectionPending, "通知补正") is { IsError: true } susp)
                        {
                            // XFYSS Art.29: correction time does not count in the review period.
                            return susp.Error!;
                        }

                        c.RequestCorrection(on, s.Items.Trim());
                        return $"补正事项：{s.Items.Trim()}";
                    }

                case ReconsiderationAction.ReceiveCorrection:
                    if (on < c.CorrectionRequestedOn)
                    {
                        return ValidationError.For("on", "收到补正材料日期不能早于补正通知日期。");
                    }

                    if (V23)
                    {
                        if (Stop("reconsideration.correction-submission", on) is { } e)
                        {
                            return e;
                        }

                        if (OpenClock("reconsideration.acceptance-review", on) is { IsError: true } o)
                        {
                            return o.Error!;
                        }
                    }
                    else if (Find("reconsideration.acceptance-review") is { } review && review.Resume(snapshot, on) is { IsError: true } r)
                    {
                        return r.Error!;
                    }

                    c.ReceiveCorrection(on);
                    return NoNote;

                case ReconsiderationAction.DeemAbandoned:
                    {
                        var submission = Find("reconsideration.correction-submission");
                        if (submission is not null && on <= submission.DueDate)
                        {
                            return new ConflictError("not-yet-due", $"补正期限至 {ChineseDates.Iso(submission.DueDate)} 届满，届满前不能视为放弃申请。");
                        }

                        StopAll(on);
                        c.Abandon(on);
                        return "申请人无正当理由逾期不补正，视为放弃行政复议申请。";
                    }

                case ReconsiderationAction.Accept:
                    {
                        var procedure = ReviewProcedure.Ordinary;
                        if (!string.IsNullOrWhiteSpace(s.Procedure) && !ReconsiderationCodes.Procedures.TryParse(s.Procedure, out procedure))
                        {
                            return ValidationError.For("procedure", $"审理程序无效，可选：{ReconsiderationCodes.Procedures.Hint}。");
                        }

                        if (procedure == ReviewProcedure.Simplified && !V23)
                        {
                            return ValidationError.For("procedure", "2017年《行政复议法》没有简易程序。");
                        }

                        return AcceptOn(on, procedure, deemed: false);
                    }

                case ReconsiderationAction.DeemAccepted:
                    {
                        var review = Find("reconsideration.acceptance-review");
                        if (review is null || today <= review.DueDate)
                        {
                            return new ConflictError("not-yet-due", review is null
                                ? "找不到受理审查期限。"
                                : $"受理审查期限至 {ChineseDates.Iso(review.DueDate)} 届满，届满后未作出不予受理决定的才视为受理。");
                        }

                        // XFY23 Art.30: deemed accepted on the day the review period expires; XFY17 Art.17: from the day of receipt.
                        var deemedOn = V23 ? review.DueDate : c.ReceivedOn;
                        return AcceptOn(deemedOn, ReviewProcedure.Ordinary, deemed: true, stopOn: review.DueDate);
                    }

                case ReconsiderationAction.NotAccept:
                    if (string.IsNullOrWhiteSpace(s.Reason))
                    {
                        return ValidationError.For("reason", "请写明不予受理的理由。");
                    }

                    if (Stop("reconsideration.acceptance-review", on) is { } e3)
                    {
                        return e3;
                    }

                    c.NotAccept(on, s.Reason.Trim());
                    return $"理由：{s.Reason.Trim()}";

                case ReconsiderationAction.SendCopy:
                    {
                        if (on < c.AcceptedOn)
                        {
                            return ValidationError.For("on", "发送副本日期不能早于受理日期。");
                        }

                        var received = s.ReceivedByOtherOn ?? on;
                        if (received < on)
                        {
                            return ValidationError.For("receivedByOtherOn", "被申请人收到副本的日期不能早于发送日期。");
                        }

                        var simplified = c.Procedure == ReviewProcedure.Simplified;
                        if (Stop(simplified ? "reconsideration.copy-to-respondent-simplified" : "reconsideration.copy-to-respondent", on) is { } e)
                        {
                            return e;
                        }

                        if (OpenClock(simplified ? "reconsideration.respondent-answer-simplified" : "reconsideration.respondent-answer", received) is { IsError: true } o)
                        {
                            return o.Error!;
                        }

                        c.SendCopy(on);
                        return $"被申请人于 {ChineseDates.Iso(received)} 收到申请书副本";
                    }

                case ReconsiderationAction.ReceiveAnswer:
                    if (on < c.CopySentOn)
                    {
                        return ValidationError.For("on", "收到答复日期不能早于发送副本日期。");
                    }

                    if (Stop(c.Procedure == ReviewProcedure.Simplified ? "reconsideration.respondent-answer-simplified" : "reconsideration.respondent-answer", on) is { } e4)
                    {
                        return e4;
                    }

                    c.ReceiveAnswer(on);
                    return NoNote;

                case ReconsiderationAction.ConvertToOrdinary:
                    {
                        if (string.IsNullOrWhiteSpace(s.Approver))
                        {
                            return ValidationError.For("approver", "转为普通程序须经行政复议机构负责人批准（第五十五条），请填写批准人。");
                        }

                        // The simplified decision clock is replaced by the ordinary one, still counted from acceptance
                        // (how the periods join on conversion is UNVERIFIED, law.md §1.1).
                        if (Stop("reconsideration.decision-simplified", on) is { } e)
                        {
                            return e;
                        }

                        if (OpenClock("reconsideration.decision", c.AcceptedOn!.Value) is { IsError: true } o)
                        {
                            return o.Error!;
                        }

                        c.ConvertToOrdinary();
                        return $"批准人：{s.Approver.Trim()}";
                    }

                case ReconsiderationAction.ScheduleHearing:
                    {
                        if (s.HearingAt is not { } at || string.IsNullOrWhiteSpace(s.Place))
                        {
                            return ValidationError.For(s.HearingAt is null ? "hearingAt" : "place", "请填写听证的时间和地点。");
                        }

                        var day = DateOnly.FromDateTime(at);
                        if (V23 && snapshot.Calendar.TryAddWorkingDays(on, 5, out var earliest) && day < earliest)
                        {
                            // XFY23 Art.51: the notice reaches the parties at least 5 working days before the hearing.
                            return ValidationError.For("hearingAt", $"听证通知应当在举行听证的五个工作日前送达（第五十一条），{ChineseDates.Iso(on)} 发出通知的，听证最早安排在 {ChineseDates.Iso(earliest)}。");
                        }

                        c.ScheduleHearing(at, s.Place.Trim());
                        return $"听证时间：{at:yyyy-MM-dd HH:mm}，地点：{s.Place.Trim()}";
                    }

                case ReconsiderationAction.HoldHearing:
                    c.HoldHearing(on);
                    return NoNote;

                case ReconsiderationAction.Suspend:
                    {
                        if (!ReconsiderationCodes.SuspensionGrounds.TryParse(s.Ground, out var ground))
                        {
                            return ValidationError.For("ground", $"请选择中止事由，可选：{ReconsiderationCodes.SuspensionGrounds.Hint}。");
                        }

                        if (on < c.AcceptedOn)
                        {
                            return ValidationError.For("on", "中止日期不能早于受理日期。");
                        }

                        foreach (var d in DecisionClocks())
                        {
                            if (d.Suspend(snapshot, on, SuspensionKind.CaseSuspended, ReconsiderationCodes.SuspensionGrounds.Label(ground)) is { IsError: true } r)
                            {
                                return r.Error!;
                            }
                        }

                        c.Suspend(on, ground);
                        return ReconsiderationCodes.SuspensionGrounds.Label(ground) + (string.IsNullOrWhiteSpace(s.Reason) ? "" : $"：{s.Reason.Trim()}");
                    }

                case ReconsiderationAction.Resume:
                    if (on < c.SuspendedOn)
                    {
                        return ValidationError.For("on", "恢复审理日期不能早于中止日期。");
                    }

                    foreach (var d in DecisionClocks())
                    {
                        if (d.Resume(snapshot, on) is { IsError: true } r)
                        {
                            return r.Error!;
                        }
                    }

                    c.Resume();
                    return NoNote;

                case ReconsiderationAction.Extend:
                    {
                        if (s.Days is not ({ } days and > 0))
                        {
                            return ValidationError.For("days", "请填写延长的天数。");
                        }

                        if (string.IsNullOrWhiteSpace(s.Approver))
                        {
                            return ValidationError.For("approver", "请填写批准延期的负责人。");
                        }

                        var decision = Find("reconsideration.decision");
                        if (decision is null)
                        {
                            return new ConflictError("no-clock", "找不到审理期限。");
                        }

                        if (decision.Extend(snapshot, days, s.Approver, on, s.Reason) is { IsError: true } r)
                        {
                            return r.Error!;
                        }

                        c.Extend(days);
                        return $"延长 {days} 日，批准人：{s.Approver.Trim()}，延长后期限：{ChineseDates.Iso(decision.DueDate)}";
                    }

                case ReconsiderationAction.Close:
                    {
                        if (!ReconsiderationCodes.Outcomes.TryParse(s.Outcome, out var outcome))
                        {
                            return ValidationError.For("outcome", $"结案方式无效，可选：{ReconsiderationCodes.Outcomes.Hint}。");
                        }

                        if (outcome == ReconsiderationOutcome.ConfirmInvalid && !V23)
                        {
                            return ValidationError.For("outcome", "确认无效决定是2023年修订的《行政复议法》（第六十七条）新增的，2017年法律不适用。");
                        }

                        if (c.Stage == ReconsiderationStage.Suspended && outcome != ReconsiderationOutcome.Terminated)
                        {
                            return new ConflictError("illegal-transition", "中止期间只能终止审理；作出决定前请先恢复审理。");
                        }

                        if (on < c.AcceptedOn)
                        {
                            return ValidationError.For("on", $"结案日期 {ChineseDates.Iso(on)} 不能早于受理日期 {ChineseDates.Iso(c.AcceptedOn!.Value)}。");
                        }

                        if (s.Facts is { Length: > ReconsiderationCase.MaxTextLength } || s.Reasoning is { Length: > ReconsiderationCase.MaxTextLength })
                        {
                            return ValidationError.For("facts", $"认定事实和理由各不超过 {ReconsiderationCase.MaxTextLength} 个字符。");
                        }

                        StopAll(on);
                        c.Close(on, outcome, Blank(s.Facts), Blank(s.Reasoning));
                        return $"{ReconsiderationCodes.Outcomes.Label(outcome)}（{ReconsiderationCodes.Article(outcome, c.LawVersion)}）";
                    }

                case ReconsiderationAction.Publish:
                    if (on < c.ClosedOn)
                    {
                        return ValidationError.For("on", "公开日期不能早于决定日期。");
                    }

                    c.Publish(on);
                    return NoNote;

                case ReconsiderationAction.CopyToSuperior:
                    if (string.IsNullOrWhiteSpace(s.Recipient))
                    {
                        return ValidationError.For("recipient", "请填写抄告的上级主管部门。");
                    }

                    c.CopyToSuperior(on);
                    return $"抄告：{s.Recipient.Trim()}（第七十九条第二款）";

                case ReconsiderationAction.IssueLetter:
                    {
                        var kind = LetterKind.Opinion;
                        if (!string.IsNullOrWhiteSpace(s.LetterKind) && !ReconsiderationLetter.Kinds.TryParse(s.LetterKind, out kind))
                        {
                            return ValidationError.For("letterKind", $"文书种类无效，可选：{ReconsiderationLetter.Kinds.Hint}。");
                        }

                        if (string.IsNullOrWhiteSpace(s.Recipient))
                        {
                            return ValidationError.For("recipient", "请填写受文机关。");
                        }

                        var letter = ReconsiderationLetter.Create(c.Id, kind, on, s.Recipient, s.Reason);
                        w.Db.ReconsiderationLetters.Add(letter);
                        if (kind == LetterKind.Opinion && OpenClock("reconsideration.opinion-letter-reply", s.ReceivedByOtherOn ?? on, letter.Id.ToString()) is { IsError: true } o)
                        {
                            return o.Error!;
                        }

                        return $"{ReconsiderationLetter.Kinds.Label(kind)}，受文机关：{s.Recipient.Trim()}";
                    }

                case ReconsiderationAction.LetterReplied:
                    {
                        var letter = await w.Db.ReconsiderationLetters.SingleOrDefaultAsync(
                            l => l.CaseId == c.Id && l.RepliedOn == null && (s.LetterId == null || l.Id == s.LetterId), ct);
                        if (letter is null)
                        {
                            return ValidationError.For("letterId", "找不到待反馈的意见书。");
                        }

                        var id = letter.Id.ToString();
                        var replyClock = await w.Db.Clocks.Include(x => x.Suspensions).Include(x => x.Extensions)
                            .SingleOrDefaultAsync(x => x.CaseType == "reconsideration-letter" && x.CaseId == id && x.Status == ClockStatus.Running, ct);
                        if (replyClock is not null && replyClock.Stop(snapshot, on) is { IsError: true } r)
                        {
                            return r.Error!;
                        }

                        letter.Reply(on);
                        return $"{letter.Recipient} 反馈纠正情况";
                    }
            }

            return new ConflictError("illegal-transition", "不支持的操作。");
        }

        private Result<string?> AcceptOn(DateOnly on, ReviewProcedure procedure, bool deemed, DateOnly? stopOn = null)
        {
            if (Stop("reconsideration.acceptance-review", stopOn ?? on) is { } e)
            {
                return e;
            }

            var simplified = procedure == ReviewProcedure.Simplified;
            if (OpenClock(simplified ? "reconsideration.decision-simplified" : "reconsideration.decision", on) is { IsError: true } d)
            {
                return d.Error!;
            }

            if (OpenClock(simplified ? "reconsideration.copy-to-respondent-simplified" : "reconsideration.copy-to-respondent", on) is { IsError: true } cp)
            {
                return cp.Error!;
            }

            c.Accept(on, procedure, deemed);
            return (deemed ? "受理审查期限届满未作出不予受理决定，视为受理；" : "") + ReconsiderationCodes.Procedures.Label(procedure);
        }

        private Result<Clock> OpenClock(string ruleId, DateOnly start, string? letterId = null)
        {
            var r = Clock.Open(snapshot, c.OrgId, letterId is null ? ReconsiderationCodes.CaseType : "reconsideration-letter", letterId ?? c.Id.ToString(),
                c.HandlerUserId, ruleId, c.LawVersion, start, nowUtc);
            if (!r.IsError)
            {
                w.Db.Clocks.Add(r.Value!);
                if (letterId is null)
                {
                    open.Add(r.Value!);
                }
            }

            return r;
        }

        private Clock? Find(string ruleId) => open.LastOrDefault(x => x.RuleId == ruleId && x.IsOpen);

        private List<Clock> DecisionClocks() =>
            open.Where(x => x.IsOpen && x.RuleId is "reconsideration.decision" or "reconsideration.decision-simplified").ToList();

        private Error? Stop(string ruleId, DateOnly on)
        {
            var x = Find(ruleId);
            if (x is null)
            {
                return null;
            }

            if (x.Status == ClockStatus.Suspended && x.Resume(snapshot, on) is { IsError: true } r)
            {
                return r.Error;
            }

            return x.Stop(snapshot, on) is { IsError: true } s ? s.Error : null;
        }

        private void StopAll(DateOnly on)
        {
            foreach (var x in open.Where(x => x.IsOpen).ToList())
            {
                if (x.Status == ClockStatus.Suspended)
                {
                    x.Resume(snapshot, on);
                }

                x.Stop(snapshot, on);
            }
        }

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }
}
