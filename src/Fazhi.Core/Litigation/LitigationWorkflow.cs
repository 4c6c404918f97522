using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Litigation;

/// <summary>Register a lawsuit against an org of the tree.</summary>
/// <param name="OrgId">Defendant or handling org.</param>
/// <param name="CaseNumber">The court's case number.</param>
/// <param name="Court">Court.</param>
/// <param name="Instance">first / second / retrial.</param>
/// <param name="FiledOn">Filing date.</param>
/// <param name="ComplaintReceivedOn">Receipt of the complaint copy, if already received.</param>
/// <param name="Cause">Cause.</param>
/// <param name="Plaintiffs">Plaintiff names.</param>
/// <param name="Defendants">Further defendants (org codes or names); empty: derived from the reconsideration case (XSS Art.26).</param>
/// <param name="ReconsiderationCaseId">The reconsideration case the suit follows.</param>
/// <param name="HandlerUserId">Handler.</param>
public sealed record RegisterLitigation(Guid OrgId, string? CaseNumber, string? Court, string? Instance, DateOnly? FiledOn, DateOnly? ComplaintReceivedOn,
    string? Cause, IReadOnlyList<string>? Plaintiffs, IReadOnlyList<string>? Defendants = null, Guid? ReconsiderationCaseId = null, Guid? HandlerUserId = null);

/// <summary>Steps on a lawsuit.</summary>
public enum LitigationAction
{
    /// <summary>收到起诉状副本.</summary>
    ReceiveComplaint,

    /// <summary>提交答辩状.</summary>
    SubmitDefence,

    /// <summary>开庭（记录负责人出庭）.</summary>
    RecordHearing,

    /// <summary>结案.</summary>
    Close,

    /// <summary>上诉.</summary>
    Appeal,

    /// <summary>履行判决.</summary>
    Perform,
}

/// <summary>One step on a lawsuit.</summary>
/// <param name="Action">Step code.</param>
/// <param name="On">Day.</param>
/// <param name="HeadPresent">Hearing: the head appeared.</param>
/// <param name="HeadName">Hearing: the head's name.</param>
/// <param name="HeadRank">Hearing: rank code.</param>
/// <param name="HeadSpoke">Hearing: the head spoke.</param>
/// <param name="StaffPresent">Hearing: staff appeared.</param>
/// <param name="AbsenceReason">Hearing: why the head was absent.</param>
/// <param name="CourtSummonedHead">Hearing: the court required the head.</param>
/// <param name="Outcome">Close: outcome code.</param>
/// <param name="ServedOn">Close: service of the judgment or ruling.</param>
/// <param name="Note">Note.</param>
public sealed record LitigationStep(string? Action, DateOnly? On, bool? HeadPresent = null, string? HeadName = null, string? HeadRank = null, bool? HeadSpoke = null,
    bool? StaffPresent = null, string? AbsenceReason = null, bool? CourtSummonedHead = null, string? Outcome = null, DateOnly? ServedOn = null, string? Note = null);

