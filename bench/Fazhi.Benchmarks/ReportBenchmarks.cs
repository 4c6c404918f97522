using System.Diagnostics;
using System.Globalization;
using Fazhi.Core.Audit;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Core.Indicators;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Benchmarks;

/// <summary>
/// <c>--report DB ORG YEAR</c>: on an existing Fazhi SQLite file (the demo district made by <c>./fazhi demo</c>), warm
/// stopwatch runs of (1) the full figure set of the org subtree and year (every indicator and manual fact), (2) the
/// superiors' overview (figures of every reporting org below), (3) loading the org's latest report and writing its DOCX.
/// </summary>
public static class ReportBenchmarks
{
    private const int Runs = 50;

    public static async Task<int> MeasureAsync(string file, string orgCode, int year)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}");
        AppDbContext NewContext()
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            options.Apply(builder);
            return new AppDbContext(builder.Options, new AuditActorAccessor { Current = AuditActor.CommandLine }, TimeProvider.System);
        }

        var calendar = new ClockCalendar(RuleCatalog.Default);
        await using (var db = NewContext())
        {
            var cases = await db.ReconsiderationCases.CountAsync() + await db.LitigationCases.CountAsync();
            Console.WriteLine($"// {file}: {await db.Orgs.CountAsync()} orgs, {cases} cases, {await db.ManualFacts.CountAsync()} manual facts");
        }

        var root = await WithAsync(db => db.Orgs.Where(o => o.Code == orgCode).Select(o => o.Id).SingleAsync());
        var reporting = await WithAsync(db => db.OrgClosures.Where(c => c.AncestorId == root).Join(db.Orgs, c => c.DescendantId, o => o.Id, (c, o) => o)
            .Where(o => o.Type != OrgType.JusticeOffice && o.Type != OrgType.Other).Select(o => o.Id).ToListAsync());

        await Report("full figure set, one org subtree and year", async db => (await Figures(db).EvaluateAsync(root, year, default)).Count);
        await Report($"overview: figures of {reporting.Count} reporting orgs", async db =>
        {
            var n = 0;
            foreach (var id in reporting)
            {
                n += (await Figures(db).EvaluateAsync(id, year, default)).Count;
            }

            return n;
        });
        var reportId = await WithAsync(db => db.AnnualReports.Where(r => r.OrgId == root && r.Year == year).OrderByDescending(r => r.Version).Select(r => (Guid?)r.Id).FirstOrDefaultAsync());
        if (reportId is { } rid)
        {
            await Report("load the report and write its DOCX", async db =>
            {
                var view = await Service(db).GetAsync(rid, OrgScope.Everything, default);
                return ReportOutput.Docx(view.Value!, DateOnly.FromDateTime(DateTime.UtcNow)).Length;
            });
        }
        else
        {
            Console.WriteLine($"// no report for {orgCode} {year}: DOCX not measured");
        }

        return 0;

        ReportFigureService Figures(AppDbContext db) => new(db, new IndicatorService(db, IndicatorCatalog.Default, TimeProvider.System));

        AnnualReportService Service(AppDbContext db) =>
            new(db, Figures(db), new IndicatorService(db, IndicatorCatalog.Default, TimeProvider.System), calendar, TimeProvider.System);

        async Task<T> WithAsync<T>(Func<AppDbContext, Task<T>> body)
        {
            await using var db = NewContext();
            return await body(db);
        }

        async Task Report(string what, Func<AppDbContext, Task<int>> body)
        {
            for (var i = 0; i < 3; i++)
            {
                await WithAsync(body);
            }

            var times = new List<double>();
            var result = 0;
            for (var i = 0; i < Runs; i++)
            {
                var sw = Stopwatch.StartNew();
                result = await WithAsync(body);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: median {times[Runs / 2]:0.0} ms, p95 {times[(int)(Runs * 0.95)]:0.0} ms, max {times[^1]:0.0} ms ({Runs} warm runs; result {result})"));
        }
    }
}
