using Fazhi.Core.Orgs;
using Fazhi.TestKit;
using Microsoft.EntityFrameworkCore;
using Shouldly;

namespace Fazhi.Core.Tests;

/// <summary>Builds org trees through the real handlers, one context per call (as separate requests would).</summary>
internal static class OrgBuilder
{
    /// <summary>Creates an org; each call is a separate save, one minute after the previous one.</summary>
    public static async Task<Org> CreateAsync(this CoreDatabase core, string code, string name, OrgType type, string? parentCode = null)
    {
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = core.NewContext();
        var result = await new CreateOrgHandler(db, core.Clock).HandleAsync(
            new CreateOrg(code, name, type.Code(), parentCode), OrgScope.Everything, CancellationToken.None);
        result.IsError.ShouldBeFalse(result.Error?.ToString());
        return result.Value;
    }

    /// <summary>Renames an org or moves it under another parent, keeping what is not given.</summary>
    public static async Task<Fazhi.Core.Common.Result<Org>> UpdateAsync(this CoreDatabase core, string code, string? name = null,
        string? parentCode = null, OrgScope? scope = null)
    {
        core.Clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = core.NewContext();
        var org = await db.Orgs.AsNoTracking().SingleAsync(o => o.Code == code);
        var currentParent = org.ParentId is { } p ? await db.Orgs.Where(o => o.Id == p).Select(o => o.Code).SingleAsync() : null;
        return await new UpdateOrgHandler(db).HandleAsync(
            new UpdateOrg(code, name ?? org.Name, org.Type.Code(), parentCode ?? currentParent), scope ?? OrgScope.Everything, CancellationToken.None);
    }

    /// <summary>
    /// The demo shape: 云溪区人民政府 (yx) ▸ 司法局 (yx-sfj), 青山镇 (yx-qs) ▸ 青山司法所 (yx-qs-sfs); 白沙街道 (yx-bs).
    /// </summary>
    public static async Task SeedDistrictAsync(this CoreDatabase core)
    {
        await core.CreateAsync("yx", "云溪区人民政府", OrgType.Government);
        await core.CreateAsync("yx-sfj", "云溪区司法局", OrgType.Department, "yx");
        await core.CreateAsync("yx-qs", "青山镇人民政府", OrgType.Township, "yx");
        await core.CreateAsync("yx-qs-sfs", "青山司法所", OrgType.JusticeOffice, "yx-qs");
        await core.CreateAsync("yx-bs", "白沙街道办事处", OrgType.Subdistrict, "yx");
    }

    /// <summary>The id of an org by code.</summary>
    public static Task<Guid> IdOfAsync(this CoreDatabase core, string code) =>
        core.WithContextAsync(db => db.Orgs.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());
}
