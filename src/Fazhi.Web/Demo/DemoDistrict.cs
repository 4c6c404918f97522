using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Fazhi.Web.Users;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Demo;

/// <summary>What the demo created, for printing once.</summary>
public sealed record DemoResult(int Orgs, IReadOnlyList<(string UserName, string DisplayName, string Org, string Roles)> Users, string Password);

/// <summary>
/// The demo district (云溪区, a fictional county-level district of the fictional 青山市; region codes start with 99,
/// which no real division uses). Created through the same handlers that users' actions go through, so the demo's
/// orgs and users are audited like any others. Later features add their cases here through their own handlers.
/// </summary>
public sealed class DemoDistrict(AppDbContext db, CreateOrgHandler createOrg, UserAccounts accounts, IConfiguration config)
{
    /// <summary>Code of the district government (the root org of the demo).</summary>
    public const string RootCode = "YXQ";

    private static readonly (string Code, string Name)[] Departments =
    [
        ("YXQ-ZFB", "云溪区人民政府办公室"), ("YXQ-FGJ", "云溪区发展和改革局"), ("YXQ-JYJ", "云溪区教育局"),
        ("YXQ-KJJ", "云溪区科学技术局"), ("YXQ-GAJ", "青山市公安局云溪分局"), ("YXQ-MZJ", "云溪区民政局"),
        ("YXQ-CZJ", "云溪区财政局"), ("YXQ-RSJ", "云溪区人力资源和社会保障局"), ("YXQ-ZRJ", "青山市自然资源和规划局云溪分局"),
        ("YXQ-HBJ", "青山市生态环境局云溪分局"), ("YXQ-ZJJ", "云溪区住房和城乡建设局"), ("YXQ-JTJ", "云溪区交通运输局"),
        ("YXQ-SLJ", "云溪区水利局"), ("YXQ-NYJ", "云溪区农业农村局"), ("YXQ-SWJ", "云溪区商务局"),
        ("YXQ-WLJ", "云溪区文化广电旅游体育局"), ("YXQ-WJJ", "云溪区卫生健康局"), ("YXQ-TYJ", "云溪区退役军人事务局"),
        ("YXQ-YJJ", "云溪区应急管理局"), ("YXQ-SJJ", "云溪区审计局"), ("YXQ-SCJ", "云溪区市场监督管理局"),
        ("YXQ-TJJ", "云溪区统计局"), ("YXQ-YBJ", "云溪区医疗保障局"), ("YXQ-ZFJ", "云溪区综合行政执法局"),
        ("YXQ-XFJ", "云溪区信访局"),
    ];

    private static readonly (string Code, string Name, OrgType Type, string RegionCode)[] Townships =
    [
        ("YXQ-CD", "城东街道办事处", OrgType.Subdistrict, "990102001"), ("YXQ-CX", "城西街道办事处", OrgType.Subdistrict, "990102002"),
        ("YXQ-NH", "南湖街道办事处", OrgType.Subdistrict, "990102003"), ("YXQ-BY", "北苑街道办事处", OrgType.Subdistrict, "990102004"),
        ("YXQ-QS", "青石镇人民政府", OrgType.Township, "990102101"), ("YXQ-BS", "白沙镇人民政府", OrgType.Township, "990102102"),
        ("YXQ-TY", "桃源镇人民政府", OrgType.Township, "990102103"), ("YXQ-LX", "柳溪镇人民政府", OrgType.Township, "990102104"),
        ("YXQ-LT", "龙潭镇人民政府", OrgType.Township, "990102105"), ("YXQ-SM", "石门乡人民政府", OrgType.Township, "990102201"),
    ];

    private static readonly (string UserName, string DisplayName, string OrgCode, string[] Roles)[] DemoUsers =
    [
        ("admin", "系统管理员", RootCode, [Roles.PlatformAdmin]),
        ("fazhiban", "王晓梅", "YXQ-SFJ", [Roles.RuleOfLawOffice]),
        ("fuyi", "陈立新", "YXQ-SFJ", [Roles.ReconsiderationStaff]),
        ("yingsu", "刘海涛", "YXQ-SFJ", [Roles.LitigationStaff]),
        ("shencha", "赵文静", "YXQ-SFJ", [Roles.LegalityReviewStaff]),
        ("zhifa", "孙建国", "YXQ-SCJ", [Roles.EnforcementStaff]),
        ("gongkai", "周敏", "YXQ-ZFB", [Roles.InformationRequestStaff]),
        ("tiaojie", "吴春燕", "YXQ-CD-SFS", [Roles.MediationStaff]),
        ("qingshi", "郑国强", "YXQ-QS", [Roles.PlatformAdmin, Roles.MediationStaff]),
        ("lingdao", "黄志远", RootCode, [Roles.Leader]),
        ("shenji", "林雪", RootCode, [Roles.Auditor]),
    ];

