using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fazhi.Core.Indicators;

/// <summary>Registers the indicator catalog (built once from configuration, failing at start-up on bad settings) and the evaluator.</summary>
public static class IndicatorsModule
{
    /// <summary>Adds <see cref="IndicatorCatalog"/> and <see cref="IndicatorService"/>.</summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IndicatorCatalog.Build(configuration));
        services.AddScoped<IndicatorService>();
        services.AddScoped<Fazhi.Core.Reports.ReportFigureService>();
        services.AddScoped<Fazhi.Core.Reports.AnnualReportService>();
        services.AddScoped<Fazhi.Core.Reports.ManualFactService>();
        return services;
    }
}
