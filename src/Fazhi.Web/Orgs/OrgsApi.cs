using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Orgs;

/// <summary>REST API of the org tree: /api/orgs. Every call is limited to the caller's subtree.</summary>
public static class OrgsApi
{
    public sealed record OrgResponse(string Code, string Name, string Type, string TypeLabel, string? Parent, int Depth);

    public sealed record CreateOrgRequest(string? Code, string? Name, string? Type, string? Parent);

    public sealed record UpdateOrgRequest(string? Name, string? Type, string? Parent);

    public sealed record ImportResponse(int RowsRead, int Created, bool Committed, IReadOnlyList<RowErrorResponse> Errors);

    public sealed record RowErrorResponse(int Line, string Message);

    public static RouteGroupBuilder MapOrgsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orgs").WithTags("Orgs");
        api.MapGet("/", ListAsync).WithName("ListOrgs");
        api.MapGet("/{code}", GetAsync).WithName("GetOrg");
        api.MapGet("/{code}/children", ChildrenAsync).WithName("ListOrgChildren");
        api.MapGet("/{code}/history", HistoryAsync).WithName("GetOrgHistory");
        api.MapPost("/", CreateAsync).WithName("CreateOrg").RequireAuthorization(Policies.ManageOrgs);
        api.MapPut("/{code}", UpdateAsync).WithName("UpdateOrg").RequireAuthorization(Policies.ManageOrgs);
        api.MapPost("/import", ImportAsync).WithName("ImportOrgs").RequireAuthorization(Policies.ManageOrgs).DisableAntiforgery();
        return api;
    }

    /// <summary>Orgs in the caller's subtree, optionally filtered by name or code; ordered by depth then code.</summary>
    private static async Task<Ok<List<OrgResponse>>> ListAsync(AppDbContext db, CurrentUser me, string? q, CancellationToken ct)
    {
        var query = db.OrgsIn(me.Scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var s = q.Trim();
            query = query.Where(o => o.Name.Contains(s) || o.Code.Contains(s));
        }

        return TypedResults.Ok(await LoadAsync(db, query.OrderBy(o => o.Depth).ThenBy(o => o.Code).Take(5000), ct));
    }

    private static async Task<Results<Ok<OrgResponse>, NotFound>> GetAsync(string code, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var org = (await LoadAsync(db, db.OrgsIn(me.Scope).Where(o => o.Code == code), ct)).SingleOrDefault();
        return org is null ? TypedResults.NotFound() : TypedResults.Ok(org);
    }

    private static async Task<Results<Ok<List<OrgResponse>>, NotFound>> ChildrenAsync(string code, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var org = await db.OrgsIn(me.Scope).Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (org is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await LoadAsync(db, db.Orgs.Where(o => o.ParentId == org).OrderBy(o => o.Code), ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditRow>>, NotFound>> HistoryAsync(string code, AppDbContext db, CurrentUser me, AuditQuery audit, CancellationToken ct)
    {
        var org = await db.OrgsIn(me.Scope).Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (org is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await audit.HistoryAsync(nameof(Org), org.Value.ToString(), ct));
    }

    private static async Task<Results<Created<OrgResponse>, ProblemHttpResult>> CreateAsync(CreateOrgRequest body, CreateOrgHandler handler, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new CreateOrg(body.Code, body.Name, body.Type, body.Parent), me.Scope, ct);
        if (result.IsError)
        {
            return result.Error.ToProblem();
        }

        var created = (await LoadAsync(db, db.Orgs.Where(o => o.Id == result.Value.Id), ct)).Single();
        return TypedResults.Created($"/api/orgs/{created.Code}", created);
    }

    private static async Task<Results<Ok<OrgResponse>, ProblemHttpResult>> UpdateAsync(string code, UpdateOrgRequest body, UpdateOrgHandler handler, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new UpdateOrg(code, body.Name, body.Type, body.Parent), me.Scope, ct);
        if (result.IsError)
        {
            return result.Error.ToProblem();
        }

        return TypedResults.Ok((await LoadAsync(db, db.Orgs.Where(o => o.Id == result.Value.Id), ct)).Single());
    }

    /// <summary>Multipart upload (field "file"); <c>?dryRun=true</c> only checks. 200 with the report when committed or
    /// checked, 422 with the report (every bad row with its line) when nothing was imported.</summary>
    private static async Task<Results<Ok<ImportResponse>, UnprocessableEntity<ImportResponse>, ProblemHttpResult>> ImportAsync(
        IFormFile? file, bool? dryRun, ImportOrgsHandler handler, CurrentUser me, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Fazhi.Core.Common.ValidationError.For("file", "请上传 CSV 或 XLSX 文件（表单字段 file）。").ToProblem();
        }

        await using var stream = file.OpenReadStream();
        var report = await handler.HandleAsync(new ImportOrgs(stream, file.FileName, dryRun ?? false), me.Scope, ct);
        var response = new ImportResponse(report.RowsRead, report.Created, report.Committed, report.Errors.Select(e => new RowErrorResponse(e.Line, e.Message)).ToList());
        return report.Ok ? TypedResults.Ok(response) : TypedResults.UnprocessableEntity(response);
    }

    private static async Task<List<OrgResponse>> LoadAsync(AppDbContext db, IQueryable<Org> q, CancellationToken ct) =>
        (await q.Select(o => new { o.Code, o.Name, o.Type, o.Depth, Parent = db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Code).FirstOrDefault() })
            .ToListAsync(ct))
            .Select(x => new OrgResponse(x.Code, x.Name, x.Type.Code(), x.Type.Label(), x.Parent, x.Depth))
            .ToList();
}
