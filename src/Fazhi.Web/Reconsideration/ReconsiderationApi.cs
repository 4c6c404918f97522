using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Reconsideration;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Reconsideration;

/// <summary>REST API of reconsideration cases: /api/reconsideration. Every operation of the case page, scope-checked.</summary>
public static class ReconsiderationApi
{
    public sealed record PartyBody(string? Role, string? Name, string? IdNumber, string? Phone, string? Address);

    public sealed record RegisterBody(string? OrgCode, string? CaseNumber, string? LawVersion, string? Channel, DateOnly? ReceivedOn, string? Respondent,
        string? MatterType, DateOnly? ActDate, string? ChallengedAct, string? Request, IReadOnlyList<PartyBody>? Parties);

    public sealed record CaseSummary(Guid Id, string CaseNumber, string OrgCode, string LawVersion, string ReceivedOn, string Applicants, string Respondent,
        string MatterType, string Stage, string StageLabel, string? Procedure, string? AcceptedOn, string? ClosedOn, string? Outcome, string? OutcomeLabel);

    public sealed record ListResponse(IReadOnlyList<CaseSummary> Items, string? Next);

    public sealed record ClockView(Guid Id, string Rule, string RuleName, string Start, string Due, string Status, bool Provisional, IReadOnlyList<string> Explanation);

    public sealed record EventView(string Kind, string On, string? Note, string? Document);

    public sealed record DocumentView(string Kind, string Title, string Number, string IssuedOn, string Url);

    public sealed record CaseResponse(CaseSummary Case, string? ChallengedAct, string? Request, IReadOnlyList<string> AllowedActions,
        IReadOnlyList<ClockView> Clocks, IReadOnlyList<EventView> Timeline, IReadOnlyList<DocumentView> Documents);

    public static RouteGroupBuilder MapReconsiderationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reconsideration").WithTags("Reconsideration");
        api.MapGet("/", ListAsync).WithName("ListReconsiderationCases");
        api.MapPost("/", RegisterAsync).WithName("RegisterReconsiderationCase").RequireAuthorization(Policies.HandleCases);
        api.MapGet("/{id:guid}", GetAsync).WithName("GetReconsiderationCase");
        api.MapPost("/{id:guid}/steps", StepAsync).WithName("ApplyReconsiderationStep").RequireAuthorization(Policies.HandleCases);
        api.MapGet("/{id:guid}/documents/{kind}", DocumentAsync).WithName("GetReconsiderationDocument");

        // A letter's reply clock links here; the letter is shown on its case page.
        app.MapGet("/reconsideration/letters/{id:guid}", async (Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
            await db.ReconsiderationLetters.Where(l => l.Id == id).Select(l => (Guid?)l.CaseId).SingleOrDefaultAsync(ct) is { } caseId
                ? Results.Redirect($"/reconsideration/{caseId}")
                : Results.NotFound()).ExcludeFromDescription();
        return api;
    }

    private static async Task<Ok<ListResponse>> ListAsync(ReconsiderationQuery query, AppDbContext db, CurrentUser me, string? q, string? stage, string? org,
        string? clock, DateOnly? from, DateOnly? to, string? respondent, string? matterType, string? outcome, string? after, int? limit, CancellationToken ct)
    {
        Guid? orgId = null;
        if (!string.IsNullOrWhiteSpace(org))
        {
            orgId = await db.Orgs.Where(o => o.Code == org.Trim()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct) ?? Guid.Empty;
        }

        var page = await query.ListAsync(new CaseFilter(q, stage, orgId, clock, from, to, respondent, matterType, outcome), me.Scope, CaseCursor.Parse(after), limit ?? 50, ct);
        var codes = await OrgCodesAsync(db, page.Rows.Select(r => r.OrgId), ct);
        return TypedResults.Ok(new ListResponse(page.Rows.Select(r => new CaseSummary(r.Id, r.CaseNumber, codes[r.OrgId], r.LawVersion, ChineseDates.Iso(r.ReceivedOn),
            r.Applicants, r.Respondent, ReconsiderationCodes.Matters.Code(r.Matter), ReconsiderationCodes.Stages.Code(r.Stage), ReconsiderationCodes.Stages.Label(r.Stage),
            null, null, r.ClosedOn is { } c ? ChineseDates.Iso(c) : null, r.Outcome is { } o ? ReconsiderationCodes.Outcomes.Code(o) : null,
            r.Outcome is { } o2 ? ReconsiderationCodes.Outcomes.Label(o2) : null)).ToList(), page.Next?.ToString()));
    }

