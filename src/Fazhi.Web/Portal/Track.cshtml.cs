using Fazhi.Core.Data;
using Fazhi.Core.Reconsideration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Portal;

/// <summary>
/// /public/track: the applicant's view of one online application. Two factors: the tracking code and the last four digits
/// of an applicant's phone. Either wrong gives the same message, so the page never tells which one was wrong. Shows the
/// stage, the key dates, the outcome once closed and the timeline steps with their dates — no notes, no names, no
/// personal data. Lookups are rate-limited per client address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PortalSetup.TrackPolicy)]
public sealed class TrackModel(AppDbContext db) : PageModel
{
    /// <summary>The one message for an unknown code or a wrong phone.</summary>
    public const string NotFoundMessage = "未找到该申请，请核对查询码和手机号后四位";

    // Steps of the applicant's own procedure; supervision letters and reports to superiors stay internal.
    private static readonly HashSet<string> PublicSteps = new(StringComparer.Ordinal)
    {
        "received", "request_correction", "receive_correction", "deem_abandoned", "accept", "deem_accepted", "not_accept", "send_copy",
        "receive_answer", "convert_to_ordinary", "schedule_hearing", "hold_hearing", "suspend", "resume", "extend", "close", "publish",
    };

    [BindProperty]
    public TrackInput Input { get; set; } = new();

    public TrackResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var code = new string((Input.Code ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        var last4 = (Input.PhoneLast4 ?? "").Trim();
        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.Code", "请输入查询码。");
        }

        if (last4.Length != 4 || !last4.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError("Input.PhoneLast4", "请输入申请人手机号的后四位数字。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Result = code.Length > 16 ? null : await FindAsync(code, last4, ct);
        if (Result is null)
        {
            ModelState.AddModelError("", NotFoundMessage);
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<TrackResult?> FindAsync(string code, string last4, CancellationToken ct)
    {
        var c = await db.ReconsiderationCases.AsNoTracking().Where(x => x.TrackingCode == code)
            .Select(x => new
            {
                x.Id,
                x.OrgId,
                x.CaseNumber,
                x.ReceivedOn,
                x.Stage,
                x.AcceptedOn,
                x.NotAcceptedOn,
                x.ClosedOn,
                x.Outcome,
                Body = db.Orgs.Where(o => o.Id == x.OrgId).Select(o => o.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }

        var phones = await db.ReconsiderationParties.AsNoTracking().Where(p => p.CaseId == c.Id && p.Role == PartyRole.Applicant && p.Phone != null)
            .Select(p => p.Phone!).ToListAsync(ct);
        if (!phones.Any(p => new string(p.Where(char.IsAsciiDigit).ToArray()).EndsWith(last4, StringComparison.Ordinal)))
        {
            return null;
        }

        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseType == ReconsiderationCodes.CaseType && e.CaseId == c.Id)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).Select(e => new { e.Kind, e.OccurredOn }).ToListAsync(ct);
        var steps = events.Where(e => PublicSteps.Contains(e.Kind)).Select(e => new TrackStep(e.OccurredOn, StepLabel(e.Kind))).ToList();
        var closed = c.Stage == ReconsiderationStage.Closed;
        return new TrackResult(c.CaseNumber, c.Body ?? "", c.ReceivedOn, ReconsiderationCodes.Stages.Label(c.Stage), c.AcceptedOn, c.NotAcceptedOn,
            closed ? c.ClosedOn : null, closed && c.Outcome is { } o ? ReconsiderationCodes.Outcomes.Label(o) : null, steps);
    }

    private static string StepLabel(string kind) =>
        kind == "received" ? "收到网上申请"
        : ReconsiderationWorkflow.Actions.TryParse(kind, out var a) ? ReconsiderationWorkflow.Actions.Label(a)
        : kind;

    public sealed class TrackInput
    {
        public string? Code { get; set; }

        public string? PhoneLast4 { get; set; }
    }

    public sealed record TrackStep(DateOnly On, string Label);

    public sealed record TrackResult(string CaseNumber, string Body, DateOnly ReceivedOn, string Stage, DateOnly? AcceptedOn, DateOnly? NotAcceptedOn,
        DateOnly? DecidedOn, string? Outcome, IReadOnlyList<TrackStep> Steps);
}
