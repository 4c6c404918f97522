using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Clocks;

/// <summary>The deadline calculator: rule, start date, law version, suspensions, extension → due date with its explanation.
/// A GET form (it changes nothing), so a result can be bookmarked and shared.</summary>
public sealed class IndexModel(ClockCalendar calendars, AppDbContext db) : PageModel
{
    public const int SuspensionRows = 3;

    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Law { get; set; }

    [BindProperty(SupportsGet = true)]
    public string?[] SuspendFrom { get; set; } = new string?[SuspensionRows];

    [BindProperty(SupportsGet = true)]
    public string?[] SuspendTo { get; set; } = new string?[SuspensionRows];

    [BindProperty(SupportsGet = true)]
    public string?[] SuspendKind { get; set; } = new string?[SuspensionRows];

    [BindProperty(SupportsGet = true)]
    public int? Extend { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool NoWeekendRoll { get; set; }

    public IReadOnlyList<StatutoryRule> Rules => calendars.Catalog.Rules;

    public StatutoryRule? Selected { get; private set; }

    public Deadline? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Selected = string.IsNullOrWhiteSpace(Rule) ? null : calendars.Catalog.Find(Rule.Trim());
        if (string.IsNullOrWhiteSpace(Rule) && string.IsNullOrWhiteSpace(From))
        {
            return;
        }

        var suspensions = Enumerable.Range(0, SuspensionRows)
            .Select(i => (At(SuspendFrom, i), At(SuspendTo, i), At(SuspendKind, i), (string?)null))
            .ToList();
        var parsed = DeadlineInput.Parse(Rule, From, Law, suspensions, Extend);
        if (parsed.IsError)
        {
            AddErrors(parsed.Error);
            return;
        }

        // The calendar in force, including imported years.
        var calculator = (await calendars.CurrentAsync(db, ct)).Explaining();
        var c = NoWeekendRoll
            ? new DeadlineCalculator(calculator.Calendar, calculator.Catalog, new DeadlineOptions { WeekendRollForward = false })
            : calculator;
        var result = c.Calculate(parsed.Value);
        if (result.IsError)
        {
            AddErrors(result.Error);
            return;
        }

        Result = result.Value;
    }

    private static string? At(string?[] values, int i) => i < values.Length ? values[i] : null;

    private void AddErrors(Error error)
    {
        if (error is ValidationError v)
        {
            foreach (var (field, messages) in v.Fields)
            {
                var key = field switch
                {
                    "rule" or "ruleId" => nameof(Rule),
                    "from" or "start" => nameof(From),
                    "law" or "lawVersion" => nameof(Law),
                    "extend" or "extension" => nameof(Extend),
                    _ when field.StartsWith("suspen", StringComparison.Ordinal) => "Suspensions",
                    _ => "",
                };
                foreach (var m in messages)
                {
                    ModelState.AddModelError(key, m);
                }
            }
        }
        else
        {
            ModelState.AddModelError("", error.Message);
        }
    }
}
