using System.Text.RegularExpressions;
using Fazhi.Core.Common;

namespace Fazhi.Core.Orgs;

/// <summary>
/// A unit in the org tree (单位/机关): a government, a department, a township, a justice office.
/// Who may see and change a record follows this tree (jurisdiction, not creator).
/// </summary>
public sealed partial class Org
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxNameLength = 100;

    private Org()
    {
    }

    /// <summary>Surrogate key.</summary>
    public Guid Id { get; private set; }

    /// <summary>Stable code, unique across the installation (e.g. the unified social credit code or a local code).</summary>
    public string Code { get; private set; } = "";

    /// <summary>Full name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Kind of unit.</summary>
    public OrgType Type { get; private set; }

    /// <summary>Parent org; null for a root.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>Administrative region the org belongs to, when known.</summary>
    public Guid? RegionId { get; private set; }

    /// <summary>Depth in the tree: 0 for a root.</summary>
    public int Depth { get; private set; }

    /// <summary>When the org was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Validates a code: 1–32 letters, digits, '-' or '_'.</summary>
    public static string? CheckCode(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "编码不能为空。"
        : !CodePattern().IsMatch(code.Trim()) ? "编码只能包含字母、数字、“-”和“_”，长度 1–32。"
        : null;

    /// <summary>Validates a name.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "名称不能为空。"
        : name.Trim().Length > MaxNameLength ? $"名称不能超过 {MaxNameLength} 个字。"
        : null;

    /// <summary>Creates an org under <paramref name="parent"/> (or a root when null). Inputs must have passed the checks.</summary>
    public static Org Create(string code, string name, OrgType type, Org? parent, Guid? regionId, DateTime nowUtc) => new()
    {
        Id = Ids.New(),
        Code = code.Trim(),
        Name = name.Trim(),
        Type = type,
        ParentId = parent?.Id,
        RegionId = regionId,
        Depth = parent is null ? 0 : parent.Depth + 1,
        CreatedAtUtc = nowUtc,
    };

    /// <summary>Renames the org and changes its type or region.</summary>
    public void Update(string name, OrgType type, Guid? regionId)
    {
        Name = name.Trim();
        Type = type;
        RegionId = regionId;
    }

    /// <summary>Moves the org under another parent; the caller keeps the closure table in step.</summary>
    internal void MoveUnder(Org newParent)
    {
        ParentId = newParent.Id;
        Depth = newParent.Depth + 1;
    }

    /// <summary>Shifts the depth after an ancestor moved.</summary>
    internal void ShiftDepth(int delta) => Depth += delta;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();
}

/// <summary>
/// One row of the org tree's closure table: <see cref="AncestorId"/> is <see cref="DescendantId"/> itself
/// (distance 0) or one of its ancestors. Subtree and ancestor queries become single index lookups.
/// </summary>
public sealed class OrgClosure
{
    private OrgClosure()
    {
    }

    internal OrgClosure(Guid ancestorId, Guid descendantId, int distance)
    {
        AncestorId = ancestorId;
        DescendantId = descendantId;
        Distance = distance;
    }

    /// <summary>The ancestor (or the org itself).</summary>
    public Guid AncestorId { get; private set; }

    /// <summary>The descendant.</summary>
    public Guid DescendantId { get; private set; }

    /// <summary>Number of edges between the two; 0 for the self row.</summary>
    public int Distance { get; private set; }
}