    private static async Task<Results<Created<CaseResponse>, ProblemHttpResult>> RegisterAsync(RegisterBody body, RegisterReconsiderationHandler register,
        ReconsiderationQuery query, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var orgId = await db.Orgs.Where(o => o.Code == (body.OrgCode ?? "").Trim()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (orgId is null)
        {
            return ValidationError.For("orgCode", $"行政复议机关“{body.OrgCode}”不存在。").ToProblem();
        }

        var parties = (body.Parties ?? []).Select(p => new PartyInput(p.Role, p.Name, p.IdNumber, p.Phone, p.Address)).ToList();
        var result = await register.HandleAsync(new RegisterReconsideration(orgId.Value, body.CaseNumber, body.LawVersion, body.Channel, body.ReceivedOn,
            body.Respondent, body.MatterType, body.ActDate, body.ChallengedAct, body.Request, parties, me.Id), me.Scope, me.Id, ct);
        if (result.IsError)
        {
            return result.Error!.ToProblem();
        }

        var view = await ToResponseAsync((await query.FindAsync(result.Value!.Id, me.Scope, ct))!, explain, db, ct);
        return TypedResults.Created($"/api/reconsideration/{result.Value.Id}", view);
    }

    private static async Task<Results<Ok<CaseResponse>, NotFound>> GetAsync(Guid id, ReconsiderationQuery query, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await query.FindAsync(id, me.Scope, ct) is { } view ? TypedResults.Ok(await ToResponseAsync(view, explain, db, ct)) : TypedResults.NotFound();

    private static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> StepAsync(Guid id, ReconsiderationStep body, ReconsiderationWorkflow workflow,
        ReconsiderationQuery query, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await workflow.ApplyAsync(id, body, me.Scope, me.Id, ct);
        if (result.IsError)
        {
            return result.Error!.ToProblem();
        }

        return TypedResults.Ok(await ToResponseAsync((await query.FindAsync(id, me.Scope, ct))!, explain, db, ct));
    }

    private static async Task<IResult> DocumentAsync(Guid id, string kind, ReconsiderationQuery query, CaseDocuments documents, CurrentUser me, CancellationToken ct)
    {
        var view = await query.FindAsync(id, me.Scope, ct);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        var doc = documents.Render(view, kind);
        return doc.IsError
            ? doc.Error!.ToProblem()
            : TypedResults.File(doc.Value.Content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", doc.Value.FileName);
    }

    private static async Task<CaseResponse> ToResponseAsync(ReconsiderationDetail d, ClockExplainQuery explain, AppDbContext db, CancellationToken ct)
    {
        var c = d.Case;
        var codes = await OrgCodesAsync(db, [c.OrgId], ct);
        var summary = new CaseSummary(c.Id, c.CaseNumber, codes[c.OrgId], c.LawVersion, ChineseDates.Iso(c.ReceivedOn), c.ApplicantNames, c.RespondentName,
            ReconsiderationCodes.Matters.Code(c.Matter), ReconsiderationCodes.Stages.Code(c.Stage), ReconsiderationCodes.Stages.Label(c.Stage),
            c.Procedure is { } p ? ReconsiderationCodes.Procedures.Code(p) : null, c.AcceptedOn is { } a ? ChineseDates.Iso(a) : null,
            c.ClosedOn is { } cl ? ChineseDates.Iso(cl) : null, c.Outcome is { } o ? ReconsiderationCodes.Outcomes.Code(o) : null,
            c.Outcome is { } o2 ? ReconsiderationCodes.Outcomes.Label(o2) : null);
        var clocks = (await explain.ExplainAsync(d.Clocks, ct)).Select(k => new ClockView(k.Clock.Id, k.Clock.RuleId, k.RuleName, ChineseDates.Iso(k.Clock.StartDate),
            ChineseDates.Iso(k.Clock.DueDate), k.Clock.Status.Code(), k.Clock.Provisional, k.Explanation)).ToList();
        var allowed = ReconsiderationWorkflow.Allowed(c, d.Letters.Any(l => l.Kind == LetterKind.Opinion && l.RepliedOn is null))
            .Select(ReconsiderationWorkflow.Actions.Code).ToList();
        return new CaseResponse(summary, c.ChallengedAct, c.Request, allowed, clocks,
            d.Events.Select(e => new EventView(e.Kind, ChineseDates.Iso(e.OccurredOn), e.Note, e.DocumentKind)).ToList(),
            CaseDocuments.Issued(d).Select(x => new DocumentView(x.Code, x.Title, x.Number, ChineseDates.Iso(x.IssuedOn), $"/api/reconsideration/{c.Id}/documents/{x.Code}")).ToList());
    }

    private static async Task<Dictionary<Guid, string>> OrgCodesAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Orgs.Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);
    }
}
