using Fazhi.Core.Data;
using Fazhi.Core.Litigation;
using Fazhi.Core.Reconsideration;
using Microsoft.Extensions.Configuration;

namespace Fazhi.Core.Indicators;

/// <summary>Unit of an indicator value.</summary>
public enum IndicatorUnit
{
    /// <summary>A number of cases (件).</summary>
    Count,

    /// <summary>A percentage (%), unrounded.</summary>
    Percent,

    /// <summary>A plain ratio (x:1).</summary>
    Ratio,
}

/// <summary>The kinds of case sets indicators count. Each kind is one predicate over one ledger (see docs/indicators.md).</summary>
public enum CaseSetKind
{
    /// <summary>Reconsideration applications received in the year (received_on in the year).</summary>
    ReconsiderationReceived,

    /// <summary>Reconsideration cases accepted in the year (accepted_on).</summary>
    ReconsiderationAccepted,

    /// <summary>Reconsideration applications not accepted in the year (not_accepted_on).</summary>
    ReconsiderationNotAccepted,

    /// <summary>Accepted reconsideration cases concluded in the year (closed_on), optionally with an outcome in a set.</summary>
    ReconsiderationConcluded,

    /// <summary>Reconsideration cases that overran their decision period (decision clocks).</summary>
    ReconsiderationOverdue,

    /// <summary>Lawsuits filed in the year (filed_year).</summary>
    LitigationFiled,

    /// <summary>Lawsuits concluded in the year (closed_on), optionally with an outcome in a set or by judgment only.</summary>
    LitigationConcluded,

    /// <summary>Lawsuits with at least one hearing in the year (or the hearings themselves).</summary>
    LitigationHeard,

    /// <summary>Heard lawsuits where the agency head appeared at a hearing of the year.</summary>
    LitigationHeadPresent,

    /// <summary>Heard lawsuits where the agency head spoke at a hearing of the year.</summary>
    LitigationHeadSpoke,
}

/// <summary>Which ledger a case set counts.</summary>
public enum CaseLine
{
    /// <summary>行政复议.</summary>
    Reconsideration,

    /// <summary>行政应诉.</summary>
    Litigation,
}

/// <summary>
/// A named set of cases: a predicate kind plus its configurable membership (outcome codes, instances, judgments only,
/// hearing sessions instead of cases).
/// </summary>
/// <param name="Id">Stable name, e.g. <c>reconsideration.concluded_excluding_terminated</c>.</param>
/// <param name="Name">Chinese description shown next to the number.</param>
/// <param name="Kind">Predicate.</param>
/// <param name="Outcomes">Outcome codes a concluded case must have; null = any outcome.</param>
/// <param name="Instances">Litigation instances counted; null = all.</param>
/// <param name="JudgmentsOnly">Litigation: only cases closed by judgment (判决).</param>
/// <param name="CountHearings">Litigation hearings: count hearing sessions instead of cases.</param>
public sealed record CaseSet(string Id, string Name, CaseSetKind Kind, IReadOnlySet<string>? Outcomes = null,
    IReadOnlySet<Instance>? Instances = null, bool JudgmentsOnly = false, bool CountHearings = false)
{
    /// <summary>The ledger the set counts.</summary>
    public CaseLine Line => Kind <= CaseSetKind.ReconsiderationOverdue ? CaseLine.Reconsideration : CaseLine.Litigation;

    /// <summary>Short description of the membership, for the docs and the page.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Outcomes is not null)
        {
            parts.Add("结案方式：" + string.Join("、", Outcomes.Order(StringComparer.Ordinal).Select(o =>
                Line == CaseLine.Reconsideration ? ReconsiderationCodes.Outcomes.Label(ReconsiderationCodes.Outcomes.FromCode(o)) : LitigationCodes.Outcomes.Label(LitigationCodes.Outcomes.FromCode(o)))));
        }

        if (Instances is not null)
        {
            parts.Add("审级：" + string.Join("、", Instances.Order().Select(i => LitigationCodes.Instances.Label(i))));
        }

        if (JudgmentsOnly)
        {
            parts.Add("仅以判决结案");
        }

        if (CountHearings)
        {
            parts.Add("按庭次计");
        }

        return parts.Count == 0 ? Name : $"{Name}（{string.Join("；", parts)}）";
    }
}

