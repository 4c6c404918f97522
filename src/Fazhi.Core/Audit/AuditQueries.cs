using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Audit;

/// <summary>Filters for browsing the audit log. <see cref="BeforeSequence"/> is the keyset cursor (newest first).</summary>
public sealed record AuditFilter(
    string? EntityType = null,
    string? EntityId = null,
    string? Action = null,
    string? Actor = null,
    Guid? OrgId = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    long? BeforeSequence = null,
    int PageSize = 50);

/// <summary>An audit entry as lists show it.</summary>
public sealed record AuditRow(long Sequence, DateTime AtUtc, string ActorName, Guid? OrgId, string? OrgName, string Action,
    string EntityType, string EntityId, string ChangedFields, string Hash);

/// <summary>A page of audit rows and the cursor of the next page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long? NextBeforeSequence);

/// <summary>Reads the audit log within a scope: entries made by actors of orgs in the subtree
/// (the operator's command line and system entries are visible to the users of a root org).</summary>
public sealed class AuditQuery(AppDbContext db)
{
    /// <summary>One page, newest first.</summary>
    public async Task<AuditPage> ListAsync(AuditFilter f, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(scope);
        var q = db.AuditEntries.AsNoTracking();
        if (scope.RootOrgId is { } root)
        {
            var ids = db.ScopeIds(scope);
            // Entries of the operator's command line and of the system (org null) belong to the top of the tree:
            // the users of a root org see them, nobody below does.
            var isTopOfTree = await db.Orgs.AnyAsync(o => o.Id == root && o.ParentId == null, ct);
            q = isTopOfTree
                ? q.Where(e => e.OrgId == null || ids.Contains(e.OrgId.Value))
                : q.Where(e => e.OrgId != null && ids.Contains(e.OrgId.Value));
        }

        if (!string.IsNullOrWhiteSpace(f.EntityType))
        {
            q = q.Where(e => e.EntityType == f.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(f.EntityId))
        {
            q = q.Where(e => e.EntityId == f.EntityId);
        }

        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            q = q.Where(e => e.Action == f.Action);
        }

        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            q = q.Where(e => e.ActorName == f.Actor.Trim());
        }

        if (f.OrgId is { } org)
        {
            var sub = db.SubtreeIds(org);
            q = q.Where(e => e.OrgId != null && sub.Contains(e.OrgId.Value));
        }

        if (f.FromUtc is { } from)
        {
            q = q.Where(e => e.AtUtc >= from);
        }

        if (f.ToUtc is { } to)
        {
            q = q.Where(e => e.AtUtc < to);
        }

        if (f.BeforeSequence is { } before)
        {
            q = q.Where(e => e.Sequence < before);
        }

        var size = Math.Clamp(f.PageSize, 1, 500);
        var rows = await q.OrderByDescending(e => e.Sequence).Take(size + 1)
            .Select(e => new AuditRow(e.Sequence, e.AtUtc, e.ActorName, e.OrgId,
                db.Orgs.Where(o => o.Id == e.OrgId).Select(o => o.Name).FirstOrDefault(),
                e.Action, e.EntityType, e.EntityId, e.ChangedFields, e.Hash))
            .ToListAsync(ct);
        var next = rows.Count > size ? rows[size - 1].Sequence : (long?)null;
        return new AuditPage(rows.Take(size).ToList(), next);
    }

    /// <summary>The history of one entity, oldest first (visible when the entity itself is in the caller's scope;
    /// the caller checks that).</summary>
    public async Task<IReadOnlyList<AuditRow>> HistoryAsync(string entityType, string entityId, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderBy(e => e.Sequence)
            .Take(500)
            .Select(e => new AuditRow(e.Sequence, e.AtUtc, e.ActorName, e.OrgId,
                db.Orgs.Where(o => o.Id == e.OrgId).Select(o => o.Name).FirstOrDefault(),
                e.Action, e.EntityType, e.EntityId, e.ChangedFields, e.Hash))
            .ToListAsync(ct);

    /// <summary>The history of an entity together with the entities keyed under it, newest first: entries of
    /// <paramref name="entityType"/> with id <paramref name="entityId"/>, and entries of <paramref name="partType"/> whose id
    /// starts with "<paramref name="entityId"/>/" (a user's roles are keyed "{userId}/{role}"). Visible when the entity
    /// itself is in the caller's scope; the caller checks that.</summary>
    public async Task<IReadOnlyList<AuditRow>> HistoryWithPartsAsync(string entityType, string partType, string entityId, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var prefix = entityId + "/";
        return await db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == entityType && e.EntityId == entityId) || (e.EntityType == partType && e.EntityId.StartsWith(prefix)))
            .OrderByDescending(e => e.Sequence)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(e => new AuditRow(e.Sequence, e.AtUtc, e.ActorName, e.OrgId,
                db.Orgs.Where(o => o.Id == e.OrgId).Select(o => o.Name).FirstOrDefault(),
                e.Action, e.EntityType, e.EntityId, e.ChangedFields, e.Hash))
            .ToListAsync(ct);
    }

    /// <summary>The actions the application records, in display order (for filters).</summary>
    public static IReadOnlyList<string> KnownActions { get; } =
    [
        "created", "updated", "deleted", "sign-in.succeeded", "sign-in.failed", "sign-in.locked",
        "password.reset", "password.changed", "user.locked", "user.unlocked",
    ];

    /// <summary>The entity types the application records, in display order (for filters).</summary>
    public static IReadOnlyList<string> KnownEntityTypes { get; } = ["Org", "User", "UserRole", "Region", "Clock", "ClockSuspension", "ClockExtension", "CalendarYear"];

    /// <summary>Chinese label of an action.</summary>
    public static string ActionLabel(string action) => action switch
    {
        "created" => "新增",
        "updated" => "修改",
        "deleted" => "删除",
        "sign-in.succeeded" => "登录成功",
        "sign-in.failed" => "登录失败",
        "sign-in.locked" => "账号被锁定",
        "password.reset" => "重置密码",
        "password.changed" => "修改密码",
        "user.locked" => "锁定账号",
        "user.unlocked" => "解除锁定",
        _ => action,
    };

    /// <summary>Chinese label of an entity type.</summary>
    public static string EntityLabel(string entityType) => entityType switch
    {
        "Org" => "单位",
        "User" => "用户",
        "UserRole" => "用户角色",
        "Region" => "行政区划",
        "Clock" => "期限",
        "ClockSuspension" => "期限中止",
        "ClockExtension" => "期限延长",
        "CalendarYear" => "节假日安排",
        _ => entityType,
    };
}
