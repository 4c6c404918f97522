using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Orgs;

/// <summary>Rename an org, change its type, or move it under another parent (by code). The code never changes.</summary>
public sealed record UpdateOrg(string Code, string? Name, string? Type, string? ParentCode);

/// <summary>Handles <see cref="UpdateOrg"/>, keeping the closure table in step when the org moves.</summary>
public sealed class UpdateOrgHandler(AppDbContext db)
{
    /// <summary>Updates the org, or returns errors in Chinese.</summary>
    public async Task<Result<Org>> HandleAsync(UpdateOrg cmd, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(scope);
        var org = await db.Orgs.SingleOrDefaultAsync(o => o.Code == cmd.Code, ct);
        if (org is null || !await db.IsInScopeAsync(scope, org.Id, ct))
        {
            return new NotFoundError("org.not_found", $"单位“{cmd.Code}”不存在或不在您的管辖范围内。");
        }

        var errors = new Dictionary<string, string[]>();
        if (Org.CheckName(cmd.Name) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (!OrgTypes.TryParse(cmd.Type, out var type))
        {
            errors["type"] = [$"单位类型无效，可选：{OrgTypes.Hint}。"];
        }

        Org? newParent = null;
        var parentCode = string.IsNullOrWhiteSpace(cmd.ParentCode) ? null : cmd.ParentCode.Trim();
        var currentParentCode = org.ParentId is { } pid ? await db.Orgs.Where(o => o.Id == pid).Select(o => o.Code).SingleAsync(ct) : null;
        if (parentCode != currentParentCode)
        {
            if (parentCode is null)
            {
                errors["parentCode"] = ["不能把单位改为根单位。"];
            }
            else if (scope.RootOrgId == org.Id)
            {
                errors["parentCode"] = ["不能移动您本人所属的单位。"];
            }
            else
            {
                newParent = await db.Orgs.SingleOrDefaultAsync(o => o.Code == parentCode, ct);
                if (newParent is null || !await db.IsInScopeAsync(scope, newParent.Id, ct))
                {
                    errors["parentCode"] = [$"上级单位“{parentCode}”不存在或不在您的管辖范围内。"];
                }
                else if (await db.OrgClosures.AnyAsync(c => c.AncestorId == org.Id && c.DescendantId == newParent.Id, ct))
                {
                    errors["parentCode"] = ["不能把单位移到它自己或它的下级单位之下。"];
                }
            }
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        org.Update(cmd.Name!, type, org.RegionId);
        if (newParent is not null)
        {
            await MoveAsync(org, newParent, ct);
        }

        await db.SaveChangesAsync(ct);
        return org;
    }

    private async Task MoveAsync(Org org, Org newParent, CancellationToken ct)
    {
        var subtree = await db.OrgClosures.Where(c => c.AncestorId == org.Id).ToListAsync(ct);
        var subtreeIds = subtree.Select(c => c.DescendantId).ToList();
        var oldAbove = await db.OrgClosures
            .Where(c => subtreeIds.Contains(c.DescendantId) && !subtreeIds.Contains(c.AncestorId))
            .ToListAsync(ct);
        db.OrgClosures.RemoveRange(oldAbove);

        var newAbove = await db.OrgClosures.Where(c => c.DescendantId == newParent.Id).ToListAsync(ct);
        foreach (var a in newAbove)
        {
            foreach (var d in subtree)
            {
                db.OrgClosures.Add(new OrgClosure(a.AncestorId, d.DescendantId, a.Distance + 1 + d.Distance));
            }
        }

        var delta = newParent.Depth + 1 - org.Depth;
        org.MoveUnder(newParent);
        if (delta != 0)
        {
            var below = subtreeIds.Where(id => id != org.Id).ToList();
            foreach (var child in await db.Orgs.Where(o => below.Contains(o.Id)).ToListAsync(ct))
            {
                child.ShiftDepth(delta);
            }
        }
    }
}
