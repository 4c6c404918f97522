using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Core.Orgs;

/// <summary>Create an org under a parent (by code). Only an unrestricted scope may create a root.</summary>
public sealed record CreateOrg(string? Code, string? Name, string? Type, string? ParentCode, string? RegionCode = null);

/// <summary>Handles <see cref="CreateOrg"/>.</summary>
public sealed class CreateOrgHandler(AppDbContext db, TimeProvider clock)
{
    /// <summary>Creates the org, or returns field errors in Chinese.</summary>
    public async Task<Result<Org>> HandleAsync(CreateOrg cmd, OrgScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(scope);
        var errors = new Dictionary<string, string[]>();
        if (Org.CheckCode(cmd.Code) is { } codeError)
        {
            errors["code"] = [codeError];
        }
        else if (await db.Orgs.AnyAsync(o => o.Code == cmd.Code!.Trim(), ct))
        {
            errors["code"] = [$"编码“{cmd.Code!.Trim()}”已被其他单位使用。"];
        }

        if (Org.CheckName(cmd.Name) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (!OrgTypes.TryParse(cmd.Type, out var type))
        {
            errors["type"] = [$"单位类型无效，可选：{OrgTypes.Hint}。"];
        }

        Org? parent = null;
        if (!string.IsNullOrWhiteSpace(cmd.ParentCode))
        {
            parent = await db.Orgs.SingleOrDefaultAsync(o => o.Code == cmd.ParentCode.Trim(), ct);
            if (parent is null || !await db.IsInScopeAsync(scope, parent.Id, ct))
            {
                errors["parentCode"] = [$"上级单位“{cmd.ParentCode.Trim()}”不存在或不在您的管辖范围内。"];
            }
        }
        else if (scope.RootOrgId is not null)
        {
            errors["parentCode"] = ["请选择上级单位。"];
        }

        var regionId = parent?.RegionId;
        if (!string.IsNullOrWhiteSpace(cmd.RegionCode))
        {
            regionId = await db.Regions.Where(r => r.Code == cmd.RegionCode.Trim()).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
            if (regionId is null)
            {
                errors["regionCode"] = [$"行政区划代码“{cmd.RegionCode.Trim()}”不存在。"];
            }
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        var org = Org.Create(cmd.Code!, cmd.Name!, type, parent, regionId, clock.GetUtcNow().UtcDateTime);
        db.Orgs.Add(org);
        await db.AddToTreeAsync(org, parent?.Id, ct);
        await db.SaveChangesAsync(ct);
        return org;
    }
}
