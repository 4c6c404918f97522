using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fazhi.Core;
using Fazhi.Core.Clocks;
using Fazhi.Core.Data;
using Fazhi.Web.Account;
using Fazhi.Web.Audit;
using Fazhi.Web.Auth;
using Fazhi.Web.Clocks;
using Fazhi.Web.Demo;
using Fazhi.Web.Http;
using Fazhi.Web.Indicators;
using Fazhi.Web.Litigation;
using Fazhi.Web.Orgs;
using Fazhi.Web.Reconsideration;
using Fazhi.Web.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;

namespace Fazhi.Web;

/// <summary>The web app's composition root: a table of contents of the features.</summary>
public static class FazhiWebApp
{
    /// <summary>Builds and runs the web app; a start-up problem prints what to fix and returns 1.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var app = Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync($"启动失败：{ex.Message}");
            return 1;
        }
    }

    /// <summary>Builds the app.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Run from anywhere: settings and static files sit next to the program.
            ContentRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null,
        });
        builder.AddFazhiWeb();
        var app = builder.Build();
        app.UseFazhiPipeline();
        app.MapAccountApi();
        app.MapOrgsApi();
        app.MapUsersApi();
        app.MapAuditApi();
        app.MapDeadlinesApi();
        app.MapClocksApi();
        app.MapReconsiderationApi();
        app.MapLitigationApi();
        Fazhi.Web.Attachments.AttachmentsApi.MapAttachmentsApi(app);
        app.MapIndicatorsApi();
        Fazhi.Web.Reports.ReportsApi.MapReportsApi(app);
        Fazhi.Web.Cases.CaseLedgerApi.MapCaseLedgerApi(app);
        Fazhi.Web.ReportAnalysis.ReportAnalysisApi.MapReportAnalysisApi(app);
        app.MapRazorPages();
        return app;
    }

    /// <summary>Registers Core, Identity, pages, API documentation and start-up tasks.</summary>
    public static void AddFazhiWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        var services = builder.Services;
        services.AddFazhiCore(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<DemoDistrict>();
        services.AddScoped<DemoCases>();
        services.AddScoped<DemoReports>();
        services.AddScoped<AuditEntityLinks>();
        services.AddScoped<ClockExplainQuery>();
        services.AddScoped<Fazhi.Web.Cases.CaseLedgerFiles>();
        services.AddFazhiIdentityCore()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<FazhiClaimsFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/errors/403";
            o.Cookie.Name = "fazhi.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddFazhiPolicies();
        // Sign-in cookies stay valid across restarts: keep the data-protection keys with the data.
        services.AddDataProtection()
            .SetApplicationName("Fazhi")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["Fazhi:KeysDirectory"] ?? "data/keys"));
        services.AddRazorPages(o =>
        {
            // Pages live in feature folders beside their API, not in a Pages/ folder.
            o.RootDirectory = "/";
        });
        services.AddRouting(o => o.LowercaseUrls = true);
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Fazhi 法治 API";
            doc.Info.Description = "法治政府建设工作平台的 REST API。需要登录（Cookie）；所有数据按用户所属单位的管辖范围过滤。错误以 ProblemDetails 返回。";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<Fazhi.Web.Reminders.ReminderJobHost>();
        Fazhi.Web.Portal.PortalSetup.AddFazhiPortal(builder);
    }

    /// <summary>Middleware in order: errors, static files, auth, audit actor, antiforgery.</summary>
    public static void UseFazhiPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui =>
        {
            ui.UseExceptionHandler("/errors/500", createScopeForErrors: true);
            ui.UseStatusCodePagesWithReExecute("/errors/{0}");
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<AuditActorMiddleware>();
        app.UseAntiforgery();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
