using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Reports;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fazhi.Web.Reports;

/// <summary>
/// REST API of annual reports and manual facts. Reading needs a signed-in user whose scope covers the org; writing,
/// the review steps and manual facts need the report-managing roles (rule-of-law office, platform admin).
/// </summary>
public static class ReportsApi
{
    /// <summary>Body of POST /api/reports.</summary>
    public sealed record CreateReportRequest(string? Org, int? Year);

    /// <summary>Body of PUT /api/reports/{id}.</summary>
    public sealed record UpdateReportRequest(string? Title, IReadOnlyList<PartRequest>? Parts);

    /// <summary>One part of an update.</summary>
    public sealed record PartRequest(string? Part, string? Heading, string? Text);

    /// <summary>Body of the review steps that take a note (return: the reason; secrecy review: the opinion).</summary>
    public sealed record StepRequest(string? Note);

    /// <summary>Body of POST /api/manual-facts.</summary>
    public sealed record FactRequest(string? Fact, string? Org, int? Year, int? Month, double? Value, string? Note);

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Annual reports");
        api.MapGet("/", GetByOrgAsync).WithName("GetAnnualReport");
        api.MapPost("/", CreateAsync).WithName("CreateAnnualReport").RequireAuthorization(Policies.ManageReports);
        api.MapGet("/{id:guid}", GetAsync).WithName("GetAnnualReportById");
        api.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateAnnualReport").RequireAuthorization(Policies.ManageReports);
        api.MapGet("/{id:guid}/check", CheckAsync).WithName("CheckAnnualReport");
        api.MapGet("/{id:guid}/docx", DocxAsync).WithName("GetAnnualReportDocx");
        api.MapPost("/{id:guid}/{step}", StepAsync).WithName("ApplyAnnualReportStep").RequireAuthorization(Policies.ManageReports);

