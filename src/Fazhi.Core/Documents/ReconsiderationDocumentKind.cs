namespace Fazhi.Core.Documents;

/// <summary>The documents of an administrative reconsideration (行政复议) case that Fazhi generates.</summary>
public enum ReconsiderationDocumentKind
{
    /// <summary>行政复议受理通知书 (<c>acceptance-notice</c>).</summary>
    AcceptanceNotice,

    /// <summary>补正行政复议申请通知书 (<c>correction-notice</c>).</summary>
    CorrectionNotice,

    /// <summary>不予受理行政复议申请决定书 (<c>non-acceptance-decision</c>).</summary>
    NonAcceptanceDecision,

    /// <summary>提出答复通知书, to the respondent (<c>answer-notice</c>).</summary>
    AnswerNotice,

    /// <summary>行政复议听证通知书 (<c>hearing-notice</c>).</summary>
    HearingNotice,

    /// <summary>行政复议中止审理通知书 (<c>suspension-notice</c>).</summary>
    SuspensionNotice,

    /// <summary>行政复议恢复审理通知书 (<c>resumption-notice</c>).</summary>
    ResumptionNotice,

    /// <summary>行政复议延期审理通知书 (<c>extension-notice</c>).</summary>
    ExtensionNotice,

    /// <summary>行政复议决定书 (<c>decision</c>).</summary>
    Decision,
}

/// <summary>Codes and Chinese titles of <see cref="ReconsiderationDocumentKind"/>.</summary>
public static class ReconsiderationDocumentKinds
{
    private static readonly (ReconsiderationDocumentKind Kind, string Code, string Title)[] Table =
    [
        (ReconsiderationDocumentKind.AcceptanceNotice, "acceptance-notice", "行政复议受理通知书"),
        (ReconsiderationDocumentKind.CorrectionNotice, "correction-notice", "补正行政复议申请通知书"),
        (ReconsiderationDocumentKind.NonAcceptanceDecision, "non-acceptance-decision", "不予受理行政复议申请决定书"),
        (ReconsiderationDocumentKind.AnswerNotice, "answer-notice", "提出答复通知书"),
        (ReconsiderationDocumentKind.HearingNotice, "hearing-notice", "行政复议听证通知书"),
        (ReconsiderationDocumentKind.SuspensionNotice, "suspension-notice", "行政复议中止审理通知书"),
        (ReconsiderationDocumentKind.ResumptionNotice, "resumption-notice", "行政复议恢复审理通知书"),
        (ReconsiderationDocumentKind.ExtensionNotice, "extension-notice", "行政复议延期审理通知书"),
        (ReconsiderationDocumentKind.Decision, "decision", "行政复议决定书"),
    ];

    /// <summary>Every kind, in the order a case meets them.</summary>
    public static IReadOnlyList<ReconsiderationDocumentKind> All { get; } = [.. Table.Select(t => t.Kind)];

    /// <summary>The stable code, also the template's file name without <c>.txt</c>: <c>acceptance-notice</c>.</summary>
    public static string Code(this ReconsiderationDocumentKind kind) => Row(kind).Code;

    /// <summary>The Chinese title: 行政复议受理通知书.</summary>
    public static string Title(this ReconsiderationDocumentKind kind) => Row(kind).Title;

    /// <summary>Parses a code (<c>decision</c>) or a Chinese title (行政复议决定书).</summary>
    public static bool TryParse(string? text, out ReconsiderationDocumentKind kind)
    {
        var value = text?.Trim();
        foreach (var row in Table)
        {
            if (string.Equals(row.Code, value, StringComparison.OrdinalIgnoreCase) || row.Title == value)
            {
                kind = row.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    private static (ReconsiderationDocumentKind Kind, string Code, string Title) Row(ReconsiderationDocumentKind kind) =>
        Table.Single(t => t.Kind == kind);
}
