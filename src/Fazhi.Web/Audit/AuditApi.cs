using Fazhi.Core.Audit;
using Fazhi.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fazhi.Web.Audit;

/// <summary>REST API of the audit log: /api/audit (auditors and platform admins, within their subtree).</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        api.MapGet("/", ListAsync).WithName("ListAuditEntries");
        api.MapGet("/verify", VerifyAsync).WithName("VerifyAuditChain");
        return api;
    }

    /// <summary>Newest first; pass <c>before</c> = the <c>next_before</c> of the previous page.</summary>
    private static async Task<Ok<AuditPage>> ListAsync(AuditQuery audit, CurrentUser me, string? entityType, string? entityId, string? action,
        string? actor, DateTime? from, DateTime? to, long? before, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(new AuditFilter(entityType, entityId, action, actor, null,
            from?.ToUniversalTime(), to?.ToUniversalTime(), before, pageSize ?? 50), me.Scope, ct));

    /// <summary>Walks the whole chain (every auditor may check the whole log's integrity; it reveals no entry's content).</summary>
    private static async Task<Ok<AuditVerification>> VerifyAsync(VerifyAuditChainHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(ct));
}