        var facts = app.MapGroup("/api/manual-facts").WithTags("Manual facts");
        facts.MapGet("/", ListFactsAsync).WithName("ListManualFacts");
        facts.MapPost("/", AddFactAsync).WithName("AddManualFact").RequireAuthorization(Policies.ManageReports);
        facts.MapDelete("/{id:guid}", DeleteFactAsync).WithName("DeleteManualFact").RequireAuthorization(Policies.ManageReports);
    }

    private static async Task<Results<Ok<AnnualReportJson>, ProblemHttpResult>> GetByOrgAsync(string? org, int? year, AnnualReportService reports, CurrentUser me,
        CancellationToken ct)
    {
        var r = await reports.JsonAsync(org, year ?? 0, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.Ok(r.Value);
    }

    private static async Task<Results<Created<AnnualReportJson>, ProblemHttpResult>> CreateAsync(CreateReportRequest body, AnnualReportService reports, CurrentUser me,
        CancellationToken ct)
    {
        var r = await reports.CreateAsync(body?.Org, body?.Year ?? 0, me.Scope, ct);
        if (r.IsError)
        {
            return r.Error!.ToProblem();
        }

        var view = await reports.GetAsync(r.Value!.Id, me.Scope, ct);
        return TypedResults.Created($"/api/reports/{r.Value.Id}", ReportOutput.Json(view.Value!, null));
    }

    private static async Task<Results<Ok<AnnualReportJson>, ProblemHttpResult>> GetAsync(Guid id, AnnualReportService reports, CurrentUser me, CancellationToken ct)
    {
        var r = await reports.GetAsync(id, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.Ok(ReportOutput.Json(r.Value!, PublicUrl(r.Value!)));
    }

    private static async Task<Results<Ok<AnnualReportJson>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateReportRequest body, AnnualReportService reports, CurrentUser me,
        CancellationToken ct)
    {
        var current = await reports.GetAsync(id, me.Scope, ct);
        if (current.IsError)
        {
            return current.Error!.ToProblem();
        }

        var edits = new List<PartEdit>();
        foreach (var p in body?.Parts ?? [])
        {
            if (ReportCodes.ParsePart(p.Part) is not { } part)
            {
                return ValidationError.For("parts", $"部分“{p.Part}”不存在，应为 measures、shortcomings、first_responsibility、next_year 或 other。").ToProblem();
            }

            edits.Add(new PartEdit(part, p.Heading ?? current.Value!.Report.Heading(part), p.Text));
        }

        var r = await reports.UpdateAsync(id, body?.Title ?? current.Value!.Report.Title, edits, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : await JsonAsync(id, reports, me, ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<ReportProblem>>, ProblemHttpResult>> CheckAsync(Guid id, AnnualReportService reports, CurrentUser me,
        CancellationToken ct)
    {
        var r = await reports.GetAsync(id, me.Scope, ct);
        if (r.IsError)
        {
            return r.Error!.ToProblem();
        }

        IReadOnlyList<ReportProblem> problems = r.Value!.Report.IsFrozen ? [] : reports.Check(r.Value);
        return TypedResults.Ok(problems);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DocxAsync(Guid id, AnnualReportService reports, CurrentUser me, TimeProvider time,
        CancellationToken ct)
    {
        var r = await reports.GetAsync(id, me.Scope, ct);
        if (r.IsError)
        {
            return r.Error!.ToProblem();
        }

        var v = r.Value!;
        return TypedResults.File(ReportOutput.Docx(v, ChineseDates.Today(time)), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            $"{v.OrgCode}-{v.Report.Year}-annual-report-v{v.Report.Version}.docx");
    }

    private static async Task<Results<Ok<AnnualReportJson>, ProblemHttpResult>> StepAsync(Guid id, string step, StepRequest? body, AnnualReportService reports,
        CurrentUser me, CancellationToken ct)
    {
        var note = body?.Note;
        var r = step switch
        {
            "submit" => await reports.SubmitAsync(id, me.Scope, ct),
            "return" => await reports.ReturnAsync(id, note, me.Scope, ct),
            "secrecy-review" => await reports.SecrecySignOffAsync(id, note, me.Scope, ct),
            "approve" => await reports.ApproveAsync(id, me.Scope, ct),
            "publish" => await reports.PublishAsync(id, me.Scope, ct),
            "new-version" => await reports.NewVersionAsync(id, me.Scope, ct),
            _ => (Result<AnnualReport>)new NotFoundError("step-not-found", $"操作“{step}”不存在，应为 submit、return、secrecy-review、approve、publish 或 new-version。"),
        };
        return r.IsError ? r.Error!.ToProblem() : await JsonAsync(r.Value!.Id, reports, me, ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<ManualFactRow>>, ProblemHttpResult>> ListFactsAsync(string? org, int? year, string? fact, ManualFactService facts,
        CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await facts.ListAsync(me.Scope, org, year, fact, ct));

    private static async Task<Results<Created<ManualFactRow>, ProblemHttpResult>> AddFactAsync(FactRequest body, ManualFactService facts, CurrentUser me,
        CancellationToken ct)
    {
        var r = await facts.AddAsync(body?.Fact, body?.Org, body?.Year ?? 0, body?.Month, body?.Value, body?.Note, me.Id, me.Scope, ct);
        if (r.IsError)
        {
            return r.Error!.ToProblem();
        }

        var row = (await facts.ListAsync(me.Scope, body!.Org, body.Year, body.Fact, ct)).First(x => x.Id == r.Value!.Id);
        return TypedResults.Created($"/api/manual-facts/{row.Id}", row);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteFactAsync(Guid id, ManualFactService facts, CurrentUser me, CancellationToken ct)
    {
        var r = await facts.DeleteAsync(id, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AnnualReportJson>, ProblemHttpResult>> JsonAsync(Guid id, AnnualReportService reports, CurrentUser me, CancellationToken ct)
    {
        var r = await reports.GetAsync(id, me.Scope, ct);
        return r.IsError ? r.Error!.ToProblem() : TypedResults.Ok(ReportOutput.Json(r.Value!, PublicUrl(r.Value!)));
    }

    private static string? PublicUrl(ReportView v) => v.Report.Status == ReportStatus.Published ? ReportOutput.PublicPath(v.OrgCode, v.Report.Year) : null;
}