/// <summary>One indicator: what it counts, in what unit, by which version of its definition, from which source.</summary>
/// <param name="Id">Stable id, e.g. <c>reconsideration.correction_rate</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Version">Definition version; "+local" is appended when configuration changed the membership.</param>
/// <param name="Source">Where the definition comes from.</param>
/// <param name="FromYear">First year it applies to.</param>
/// <param name="ToYear">Last year it applies to (null: still in force).</param>
/// <param name="Numerator">The counted set (for counts, the set itself).</param>
/// <param name="Denominator">The base of a rate or ratio; null for counts.</param>
public sealed record IndicatorDefinition(string Id, string Name, IndicatorUnit Unit, string Version, string Source, int FromYear, int? ToYear,
    CaseSet Numerator, CaseSet? Denominator)
{
    /// <summary>Unit symbol: 件, %, or :1.</summary>
    public string UnitSymbol => Unit switch
    {
        IndicatorUnit.Count => "件",
        IndicatorUnit.Percent => "%",
        _ => ":1",
    };

    /// <summary>Display precision: decimals shown for rates and ratios (values are stored and returned unrounded; the
    /// display rounds half away from zero). Counts show none. Configurable as <c>Indicators:Decimals</c> (0–4, default 2).</summary>
    public int Decimals { get; init; } = 2;

    /// <summary>True when the indicator applies to the year.</summary>
    public bool AppliesTo(int year) => year >= FromYear && (ToYear is null || year <= ToYear);
}

