namespace Fazhi.Core.Reports;

/// <summary>Where an annual report stands (docs/annual-report.md).</summary>
public enum ReportStatus
{
    /// <summary>草稿: editable.</summary>
    Draft,

    /// <summary>审核中: submitted; awaiting the secrecy review and approval, or return to draft.</summary>
    InReview,

    /// <summary>已审定: frozen (text and figures); a change needs a new version.</summary>
    Approved,

    /// <summary>已公开: approved and published on the public portal.</summary>
    Published,
}

/// <summary>
/// The five parts every annual report must contain (《法治政府建设与责任落实督察工作规定》, 厅字〔2019〕28号; content list
/// quoted in law.md §8, article number unverified).
/// </summary>
public enum ReportPart
{
    /// <summary>(1) 上一年度推进法治政府建设的主要举措和成效.</summary>
    Measures,

    /// <summary>(2) 存在的不足和原因.</summary>
    Shortcomings,

    /// <summary>(3) 党政主要负责人履行推进法治建设第一责任人职责情况.</summary>
    FirstResponsibility,

    /// <summary>(4) 下一年度推进法治政府建设的主要安排.</summary>
    NextYear,

    /// <summary>(5) 其他需要报告的情况.</summary>
    Other,
}

/// <summary>Codes and labels of report statuses and parts.</summary>
public static class ReportCodes
{
    /// <summary>Every part, in the mandated order.</summary>
    public static IReadOnlyList<ReportPart> Parts { get; } = [ReportPart.Measures, ReportPart.Shortcomings, ReportPart.FirstResponsibility, ReportPart.NextYear, ReportPart.Other];

    /// <summary>Stable code of a part (JSON, API).</summary>
    public static string Code(this ReportPart part) => part switch
    {
        ReportPart.Measures => "measures",
        ReportPart.Shortcomings => "shortcomings",
        ReportPart.FirstResponsibility => "first_responsibility",
        ReportPart.NextYear => "next_year",
        _ => "other",
    };

    /// <summary>What the part must cover, in Chinese.</summary>
    public static string Label(this ReportPart part) => part switch
    {
        ReportPart.Measures => "主要举措和成效",
        ReportPart.Shortcomings => "存在的不足和原因",
        ReportPart.FirstResponsibility => "党政主要负责人履行推进法治建设第一责任人职责情况",
        ReportPart.NextYear => "下一年度主要安排",
        _ => "其他需要报告的情况",
    };

    /// <summary>Parses a part code.</summary>
    public static ReportPart? ParsePart(string? code) => Parts.Cast<ReportPart?>().FirstOrDefault(p => p!.Value.Code() == (code ?? "").Trim());

    /// <summary>Stable code of a status.</summary>
    public static string Code(this ReportStatus status) => status switch
    {
        ReportStatus.Draft => "draft",
        ReportStatus.InReview => "in_review",
        ReportStatus.Approved => "approved",
        _ => "published",
    };

    /// <summary>Chinese label of a status.</summary>
    public static string Label(this ReportStatus status) => status switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.InReview => "审核中",
        ReportStatus.Approved => "已审定",
        _ => "已公开",
    };

    /// <summary>Parses a status code (stored form).</summary>
    public static ReportStatus FromCode(string code) => code switch
    {
        "draft" => ReportStatus.Draft,
        "in_review" => ReportStatus.InReview,
        "approved" => ReportStatus.Approved,
        "published" => ReportStatus.Published,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown report status."),
    };
}

/// <summary>
/// One version of an org's statutory annual report on rule-of-law government (法治政府建设年度报告) for a year. The
/// five parts are text with figure references (<c>{{indicator.id}}</c>) that render the current value until approval;
/// approval freezes the text and the figures (with the cases behind them), and a later change needs a new version.
/// </summary>
public sealed class AnnualReport
{
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest part text.</summary>
    public const int MaxPartLength = 60_000;

    /// <summary>Longest heading.</summary>
    public const int MaxHeadingLength = 120;

