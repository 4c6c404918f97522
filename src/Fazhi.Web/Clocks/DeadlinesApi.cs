using System.Globalization;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fazhi.Web.Clocks;

/// <summary>REST API of the statutory deadline engine: the rule catalog and single computations with their explanation.</summary>
public static class DeadlinesApi
{
    public sealed record RuleResponse(string Id, string Name, string Area, IReadOnlyList<RuleVersionResponse> Versions);

    public sealed record RuleVersionResponse(string Version, string Law, string Article, string Period, string Trigger,
        IReadOnlyList<string> StoppedBy, int? MaxExtension, string? ExtensionApprover, string? Unverified);

    public sealed record SuspensionRequest(string? From, string? To, string? Kind, string? Reason);

    public sealed record ComputeRequest(string? Rule, string? From, string? Law, IReadOnlyList<SuspensionRequest>? Suspensions, int? Extend, bool? WeekendRollForward);

    public sealed record DeadlineResponse(string Rule, string Name, string Due, bool Provisional, string From, string LawVersion, string Law,
        string Article, string Period, IReadOnlyList<string> Explanation);

    public static RouteGroupBuilder MapDeadlinesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deadlines").WithTags("Deadlines");
        api.MapGet("/rules", ListRules).WithName("ListStatutoryRules");
        api.MapPost("/compute", Compute).WithName("ComputeDeadline");
        return api;
    }

    private static Ok<List<RuleResponse>> ListRules(ClockCalendar calendars) =>
        TypedResults.Ok(calendars.Catalog.Rules.Select(r => new RuleResponse(r.Id, r.Name, r.Area,
            [.. r.Versions.Select(v => new RuleVersionResponse(v.Version, v.Law, v.Article, v.Describe(), v.Trigger,
                [.. v.StoppedBy.Select(ClockLabels.Code)], v.Extension?.MaxLength, v.Extension?.Approver, v.Unverified))])).ToList());

    /// <summary>Computes one due date. 400 with field errors (in Chinese) for an unknown rule, a bad date, a suspension that
    /// ends before it starts, an extension beyond the legal maximum.</summary>
    private static async Task<Results<Ok<DeadlineResponse>, ProblemHttpResult>> Compute(ComputeRequest body, ClockCalendar calendars, AppDbContext db, CancellationToken ct)
    {
        // The calendar in force, including imported years (not only the embedded data).
        var calculator = (await calendars.CurrentAsync(db, ct)).Explaining();
        var parsed = DeadlineInput.Parse(body.Rule, body.From, body.Law,
            (body.Suspensions ?? []).Select(s => (s.From, s.To, s.Kind, s.Reason)).ToList(), body.Extend);
        if (parsed.IsError)
        {
            return parsed.Error.ToProblem();
        }

        var c = body.WeekendRollForward is false
            ? new DeadlineCalculator(calculator.Calendar, calculator.Catalog, new DeadlineOptions { WeekendRollForward = false })
            : calculator;
        var result = c.Calculate(parsed.Value);
        if (result.IsError)
        {
            return result.Error.ToProblem();
        }

        var d = result.Value;
        return TypedResults.Ok(new DeadlineResponse(d.Rule.Id, d.Rule.Name, Iso(d.Due), d.Provisional, Iso(d.Start), d.Version.Version,
            d.Version.Law, d.Version.Article, d.Version.Describe(), d.Explanation));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Parses the text fields of a deadline request (page or API) into a <see cref="DeadlineRequest"/>,
/// with Chinese messages per field.</summary>
public static class DeadlineInput
{
    public static Result<DeadlineRequest> Parse(string? rule, string? from, string? law,
        IReadOnlyList<(string? From, string? To, string? Kind, string? Reason)> suspensions, int? extend)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(rule))
        {
            errors["rule"] = ["请选择期限规则。"];
        }

        if (!TryDate(from, out var start))
        {
            errors["from"] = [string.IsNullOrWhiteSpace(from) ? "请输入起算日。" : $"起算日“{from}”不是有效日期，应为 YYYY-MM-DD。"];
        }

        var list = new List<Suspension>();
        for (var i = 0; i < suspensions.Count; i++)
        {
            var (sf, st, sk, sr) = suspensions[i];
            if (string.IsNullOrWhiteSpace(sf) && string.IsNullOrWhiteSpace(st))
            {
                continue;
            }

            var key = $"suspensions[{i}]";
            if (!TryDate(sf, out var f) || !TryDate(st, out var t))
            {
                errors[key] = [$"第 {i + 1} 个中止期间的起止日期无效，应为 YYYY-MM-DD。"];
                continue;
            }

            SuspensionKind? kind = null;
            if (!string.IsNullOrWhiteSpace(sk))
            {
                kind = ClockLabels.ParseSuspension(sk.Trim());
                if (kind is null)
                {
                    errors[key] = [$"中止类型“{sk}”无效。"];
                    continue;
                }
            }

            list.Add(new Suspension(f, t, kind, sr));
        }

        if (extend is < 0)
        {
            errors["extend"] = ["延长天数不能为负数。"];
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }

        return new DeadlineRequest(rule!.Trim(), start)
        {
            LawVersion = string.IsNullOrWhiteSpace(law) ? null : law.Trim(),
            Suspensions = list,
            Extension = extend ?? 0,
        };
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