/// <summary>
/// The versioned indicator catalog (indicators-and-reports.md §A4, law.md §1.5, §2.3, §2.4). Membership of the case sets
/// behind the rates can be changed in configuration under <c>Indicators:&lt;indicator id&gt;</c>; see docs/indicators.md.
/// </summary>
public sealed class IndicatorCatalog
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Indicators";

    /// <summary>Version of the default definitions.</summary>
    public const string DefaultVersion = "2026.1";

    /// <summary>Denominator variant: every accepted case concluded in the year.</summary>
    public const string AllConcluded = "all_concluded";

    /// <summary>Denominator variant: concluded accepted cases except terminations (default, law.md §1.5).</summary>
    public const string ConcludedExcludingTerminated = "concluded_excluding_terminated";

    /// <summary>Denominator variant: cases concluded by a decision on the merits.</summary>
    public const string DecidedOnMerits = "decided_on_merits";

    /// <summary>Head appearance denominator: lawsuits heard in the year (default).</summary>
    public const string CasesHeard = "cases_heard";

    /// <summary>Head appearance denominator: hearing sessions held in the year.</summary>
    public const string Hearings = "hearings";

    private const int FirstYear = 2015;
    private const string SourceRecon = "law.md §1.4–§1.5；indicators-and-reports.md §A4";
    private const string SourceLit = "law.md §2.2–§2.3；indicators-and-reports.md §A4";
    private const string SourceHead = "law.md §2.4；indicators-and-reports.md §A4（负责人出庭应诉率）";

    private static readonly IReadOnlySet<ReconsiderationOutcome> MeritsDecisions = new HashSet<ReconsiderationOutcome>
    {
        ReconsiderationOutcome.Uphold, ReconsiderationOutcome.Revoke, ReconsiderationOutcome.Change, ReconsiderationOutcome.ConfirmIllegal,
        ReconsiderationOutcome.OrderPerform, ReconsiderationOutcome.ConfirmInvalid, ReconsiderationOutcome.DismissClaim,
    };

    private readonly Dictionary<string, IndicatorDefinition> _byId;

    private IndicatorCatalog(IReadOnlyList<IndicatorDefinition> all)
    {
        All = all;
        _byId = all.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>The defaults, without configuration.</summary>
    public static IndicatorCatalog Default { get; } = Build(null);

    /// <summary>All definitions, in report order.</summary>
    public IReadOnlyList<IndicatorDefinition> All { get; }

    /// <summary>A definition by id, or null.</summary>
    public IndicatorDefinition? Find(string? id) => id is not null && _byId.TryGetValue(id.Trim(), out var d) ? d : null;

    /// <summary>
    /// Builds the catalog from configuration (section <see cref="Section"/>). Throws <see cref="StartupException"/> on an
    /// unknown outcome code, instance or variant, so a typo stops the server at start-up instead of skewing a report.
    /// </summary>
    public static IndicatorCatalog Build(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(Section);
        var reader = new Reader(section);

        var corrections = reader.ReconsiderationOutcomes("reconsideration.correction_rate", "Numerator",
            ReconsiderationCodes.Corrections, out var correctionsLocal);
        var mediated = reader.ReconsiderationOutcomes("reconsideration.mediated_rate", "Numerator",
            [ReconsiderationOutcome.Mediation, ReconsiderationOutcome.Settlement], out var mediatedLocal);
        var denominatorVariant = reader.Choice("reconsideration.correction_rate", "Denominator", ConcludedExcludingTerminated,
            [AllConcluded, ConcludedExcludingTerminated, DecidedOnMerits], out var denominatorLocal);
        var losses = reader.LitigationOutcomes("litigation.loss_rate", "Numerator", LitigationCodes.Losses, out var lossesLocal);
        var litInstances = reader.Instances("litigation.loss_rate", "Instances", [Instance.First], out var litInstancesLocal);
        var newInstances = reader.Instances("litigation.new", "Instances", [Instance.First], out var newInstancesLocal);
        var heardInstances = reader.Instances("litigation.head_appearance_rate", "Instances", null, out var heardInstancesLocal);
        var headVariant = reader.Choice("litigation.head_appearance_rate", "Denominator", CasesHeard, [CasesHeard, Hearings], out var headVariantLocal);
        var hearings = headVariant == Hearings;

        var received = new CaseSet("reconsideration.received", "收到的行政复议申请", CaseSetKind.ReconsiderationReceived);
        var concluded = new CaseSet("reconsideration.concluded", "审结的受理案件", CaseSetKind.ReconsiderationConcluded);
        var correctedSet = new CaseSet("reconsideration.corrected", "纠错决定", CaseSetKind.ReconsiderationConcluded, Codes(corrections));
        var rateBase = denominatorVariant switch
        {
            AllConcluded => concluded,
            DecidedOnMerits => new CaseSet("reconsideration.decided_on_merits", "作出实体决定的审结案件", CaseSetKind.ReconsiderationConcluded, Codes(MeritsDecisions)),
            _ => new CaseSet("reconsideration.concluded_excluding_terminated", "审结的受理案件（不含终止）", CaseSetKind.ReconsiderationConcluded,
                Codes(Enum.GetValues<ReconsiderationOutcome>().Where(o => o != ReconsiderationOutcome.Terminated))),
        };
        var litFiled = new CaseSet("litigation.new", "新收行政诉讼案件", CaseSetKind.LitigationFiled, Instances: newInstances);
        var litFiledFirst = new CaseSet("litigation.new_first_instance", "新收一审行政诉讼案件", CaseSetKind.LitigationFiled, Instances: new HashSet<Instance> { Instance.First });
        var litConcluded = new CaseSet("litigation.concluded", "审结的行政诉讼案件", CaseSetKind.LitigationConcluded, Instances: litInstances);
        var litJudgments = new CaseSet("litigation.concluded_by_judgment", "以判决结案的行政诉讼案件", CaseSetKind.LitigationConcluded, Instances: litInstances, JudgmentsOnly: true);
        var litLost = new CaseSet("litigation.lost", "败诉案件", CaseSetKind.LitigationConcluded, Codes(losses), litInstances);
        var heard = new CaseSet("litigation.heard", hearings ? "开庭庭次" : "开庭审理的案件", CaseSetKind.LitigationHeard, Instances: heardInstances, CountHearings: hearings);
        var present = new CaseSet("litigation.head_present", hearings ? "负责人出庭的庭次" : "负责人出庭应诉的案件", CaseSetKind.LitigationHeadPresent, Instances: heardInstances, CountHearings: hearings);
        var spoke = new CaseSet("litigation.head_spoke", hearings ? "负责人出庭发言的庭次" : "负责人出庭并发言的案件", CaseSetKind.LitigationHeadSpoke, Instances: heardInstances, CountHearings: hearings);

        string V(params bool[] local) => local.Any(l => l) ? DefaultVersion + "+local" : DefaultVersion;

        IndicatorDefinition[] all =
        [
            new("reconsideration.received", "收到行政复议申请", IndicatorUnit.Count, V(), SourceRecon, FirstYear, null, received, null),
            new("reconsideration.accepted", "受理行政复议案件", IndicatorUnit.Count, V(), SourceRecon, FirstYear, null,
                new CaseSet("reconsideration.accepted", "受理的行政复议案件", CaseSetKind.ReconsiderationAccepted), null),
            new("reconsideration.not_accepted", "不予受理", IndicatorUnit.Count, V(), SourceRecon, FirstYear, null,
                new CaseSet("reconsideration.not_accepted", "决定不予受理的申请", CaseSetKind.ReconsiderationNotAccepted), null),
            new("reconsideration.concluded", "审结行政复议案件", IndicatorUnit.Count, V(), SourceRecon, FirstYear, null, concluded, null),
            new("reconsideration.corrected", "纠错", IndicatorUnit.Count, V(correctionsLocal), SourceRecon, FirstYear, null, correctedSet, null),
            new("reconsideration.correction_rate", "行政复议纠错率", IndicatorUnit.Percent, V(correctionsLocal, denominatorLocal), SourceRecon, FirstYear, null,
                correctedSet, rateBase),
            new("reconsideration.mediated_rate", "行政复议调解和解结案率", IndicatorUnit.Percent, V(mediatedLocal), SourceRecon, FirstYear, null,
                new CaseSet("reconsideration.mediated", "调解、和解结案的案件", CaseSetKind.ReconsiderationConcluded, Codes(mediated)), concluded),
            new("reconsideration.overdue", "超期审结或超期未结", IndicatorUnit.Count, V(), "law.md §1.1–§1.2；docs/indicators.md", FirstYear, null,
                new CaseSet("reconsideration.overdue", "超过决定期限的案件", CaseSetKind.ReconsiderationOverdue), null),
            new("litigation.new", "新收行政诉讼案件", IndicatorUnit.Count, V(newInstancesLocal), SourceLit, FirstYear, null, litFiled, null),
            new("litigation.concluded", "审结行政诉讼案件", IndicatorUnit.Count, V(litInstancesLocal), SourceLit, FirstYear, null, litConcluded, null),
            new("litigation.lost", "行政诉讼败诉", IndicatorUnit.Count, V(lossesLocal, litInstancesLocal), SourceLit, FirstYear, null, litLost, null),
            new("litigation.loss_rate", "行政诉讼败诉率", IndicatorUnit.Percent, V(lossesLocal, litInstancesLocal), SourceLit, FirstYear, null, litLost, litConcluded),
            new("litigation.loss_rate_judgments", "行政诉讼判决败诉率", IndicatorUnit.Percent, V(lossesLocal, litInstancesLocal), SourceLit, FirstYear, null,
                litLost, litJudgments),
            new("litigation.heard", hearings ? "开庭审理（庭次）" : "开庭审理的行政诉讼案件", IndicatorUnit.Count, V(heardInstancesLocal, headVariantLocal), SourceHead, FirstYear, null, heard, null),
            new("litigation.head_appearance_rate", "行政机关负责人出庭应诉率", IndicatorUnit.Percent, V(heardInstancesLocal, headVariantLocal), SourceHead, FirstYear, null,
                present, heard),
            new("litigation.head_spoke_rate", "行政机关负责人出庭出声率", IndicatorUnit.Percent, V(heardInstancesLocal, headVariantLocal), SourceHead, FirstYear, null,
                spoke, heard),
            new("reconsideration_to_litigation_ratio", "复议与诉讼案件比", IndicatorUnit.Ratio, V(), "indicators-and-reports.md §A4（复议:诉讼比）", FirstYear, null,
                received, litFiledFirst),
        ];
        var decimalsText = section?["Decimals"];
        var decimals = 2;
        if (!string.IsNullOrWhiteSpace(decimalsText)
            && (!int.TryParse(decimalsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out decimals) || decimals > 4))
        {
            throw new StartupException($"配置项 {Section}:Decimals 的值“{decimalsText}”无效：应为 0 至 4 的整数（比率显示的小数位数）。");
        }

        return new IndicatorCatalog(all.Select(d => d with { Decimals = d.Unit == IndicatorUnit.Count ? 0 : decimals }).ToList());
    }

    private static HashSet<string> Codes(IEnumerable<ReconsiderationOutcome> outcomes) =>
        outcomes.Select(o => ReconsiderationCodes.Outcomes.Code(o)).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Codes(IEnumerable<LitigationOutcome> outcomes) =>
        outcomes.Select(o => LitigationCodes.Outcomes.Code(o)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads list and choice settings; a list is either comma-separated text or a JSON array (children 0, 1, …).</summary>
    private sealed class Reader(IConfigurationSection? section)
    {
        public IEnumerable<ReconsiderationOutcome> ReconsiderationOutcomes(string id, string key, IEnumerable<ReconsiderationOutcome> defaults, out bool local) =>
            Parse(id, key, defaults, t => ReconsiderationCodes.Outcomes.TryParse(t, out var o) ? o : null, ReconsiderationCodes.Outcomes.Hint, out local);

        public IEnumerable<LitigationOutcome> LitigationOutcomes(string id, string key, IEnumerable<LitigationOutcome> defaults, out bool local) =>
            Parse(id, key, defaults, t => LitigationCodes.Outcomes.TryParse(t, out var o) ? o : null, LitigationCodes.Outcomes.Hint, out local);

        public HashSet<Instance>? Instances(string id, string key, IEnumerable<Instance>? defaults, out bool local)
        {
            var values = Values(id, key);
            if (values is null)
            {
                local = false;
                return defaults?.ToHashSet();
            }

            local = true;
            if (values.Count == 1 && values[0] == "all")
            {
                return null;
            }

            return Parse<Instance>(id, key, [], t => LitigationCodes.Instances.TryParse(t, out var i) ? i : null, LitigationCodes.Instances.Hint + ", all", out _).ToHashSet();
        }

        public string Choice(string id, string key, string fallback, string[] allowed, out bool local)
        {
            var value = section?.GetSection(id)[key]?.Trim();
            local = !string.IsNullOrEmpty(value) && value != fallback;
            if (string.IsNullOrEmpty(value))
            {
                return fallback;
            }

            return allowed.Contains(value)
                ? value
                : throw new StartupException($"配置 {Section}:{id}:{key} 的值“{value}”无效，可选：{string.Join(", ", allowed)}。");
        }

        private List<string>? Values(string id, string key)
        {
            var s = section?.GetSection(id).GetSection(key);
            if (s is null || (!s.Exists()))
            {
                return null;
            }

            var texts = s.Value is { } v ? v.Split([',', '，', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : s.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(t => t.Length > 0).ToList();
            return texts;
        }

        private IEnumerable<T> Parse<T>(string id, string key, IEnumerable<T> defaults, Func<string, T?> parse, string hint, out bool local)
            where T : struct
        {
            var texts = Values(id, key);
            if (texts is null)
            {
                local = false;
                return defaults;
            }

            var result = new List<T>();
            foreach (var t in texts)
            {
                result.Add(parse(t) ?? throw new StartupException($"配置 {Section}:{id}:{key} 中的“{t}”无效，可选：{hint}。"));
            }

            var set = result.Distinct().ToList();
            local = !set.ToHashSet().SetEquals(defaults);
            return set;
        }
    }
}
