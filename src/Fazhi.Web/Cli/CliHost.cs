using Fazhi.Core;
using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Web.Auth;
using Fazhi.Web.Demo;
using Fazhi.Web.Users;

namespace Fazhi.Web.Cli;

/// <summary>The services a command needs: Core and Identity, without the web server. Changes are audited as "cli".</summary>
public static class CliHost
{
    /// <summary>Runs <paramref name="body"/> in a fresh scope, migrating first when asked; start-up problems become exit code 1.</summary>
    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken ct, bool migrate = true)
    {
        // FAZHI_PHASES=1: each phase of the long operations (imports, recomputes) prints its duration on stderr.
        using var phases = Environment.GetEnvironmentVariable("FAZHI_PHASES") == "1" ? PhasePrinter() : null;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [],
                ContentRootPath = AppContext.BaseDirectory,
            });
            // Commands print their own results on stdout (some as JSON); logs go to stderr, warnings and above only.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Services.AddFazhiCore(builder.Configuration);
            builder.Services.AddFazhiIdentityCore();
            builder.Services.AddScoped<UserAccounts>();
            builder.Services.AddScoped<DemoDistrict>();
            builder.Services.AddScoped<DemoCases>();
            builder.Services.AddScoped<DemoReports>();
            using var host = builder.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<AuditActorAccessor>().Current = AuditActor.CommandLine;
            if (migrate)
            {
                await sp.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            }

            return await body(sp, ct);
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync($"错误：{ex.Message}");
            return 1;
        }
    }

    // Sums each phase over its occurrences (an import has one validate and write phase per chunk) and prints the totals
    // on stderr, in order of first occurrence, when the command ends.
    private static PhaseTotals PhasePrinter() => new();

    private sealed class PhaseTotals : IDisposable
    {
        private readonly System.Diagnostics.ActivityListener _listener;
        private readonly List<string> _order = [];
        private readonly Dictionary<string, (TimeSpan Total, int Count)> _totals = [];
        private readonly Lock _lock = new();

        public PhaseTotals()
        {
            _listener = new System.Diagnostics.ActivityListener
            {
                ShouldListenTo = s => s.Name == Fazhi.Core.Common.Tracing.SourceName,
                Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                    System.Diagnostics.ActivitySamplingResult.AllData,
                ActivityStopped = a =>
                {
                    lock (_lock)
                    {
                        if (!_totals.TryGetValue(a.OperationName, out var t))
                        {
                            _order.Add(a.OperationName);
                        }

                        _totals[a.OperationName] = (t.Total + a.Duration, t.Count + 1);
                    }
                },
            };
            System.Diagnostics.ActivitySource.AddActivityListener(_listener);
        }

        public void Dispose()
        {
            _listener.Dispose();
            foreach (var name in _order)
            {
                var (total, count) = _totals[name];
                var times = count > 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"（{count} 次）") : "";
                Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"阶段 {name}：{total.TotalSeconds:F2} 秒{times}"));
            }
        }
    }

    /// <summary>Prints an error to stderr and returns 1.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"错误：{message}");
        return 1;
    }

    /// <summary>Flattens an error's messages into one line.</summary>
    public static string Describe(Fazhi.Core.Common.Error error) => error switch
    {
        Fazhi.Core.Common.ValidationError v => string.Join(" ", v.Fields.Values.SelectMany(m => m)),
        _ => error.Message,
    };
}
