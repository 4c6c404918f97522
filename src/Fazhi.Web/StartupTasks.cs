using Fazhi.Core.Data;
using Fazhi.Web.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web;

/// <summary>
/// Before the server listens: apply migrations, and on an empty database create the demo district
/// (unless <c>Fazhi:DemoOnFirstRun</c> is false). Prints where to browse and how to sign in.
/// </summary>
public sealed class StartupTasks(IServiceScopeFactory scopes, IConfiguration config, IHostApplicationLifetime lifetime,
    IServer server, DatabaseOptions database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (config.GetValue("Fazhi:MigrateOnStart", true))
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (config.GetValue("Fazhi:DemoOnFirstRun", true) && !await db.Orgs.AnyAsync(cancellationToken))
        {
            var demo = await scope.ServiceProvider.GetRequiredService<DemoDistrict>().CreateAsync(cancellationToken);
            DemoDistrict.Print(demo, Console.Out);
            if (!demo.IsError && config.GetValue("Fazhi:DemoCases", true))
            {
                Console.WriteLine("正在生成演示案件（行政复议、行政应诉，2025年1月至今）……");
                var cases = await scope.ServiceProvider.GetRequiredService<DemoCases>().CreateAsync(cancellationToken);
                Console.WriteLine($"已生成演示案件：行政复议 {cases.Reconsideration} 件，行政应诉 {cases.Litigation} 件（办理环节 {cases.Steps} 个）。");
                var reports = await scope.ServiceProvider.GetRequiredService<DemoReports>().CreateAsync(cancellationToken);
                Console.WriteLine($"已生成演示年度报告 {reports} 份（上一年度，含已公开、已审定、审核中和草稿）及人工填报数据。");
            }
        }
        else if (!await db.Users.AnyAsync(cancellationToken))
        {
            // A production install without the demo: nobody can sign in until the operator creates the first admin.
            Console.WriteLine("数据库中还没有任何用户。请先创建根单位和第一个管理员，例如：");
            Console.WriteLine("  ./fazhi org add --code XXQ --name \"某某县人民政府\" --type government");
            Console.WriteLine("  ./fazhi user add --username admin --name \"系统管理员\" --org XXQ --role platform-admin");
            Console.WriteLine("（密码自动生成并只显示一次；也可以用 --password 指定。）");
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"Fazhi 法治政府建设工作平台已启动：{string.Join("  ", addresses)}");
            Console.WriteLine($"数据库：{database.Describe()}");
            Console.WriteLine("登录：使用首次运行时打印的账号和密码；忘记密码可运行 ./fazhi user reset-password 用户名。按 Ctrl+C 停止。");
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