    /// <summary>Creates the demo on an empty database. The password of every demo account is FAZHI_ADMIN_PASSWORD
    /// when set, otherwise generated; it is returned to be printed once and stored only as hashes.</summary>
    public async Task<Result<DemoResult>> CreateAsync(CancellationToken ct)
    {
        if (await db.Orgs.AnyAsync(ct))
        {
            return new ConflictError("demo.not_empty", "数据库中已有单位：演示区只能在空数据库中创建。");
        }

        var password = config["FAZHI_ADMIN_PASSWORD"];
        password = string.IsNullOrEmpty(password) ? Auth.IdentitySetup.GeneratePassword() : password;

        await AddRegionsAsync(ct);
        var count = 0;
        async Task AddAsync(string code, string name, OrgType type, string? parent, string? region = null)
        {
            var r = await createOrg.HandleAsync(new CreateOrg(code, name, type.Code(), parent, region), OrgScope.Everything, ct);
            if (r.IsError)
            {
                throw new InvalidOperationException($"Demo org {code} rejected: {r.Error.Message}");
            }

            count++;
        }

        await AddAsync(RootCode, "云溪区人民政府", OrgType.Government, null, "990102");
        await AddAsync("YXQ-SFJ", "云溪区司法局", OrgType.Department, RootCode);
        foreach (var (code, name) in Departments)
        {
            await AddAsync(code, name, OrgType.Department, RootCode);
        }

        foreach (var (code, name, type, region) in Townships)
        {
            await AddAsync(code, name, type, RootCode, region);
            var place = name.Replace("街道办事处", "", StringComparison.Ordinal).Replace("人民政府", "", StringComparison.Ordinal);
            await AddAsync($"{code}-SFS", $"{place}司法所", OrgType.JusticeOffice, code);
        }

        var users = new List<(string, string, string, string)>();
        foreach (var (userName, displayName, orgCode, roles) in DemoUsers)
        {
            var r = await accounts.CreateAsync(new CreateUser(userName, displayName, orgCode, roles, password), OrgScope.Everything, ct);
            if (r.IsError)
            {
                var detail = r.Error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : r.Error.Message;
                return ValidationError.For("password", $"无法创建演示账号 {userName}：{detail}");
            }

            var orgName = await db.Orgs.Where(o => o.Code == orgCode).Select(o => o.Name).SingleAsync(ct);
            users.Add((userName, displayName, orgName, string.Join("、", roles.Select(Roles.Label))));
        }

        return new DemoResult(count, users, password);
    }

    /// <summary>Prints the demo's accounts and the password (the only time it is shown).</summary>
    public static void Print(Result<DemoResult> result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (result.IsError)
        {
            output.WriteLine(result.Error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : result.Error.Message);
            return;
        }

        var demo = result.Value;
        output.WriteLine($"已创建演示区“云溪区”：{demo.Orgs} 个单位，{demo.Users.Count} 个账号。");
        output.WriteLine("演示账号（用户名 — 姓名 — 单位 — 角色）：");
        foreach (var (userName, displayName, org, roles) in demo.Users)
        {
            output.WriteLine($"  {userName,-10} {displayName}  {org}  {roles}");
        }

        output.WriteLine($"所有演示账号的初始密码：{demo.Password}");
        output.WriteLine("（密码只显示这一次，数据库中只保存其哈希；忘记时运行 ./fazhi user reset-password 用户名。）");
    }

    private async Task AddRegionsAsync(CancellationToken ct)
    {
        var province = Region.Create("990000", "江南省（演示）", RegionLevel.Province, null).Value!;
        var city = Region.Create("990100", "青山市", RegionLevel.City, province).Value!;
        var district = Region.Create("990102", "云溪区", RegionLevel.County, city).Value!;
        db.Regions.AddRange(province, city, district);
        foreach (var (_, name, _, code) in Townships)
        {
            var place = name.Replace("办事处", "", StringComparison.Ordinal).Replace("人民政府", "", StringComparison.Ordinal);
            db.Regions.Add(Region.Create(code, place, RegionLevel.Township, district).Value!);
        }

        await db.SaveChangesAsync(ct);
    }
}
