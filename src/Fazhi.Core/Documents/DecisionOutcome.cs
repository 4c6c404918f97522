namespace Fazhi.Core.Documents;

/// <summary>The outcome of a reconsideration decision (行政复议决定的种类).</summary>
public enum DecisionOutcome
{
    /// <summary>维持 (<c>uphold</c>).</summary>
    Uphold,

    /// <summary>撤销 (<c>revoke</c>).</summary>
    Revoke,

    /// <summary>变更 (<c>change</c>).</summary>
    Change,

    /// <summary>确认违法 (<c>confirm_illegal</c>).</summary>
    ConfirmIllegal,

    /// <summary>责令履行 (<c>order_perform</c>).</summary>
    OrderPerform,

    /// <summary>确认无效 (<c>confirm_invalid</c>); the 2017 law has no such decision.</summary>
    ConfirmInvalid,

    /// <summary>驳回行政复议请求 (<c>dismiss_claim</c>).</summary>
    DismissClaim,

    /// <summary>驳回行政复议申请 (<c>reject_application</c>).</summary>
    RejectApplication,
}

/// <summary>Codes and Chinese labels of <see cref="DecisionOutcome"/>.</summary>
public static class DecisionOutcomes
{
    private static readonly (DecisionOutcome Outcome, string Code, string Label)[] Table =
    [
        (DecisionOutcome.Uphold, "uphold", "维持"),
        (DecisionOutcome.Revoke, "revoke", "撤销"),
        (DecisionOutcome.Change, "change", "变更"),
        (DecisionOutcome.ConfirmIllegal, "confirm_illegal", "确认违法"),
        (DecisionOutcome.OrderPerform, "order_perform", "责令履行"),
        (DecisionOutcome.ConfirmInvalid, "confirm_invalid", "确认无效"),
        (DecisionOutcome.DismissClaim, "dismiss_claim", "驳回行政复议请求"),
        (DecisionOutcome.RejectApplication, "reject_application", "驳回行政复议申请"),
    ];

    /// <summary>Every outcome.</summary>
    public static IReadOnlyList<DecisionOutcome> All { get; } = [.. Table.Select(t => t.Outcome)];

    /// <summary>The stable code: <c>confirm_illegal</c>.</summary>
    public static string Code(this DecisionOutcome outcome) => Table.Single(t => t.Outcome == outcome).Code;

    /// <summary>The Chinese label: 确认违法.</summary>
    public static string Label(this DecisionOutcome outcome) => Table.Single(t => t.Outcome == outcome).Label;

    /// <summary>Parses a code (<c>uphold</c>) or a Chinese label (维持).</summary>
    public static bool TryParse(string? text, out DecisionOutcome outcome)
    {
        var value = text?.Trim();
        foreach (var row in Table)
        {
            if (string.Equals(row.Code, value, StringComparison.OrdinalIgnoreCase) || row.Label == value)
            {
                outcome = row.Outcome;
                return true;
            }
        }

        outcome = default;
        return false;
    }
}
