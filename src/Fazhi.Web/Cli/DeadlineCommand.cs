using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;

namespace Fazhi.Web.Cli;

/// <summary><c>fazhi deadline</c>: the statutory-deadline calculator. Pure computation, so it needs no database or host.</summary>
public static class DeadlineCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var rule = new Argument<string?>("RULE-ID") { Description = "期限规则编号，例如 reconsideration.acceptance-review（--list 查看全部）", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string>("--from") { Description = "起算日（YYYY-MM-DD），该日不计入期间" };
        var law = new Option<string>("--law") { Description = "法律版本（如行政复议法 2017 或 2023）；默认按起算日确定" };
        var suspend = new Option<string[]>("--suspend") { Description = "中止或不计入期间的时段 FROM..TO[:类型]，可多次；类型见 --list", AllowMultipleArgumentsPerToken = false };
        var extend = new Option<int>("--extend") { Description = "经批准延长的期限（按规则的单位）" };
        var explain = new Option<bool>("--explain") { Description = "逐条说明期限是怎样算出来的" };
        var json = new Option<bool>("--json") { Description = "输出 JSON：{\"rule\",\"due\",\"provisional\",\"explanation\"}" };
        var list = new Option<bool>("--list") { Description = "列出全部期限规则及其法律依据" };
        var province = new Option<string>("--province") { Description = "规范性文件备案适用的省份：BJ、SH、SD（默认按通用的三十日）" };
        var noWeekendRoll = new Option<bool>("--no-weekend-roll") { Description = "期间末日是周末时不顺延，只有法定节假日顺延（默认周末也顺延）" };
        var cmd = new Command("deadline", "计算法定期限：按工作日或自然日，跳过节假日，计入调休上班日，扣除中止期间，加上延长期限")
        {
            rule, from, law, suspend, extend, explain, json, list, province, noWeekendRoll,
        };
        cmd.SetAction(parse =>
        {
            var settings = new ClockSettings { Province = parse.GetValue(province) };
            var catalog = settings == new ClockSettings() ? RuleCatalog.Default : RuleCatalog.Create(settings);
            if (parse.GetValue(list))
            {
                return PrintList(catalog, parse.GetValue(json));
            }

            var id = parse.GetValue(rule);
            if (string.IsNullOrWhiteSpace(id))
            {
                return CliHost.Fail("请指定期限规则编号，例如 ./fazhi deadline reconsideration.acceptance-review --from 2025-01-24；运行 ./fazhi deadline --list 查看全部规则。");
            }

            if (parse.GetValue(from) is not { } fromText)
            {
                return CliHost.Fail("请用 --from YYYY-MM-DD 指定起算日。");
            }

            if (!TryDate(fromText, out var start))
            {
                return CliHost.Fail($"起算日“{fromText}”不是有效日期，应为 YYYY-MM-DD，例如 2025-01-24。");
            }

            var suspensions = new List<Suspension>();
            foreach (var text in parse.GetValue(suspend) ?? [])
            {
                if (!TryParseSuspension(text, out var s, out var problem))
                {
                    return CliHost.Fail(problem);
                }

                suspensions.Add(s);
            }

            var calculator = new DeadlineCalculator(WorkingCalendar.Official, catalog,
                new DeadlineOptions { WeekendRollForward = !parse.GetValue(noWeekendRoll), Explain = true });
            var result = calculator.Calculate(new DeadlineRequest(id, start)
            {
                LawVersion = parse.GetValue(law),
                Suspensions = suspensions,
                Extension = parse.GetValue(extend),
            });
            if (result.IsError)
            {
                foreach (var message in Messages(result.Error))
                {
                    Console.Error.WriteLine($"错误：{message}");
                }

                if (catalog.Find(id) is null)
                {
                    Console.Error.WriteLine("运行 ./fazhi deadline --list 查看全部规则。");
                }

                return 1;
            }

            var d = result.Value;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new DeadlineJson(d.Rule.Id, d.Rule.Name, ChineseDates.Iso(d.Due), d.Provisional,
                    ChineseDates.Iso(d.Start), d.Version.Version, d.Version.Law, d.Version.Article, d.Version.Describe(), d.Explanation), Json));
                return 0;
            }

            Console.WriteLine(d.Provisional ? $"{ChineseDates.Iso(d.Due)}（暂定）" : ChineseDates.Iso(d.Due));
            if (parse.GetValue(explain))
            {
                for (var i = 0; i < d.Explanation.Count; i++)
                {
                    Console.WriteLine($"  {i + 1}. {d.Explanation[i]}");
                }
            }

            return 0;
        });
        return cmd;
    }

    private static int PrintList(RuleCatalog catalog, bool json)
    {
        if (json)
        {
            var rows = catalog.Rules.Select(r => new RuleJson(r.Id, r.Name, r.Area, [.. r.Versions.Select(v => new VersionJson(
                v.Version, v.Law, v.Article, v.Describe(), v.Trigger, [.. v.StoppedBy.Select(ClockLabels.Code)],
                v.Extension?.MaxLength, v.Extension?.Approver, v.Unverified is not null))]));
            Console.WriteLine(JsonSerializer.Serialize(rows, Json));
            return 0;
        }

        foreach (var area in catalog.Rules.GroupBy(r => r.Area))
        {
            Console.WriteLine($"【{area.Key}】");
            foreach (var r in area)
            {
                Console.WriteLine($"  {r.Id}  {r.Name}");
                foreach (var v in r.Versions)
                {
                    var extras = new List<string>();
                    if (v.StoppedBy.Count > 0)
                    {
                        extras.Add($"可扣除：{string.Join("、", v.StoppedBy.Select(k => $"{ClockLabels.Suspension(k)}（{ClockLabels.Code(k)}）"))}");
                    }

                    if (v.Extension is { } e)
                    {
                        extras.Add(e.MaxLength is { } m ? $"可延长至多 {m}{ClockLabels.Unit(v.Unit)}" : "可延长");
                    }

                    if (v.Unverified is not null)
                    {
                        extras.Add("含未核实假设，可配置");
                    }

                    var tail = extras.Count > 0 ? $"；{string.Join("；", extras)}" : "";
                    Console.WriteLine($"      [{v.Version}] {v.Describe()}，自{v.Trigger}起算 — {v.Law}{v.Article}{tail}");
                }
            }
        }

        Console.WriteLine($"共 {catalog.Rules.Count} 条规则。");
        return 0;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryParseSuspension(string text, out Suspension suspension, out string problem)
    {
        suspension = null!;
        problem = "";
        var body = text;
        SuspensionKind? kind = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            body = text[..colon];
            kind = ClockLabels.ParseSuspension(text[(colon + 1)..].Trim());
            if (kind is null)
            {
                problem = $"中止类型“{text[(colon + 1)..]}”无效；可选：{string.Join("、", Enum.GetValues<SuspensionKind>().Select(ClockLabels.Code))}。";
                return false;
            }
        }

        var parts = body.Split("..");
        if (parts.Length != 2)
        {
            problem = $"中止期间“{text}”格式应为 FROM..TO，例如 2025-03-01..2025-03-10。";
            return false;
        }

        if (!TryDate(parts[0], out var f) || !TryDate(parts[1], out var t))
        {
            problem = $"中止期间“{text}”中的日期无效，应为 YYYY-MM-DD。";
            return false;
        }

        suspension = new Suspension(f, t, kind);
        return true;
    }

    private static IEnumerable<string> Messages(Error error) => error switch
    {
        ValidationError v => v.Fields.Values.SelectMany(m => m),
        _ => [error.Message],
    };

    private sealed record DeadlineJson(string Rule, string Name, string Due, bool Provisional, string From, string LawVersion, string Law,
        string Article, string Period, IReadOnlyList<string> Explanation);

    private sealed record RuleJson(string Id, string Name, string Area, IReadOnlyList<VersionJson> Versions);

    private sealed record VersionJson(string Version, string Law, string Article, string Period, string Trigger, IReadOnlyList<string> StoppedBy,
        int? MaxExtension, string? ExtensionApprover, bool Unverified);
}
