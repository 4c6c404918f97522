namespace Fazhi.Core.Orgs;

/// <summary>An org as lists show it.</summary>
public sealed record OrgSummary(Guid Id, string Code, string Name, OrgType Type, Guid? ParentId, string? ParentCode, int Depth);
