using System.Globalization;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Clocks;

/// <summary>
/// REST API of stored statutory clocks: /api/clocks. Lines of work open and drive clocks through <see cref="ClockService"/>;
/// this API exposes the same operations so that cases handled in other systems can be tracked too. Scope-checked.
/// </summary>
public static class ClocksApi
{
    public sealed record OpenClockRequest(string? OrgCode, string? CaseType, string? CaseId, string? Rule, string? Start, string? Law, string? Handler);

    public sealed record SuspendRequest(string? From, string? Kind, string? Reason);

    public sealed record DateRequest(string? On);

    public sealed record ExtendRequest(int? Days, string? ApprovedBy, string? On, string? Reason);

    public sealed record ClockResponse(Guid Id, string OrgCode, string CaseType, string CaseId, string Rule, string RuleName, string LawVersion,
        string Start, string Due, bool Provisional, string Status, string StatusLabel, string? StoppedOn, IReadOnlyList<string> Explanation);

    public sealed record ClockListResponse(IReadOnlyList<ClockDueRow> Rows, string? Next);

    public static RouteGroupBuilder MapClocksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clocks").WithTags("Clocks");
        api.MapGet("/due-soon", DueSoonAsync).WithName("ListClocksDueSoon");
        api.MapGet("/overdue", OverdueAsync).WithName("ListOverdueClocks");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetClock");
        api.MapPost("/", OpenAsync).WithName("OpenClock").RequireAuthorization(Policies.HandleCases);
        api.MapPost("/{id:guid}/suspend", SuspendAsync).WithName("SuspendClock").RequireAuthorization(Policies.HandleCases);
        api.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeClock").RequireAuthorization(Policies.HandleCases);
        api.MapPost("/{id:guid}/extend", ExtendAsync).WithName("ExtendClock").RequireAuthorization(Policies.HandleCases);
        api.MapPost("/{id:guid}/stop", StopAsync).WithName("StopClock").RequireAuthorization(Policies.HandleCases);
        return api;
    }

    private static async Task<Ok<ClockListResponse>> DueSoonAsync(ClockService clocks, CurrentUser me, TimeProvider time, int? within, string? after, int? limit, CancellationToken ct)
    {
        var page = await clocks.DueSoonAsync(me.Scope, ChinaTime.Today(time), within ?? 5, ClockCursor.Parse(after), limit ?? 50, ct);
        return TypedResults.Ok(new ClockListResponse(page.Rows, page.Next?.ToString()));
    }

    private static async Task<Ok<ClockListResponse>> OverdueAsync(ClockService clocks, CurrentUser me, TimeProvider time, string? after, int? limit, CancellationToken ct)
    {
        var page = await clocks.OverdueAsync(me.Scope, ChinaTime.Today(time), ClockCursor.Parse(after), limit ?? 50, ct);
        return TypedResults.Ok(new ClockListResponse(page.Rows, page.Next?.ToString()));
    }

    private static async Task<Results<Ok<ClockResponse>, NotFound>> GetAsync(Guid id, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var view = await explain.HandleAsync(id, me.Scope, ct);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(await ToResponseAsync(view, db, ct));
    }

    private static async Task<Results<Created<ClockResponse>, ProblemHttpResult>> OpenAsync(OpenClockRequest body, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var orgId = await db.Orgs.Where(o => o.Code == (body.OrgCode ?? "").Trim()).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (orgId is null)
        {
            errors["orgCode"] = [$"单位“{body.OrgCode}”不存在。"];
        }

        if (!TryDate(body.Start, out var start))
        {
            errors["start"] = [$"起算日“{body.Start}”不是有效日期，应为 YYYY-MM-DD。"];
        }

        Guid? handler = null;
        if (!string.IsNullOrWhiteSpace(body.Handler))
        {
            var normalized = body.Handler.Trim().ToUpperInvariant();
            handler = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(ct);
            if (handler is null)
            {
                errors["handler"] = [$"承办人“{body.Handler}”不存在。"];
            }
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors).ToProblem();
        }

        var result = await clocks.OpenAsync(new OpenClock(orgId!.Value, body.CaseType, body.CaseId, body.Rule, start, body.Law, handler), me.Scope, ct);
        if (result.IsError)
        {
            return result.Error.ToProblem();
        }

        var view = await explain.HandleAsync(result.Value.Id, me.Scope, ct);
        return TypedResults.Created($"/api/clocks/{result.Value.Id}", await ToResponseAsync(view!, db, ct));
    }

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> SuspendAsync(Guid id, SuspendRequest body, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        if (!TryDate(body.From, out var from))
        {
            return ValidationError.For("from", $"中止开始日“{body.From}”不是有效日期，应为 YYYY-MM-DD。").ToProblem();
        }

        if (ClockLabels.ParseSuspension((body.Kind ?? "").Trim()) is not { } kind)
        {
            return ValidationError.For("kind", $"中止事由“{body.Kind}”无效，可选：{string.Join("、", Enum.GetValues<SuspensionKind>().Select(ClockLabels.Code))}。").ToProblem();
        }

        return await AfterAsync(await clocks.SuspendAsync(id, from, kind, body.Reason, me.Scope, ct), clocks, explain, db, me, ct);
    }

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> ResumeAsync(Guid id, DateRequest body, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TryDate(body.On, out var on)
            ? await AfterAsync(await clocks.ResumeAsync(id, on, me.Scope, ct), clocks, explain, db, me, ct)
            : ValidationError.For("on", $"恢复日“{body.On}”不是有效日期，应为 YYYY-MM-DD。").ToProblem();

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> ExtendAsync(Guid id, ExtendRequest body, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TryDate(body.On, out var on)
            ? await AfterAsync(await clocks.ExtendAsync(id, body.Days ?? 0, body.ApprovedBy, on, body.Reason, me.Scope, ct), clocks, explain, db, me, ct)
            : ValidationError.For("on", $"批准日“{body.On}”不是有效日期，应为 YYYY-MM-DD。").ToProblem();

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> StopAsync(Guid id, DateRequest body, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TryDate(body.On, out var on)
            ? await AfterAsync(await clocks.StopAsync(id, on, me.Scope, ct), clocks, explain, db, me, ct)
            : ValidationError.For("on", $"办结日“{body.On}”不是有效日期，应为 YYYY-MM-DD。").ToProblem();

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> AfterAsync(Result<Clock> result, ClockService clocks, ClockExplainQuery explain, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        if (result.IsError)
        {
            return result.Error.ToProblem();
        }

        var view = await explain.HandleAsync(result.Value.Id, me.Scope, ct);
        return TypedResults.Ok(await ToResponseAsync(view!, db, ct));
    }

    private static async Task<ClockResponse> ToResponseAsync(ClockExplanation v, AppDbContext db, CancellationToken ct)
    {
        var c = v.Clock;
        var orgCode = await db.Orgs.Where(o => o.Id == c.OrgId).Select(o => o.Code).SingleAsync(ct);
        return new ClockResponse(c.Id, orgCode, c.CaseType, c.CaseId, c.RuleId, v.RuleName, c.LawVersion, ChineseDates.Iso(c.StartDate),
            ChineseDates.Iso(c.DueDate), c.Provisional, c.Status.Code(), c.Status.Label(), c.StoppedOn is { } s ? ChineseDates.Iso(s) : null, v.Explanation);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
