using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fazhi.Core.Audit;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Users;
using Fazhi.Web.Demo;
using Fazhi.Web.Users;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Cli;

/// <summary>The <c>fazhi</c> command: administrative verbs hosted by the same executable as the web app (ADR 0005).</summary>
public static class FazhiCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>True when the arguments name a verb or ask for help; host arguments such as <c>--urls=…</c> alone mean "serve".</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?" or "--version");

    /// <summary>Drops a leading <c>serve</c> verb.</summary>
    public static string[] WithoutServeVerb(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    /// <summary>Parses and runs a command.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Fazhi 法治政府建设工作平台 — 命令行。运行 ./fazhi serve 启动网站。");
        root.Add(Serve());
        root.Add(Db());
        root.Add(DemoCommand());
        root.Add(RemindersCommand.Create());
        root.Add(OrgCommand());
        root.Add(UserCommand());
        root.Add(AuditCommand());
        root.Add(DeadlineCommand.Create());
        root.Add(CalendarCommand.Create());
        ImportCommand.Create().ToList().ForEach(root.Add);
        root.Add(ReportCommand.Create());
        root.Add(AnalyzeCommand.Create());
        return root.Parse(args).InvokeAsync();
    }

    private static Command Serve()
    {
        var urls = new Option<string>("--urls") { Description = "监听地址，默认 http://127.0.0.1:5080" };
        var cmd = new Command("serve", "迁移数据库，首次运行时创建演示区，启动网站并打印地址和登录方式") { urls };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction((parse, _) =>
        {
            var rest = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(urls) is { } u)
            {
                rest.Add($"--urls={u}");
            }

            return FazhiWebApp.RunAsync([.. rest]);
        });
        return cmd;
    }

    private static Command Db()
    {
        var migrate = new Command("migrate", "应用数据库迁移（SQLite 或 PostgreSQL，见 FAZHI_DB_PROVIDER / FAZHI_DB）");
        migrate.SetAction((_, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var options = sp.GetRequiredService<DatabaseOptions>();
            Console.WriteLine($"数据库已是最新：{options.Describe()}");
            await Task.CompletedTask;
            return 0;
        }, ct));
        return new Command("db", "数据库") { migrate };
    }

    private static Command DemoCommand()
    {
        var cmd = new Command("demo", "在空数据库中创建演示区（云溪区：区政府、司法局、约 25 个部门、10 个乡镇街道及其司法所、各角色账号，以及2025年1月至今的行政复议和行政应诉案件）");
        cmd.SetAction((_, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var result = await sp.GetRequiredService<DemoDistrict>().CreateAsync(c);
            if (result.IsError)
            {
                return CliHost.Fail(CliHost.Describe(result.Error));
            }

            DemoDistrict.Print(result, Console.Out);
            var cases = await sp.GetRequiredService<DemoCases>().CreateAsync(c);
            Console.WriteLine($"已生成演示案件：行政复议 {cases.Reconsideration} 件，行政应诉 {cases.Litigation} 件（办理环节 {cases.Steps} 个）。");
            var reports = await sp.GetRequiredService<DemoReports>().CreateAsync(c);
            Console.WriteLine($"已生成演示年度报告 {reports} 份（上一年度，含已公开、已审定、审核中和草稿）及人工填报数据。");
            return 0;
        }, ct));
        return cmd;
    }

    private static Command OrgCommand()
    {
        var json = new Option<bool>("--json") { Description = "输出 JSON：[{\"code\",\"name\",\"type\",\"parent\"}]" };
        var list = new Command("list", "列出单位（按树形缩进）") { json };
        list.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var orgs = await db.Orgs.AsNoTracking()
                .Select(o => new { o.Id, o.Code, o.Name, o.Type, o.ParentId, o.Depth, Parent = db.Orgs.Where(p => p.Id == o.ParentId).Select(p => p.Code).FirstOrDefault() })
                .ToListAsync(c);
            if (parse.GetValue(json))
            {
                var rows = orgs.OrderBy(o => o.Depth).ThenBy(o => o.Code, StringComparer.Ordinal)
                    .Select(o => new OrgJson(o.Code, o.Name, o.Type.Code(), o.Parent));
                Console.WriteLine(JsonSerializer.Serialize(rows, Json));
                return 0;
            }

            var children = orgs.ToLookup(o => o.ParentId);
            void Print(Guid? parent, int indent)
            {
                foreach (var o in children[parent].OrderBy(o => o.Code, StringComparer.Ordinal))
                {
                    Console.WriteLine($"{new string(' ', indent * 2)}{o.Code}  {o.Name}（{o.Type.Label()}）");
                    Print(o.Id, indent + 1);
                }
            }

            Print(null, 0);
            Console.WriteLine($"共 {orgs.Count} 个单位。");
            return 0;
        }, ct));

        var code = new Option<string>("--code") { Description = "单位编码（字母、数字、-、_）", Required = true };
        var name = new Option<string>("--name") { Description = "单位名称", Required = true };
        var type = new Option<string>("--type") { Description = $"类型：{OrgTypes.Hint}", Required = true };
        var parent = new Option<string>("--parent") { Description = "上级单位编码（不填则为根单位）" };
        var add = new Command("add", "新增单位") { code, name, type, parent };
        add.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var r = await sp.GetRequiredService<CreateOrgHandler>().HandleAsync(
                new CreateOrg(parse.GetValue(code), parse.GetValue(name), parse.GetValue(type), parse.GetValue(parent)), OrgScope.Everything, c);
            if (r.IsError)
            {
                return CliHost.Fail(CliHost.Describe(r.Error));
            }

            Console.WriteLine($"已新增单位 {r.Value.Code} {r.Value.Name}（{r.Value.Type.Label()}）。");
            return 0;
        }, ct));

        var file = new Argument<FileInfo>("FILE") { Description = "CSV 或 XLSX 文件，表头：编码,名称,类型,上级编码" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查，不写入" };
        var import = new Command("import", "从 CSV/XLSX 导入单位：全部正确才写入，逐行报告错误") { file, dryRun };
        import.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                return CliHost.Fail($"文件不存在：{f.FullName}");
            }

            await using var stream = f.OpenRead();
            var report = await sp.GetRequiredService<ImportOrgsHandler>().HandleAsync(new ImportOrgs(stream, f.Name, parse.GetValue(dryRun)), OrgScope.Everything, c);
            foreach (var e in report.Errors)
            {
                await Console.Error.WriteLineAsync(e.Line > 0 ? $"第 {e.Line} 行：{e.Message}" : e.Message);
            }

            if (!report.Ok)
            {
                return CliHost.Fail($"共 {report.Errors.Count} 处错误，未导入任何单位。请修改文件后重试。");
            }

            Console.WriteLine(report.Committed
                ? $"已导入 {report.Created} 个单位。"
                : $"检查通过：{report.Created} 个单位可以导入（--dry-run，未写入）。");
            return 0;
        }, ct));

        return new Command("org", "单位（组织机构树）") { list, add, import };
    }

    private static Command UserCommand()
    {
        var userName = new Option<string>("--username") { Description = "登录用户名", Required = true };
        var displayName = new Option<string>("--name") { Description = "姓名", Required = true };
        var org = new Option<string>("--org") { Description = "所属单位编码", Required = true };
        var roles = new Option<string[]>("--role") { Description = $"角色（可多次）：{string.Join(", ", Roles.All)}", Required = true, AllowMultipleArgumentsPerToken = true };
        var password = new Option<string>("--password") { Description = "初始密码（不填则自动生成并显示一次）" };
        var add = new Command("add", "新增用户") { userName, displayName, org, roles, password };
        add.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var r = await sp.GetRequiredService<UserAccounts>().CreateAsync(new CreateUser(parse.GetValue(userName), parse.GetValue(displayName),
                parse.GetValue(org), parse.GetValue(roles) ?? [], parse.GetValue(password)), OrgScope.Everything, c);
            if (r.IsError)
            {
                return CliHost.Fail(CliHost.Describe(r.Error));
            }

            Console.WriteLine($"已新增用户 {r.Value.User.UserName}。");
            if (r.Value.PasswordGenerated)
            {
                Console.WriteLine($"初始密码（只显示这一次，首次登录后请修改）：{r.Value.Password}");
            }

            return 0;
        }, ct));

        var json = new Option<bool>("--json") { Description = "输出 JSON" };
        var orgFilter = new Option<string>("--org") { Description = "只列出该单位及其下级单位的用户" };
        var list = new Command("list", "列出用户") { json, orgFilter };
        list.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Guid? orgId = null;
            if (parse.GetValue(orgFilter) is { } oc)
            {
                orgId = await db.Orgs.Where(o => o.Code == oc).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(c);
                if (orgId is null)
                {
                    return CliHost.Fail($"单位“{oc}”不存在。");
                }
            }

            var users = await sp.GetRequiredService<UserQuery>().ListAsync(OrgScope.Everything, null, orgId, null, 500, c);
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(users.Select(u => new UserJson(u.UserName, u.DisplayName, u.OrgCode, u.Roles, u.LockoutEnd > now)), Json));
                return 0;
            }

            foreach (var u in users)
            {
                var locked = u.LockoutEnd > now ? "  [已锁定]" : "";
                Console.WriteLine($"{u.UserName,-16} {u.DisplayName}  {u.OrgName}（{u.OrgCode}）  {string.Join("、", u.Roles.Select(Roles.Label))}{locked}");
            }

            Console.WriteLine($"共 {users.Count} 个用户。");
            return 0;
        }, ct));

        var target = new Argument<string>("USERNAME") { Description = "用户名" };
        var newPassword = new Option<string>("--password") { Description = "新密码（不填则自动生成并显示一次）" };
        var reset = new Command("reset-password", "重置密码并解除锁定") { target, newPassword };
        reset.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var r = await sp.GetRequiredService<UserAccounts>().ResetPasswordAsync(parse.GetValue(target)!, parse.GetValue(newPassword), OrgScope.Everything, c);
            if (r.IsError)
            {
                return CliHost.Fail(CliHost.Describe(r.Error));
            }

            Console.WriteLine(parse.GetValue(newPassword) is null
                ? $"已重置 {parse.GetValue(target)} 的密码。新密码（只显示这一次，登录后请修改）：{r.Value}"
                : $"已为 {parse.GetValue(target)} 设置新密码。");
            return 0;
        }, ct));

        var lockTarget = new Argument<string>("USERNAME") { Description = "用户名" };
        var unlockOption = new Option<bool>("--unlock") { Description = "解除锁定" };
        var lockCmd = new Command("lock", "锁定账号（--unlock 解除）") { lockTarget, unlockOption };
        lockCmd.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var unlock = parse.GetValue(unlockOption);
            var r = await sp.GetRequiredService<UserAccounts>().SetLockedAsync(parse.GetValue(lockTarget)!, !unlock, null, OrgScope.Everything, c);
            if (r.IsError)
            {
                return CliHost.Fail(CliHost.Describe(r.Error));
            }

            Console.WriteLine(unlock ? $"已解除锁定：{r.Value.UserName}。" : $"已锁定：{r.Value.UserName}（已登录的会话随之失效）。");
            return 0;
        }, ct));

        return new Command("user", "用户") { add, list, reset, lockCmd };
    }

    private static Command AuditCommand()
    {
        var json = new Option<bool>("--json") { Description = "输出 JSON" };
        var verify = new Command("verify", "逐条校验审计日志的 SM3 哈希链；完好时退出码为 0，否则报告第一条损坏的记录") { json };
        verify.SetAction((parse, ct) => CliHost.RunAsync(async (sp, c) =>
        {
            var v = await sp.GetRequiredService<VerifyAuditChainHandler>().HandleAsync(c);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(v, Json));
            }
            else if (v.Intact)
            {
                Console.WriteLine($"审计日志完好：共 {v.EntriesChecked} 条记录，链头哈希 {v.HeadHash}");
            }
            else
            {
                await Console.Error.WriteLineAsync($"审计日志已被篡改：第一条损坏的记录是第 {v.BrokenAt} 条。{v.Problem}");
                await Console.Error.WriteLineAsync($"此前的 {v.EntriesChecked} 条记录完好。");
            }

            return v.Intact ? 0 : 3;
        }, ct));
        return new Command("audit", "审计日志") { verify };
    }

    private sealed record OrgJson(string Code, string Name, string Type, string? Parent);

    private sealed record UserJson(string UserName, string DisplayName, string Org, IReadOnlyList<string> Roles, bool Locked);
}
