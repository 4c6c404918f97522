using System.Text.RegularExpressions;
using Fazhi.Core.Cases;
using Fazhi.Core.Common;
using Fazhi.Core.Data;
using Fazhi.Core.Orgs;
using Fazhi.Core.Reconsideration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Fazhi.Web.Portal;

/// <summary>
/// /public/reconsideration/apply: the online application (网上申请). Anonymous. The reconsideration body is chosen from
/// the governments of the org tree only. Every field and every attachment is checked first; then the case is registered
/// (channel "online", received today in China time) and the attachments stored, in one transaction — on any error nothing
/// is saved and the form comes back with its values and the messages per field.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PortalSetup.ApplyPolicy)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed partial class ApplyModel(RegisterReconsiderationHandler register, CaseAttachments attachments, AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Most attachments per application.</summary>
    public const int MaxFiles = 5;

    /// <summary>Most bytes of all attachments of one application.</summary>
    public const long MaxTotalBytes = 50L * 1024 * 1024;

    private const long MaxRequestBytes = MaxTotalBytes + (2L * 1024 * 1024);

    /// <summary>Where the tracking code is handed to the confirmation page (TempData, read once).</summary>
    internal const string SubmittedKey = "Portal.Submitted";

    [BindProperty]
    public ApplyInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Bodies { get; private set; } = [];

    public AttachmentOptions Limits => attachments.Options;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var badDate = ModelState.TryGetValue($"{nameof(Input)}.{nameof(ApplyInput.ActDate)}", out var date) && date.Errors.Count > 0;
        ModelState.Clear(); // the page's own checks below give the Chinese messages
        if (badDate)
        {
            Error(nameof(ApplyInput.ActDate), "日期格式不正确，请按“年-月-日”填写。");
        }

        CheckFields();
        var files = await CheckFilesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var parties = new List<PartyInput> { new("applicant", Input.ApplicantName, Input.IdNumber, Input.Phone, Input.Address) };
        if (!string.IsNullOrWhiteSpace(Input.AgentName))
        {
            parties.Add(new PartyInput("agent", Input.AgentName, null, Input.AgentPhone));
        }

        var request = $"{Input.Request!.Trim()}\n\n事实和理由：\n{Input.Facts!.Trim()}";
        var today = ChinaTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Unrestricted scope, but only for a government listed on this page (checked in CheckFields).
        var registered = await register.HandleAsync(new RegisterReconsideration(Input.OrgId!.Value, null, null, "online", today,
            Input.Respondent, Input.Matter, Input.ActDate, Input.ChallengedAct, request, parties), OrgScope.Everything, null, ct);
        if (registered.IsError)
        {
            AddHandlerError(registered.Error);
            return Page();
        }

        var c = registered.Value!;
        foreach (var file in files)
        {
            var stored = await attachments.AddAsync(ReconsiderationCodes.CaseType, c.Id, file, "申请材料", personal: true, uploadedBy: null,
                AttachmentAccess.Applicant(c.TrackingCode!), ct);
            if (stored.IsError)
            {
                ModelState.AddModelError(nameof(Files), stored.Error.Message);
                return Page();
            }
        }

        await tx.CommitAsync(ct);
        TempData[SubmittedKey] = string.Join("\n", c.TrackingCode, c.CaseNumber, Bodies.First(b => b.Id == c.OrgId).Name, files.Count);
        return Redirect("/public/reconsideration/submitted");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var orgs = await db.Orgs.AsNoTracking().Where(o => o.Type == OrgType.Government)
            .OrderBy(o => o.Depth).ThenBy(o => o.Code).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        Bodies = orgs.Select(o => (o.Id, o.Name)).ToList();
        if (Bodies.Count == 1)
        {
            Input.OrgId ??= Bodies[0].Id;
        }
    }

    private void CheckFields()
    {
        if (Input.OrgId is not { } org || Bodies.All(b => b.Id != org))
        {
            Error(nameof(ApplyInput.OrgId), "请选择行政复议机关。");
        }

        Required(nameof(ApplyInput.ApplicantName), Input.ApplicantName, "请填写申请人姓名或名称。", ReconsiderationCase.MaxNameLength);
        if (Required(nameof(ApplyInput.IdNumber), Input.IdNumber, "请填写身份证件号码或统一社会信用代码。", 30)
            && !IdNumberPattern().IsMatch(Input.IdNumber!.Trim()))
        {
            Error(nameof(ApplyInput.IdNumber), "证件号码格式不正确：身份证号码为18位（最后一位可以是X），统一社会信用代码为18位。");
        }

        if (Required(nameof(ApplyInput.Phone), Input.Phone, "请填写联系电话，查询办理进度时需要手机号后四位。", 20)
            && (!PhonePattern().IsMatch(Input.Phone!.Trim()) || Input.Phone.Count(char.IsAsciiDigit) < 7))
        {
            Error(nameof(ApplyInput.Phone), "联系电话格式不正确，请填写手机号码或带区号的固定电话。");
        }

        Required(nameof(ApplyInput.Address), Input.Address, "请填写住所或通讯地址。", 200);
        Optional(nameof(ApplyInput.AgentName), Input.AgentName, ReconsiderationCase.MaxNameLength);
        if (!string.IsNullOrWhiteSpace(Input.AgentPhone) && !PhonePattern().IsMatch(Input.AgentPhone.Trim()))
        {
            Error(nameof(ApplyInput.AgentPhone), "代理人联系电话格式不正确。");
        }

        Required(nameof(ApplyInput.Respondent), Input.Respondent, "请填写被申请人（作出行政行为的行政机关名称）。", ReconsiderationCase.MaxNameLength);
        if (!ReconsiderationCodes.Matters.TryParse(Input.Matter, out _))
        {
            Error(nameof(ApplyInput.Matter), "请选择被申请行为类别。");
        }

        if (Input.ActDate is { } act && act > ChinaTime.Today(clock))
        {
            Error(nameof(ApplyInput.ActDate), "行政行为作出日期不能晚于今天。");
        }

        Required(nameof(ApplyInput.ChallengedAct), Input.ChallengedAct, "请填写被申请的行政行为（如文书名称和文号）。", ReconsiderationCase.MaxTextLength);
        var requestOk = Required(nameof(ApplyInput.Request), Input.Request, "请填写行政复议请求。", ReconsiderationCase.MaxTextLength);
        var factsOk = Required(nameof(ApplyInput.Facts), Input.Facts, "请填写事实和理由。", ReconsiderationCase.MaxTextLength);
        if (requestOk && factsOk && Input.Request!.Trim().Length + Input.Facts!.Trim().Length + 10 > ReconsiderationCase.MaxTextLength)
        {
            Error(nameof(ApplyInput.Facts), $"行政复议请求与事实和理由合计不超过 {ReconsiderationCase.MaxTextLength - 10} 个字符，请精简，详细内容可作为附件上传。");
        }
    }

    private async Task<List<CheckedFile>> CheckFilesAsync(CancellationToken ct)
    {
        var chosen = Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        var checkedFiles = new List<CheckedFile>();
        if (chosen.Count > MaxFiles)
        {
            ModelState.AddModelError(nameof(Files), $"最多上传 {MaxFiles} 个附件。");
            return checkedFiles;
        }

        if (chosen.Sum(f => f.Length) > MaxTotalBytes)
        {
            ModelState.AddModelError(nameof(Files), $"附件合计超过 {MaxTotalBytes / 1048576} MB 上限。");
            return checkedFiles;
        }

        foreach (var f in chosen)
        {
            await using var stream = f.OpenReadStream();
            var r = await attachments.ReadAsync(f.FileName, stream, ct);
            if (r.IsError)
            {
                ModelState.AddModelError(nameof(Files), r.Error is ValidationError v ? string.Join(" ", v.Fields.Values.SelectMany(m => m)) : r.Error.Message);
            }
            else
            {
                checkedFiles.Add(r.Value!);
            }
        }

        return checkedFiles;
    }

    /// <summary>The handler checks again (respondent, dates, lengths); its field names map onto the form's.</summary>
    private void AddHandlerError(Error error)
    {
        if (error is not ValidationError v)
        {
            ModelState.AddModelError("", error.Message);
            return;
        }

        foreach (var (field, messages) in v.Fields)
        {
            var key = field switch
            {
                "orgId" => nameof(ApplyInput.OrgId),
                "respondent" => nameof(ApplyInput.Respondent),
                "matter" => nameof(ApplyInput.Matter),
                "actDate" => nameof(ApplyInput.ActDate),
                "challengedAct" => nameof(ApplyInput.ChallengedAct),
                "request" => nameof(ApplyInput.Facts),
                _ when field.StartsWith("parties", StringComparison.Ordinal) => nameof(ApplyInput.ApplicantName),
                _ => null,
            };
            foreach (var m in messages)
            {
                ModelState.AddModelError(key is null ? "" : $"{nameof(Input)}.{key}", m);
            }
        }
    }

    private bool Required(string field, string? value, string message, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(field, message);
            return false;
        }

        return Optional(field, value, maxLength);
    }

    private bool Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Error(field, $"不超过 {maxLength} 个字符。");
            return false;
        }

        return true;
    }

    private void Error(string field, string message) => ModelState.AddModelError($"{nameof(Input)}.{field}", message);

    // 18-digit resident ID (last may be X), 15-digit old ID, or an 18-character unified social credit code.
    [GeneratedRegex(@"^(\d{17}[\dXx]|\d{15}|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"^\+?[\d\- ]{7,20}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhonePattern();

    public sealed class ApplyInput
    {
        public Guid? OrgId { get; set; }

        public string? ApplicantName { get; set; }

        public string? IdNumber { get; set; }

        public string? Phone { get; set; }

        public string? Address { get; set; }

        public string? AgentName { get; set; }

        public string? AgentPhone { get; set; }

        public string? Respondent { get; set; }

        public string? Matter { get; set; }

        public DateOnly? ActDate { get; set; }

        public string? ChallengedAct { get; set; }

        public string? Request { get; set; }

        public string? Facts { get; set; }
    }
}
