using System.Globalization;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Shouldly;
using Xunit;

namespace Fazhi.Core.Tests.Clocks;

/// <summary>The scenario table <c>scenarios.csv</c>: one row per statutory example, readable by a lawyer.</summary>
public sealed class DeadlineScenarioTests
{
    public static TheoryData<int> Rows()
    {
        var data = new TheoryData<int>();
        foreach (var row in Load())
        {
            data.Add(row.Line);
        }

        return data;
    }

    [Fact]
    public void Scenario_table_has_at_least_80_rows()
    {
        Load().Count.ShouldBeGreaterThanOrEqualTo(80);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Scenario_row_gives_the_expected_due_date_and_article(int line)
    {
        var row = Load().Single(r => r.Line == line);
        var result = DeadlineCalculator.Default.Calculate(new DeadlineRequest(row.Rule, row.Start)
        {
            LawVersion = row.Law,
            Suspensions = row.Suspensions,
            Extension = row.Extension,
        });

        result.IsError.ShouldBeFalse($"line {line}: {Describe(result.Error)}");
        var d = result.Value!;
        d.Due.ShouldBe(row.Due, $"line {line}: {row.Note}");
        d.Provisional.ShouldBe(row.Provisional, $"line {line}: {row.Note}");
        d.Version.Article.ShouldBe(row.Article, $"line {line}");
        d.Explanation.ShouldNotBeEmpty();
        d.Explanation[^1].ShouldContain(ChineseDates.Iso(row.Due));
    }

    private static string Describe(Error? error) => error switch
    {
        ValidationError v => string.Join(" ", v.Fields.Values.SelectMany(m => m)),
        null => "",
        _ => error.Message,
    };

    private sealed record Row(int Line, string Rule, string? Law, DateOnly Start, IReadOnlyList<Suspension> Suspensions, int Extension,
        DateOnly Due, bool Provisional, string Article, string Note);

    private static List<Row> Load()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Clocks", "scenarios.csv"));
        var rows = Csv.Parse(text);
        var header = rows[0].Cells;
        int Col(string name) => header.IndexOf(name);
        return
        [
            .. rows.Skip(1).Where(r => r.Cells.Count > 1).Select(r =>
            {
                string Cell(string name) => r.Cells[Col(name)].Trim();
                var suspensions = Cell("suspensions").Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => s.Split(".."))
                    .Select(p => new Suspension(Date(p[0]), Date(p[1])))
                    .ToList();
                return new Row(r.Line, Cell("rule"), Cell("law") is { Length: > 0 } l ? l : null, Date(Cell("start")), suspensions,
                    int.Parse(Cell("extension"), CultureInfo.InvariantCulture), Date(Cell("due")), Cell("provisional") == "true", Cell("article"), Cell("note"));
            }),
        ];
    }

    private static DateOnly Date(string s) => DateOnly.ParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