/// <summary>Registers lawsuits and applies their steps, moving the defence and appeal clocks in the same save.</summary>
public sealed class LitigationWorkflow(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    /// <summary>Action codes and labels.</summary>
    public static CodeTable<LitigationAction> Actions { get; } = new(
        (LitigationAction.ReceiveComplaint, "receive_complaint", "收到起诉状副本"),
        (LitigationAction.SubmitDefence, "submit_defence", "提交答辩状和证据"),
        (LitigationAction.RecordHearing, "record_hearing", "开庭并记录出庭情况"),
        (LitigationAction.Close, "close", "结案"),
        (LitigationAction.Appeal, "appeal", "提起上诉"),
        (LitigationAction.Perform, "perform", "履行生效裁判"));

    /// <summary>Steps allowed in the case's stage.</summary>
    public static IReadOnlyList<LitigationAction> Allowed(LitigationCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Stage switch
        {
            LitigationStage.Filed => [LitigationAction.ReceiveComplaint, LitigationAction.Close],
            LitigationStage.Defending => [LitigationAction.SubmitDefence, LitigationAction.RecordHearing, LitigationAction.Close],
            LitigationStage.Pending => [LitigationAction.RecordHearing, LitigationAction.Close],
            _ => [.. c.AppealedOn is null && c.PerformedOn is null && c.Outcome is { } o && LitigationCodes.Losses.Contains(o) && c.Instance != Instance.Retrial ? [LitigationAction.Appeal] : Array.Empty<LitigationAction>(),
                  .. c.PerformedOn is null && c.AppealedOn is null && c.Outcome is { } p && LitigationCodes.Losses.Contains(p) ? [LitigationAction.Perform] : Array.Empty<LitigationAction>()],
        };
    }

    /// <summary>The defendants the law designates after a reconsideration (XSS Art.26): upheld → the original agency and
    /// the reconsideration body; changed → the reconsideration body alone; otherwise the original agency.</summary>
    public static IReadOnlyList<(Guid? OrgId, string Name)> DesignatedDefendants(ReconsiderationCase r, string reconsiderationBodyName)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Outcome switch
        {
            ReconsiderationOutcome.Uphold => [(r.RespondentOrgId, r.RespondentName), (r.OrgId, reconsiderationBodyName)],
            ReconsiderationOutcome.Change => [(r.OrgId, reconsiderationBodyName)],
            _ => [(r.RespondentOrgId, r.RespondentName)],
        };
    }

    /// <summary>Registers a lawsuit.</summary>
    public async Task<Result<LitigationCase>> RegisterAsync(RegisterLitigation cmd, OrgScope scope, Guid? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(scope);
        var errors = new Dictionary<string, string[]>();
        var today = ChineseDates.Today(clock);
        if (!await db.IsInScopeAsync(scope, cmd.OrgId, ct))
        {
            errors["orgId"] = ["应诉单位不存在或不在您的管辖范围内。"];
        }

        var number = cmd.CaseNumber?.Trim() ?? "";
        if (number.Length is 0 or > LitigationCase.MaxCaseNumberLength)
        {
            errors["caseNumber"] = [$"请填写法院案号（不超过 {LitigationCase.MaxCaseNumberLength} 个字符）。"];
        }
        else if (await db.LitigationCases.AnyAsync(c => c.OrgId == cmd.OrgId && c.CaseNumber == number, ct))
        {
            errors["caseNumber"] = [$"案号“{number}”在本单位已存在。"];
        }

        if (string.IsNullOrWhiteSpace(cmd.Court) || cmd.Court.Trim().Length > LitigationCase.MaxNameLength)
        {
            errors["court"] = ["请填写受理法院。"];
        }

        var instance = Instance.First;
        if (!string.IsNullOrWhiteSpace(cmd.Instance) && !LitigationCodes.Instances.TryParse(cmd.Instance, out instance))
        {
            errors["instance"] = [$"审级无效，可选：{LitigationCodes.Instances.Hint}。"];
        }

        if (cmd.FiledOn is not { } filed)
        {
            errors["filedOn"] = ["请填写立案日期。"];
            filed = today;
        }
        else if (filed > today)
        {
            errors["filedOn"] = ["立案日期不能晚于今天。"];
        }

        if (cmd.ComplaintReceivedOn is { } rec && (rec < filed || rec > today))
        {
            errors["complaintReceivedOn"] = ["收到起诉状副本日期应在立案日期和今天之间。"];
        }

        if (string.IsNullOrWhiteSpace(cmd.Cause) || cmd.Cause.Trim().Length > LitigationCase.MaxNameLength)
        {
            errors["cause"] = ["请填写案由。"];
        }

        var plaintiffs = (cmd.Plaintiffs ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
        if (plaintiffs.Count == 0)
        {
            errors["plaintiffs"] = ["至少填写一名原告。"];
        }

        ReconsiderationCase? recon = null;
        if (cmd.ReconsiderationCaseId is { } rid)
        {
            recon = await db.ReconsiderationCases.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rid, ct);
            if (recon is null || !await db.IsInScopeAsync(scope, recon.OrgId, ct))
            {
                errors["reconsiderationCaseId"] = ["关联的行政复议案件不存在或不在您的管辖范围内。"];
            }
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var c = LitigationCase.Create(cmd.OrgId, number, cmd.Court!.Trim(), instance, filed, cmd.Cause!.Trim(), string.Join("、", plaintiffs),
            recon?.Id, null, cmd.HandlerUserId, now);
        db.LitigationCases.Add(c);
        var defendants = new List<(Guid? OrgId, string Name)>();
        var own = await db.Orgs.AsNoTracking().Where(o => o.Id == cmd.OrgId).Select(o => o.Name).SingleAsync(ct);
        if (cmd.Defendants is { Count: > 0 })
        {
            foreach (var d in cmd.Defendants.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()))
            {
                var org = await db.Orgs.AsNoTracking().Where(o => o.Code == d || o.Name == d).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
                defendants.Add(org is null ? (null, d) : (org.Id, org.Name));
            }
        }
        else if (recon is not null)
        {
            var body = await db.Orgs.AsNoTracking().Where(o => o.Id == recon.OrgId).Select(o => o.Name).SingleAsync(ct);
            defendants.AddRange(DesignatedDefendants(recon, body));
        }

        if (!defendants.Any(d => d.OrgId == cmd.OrgId))
        {
            defendants.Insert(0, (cmd.OrgId, own));
        }

        var position = 0;
        foreach (var d in defendants.DistinctBy(d => d.OrgId?.ToString() ?? d.Name))
        {
            db.LitigationDefendants.Add(LitigationDefendant.Create(c.Id, ++position, d.OrgId, d.Name[..Math.Min(d.Name.Length, LitigationCase.MaxNameLength)]));
        }

        db.CaseEvents.Add(CaseEvent.Create(LitigationCodes.CaseType, c.Id, "filed", filed, $"{c.Court}；原告：{c.Plaintiffs}", null, userId, now));
        if (cmd.ComplaintReceivedOn is { } received)
        {
            var snapshot = await calendars.CurrentAsync(db, ct);
            var r = ReceiveComplaint(c, snapshot, received, now);
            if (r is not null)
            {
                return r;
            }

            db.CaseEvents.Add(CaseEvent.Create(LitigationCodes.CaseType, c.Id, "receive_complaint", received, null, null, userId, now));
        }

        await using (var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            await db.SaveChangesAsync(ct);
            await CaseSearch.AddAsync(db, LitigationCodes.CaseType, c.Id, SearchTokens(c, defendants.Select(d => d.Name)), ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }

        return c;
    }

    /// <summary>The search text of a lawsuit: number, court, cause, plaintiffs and defendants.</summary>
    public static string SearchTokens(LitigationCase c, IEnumerable<string?> defendantNames)
    {
        ArgumentNullException.ThrowIfNull(c);
        return CaseSearch.Tokens([c.CaseNumber, c.Court, c.Cause, c.Plaintiffs, .. defendantNames]);
    }

    /// <summary>Applies a step.</summary>
    public async Task<Result<LitigationCase>> ApplyAsync(Guid caseId, LitigationStep step, OrgScope scope, Guid? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scope);
        var c = await db.LitigationCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || !await db.IsInScopeAsync(scope, c.OrgId, ct))
        {
            return new NotFoundError("case-not-found", "案件不存在或不在您的管辖范围内。");
        }

        if (!Actions.TryParse(step.Action, out var action))
        {
            return ValidationError.For("action", $"操作无效，可选：{Actions.Hint}。");
        }

        if (step.On is not { } on)
        {
            return ValidationError.For("on", "请填写日期。");
        }

        if (on > ChineseDates.Today(clock))
        {
            return ValidationError.For("on", $"日期 {ChineseDates.Iso(on)} 不能晚于今天。");
        }

        if (on < c.FiledOn)
        {
            return ValidationError.For("on", $"日期 {ChineseDates.Iso(on)} 不能早于立案日期 {ChineseDates.Iso(c.FiledOn)}。");
        }

        if (!Allowed(c).Contains(action))
        {
            return new ConflictError("illegal-transition", $"案件当前处于“{LitigationCodes.Stages.Label(c.Stage)}”，不能“{Actions.Label(action)}”。");
        }

        var snapshot = await calendars.CurrentAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        string? note = step.Note;
        switch (action)
        {
            case LitigationAction.ReceiveComplaint:
                if (ReceiveComplaint(c, snapshot, on, now) is { } e1)
                {
                    return e1;
                }

                break;
            case LitigationAction.SubmitDefence:
                if (on < c.ComplaintReceivedOn)
                {
                    return ValidationError.For("on", "提交答辩状日期不能早于收到起诉状副本日期。");
                }

                if (await StopAsync(c, "litigation.defence", snapshot, on, ct) is { } e2)
                {
                    return e2;
                }

                c.SubmitDefence(on);
                break;
            case LitigationAction.RecordHearing:
                {
                    var present = step.HeadPresent ?? false;
                    HeadRank? rank = null;
                    if (present)
                    {
                        if (!LitigationCodes.HeadRanks.TryParse(step.HeadRank, out var r))
                        {
                            return ValidationError.For("headRank", $"负责人出庭的，请选择其职务级别：{LitigationCodes.HeadRanks.Hint}。");
                        }

                        rank = r;
                    }
                    else if (string.IsNullOrWhiteSpace(step.AbsenceReason))
                    {
                        return ValidationError.For("absenceReason", "负责人未出庭的，请填写理由（《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第八条）。");
                    }

                    if (step.HeadSpoke == true && !present)
                    {
                        return ValidationError.For("headSpoke", "负责人未出庭，不能记录其出庭发言。");
                    }

                    db.LitigationHearings.Add(LitigationHearing.Create(c.Id, on, present, Blank(step.HeadName), rank, step.HeadSpoke ?? false,
                        step.StaffPresent ?? true, Blank(step.AbsenceReason), step.CourtSummonedHead ?? false));
                    note = present
                        ? $"负责人出庭（{LitigationCodes.HeadRanks.Label(rank!.Value)}{(step.HeadName is { Length: > 0 } n ? " " + n : "")}）{(step.HeadSpoke == true ? "，出庭发言" : "")}"
                        : $"负责人未出庭：{step.AbsenceReason!.Trim()}";
                    break;
                }

            case LitigationAction.Close:
                {
                    if (!LitigationCodes.Outcomes.TryParse(step.Outcome, out var outcome))
                    {
                        return ValidationError.For("outcome", $"结案方式无效，可选：{LitigationCodes.Outcomes.Hint}。");
                    }

                    if (step.ServedOn is { } served && served < on)
                    {
                        return ValidationError.For("servedOn", "裁判文书送达日期不能早于结案日期。");
                    }

                    foreach (var x in await OpenClocksAsync(c, ct))
                    {
                        x.Stop(snapshot, on);
                    }

                    c.Close(on, outcome, step.ServedOn);
                    if (LitigationCodes.Losses.Contains(outcome) && step.ServedOn is { } s && c.Instance != Instance.Retrial)
                    {
                        if (OpenClock(c, "litigation.appeal-judgment", snapshot, s, now) is { } e3)
                        {
                            return e3;
                        }
                    }

                    note = LitigationCodes.Outcomes.Label(outcome);
                    break;
                }

            case LitigationAction.Appeal:
                if (on < c.ClosedOn)
                {
                    return ValidationError.For("on", "上诉日期不能早于裁判日期。");
                }

                if (await StopAsync(c, "litigation.appeal-judgment", snapshot, on, ct) is { } e4)
                {
                    return e4;
                }

                c.Appeal(on);
                break;
            case LitigationAction.Perform:
                if (on < c.ClosedOn)
                {
                    return ValidationError.For("on", "履行日期不能早于裁判日期。");
                }

                if (await StopAsync(c, "litigation.appeal-judgment", snapshot, on, ct) is { } e5)

                {

                    return e5;

                }


                c.Perform(on);
                break;
        }

        db.CaseEvents.Add(CaseEvent.Create(LitigationCodes.CaseType, c.Id, Actions.Code(action), on, note, null, userId, now));
        await db.SaveChangesAsync(ct);
        return c;
    }

    private Error? ReceiveComplaint(LitigationCase c, CalendarSnapshot snapshot, DateOnly on, DateTime now)
    {
        if (OpenClock(c, "litigation.defence", snapshot, on, now) is { } e)
        {
            return e;
        }

        c.ReceiveComplaint(on);
        return null;
    }

    private Error? OpenClock(LitigationCase c, string ruleId, CalendarSnapshot snapshot, DateOnly start, DateTime now)
    {
        var r = Clock.Open(snapshot, c.OrgId, LitigationCodes.CaseType, c.Id.ToString(), c.HandlerUserId, ruleId, null, start, now);
        if (r.IsError)
        {
            return r.Error;
        }

        db.Clocks.Add(r.Value!);
        return null;
    }

    private async Task<Error?> StopAsync(LitigationCase c, string ruleId, CalendarSnapshot snapshot, DateOnly on, CancellationToken ct)
    {
        var x = (await OpenClocksAsync(c, ct)).LastOrDefault(k => k.RuleId == ruleId);
        return x?.Stop(snapshot, on) is { IsError: true } r ? r.Error : null;
    }

    private Task<List<Clock>> OpenClocksAsync(LitigationCase c, CancellationToken ct)
    {
        var id = c.Id.ToString();
        return db.Clocks.Include(x => x.Suspensions).Include(x => x.Extensions)
            .Where(x => x.CaseType == LitigationCodes.CaseType && x.CaseId == id && (x.Status == ClockStatus.Running || x.Status == ClockStatus.Suspended))
            .ToListAsync(ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
