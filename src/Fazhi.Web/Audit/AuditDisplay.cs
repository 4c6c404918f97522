using Fazhi.Core.Users;

namespace Fazhi.Web.Audit;

/// <summary>How pages show audit entries: Chinese names for the recorded property names.</summary>
public static class AuditDisplay
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["DisplayName"] = "姓名",
        ["OrgId"] = "所属单位",
        ["PasswordHash"] = "密码",
        ["SecurityStamp"] = "安全标记",
        ["ConcurrencyStamp"] = "版本标记",
        ["LockoutEnd"] = "锁定截止时间",
        ["LockoutEnabled"] = "允许锁定",
        ["AccessFailedCount"] = "连续登录失败次数",
        ["MustChangePassword"] = "须修改密码",
        ["Name"] = "名称",
        ["Code"] = "编码",
        ["Type"] = "类型",
        ["ParentId"] = "上级单位",
        ["RegionId"] = "行政区划",
        ["Depth"] = "层级",
    };

    /// <summary>The changed fields (stored as comma-separated property names) in Chinese, joined with "、".</summary>
    public static string FieldLabels(string changedFields) =>
        string.Join("、", (changedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => FieldNames.GetValueOrDefault(f, f)));

    /// <summary>The role part of a user-role key "{userId}/{role}", as its Chinese label.</summary>
    public static string? RoleOf(string entityId)
    {
        var slash = (entityId ?? "").IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : Roles.Label(entityId![(slash + 1)..]);
    }
}
