namespace Fazhi.Core.Common;

/// <summary>
/// Stable English codes and Chinese labels of an enum, as used in the API, imports and storage. Parsing accepts either,
/// ignoring surrounding spaces and (for codes) case.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class CodeTable<TEnum>
    where TEnum : struct, Enum
{
    private readonly (TEnum Value, string Code, string Label)[] _all;

    /// <summary>Creates the table; every value of the enum must appear once.</summary>
    public CodeTable(params (TEnum Value, string Code, string Label)[] all)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (all.Select(a => a.Value).Distinct().Count() != Enum.GetValues<TEnum>().Length)
        {
            throw new ArgumentException($"Every value of {typeof(TEnum).Name} needs one code.", nameof(all));
        }

        _all = all;
        Hint = string.Join("、", all.Select(a => $"{a.Code}（{a.Label}）"));
    }

    /// <summary>Values in display order.</summary>
    public IEnumerable<TEnum> Values => _all.Select(a => a.Value);

    /// <summary>Accepted values for error messages: code（label）、…</summary>
    public string Hint { get; }

    /// <summary>The code of a value.</summary>
    public string Code(TEnum value) => Find(value).Code;

    /// <summary>The Chinese label of a value.</summary>
    public string Label(TEnum value) => Find(value).Label;

    /// <summary>Parses a code or label.</summary>
    public bool TryParse(string? text, out TEnum value)
    {
        var t = (text ?? "").Trim();
        foreach (var a in _all)
        {
            if (string.Equals(a.Code, t, StringComparison.OrdinalIgnoreCase) || a.Label == t)
            {
                value = a.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Parses a stored code; throws on an unknown one (the database holds only valid codes).</summary>
    public TEnum FromCode(string code) =>
        TryParse(code, out var v) ? v : throw new ArgumentOutOfRangeException(nameof(code), code, $"Unknown {typeof(TEnum).Name} code.");

    private (TEnum Value, string Code, string Label) Find(TEnum value)
    {
        foreach (var a in _all)
        {
            if (EqualityComparer<TEnum>.Default.Equals(a.Value, value))
            {
                return a;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }
}