    /// <summary>Id.</summary>
    public Guid Id { get; set; }

    /// <summary>The reporting org.</summary>
    public Guid OrgId { get; set; }

    /// <summary>The year reported on.</summary>
    public int Year { get; set; }

    /// <summary>Version, from 1; a new version starts from a copy of the latest.</summary>
    public int Version { get; set; }

    /// <summary>Status.</summary>
    public ReportStatus Status { get; set; }

    /// <summary>Title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Headings of the five parts (editable; customary titles vary).</summary>
    public string MeasuresHeading { get; set; } = "";

    /// <summary>Heading of part 2.</summary>
    public string ShortcomingsHeading { get; set; } = "";

    /// <summary>Heading of part 3.</summary>
    public string FirstResponsibilityHeading { get; set; } = "";

    /// <summary>Heading of part 4.</summary>
    public string NextYearHeading { get; set; } = "";

    /// <summary>Heading of part 5.</summary>
    public string OtherHeading { get; set; } = "";

    /// <summary>Part 1 text.</summary>
    public string Measures { get; set; } = "";

    /// <summary>Part 2 text.</summary>
    public string Shortcomings { get; set; } = "";

    /// <summary>Part 3 text.</summary>
    public string FirstResponsibility { get; set; } = "";

    /// <summary>Part 4 text.</summary>
    public string NextYear { get; set; } = "";

    /// <summary>Part 5 text.</summary>
    public string Other { get; set; } = "";

    /// <summary>Created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Last text change (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who changed the text last.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>Submitted for review (UTC).</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Who submitted it.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>Secrecy review (保密审查) signed off (UTC).</summary>
    public DateTime? SecrecyReviewedAt { get; set; }

    /// <summary>Who signed off the secrecy review.</summary>
    public string? SecrecyReviewedBy { get; set; }

    /// <summary>The reviewer's note.</summary>
    public string? SecrecyNote { get; set; }

    /// <summary>Why it was last returned to draft.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>Approved (UTC).</summary>
    public DateTime? ApprovedAt { get; set; }

    /// <summary>Who approved it.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>The document date printed on it: the China date of approval.</summary>
    public DateOnly? ApprovedOn { get; set; }

    /// <summary>Published (UTC).</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Who published it.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>The China date of publication, shown on the portal.</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>The frozen figures (JSON of <see cref="FrozenFigures"/>), written at approval.</summary>
    public string? FrozenFigures { get; set; }

    /// <summary>Text of a part.</summary>
    public string Text(ReportPart part) => part switch
    {
        ReportPart.Measures => Measures,
        ReportPart.Shortcomings => Shortcomings,
        ReportPart.FirstResponsibility => FirstResponsibility,
        ReportPart.NextYear => NextYear,
        _ => Other,
    };

    /// <summary>Heading of a part.</summary>
    public string Heading(ReportPart part) => part switch
    {
        ReportPart.Measures => MeasuresHeading,
        ReportPart.Shortcomings => ShortcomingsHeading,
        ReportPart.FirstResponsibility => FirstResponsibilityHeading,
        ReportPart.NextYear => NextYearHeading,
        _ => OtherHeading,
    };

    /// <summary>Sets a part's heading and text.</summary>
    public void SetPart(ReportPart part, string heading, string text)
    {
        switch (part)
        {
            case ReportPart.Measures:
                (MeasuresHeading, Measures) = (heading, text);
                break;
            case ReportPart.Shortcomings:
                (ShortcomingsHeading, Shortcomings) = (heading, text);
                break;
            case ReportPart.FirstResponsibility:
                (FirstResponsibilityHeading, FirstResponsibility) = (heading, text);
                break;
            case ReportPart.NextYear:
                (NextYearHeading, NextYear) = (heading, text);
                break;
            default:
                (OtherHeading, Other) = (heading, text);
                break;
        }
    }

    /// <summary>True once approved: text and figures are frozen.</summary>
    public bool IsFrozen => Status is ReportStatus.Approved or ReportStatus.Published;
}
