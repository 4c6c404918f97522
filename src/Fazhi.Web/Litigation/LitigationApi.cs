using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Reconsideration;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Fazhi.Web.Reconsideration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Litigation;

/// <summary>REST API of litigation response cases: /api/litigation. Scope-checked.</summary>
public static class LitigationApi
{
    public sealed record RegisterBody(string? OrgCode, string? CaseNumber, string? Court, string? Instance, DateOnly? FiledOn, DateOnly? ComplaintReceivedOn,
        string? Cause, IReadOnlyList<string>? Plaintiffs, IReadOnlyList<string>? Defendants, Guid? ReconsiderationCaseId);

    public sealed record CaseSummary(Guid Id, string CaseNumber, string OrgCode, string Court, string Instance, string FiledOn, string Cause, string Plaintiffs,
        string Stage, string StageLabel, string? ClosedOn, string? Outcome, string? OutcomeLabel);

    public sealed record ListResponse(IReadOnlyList<CaseSummary> Items, string? Next);

    public sealed record HearingView(string HeldOn, bool HeadPresent, string? HeadName, string? HeadRank, bool HeadSpoke, bool StaffPresent, string? AbsenceReason, bool CourtSummonedHead);

    public sealed record CaseResponse(CaseSummary Case, IReadOnlyList<string> Defendants, IReadOnlyList<HearingView> Hearings, IReadOnlyList<string> AllowedActions,
        IReadOnlyList<ReconsiderationApi.ClockView> Clocks, IReadOnlyList<ReconsiderationApi.EventView> Timeline, Guid? ReconsiderationCaseId);

    public static RouteGroupBuilder MapLitigationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/litigation").WithTags("Litigation");
        api.MapGet("/", ListAsync).WithName("ListLitigationCases");
        api.MapPost("/", RegisterAsync).WithName("RegisterLitigationCase").RequireAuthorization(Policies.HandleCases);
        api.MapGet("/{id:guid}", GetAsync).WithName("GetLitigationCase");
        api.MapPost("/{id:guid}/steps", StepAsync).WithName("ApplyLitigationStep").RequireAuthorization(Policies.HandleCases);
        return api;
    }

    private static async Task<Ok<ListResponse>> ListAsync(LitigationQuery query, AppDbContext db, CurrentUser me, string? q, string? stage, string? org,
        string? clock, DateOnly? from, DateOnly? to, string? court, string? instance, string? outcome, string? after, int? limit, CancellationToken ct)
    {
        Guid? orgId = null;
        if (!string.IsNullOrWhiteSpace(org))
        {
            orgId = await db.Orgs.Where(o => o.Code == org.Trim()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct) ?? Guid.Empty;
        }

        var page = await query.ListAsync(new CaseFilter(q, stage, orgId, clock, from, to, court, instance, outcome), me.Scope, CaseCursor.Parse(after), limit ?? 50, ct);
        var ids = page.Rows.Select(r => r.OrgId).Distinct().ToList();
        var codes = await db.Orgs.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
        return TypedResults.Ok(new ListResponse(page.Rows.Select(r => Summary(r.Id, r.CaseNumber, codes[r.OrgId], r.Court, r.Instance, r.FiledOn, r.Cause, r.Plaintiffs,
            r.Stage, r.ClosedOn, r.Outcome)).ToList(), page.Next?.ToString()));
    }

    private static async Task<Results<Created<CaseResponse>, ProblemHttpResult>> RegisterAsync(RegisterBody body, LitigationWorkflow workflow, LitigationQuery query,
        ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var orgId = await db.Orgs.Where(o => o.Code == (body.OrgCode ?? "").Trim()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (orgId is null)
        {
            return ValidationError.For("orgCode", $"应诉单位“{body.OrgCode}”不存在。").ToProblem();
        }

        var result = await workflow.RegisterAsync(new RegisterLitigation(orgId.Value, body.CaseNumber, body.Court, body.Instance, body.FiledOn, body.ComplaintReceivedOn,
            body.Cause, body.Plaintiffs, body.Defendants, body.ReconsiderationCaseId, me.Id), me.Scope, me.Id, ct);
        if (result.IsError)
        {
            return result.Error!.ToProblem();
        }

        return TypedResults.Created($"/api/litigation/{result.Value!.Id}", await ToResponseAsync((await query.FindAsync(result.Value.Id, me.Scope, ct))!, explain, db, ct));
    }

    private static async Task<Results<Ok<CaseResponse>, NotFound>> GetAsync(Guid id, LitigationQuery query, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await query.FindAsync(id, me.Scope, ct) is { } view ? TypedResults.Ok(await ToResponseAsync(view, explain, db, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> StepAsync(Guid id, LitigationStep body, LitigationWorkflow workflow, LitigationQuery query,
        ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await workflow.ApplyAsync(id, body, me.Scope, me.Id, ct);
        return result.IsError ? result.Error!.ToProblem() : TypedResults.Ok(await ToResponseAsync((await query.FindAsync(id, me.Scope, ct))!, explain, db, ct));
    }

    private static CaseSummary Summary(Guid id, string number, string orgCode, string court, Instance instance, DateOnly filed, string cause, string plaintiffs,
        LitigationStage stage, DateOnly? closed, LitigationOutcome? outcome) =>
        new(id, number, orgCode, court, LitigationCodes.Instances.Code(instance), ChineseDates.Iso(filed), cause, plaintiffs, LitigationCodes.Stages.Code(stage),
            LitigationCodes.Stages.Label(stage), closed is { } c ? ChineseDates.Iso(c) : null, outcome is { } o ? LitigationCodes.Outcomes.Code(o) : null,
            outcome is { } o2 ? LitigationCodes.Outcomes.Label(o2) : null);

    private static async Task<CaseResponse> ToResponseAsync(LitigationDetail d, ClockExplainQuery explain, AppDbContext db, CancellationToken ct)
    {
        var c = d.Case;
        var orgCode = await db.Orgs.Where(o => o.Id == c.OrgId).Select(o => o.Code).SingleAsync(ct);
        var clocks = (await explain.ExplainAsync(d.Clocks, ct)).Select(k => new ReconsiderationApi.ClockView(k.Clock.Id, k.Clock.RuleId, k.RuleName,
            ChineseDates.Iso(k.Clock.StartDate), ChineseDates.Iso(k.Clock.DueDate), k.Clock.Status.Code(), k.Clock.Provisional, k.Explanation)).ToList();
        return new CaseResponse(Summary(c.Id, c.CaseNumber, orgCode, c.Court, c.Instance, c.FiledOn, c.Cause, c.Plaintiffs, c.Stage, c.ClosedOn, c.Outcome),
            d.Defendants.Select(x => x.Name).ToList(),
            d.Hearings.Select(h => new HearingView(ChineseDates.Iso(h.HeldOn), h.HeadPresent, h.HeadName, h.HeadRank is { } r ? LitigationCodes.HeadRanks.Code(r) : null,
                h.HeadSpoke, h.StaffPresent, h.AbsenceReason, h.CourtSummonedHead)).ToList(),
            LitigationWorkflow.Allowed(c).Select(LitigationWorkflow.Actions.Code).ToList(), clocks,
            d.Events.Select(e => new ReconsiderationApi.EventView(e.Kind, ChineseDates.Iso(e.OccurredOn), e.Note, e.DocumentKind)).ToList(), c.ReconsiderationCaseId);
    }
}
