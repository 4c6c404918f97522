using BenchmarkDotNet.Attributes;
using Fazhi.Core.Clocks;

namespace Fazhi.Benchmarks;

/// <summary>
/// Single deadline computations on the precomputed working-day index. Each benchmark computes a batch of 1,024 deadlines
/// (OperationsPerInvoke), so the reported mean is the cost of one computation; 1 s divided by it is deadlines per second.
/// </summary>
[MemoryDiagnoser]
public class DeadlineBenchmarks
{
    private const int Batch = 1024;
    private readonly DeadlineCalculator _calc = DeadlineCalculator.Default;
    private readonly DeadlineCalculator _noExplain = new(WorkingCalendar.Official, RuleCatalog.Default, new DeadlineOptions { Explain = false });
    private RuleVersion _workingDays = null!;
    private RuleVersion _calendarDays = null!;
    private DateOnly[] _starts = null!;
    private DeadlineRequest[] _requests = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workingDays = RuleCatalog.Default.Find("information-request.reply")!.Versions[0];
        _calendarDays = RuleCatalog.Default.Find("reconsideration.decision")!.Version("2023")!;
        var random = new Random(42);
        var first = new DateOnly(2024, 1, 1);
        _starts = [.. Enumerable.Range(0, Batch).Select(_ => first.AddDays(random.Next(0, 3 * 365)))];
        _requests = [.. _starts.Select(s => new DeadlineRequest("reconsideration.decision", s))];
    }

    [Benchmark(Description = "20 working days (index look-up)", OperationsPerInvoke = Batch)]
    public int WorkingDays()
    {
        var sum = 0;
        foreach (var s in _starts)
        {
            _calc.TryDue(_workingDays, s, out var due, out _);
            sum += due.DayNumber;
        }

        return sum;
    }

    [Benchmark(Description = "60 calendar days + roll-forward", OperationsPerInvoke = Batch)]
    public int CalendarDays()
    {
        var sum = 0;
        foreach (var s in _starts)
        {
            _calc.TryDue(_calendarDays, s, out var due, out _);
            sum += due.DayNumber;
        }

        return sum;
    }

    [Benchmark(Description = "Calculate by rule id, validated, no explanation", OperationsPerInvoke = Batch)]
    public int CalculateById()
    {
        var sum = 0;
        foreach (var r in _requests)
        {
            sum += _noExplain.Calculate(r).Value!.Due.DayNumber;
        }

        return sum;
    }

    [Benchmark(Description = "Calculate with the Chinese explanation", OperationsPerInvoke = Batch)]
    public int CalculateWithExplanation()
    {
        var sum = 0;
        foreach (var r in _requests)
        {
            sum += _calc.Calculate(r).Value!.Explanation.Count;
        }

        return sum;
    }
}
