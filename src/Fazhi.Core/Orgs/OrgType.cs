namespace Fazhi.Core.Orgs;

/// <summary>The kind of an org. Stored as its code (see <see cref="OrgTypes"/>).</summary>
public enum OrgType
{
    /// <summary>人民政府.</summary>
    Government,
    /// <summary>政府部门.</summary>
    Department,
    /// <summary>乡镇人民政府.</summary>
    Township,
    /// <summary>街道办事处.</summary>
    Subdistrict,
    /// <summary>司法所.</summary>
    JusticeOffice,
    /// <summary>其他.</summary>
    Other,
}

/// <summary>Codes and Chinese labels of <see cref="OrgType"/>; imports accept either.</summary>
public static class OrgTypes
{
    private static readonly (OrgType Type, string Code, string Label)[] All =
    [
        (OrgType.Government, "government", "人民政府"),
        (OrgType.Department, "department", "政府部门"),
        (OrgType.Township, "township", "乡镇人民政府"),
        (OrgType.Subdistrict, "subdistrict", "街道办事处"),
        (OrgType.JusticeOffice, "justice-office", "司法所"),
        (OrgType.Other, "other", "其他"),
    ];

    /// <summary>Every type, in display order.</summary>
    public static IReadOnlyList<OrgType> Values { get; } = All.Select(a => a.Type).ToArray();

    /// <summary>The stable code, as used in the API, CLI and imports.</summary>
    public static string Code(this OrgType type) => All.First(a => a.Type == type).Code;

    /// <summary>The Chinese label.</summary>
    public static string Label(this OrgType type) => All.First(a => a.Type == type).Label;

    /// <summary>Parses a code or a Chinese label (surrounding spaces ignored, codes case-insensitive).</summary>
    public static bool TryParse(string? text, out OrgType type)
    {
        var t = (text ?? "").Trim();
        foreach (var a in All)
        {
            if (string.Equals(a.Code, t, StringComparison.OrdinalIgnoreCase) || a.Label == t)
            {
                type = a.Type;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Parses a stored code; unknown codes read as <see cref="OrgType.Other"/>.</summary>
    public static OrgType FromCode(string code) => TryParse(code, out var t) ? t : OrgType.Other;

    /// <summary>A hint listing accepted values, for error messages.</summary>
    public static string Hint { get; } = string.Join("、", All.Select(a => $"{a.Code}（{a.Label}）"));
}
