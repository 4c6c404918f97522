using System.Security.Cryptography;
using Fazhi.Core.Cases;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Reconsideration;

/// <summary>A party as entered.</summary>
/// <param name="Role">applicant, agent or third_party (or the Chinese label).</param>
/// <param name="Name">Name.</param>
/// <param name="IdNumber">Identity document number or credit code.</param>
/// <param name="Phone">Phone.</param>
/// <param name="Address">Address.</param>
public sealed record PartyInput(string? Role, string? Name, string? IdNumber = null, string? Phone = null, string? Address = null);

/// <summary>Register a new application (staff entry, online application or mail).</summary>
/// <param name="OrgId">The reconsideration body.</param>
/// <param name="CaseNumber">Case number; empty: the next one of the org and year.</param>
/// <param name="LawVersion">"2017"/"2023"; empty: the version in force on the receipt date.</param>
/// <param name="Channel">Channel code.</param>
/// <param name="ReceivedOn">Receipt date.</param>
/// <param name="Respondent">The respondent: an org code in the tree, or a name.</param>
/// <param name="Matter">Matter type code.</param>
/// <param name="ActDate">Day of the challenged act.</param>
/// <param name="ChallengedAct">The challenged act.</param>
/// <param name="Request">The request.</param>
/// <param name="Parties">Parties; at least one applicant.</param>
/// <param name="HandlerUserId">Handler.</param>
public sealed record RegisterReconsideration(Guid OrgId, string? CaseNumber, string? LawVersion, string? Channel, DateOnly? ReceivedOn,
    string? Respondent, string? Matter, DateOnly? ActDate, string? ChallengedAct, string? Request, IReadOnlyList<PartyInput>? Parties,
    Guid? HandlerUserId = null);

/// <summary>Registers applications: validates every field (Chinese messages per field), numbers the case, opens the
/// acceptance-review clock and records the first timeline event, in one save.</summary>
public sealed class RegisterReconsiderationHandler(AppDbContext db, ClockCalendar calendars, TimeProvider clock)
{
    private const string TrackingAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Registers the case.</summary>
    public async Task<Result<ReconsiderationCase>> HandleAsync(RegisterReconsideration cmd, OrgScope scope, Guid? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(scope);
        var errors = new Dictionary<string, string[]>();
        var today = ChineseDates.Today(clock);
        var org = await db.Orgs.AsNoTracking().SingleOrDefaultAsync(o => o.Id == cmd.OrgId, ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            errors["orgId"] = ["行政复议机关不存在或不在您的管辖范围内。"];
        }

        if (cmd.ReceivedOn is not { } received)
        {
            errors["receivedOn"] = ["请填写收到申请的日期。"];
            received = today;
        }
        else if (received > today)
        {
            errors["receivedOn"] = [$"收到申请日期 {ChineseDates.Iso(received)} 不能晚于今天。"];
        }

        if (!LawVersions.TryResolve(cmd.LawVersion, received, out var version))
        {
            errors["lawVersion"] = ["适用法律版本只能是 2017 或 2023。"];
        }
        else if (version == LawVersions.V2023 && received < LawVersions.Effective2023)
        {
            errors["lawVersion"] = ["2024年1月1日前收到的申请不能适用2023年修订的《行政复议法》（第九十条）。"];
        }

        var channel = IntakeChannel.InPerson;
        if (!string.IsNullOrWhiteSpace(cmd.Channel) && !ReconsiderationCodes.Channels.TryParse(cmd.Channel, out channel))
        {
            errors["channel"] = [$"申请方式无效，可选：{ReconsiderationCodes.Channels.Hint}。"];
        }

        if (!ReconsiderationCodes.Matters.TryParse(cmd.Matter, out var matter))
        {
            errors["matter"] = [$"请选择被申请行为类别，可选：{ReconsiderationCodes.Matters.Hint}。"];
        }

        if (cmd.ActDate is { } act && act > received)
        {
            errors["actDate"] = ["行政行为作出日期不能晚于收到申请日期。"];
        }

        Guid? respondentId = null;
        var respondentName = cmd.Respondent?.Trim() ?? "";
        if (respondentName.Length == 0)
        {
            errors["respondent"] = ["请填写被申请人（单位编码或名称）。"];
        }
        else if (respondentName.Length > ReconsiderationCase.MaxNameLength)
        {
            errors["respondent"] = [$"被申请人名称不超过 {ReconsiderationCase.MaxNameLength} 个字符。"];
        }
        else
        {
            var name = respondentName;
            var found = await db.Orgs.AsNoTracking().Where(o => o.Code == name || o.Name == name).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
            if (found is not null)
            {
                respondentId = found.Id;
                respondentName = found.Name;
            }
        }

        CheckText(errors, "challengedAct", cmd.ChallengedAct, "被申请的行政行为");
        CheckText(errors, "request", cmd.Request, "行政复议请求");
        if (string.IsNullOrWhiteSpace(cmd.Request))
        {
            errors["request"] = ["请填写行政复议请求。"];
        }

        var parties = new List<(PartyRole Role, PartyInput Input)>();
        foreach (var (p, i) in (cmd.Parties ?? []).Select((p, i) => (p, i)))
        {
            if (!ReconsiderationParty.Roles.TryParse(string.IsNullOrWhiteSpace(p.Role) ? "applicant" : p.Role, out var role))
            {
                errors[$"parties[{i}].role"] = [$"当事人身份无效，可选：{ReconsiderationParty.Roles.Hint}。"];
            }
            else if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > ReconsiderationCase.MaxNameLength)
            {
                errors[$"parties[{i}].name"] = [$"请填写当事人姓名或名称（不超过 {ReconsiderationCase.MaxNameLength} 个字符）。"];
            }
            else
            {
                parties.Add((role, p));
            }
        }

