using System.ComponentModel.DataAnnotations;

namespace Fazhi.Web.Users;

/// <summary>The fields the create and edit forms share: name, org and roles.</summary>
public class UserFormInput
{
    [Required(ErrorMessage = "请输入姓名。")]
    [StringLength(50, ErrorMessage = "姓名不能超过 50 个字。")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "请选择所属单位。")]
    public string OrgCode { get; set; } = "";

    [MinLength(1, ErrorMessage = "请至少选择一个角色。")]
    public List<string> Roles { get; set; } = [];
}

/// <summary>The model of the shared fields partial. The property is named Input so that field names and
/// model-state keys match the page's <c>Input</c>.</summary>
public sealed record UserFieldsView(UserFormInput Input, IReadOnlyList<OrgChoice> Orgs);
