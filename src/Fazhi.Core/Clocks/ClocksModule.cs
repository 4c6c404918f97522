using Microsoft.Extensions.DependencyInjection;

namespace Fazhi.Core.Clocks;

/// <summary>Registers stored clocks and the calendar in use.</summary>
public static class ClocksModule
{
    /// <summary>Adds the clock service, the calendar import and the calendar cache (default catalog).</summary>
    public static IServiceCollection AddClocks(this IServiceCollection services)
    {
        services.AddSingleton(RuleCatalog.Default);
        services.AddSingleton<ClockCalendar>();
        services.AddScoped<ClockService>();
        services.AddScoped<CalendarImportHandler>();
        return services;
    }
}