        if (!parties.Any(p => p.Role == PartyRole.Applicant))
        {
            errors["parties"] = ["至少填写一名申请人。"];
        }

        var number = cmd.CaseNumber?.Trim();
        if (number is { Length: > ReconsiderationCase.MaxCaseNumberLength })
        {
            errors["caseNumber"] = [$"案号不超过 {ReconsiderationCase.MaxCaseNumberLength} 个字符。"];
        }
        else if (!string.IsNullOrEmpty(number) && await db.ReconsiderationCases.AnyAsync(c => c.OrgId == cmd.OrgId && c.CaseNumber == number, ct))
        {
            errors["caseNumber"] = [$"案号“{number}”在本机关已存在。"];
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        if (string.IsNullOrEmpty(number))
        {
            number = await NextNumberAsync(cmd.OrgId, received.Year, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var tracking = channel == IntakeChannel.Online ? NewTrackingCode() : null;
        var applicants = string.Join("、", parties.Where(p => p.Role == PartyRole.Applicant).Select(p => p.Input.Name!.Trim()));
        var c = ReconsiderationCase.Create(cmd.OrgId, number, version, channel, received, respondentId, respondentName, matter, cmd.ActDate,
            Trim(cmd.ChallengedAct), Trim(cmd.Request), applicants[..Math.Min(applicants.Length, 400)], cmd.HandlerUserId, tracking, now);
        db.ReconsiderationCases.Add(c);
        var position = 0;
        foreach (var (role, p) in parties)
        {
            db.ReconsiderationParties.Add(ReconsiderationParty.Create(c.Id, ++position, role, p.Name!, p.IdNumber, p.Phone, p.Address));
        }

        var snapshot = await calendars.CurrentAsync(db, ct);
        var review = Clock.Open(snapshot, c.OrgId, ReconsiderationCodes.CaseType, c.Id.ToString(), c.HandlerUserId, "reconsideration.acceptance-review", version, received, now);
        if (review.IsError)
        {
            return review.Error!;
        }

        db.Clocks.Add(review.Value!);
        db.CaseEvents.Add(CaseEvent.Create(ReconsiderationCodes.CaseType, c.Id, "received", received,
            $"{ReconsiderationCodes.Channels.Label(channel)}；申请人：{applicants}", null, userId, now));
        await using (var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            await db.SaveChangesAsync(ct);
            await CaseSearch.AddAsync(db, ReconsiderationCodes.CaseType, c.Id, SearchTokens(c, parties.Select(p => p.Input.Name)), ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }

        return c;
    }

    /// <summary>The search text of a case: number, parties, respondent, act and request.</summary>
    public static string SearchTokens(ReconsiderationCase c, IEnumerable<string?> partyNames)
    {
        ArgumentNullException.ThrowIfNull(c);
        return CaseSearch.Tokens([c.CaseNumber, .. partyNames, c.RespondentName, c.ChallengedAct, c.Request]);
    }

    /// <summary>The next free number of an org and year: 复〔2026〕13号.</summary>
    private async Task<string> NextNumberAsync(Guid orgId, int year, CancellationToken ct)
    {
        var prefix = $"复〔{year}〕";
        var (first, last) = ChineseDates.YearSpan(year);
        var count = await db.ReconsiderationCases.CountAsync(c => c.OrgId == orgId && c.ReceivedOn >= first && c.ReceivedOn <= last, ct);
        for (var n = count + 1; ; n++)
        {
            var candidate = $"{prefix}{n}号";
            if (!await db.ReconsiderationCases.AnyAsync(c => c.OrgId == orgId && c.CaseNumber == candidate, ct))
            {
                return candidate;
            }
        }
    }

    private static string NewTrackingCode() =>
        string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = TrackingAlphabet[RandomNumberGenerator.GetInt32(TrackingAlphabet.Length)];
            }
        });

    private static void CheckText(Dictionary<string, string[]> errors, string field, string? value, string label)
    {
        if (value is { Length: > ReconsiderationCase.MaxTextLength })
        {
            errors[field] = [$"{label}不超过 {ReconsiderationCase.MaxTextLength} 个字符。"];
        }
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
