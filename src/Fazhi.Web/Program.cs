using Fazhi.Web;
using Fazhi.Web.Cli;

// One executable: `fazhi <verb>` runs an administrative command; `fazhi serve` (or no verb) runs the web app.
if (FazhiCommands.IsCommand(args))
{
    return await FazhiCommands.RunAsync(args);
}

return await FazhiWebApp.RunAsync(FazhiCommands.WithoutServeVerb(args));

/// <summary>The entry point (named so that tests can use <c>WebApplicationFactory&lt;Program&gt;</c>).</summary>
public partial class Program;
