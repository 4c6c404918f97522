namespace Fazhi.Core.Reports;

/// <summary>
/// A kind of fact that no ledger of Fazhi records yet (law study sessions, legal-education events, legal advisers,
/// documents issued…). Its figure for an org subtree and year is the sum of the facts entered for it; once a line of
/// work records it, its definition moves to the indicator catalog.
/// </summary>
/// <param name="Id">Stable id, <c>manual.*</c>; usable as a figure reference in a report.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Unit">Unit as printed (次, 场, 人, 件…).</param>
/// <param name="Source">Where reports customarily cite it.</param>
public sealed record ManualFactDefinition(string Id, string Name, string Unit, string Source);

/// <summary>The catalog of manual facts.</summary>
public static class ManualFacts
{
    /// <summary>Case type under which evidence files are stored (the attachment store).</summary>
    public const string EvidenceType = "manual-fact";

    /// <summary>Every definition, in display order (indicators-and-reports.md §A4, "other numbers that often appear").</summary>
    public static IReadOnlyList<ManualFactDefinition> All { get; } =
    [
        new("manual.law_study_sessions", "政府常务会议会前学法", "次", "indicators-and-reports.md §A4（常务会议会前学法次数）"),
        new("manual.leaders_law_reports", "领导干部述法", "人", "indicators-and-reports.md §D3（述法）"),
        new("manual.legal_education_events", "开展普法宣传活动", "场", "indicators-and-reports.md §A1（谁执法谁普法）"),
        new("manual.legal_advisers", "聘请政府法律顾问和公职律师", "人", "indicators-and-reports.md §A4（法律顾问覆盖率）"),
        new("manual.normative_documents_issued", "制发行政规范性文件", "件", "indicators-and-reports.md §A4（规范性文件报备率）"),
        new("manual.normative_documents_filed", "报送备案行政规范性文件", "件", "indicators-and-reports.md §A4（规范性文件报备率）"),
        new("manual.major_decisions_reviewed", "重大行政决策事项经合法性审核", "件", "indicators-and-reports.md §A4（重大行政决策合法性审核率）"),
        new("manual.contracts_reviewed", "审查行政协议和合同", "件", "indicators-and-reports.md §A4"),
        new("manual.enforcement_staff_trained", "行政执法人员培训", "人次", "indicators-and-reports.md §A4（执法人员持证率）"),
        new("manual.enforcement_files_reviewed", "评查行政执法案卷", "件", "indicators-and-reports.md §A4（执法案卷评查合格率）"),
    ];

    /// <summary>The definition with this id, or null.</summary>
    public static ManualFactDefinition? Find(string? id) => All.FirstOrDefault(d => d.Id == (id ?? "").Trim());
}

/// <summary>One manual fact: a value for an org and a period (a year, or one month of it), with who entered it and its
/// evidence files (attachments of type <see cref="ManualFacts.EvidenceType"/>). Changes are audited.</summary>
public sealed class ManualFact
{
    /// <summary>Longest note.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Largest value accepted.</summary>
    public const double MaxValue = 1_000_000_000;

    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>Definition id (<c>manual.*</c>).</summary>
    public string FactId { get; set; } = "";

    /// <summary>The org the fact belongs to.</summary>
    public Guid OrgId { get; set; }

    /// <summary>Year.</summary>
    public int Year { get; set; }

    /// <summary>Month (1–12), or null for the whole year.</summary>
    public int? Month { get; set; }

    /// <summary>Value.</summary>
    public double Value { get; set; }

    /// <summary>What was counted and where it comes from.</summary>
    public string? Note { get; set; }

    /// <summary>Who entered it (user id).</summary>
    public Guid? EnteredBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTime EnteredAt { get; set; }
}
