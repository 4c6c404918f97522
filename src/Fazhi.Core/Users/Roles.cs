namespace Fazhi.Core.Users;

/// <summary>The fixed set of roles. Codes are stored; labels are shown.</summary>
public static class Roles
{
    /// <summary>平台管理员: manages orgs and users in scope.</summary>
    public const string PlatformAdmin = "platform-admin";
    /// <summary>法治办: supervises units, drafts the annual report.</summary>
    public const string RuleOfLawOffice = "rule-of-law-office";
    /// <summary>行政复议工作人员.</summary>
    public const string ReconsiderationStaff = "reconsideration-staff";
    /// <summary>行政应诉工作人员.</summary>
    public const string LitigationStaff = "litigation-staff";
    /// <summary>行政执法人员.</summary>
    public const string EnforcementStaff = "enforcement-staff";
    /// <summary>人民调解员.</summary>
    public const string MediationStaff = "mediation-staff";
    /// <summary>合法性审查人员.</summary>
    public const string LegalityReviewStaff = "legality-review-staff";
    /// <summary>依申请公开工作人员.</summary>
    public const string InformationRequestStaff = "information-request-staff";
    /// <summary>领导（只读）.</summary>
    public const string Leader = "leader";
    /// <summary>审计员: reads and verifies the audit log.</summary>
    public const string Auditor = "auditor";

    private static readonly (string Code, string Label)[] Table =
    [
        (PlatformAdmin, "平台管理员"),
        (RuleOfLawOffice, "法治办工作人员"),
        (ReconsiderationStaff, "行政复议工作人员"),
        (LitigationStaff, "行政应诉工作人员"),
        (EnforcementStaff, "行政执法人员"),
        (MediationStaff, "人民调解工作人员"),
        (LegalityReviewStaff, "合法性审查工作人员"),
        (InformationRequestStaff, "依申请公开工作人员"),
        (Leader, "领导（只读）"),
        (Auditor, "审计员"),
    ];

    /// <summary>Every role code, in display order.</summary>
    public static IReadOnlyList<string> All { get; } = Table.Select(t => t.Code).ToArray();

    /// <summary>Chinese label of a role code (the code itself when unknown).</summary>
    public static string Label(string code) => Table.FirstOrDefault(t => t.Code == code).Label ?? code;

    /// <summary>True for a known role code.</summary>
    public static bool IsKnown(string code) => Table.Any(t => t.Code == code);

    /// <summary>Parses a code or a Chinese label.</summary>
    public static string? Parse(string? text)
    {
        var t = (text ?? "").Trim();
        return Table.FirstOrDefault(r => string.Equals(r.Code, t, StringComparison.OrdinalIgnoreCase) || r.Label == t).Code;
    }

    /// <summary>Roles that may manage orgs within their scope.</summary>
    public static readonly string[] OrgAdmins = [PlatformAdmin, RuleOfLawOffice];

    /// <summary>Roles that may act on cases and their clocks within their scope.</summary>
    public static readonly string[] CaseHandlers =
    [
        PlatformAdmin, RuleOfLawOffice, ReconsiderationStaff, LitigationStaff, EnforcementStaff, MediationStaff,
        LegalityReviewStaff, InformationRequestStaff,
    ];

    /// <summary>Roles that may browse the audit log within their scope.</summary>
    public static readonly string[] AuditReaders = [Auditor, PlatformAdmin];
}
