using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Demo;

/// <summary>
/// Reconsideration and litigation cases for the demo district from January 2025 to today, created through the same
/// handlers staff use (registration, every workflow step, so every clock, event and audit entry is real). Deterministic:
/// the same seed gives the same ledger. Steps whose date would fall after today are not taken, so recent cases are open
/// in every stage, some with overdue clocks.
/// </summary>
public sealed class DemoCases(AppDbContext db, RegisterReconsiderationHandler register, ReconsiderationWorkflow workflow, LitigationWorkflow litigation,
    TimeProvider time, ILogger<DemoCases> log)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "建华", "志强", "海燕"];
    private static readonly string[] Companies = ["云溪宏达建材有限公司", "青山市恒信物流有限公司", "云溪区鑫源餐饮店", "江南绿野农业合作社", "云溪区佳美超市", "青山市安泰房地产开发有限公司"];

    private static readonly (string Code, MatterType Matter, string Act)[] Respondents =
    [
        ("YXQ-SCJ", MatterType.Penalty, "云市监罚〔{0}〕{1}号行政处罚决定书"),
        ("YXQ-GAJ", MatterType.Penalty, "云公（治）行罚决字〔{0}〕{1}号行政处罚决定书"),
        ("YXQ-ZFJ", MatterType.Penalty, "云综执罚〔{0}〕{1}号行政处罚决定书"),
        ("YXQ-ZRJ", MatterType.Expropriation, "云自然资征补〔{0}〕{1}号征收补偿决定"),
        ("YXQ-ZJJ", MatterType.Licensing, "云住建许〔{0}〕{1}号不予许可决定"),
        ("YXQ-RSJ", MatterType.Confirmation, "云人社工认〔{0}〕{1}号不予认定工伤决定书"),
        ("YXQ-ZFB", MatterType.InformationDisclosure, "云府办依申请公开告知书〔{0}〕{1}号"),
        ("YXQ-HBJ", MatterType.CoerciveMeasure, "云环查封〔{0}〕{1}号查封（扣押）决定书"),
        ("YXQ-SCJ", MatterType.ComplaintHandling, "云市监投诉处理告知书〔{0}〕{1}号"),
        ("YXQ-JTJ", MatterType.Penalty, "云交罚〔{0}〕{1}号行政处罚决定书"),
        ("YXQ-QS", MatterType.Inaction, "未履行违法建设查处职责（{0}年第{1}号举报）"),
        ("YXQ-MZJ", MatterType.Other, "云民〔{0}〕{1}号行政决定"),
    ];

    /// <summary>Counts of what was created.</summary>
    public sealed record Counts(int Reconsideration, int Litigation, int Steps, int Refused);

    /// <summary>Creates the cases (the demo district must exist).</summary>
    public async Task<Counts> CreateAsync(CancellationToken ct)
    {
        var today = ChineseDates.Today(time);
        var rnd = new Random(20261202);
        // The district government is the reconsideration body; its justice bureau handles the cases (行政复议机构).
        var gov = await db.Orgs.Where(o => o.Code == "YXQ-SFJ").Select(o => o.Id).SingleAsync(ct);
        var orgIds = await db.Orgs.ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var handler = await db.Users.Where(u => u.UserName == "fuyi").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        var lawyer = await db.Users.Where(u => u.UserName == "yingsu").Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
        int recon = 0, suits = 0, steps = 0, refused = 0;
        var upheld = new List<(Guid Id, DateOnly ClosedOn, string Respondent)>();

        async Task<bool> Step(Guid id, ReconsiderationStep s)
        {
            if (s.On > today)
            {
                return false;
            }

            var r = await workflow.ApplyAsync(id, s, OrgScope.Everything, handler, ct);
            db.ChangeTracker.Clear();
            if (r.IsError)
            {
                refused++;
                log.LogDebug("Demo step {Action} refused: {Message}", s.Action, r.Error!.Message);
                return false;
            }

            steps++;
            return true;
        }

        for (var month = new DateOnly(2025, 1, 1); month <= today; month = month.AddMonths(1))
        {
            var perMonth = 10 + rnd.Next(9);
            for (var i = 0; i < perMonth; i++)
            {
                var received = month.AddDays(rnd.Next(DateTime.DaysInMonth(month.Year, month.Month)));
                if (received > today.AddDays(-1))
                {
                    continue;
                }

                var (code, matter, act) = Respondents[rnd.Next(Respondents.Length)];
                var applicant = rnd.Next(6) == 0 ? Companies[rnd.Next(Companies.Length)] : Surnames[rnd.Next(Surnames.Length)] + Given[rnd.Next(Given.Length)];
                var channel = rnd.Next(10) switch { < 4 => "in_person", < 7 => "online", < 9 => "mail", _ => "oral" };
                var r = await register.HandleAsync(new RegisterReconsideration(gov, null, null, channel, received, code, ReconsiderationCodes.Matters.Code(matter),
                    received.AddDays(-10 - rnd.Next(40)), string.Format(System.Globalization.CultureInfo.InvariantCulture, act, received.Year, 10 + rnd.Next(300)),
                    RequestFor(matter), [new PartyInput("applicant", applicant, null, $"1{rnd.Next(30, 99)}{rnd.Next(10000000, 99999999)}")], handler),
                    OrgScope.Everything, handler, ct);
                db.ChangeTracker.Clear();
                if (r.IsError)
                {
                    refused++;
                    continue;
                }

                recon++;
                var id = r.Value!.Id;
                var day = received;
                var roll = rnd.Next(100);
                if (roll < 10)
                {
                    day = day.AddDays(2);
                    if (!await Step(id, new("request_correction", day, Items: "提供被申请行政行为的文书复印件；写明具体的行政复议请求")))
                    {
                        continue;
                    }

                    if (rnd.Next(6) == 0)
                    {
                        await Step(id, new("deem_abandoned", day.AddDays(20)));
                        continue;
                    }

                    day = day.AddDays(4 + rnd.Next(6));
                    if (!await Step(id, new("receive_correction", day)))
                    {
                        continue;
                    }
                }
                else if (roll < 18)
                {
                    await Step(id, new("not_accept", day.AddDays(3), Reason: rnd.Next(2) == 0 ? "超过法定申请期限且无正当理由" : "申请人与被申请的行政行为没有利害关系"));
                    continue;
                }

                if (received.Year == 2026 && received.Month >= 11 && rnd.Next(3) == 0)
                {
                    continue; // still under acceptance review
                }

                var simplified = matter is MatterType.Penalty or MatterType.InformationDisclosure && rnd.Next(4) == 0;
                day = day.AddDays(1 + rnd.Next(4));
                if (!await Step(id, new("accept", day, Procedure: simplified ? "simplified" : "ordinary")))
                {
                    continue;
                }

                var accepted = day;
                day = day.AddDays(1 + rnd.Next(4));
                if (!await Step(id, new("send_copy", day, ReceivedByOtherOn: day.AddDays(1))))
                {
                    continue;
                }

                day = day.AddDays((simplified ? 4 : 7) + rnd.Next(6));
                if (!await Step(id, new("receive_answer", day)))
                {
                    continue;
                }

                if (!simplified && rnd.Next(7) == 0)
                {
                    var hearing = day.AddDays(14); // the notice precedes the hearing by at least 5 working days (Art.51)
                    if (!await Step(id, new("schedule_hearing", day, HearingAt: hearing.ToDateTime(new TimeOnly(9, 30)), Place: "云溪区司法局行政复议听证室"))
                        || !await Step(id, new("hold_hearing", hearing)))
                    {
                        continue;
                    }

                    day = hearing;
                }

                if (!simplified && rnd.Next(20) == 0)
                {
                    day = day.AddDays(3);
                    if (!await Step(id, new("suspend", day, Ground: "depends_on_other_case", Reason: "需以相关民事案件的审理结果为依据")))
                    {
                        continue;
                    }

                    day = day.AddDays(15 + rnd.Next(20));
                    if (!await Step(id, new("resume", day)))
                    {
                        continue;
                    }
                }

                if (!simplified && rnd.Next(12) == 0 && !await Step(id, new("extend", day.AddDays(2), Days: 30, Approver: "陈立新（区司法局行政复议科科长）", Reason: "案情复杂")))
                {
                    continue;
                }

                var closeOn = accepted.AddDays((simplified ? 15 : 35) + rnd.Next(simplified ? 20 : 40));
                if (closeOn <= day)
                {
                    closeOn = day.AddDays(3);
                }

                var outcome = Pick(rnd, (45, "uphold"), (10, "revoke"), (3, "change"), (6, "confirm_illegal"), (3, "order_perform"), (1, "confirm_invalid"),
                    (12, "dismiss_claim"), (4, "reject_application"), (6, "mediation"), (7, "settlement"), (3, "terminated"));
                if (!await Step(id, new("close", closeOn, Outcome: outcome, Facts: "被申请人作出被申请的行政行为前进行了调查取证，申请人对调查过程无异议，双方对主要事实的陈述一致。",
                    Reasoning: "被申请人提交的证据与申请人的陈述相互印证，本案应当依据查明的事实和适用的法律规定作出处理。")))
                {
                    continue;
                }

                if (outcome is not ("mediation" or "settlement" or "terminated") && rnd.Next(5) != 0)
                {
                    await Step(id, new("publish", closeOn.AddDays(5 + rnd.Next(10))));
                }

                if (outcome is "revoke" or "confirm_illegal" && rnd.Next(3) == 0)
                {
                    if (await Step(id, new("issue_letter", closeOn.AddDays(2), LetterKind: "opinion", Recipient: await db.Orgs.Where(o => o.Code == code).Select(o => o.Name).SingleAsync(ct),
                        Reason: "规范行政处罚裁量基准的适用")))
                    {
                        await Step(id, new("letter_replied", closeOn.AddDays(30 + rnd.Next(25))));
                    }
                }

                if (outcome is "uphold" or "dismiss_claim")
                {
                    upheld.Add((id, closeOn, code));
                }
            }
        }

        // Lawsuits: some after upheld decisions (the body and the original agency as co-defendants), the rest direct.
        var serial = 0;
        foreach (var (rid, closedOn, code) in upheld.Where(_ => rnd.Next(4) == 0))
        {
            suits += await SueAsync(rnd, orgIds[code], closedOn.AddDays(10 + rnd.Next(20)), rid, ++serial) ? 1 : 0;
        }

        for (var month = new DateOnly(2025, 1, 1); month <= today; month = month.AddMonths(1))
        {
            for (var i = 0; i < 3 + rnd.Next(4); i++)
            {
                var code = Respondents[rnd.Next(Respondents.Length)].Code;
                suits += await SueAsync(rnd, orgIds[code], month.AddDays(rnd.Next(28)), null, ++serial) ? 1 : 0;
            }
        }

        return new Counts(recon, suits, steps, refused);

        async Task<bool> SueAsync(Random rnd, Guid orgId, DateOnly filed, Guid? reconId, int n)
        {
            if (filed > today)
            {
                return false;
            }

            var plaintiff = Surnames[rnd.Next(Surnames.Length)] + Given[rnd.Next(Given.Length)];
            var received = filed.AddDays(3 + rnd.Next(4));
            var r = await litigation.RegisterAsync(new RegisterLitigation(orgId, $"（{filed.Year}）江0102行初{n}号", "青山市云溪区人民法院", "first", filed,
                received <= today ? received : null, Pick(rnd, (4, "行政处罚"), (2, "行政征收"), (2, "政府信息公开"), (1, "工伤认定"), (1, "行政许可"), (1, "行政不作为")),
                [plaintiff], null, reconId, lawyer), OrgScope.Everything, lawyer, ct);
            db.ChangeTracker.Clear();
            if (r.IsError || received > today)
            {
                refused += r.IsError ? 1 : 0;
                return !r.IsError;
            }

            var id = r.Value!.Id;
            async Task<bool> L(LitigationStep s)
            {
                if (s.On > today)
                {
                    return false;
                }

                var x = await litigation.ApplyAsync(id, s, OrgScope.Everything, lawyer, ct);
                db.ChangeTracker.Clear();
                steps += x.IsError ? 0 : 1;
                refused += x.IsError ? 1 : 0;
                return !x.IsError;
            }

            var defence = received.AddDays(8 + rnd.Next(9));
            if (!await L(new("submit_defence", defence)))
            {
                return true;
            }

            var withdrawnEarly = rnd.Next(8) == 0;
            if (withdrawnEarly)
            {
                await L(new("close", defence.AddDays(10 + rnd.Next(20)), Outcome: "withdrawn"));
                return true;
            }

            var hearing = defence.AddDays(25 + rnd.Next(50));
            var present = rnd.Next(100) < 78;
            if (!await L(new("record_hearing", hearing, HeadPresent: present, HeadName: present ? Surnames[rnd.Next(Surnames.Length)] + Given[rnd.Next(Given.Length)] : null,
                HeadRank: present ? Pick(rnd, (2, "principal"), (6, "deputy"), (2, "other")) : null, HeadSpoke: present && rnd.Next(10) < 7, StaffPresent: true,
                AbsenceReason: present ? null : "参加上级召开的紧急会议，已委托相应的工作人员出庭", CourtSummonedHead: rnd.Next(5) == 0)))
            {
                return true;
            }

            var outcome = Pick(rnd, (45, "dismiss_claims"), (8, "revoke"), (6, "confirm_illegal"), (3, "order_perform"), (2, "order_pay"), (1, "remedy_compensate"),
                (1, "change"), (12, "withdrawn"), (2, "deemed_withdrawn"), (12, "suit_dismissed"), (3, "mediation"), (1, "transferred"), (1, "ended"));
            var closed = hearing.AddDays(20 + rnd.Next(40));
            if (await L(new("close", closed, Outcome: outcome, ServedOn: closed.AddDays(3)))
                && LitigationCodes.Outcomes.TryParse(outcome, out var o) && LitigationCodes.Losses.Contains(o))
            {
                // A lost judgment: the agency appeals within 15 days, or accepts it and performs.
                await L(rnd.Next(4) == 0 ? new("appeal", closed.AddDays(10)) : new("perform", closed.AddDays(12 + rnd.Next(30))));
            }

            return true;
        }
    }

    private static string RequestFor(MatterType matter) => matter switch
    {
        MatterType.Penalty => "请求撤销被申请人作出的行政处罚决定",
        MatterType.InformationDisclosure => "请求责令被申请人依法公开申请人申请的政府信息",
        MatterType.Expropriation => "请求撤销征收补偿决定并责令重新作出",
        MatterType.Licensing => "请求撤销不予许可决定，责令被申请人重新作出许可决定",
        MatterType.Confirmation => "请求撤销不予认定工伤决定书",
        MatterType.CoerciveMeasure => "请求确认查封行为违法并解除查封",
        MatterType.Inaction => "请求责令被申请人依法履行查处违法建设的法定职责",
        MatterType.ComplaintHandling => "请求撤销投诉处理告知书，责令被申请人重新处理",
        _ => "请求撤销被申请人作出的行政行为",
    };

    private static string Pick(Random rnd, params (int Weight, string Code)[] options)
    {
        var n = rnd.Next(options.Sum(o => o.Weight));
        foreach (var (w, c) in options)
        {
            if (n < w)
            {
                return c;
            }

            n -= w;
        }

        return options[^1].Code;
    }
}
