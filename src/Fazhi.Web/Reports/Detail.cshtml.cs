using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Reports;
using Fazhi.Web.Auth;
using Fazhi.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fazhi.Web.Reports;

/// <summary>One version of an annual report: preview with every figure linked to its cases, the completeness check,
/// the editor (drafts), the review steps, downloads (DOCX, HTML, JSON) and the other versions.</summary>
public sealed class DetailModel(AnnualReportService reports, CurrentUser me, TimeProvider time) : PageModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ReportView View { get; private set; } = null!;

    public IReadOnlyList<ReportProblem> Problems { get; private set; } = [];

    public bool CanManage => me.CanManageReports;

    [BindProperty]
    public EditInput Input { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    [TempData]
    public string? Flash { get; set; }

    /// <summary>The editor's fields.</summary>
    public sealed class EditInput
    {
        public string? Title { get; set; }

        public string?[] Headings { get; set; } = new string?[5];

        public string?[] Texts { get; set; } = new string?[5];
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        FillInput();
        return Page();
    }

    private void FillInput() => Input = new EditInput
    {
        Title = View.Report.Title,
        Headings = ReportCodes.Parts.Select(p => (string?)View.Report.Heading(p)).ToArray(),
        Texts = ReportCodes.Parts.Select(p => (string?)View.Report.Text(p)).ToArray(),
    };

    public async Task<IActionResult> OnGetDocxAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var bytes = ReportOutput.Docx(View, ChineseDates.Today(time));
        return File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileName("docx"));
    }

    public async Task<IActionResult> OnGetHtmlAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var html = ReportOutput.HtmlDocument(View, f => FigureLink(f, absolute: true));
        return File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", FileName("html"));
    }

    public async Task<IActionResult> OnGetJsonAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var json = JsonSerializer.Serialize(ReportOutput.Json(View, PublicUrl), Json);
        return File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", FileName("json"));
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var parts = ReportCodes.Parts.Select((p, i) => new PartEdit(p, Input.Headings.ElementAtOrDefault(i), Input.Texts.ElementAtOrDefault(i))).ToList();
        var r = await reports.UpdateAsync(id, Input.Title, parts, me.Scope, ct);
        return await AfterAsync(id, r, "已保存。", ct);
    }

    public async Task<IActionResult> OnPostStepAsync(Guid id, string? step, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var (result, done) = step switch
        {
            "submit" => (await reports.SubmitAsync(id, me.Scope, ct), "已提交审核。"),
            "return" => (await reports.ReturnAsync(id, Note, me.Scope, ct), "已退回草稿。"),
            "secrecy" => (await reports.SecrecySignOffAsync(id, Note, me.Scope, ct), "保密审查已签署。"),
            "approve" => (await reports.ApproveAsync(id, me.Scope, ct), "报告已审定，正文和数据已固定。"),
            "publish" => (await reports.PublishAsync(id, me.Scope, ct), "报告已在门户网站公开。"),
            "new-version" => (await reports.NewVersionAsync(id, me.Scope, ct), "已创建新版本草稿。"),
            _ => ((Result<AnnualReport>)ValidationError.For("step", "未知的操作。"), ""),
        };
        return await AfterAsync(id, result, done, ct, keepInput: false);
    }

    /// <summary>Where a figure leads: the frozen case list of an approved report, or the live drill-down.</summary>
    public string FigureLink(ReportFigure f, bool absolute = false)
    {
        var r = View.Report;
        var path = r.FrozenFigures is not null
            ? $"/reports/{r.Id}/figures/{Uri.EscapeDataString(f.Indicator)}"
            : f.Source == "manual"
                ? $"/facts?org={Uri.EscapeDataString(View.OrgCode)}&year={r.Year}&fact={Uri.EscapeDataString(f.Indicator)}"
                : $"/indicators/{Uri.EscapeDataString(f.Indicator)}/cases?org={Uri.EscapeDataString(View.OrgCode)}&year={r.Year}&set=numerator";
        return absolute ? $"{Request.Scheme}://{Request.Host}{path}" : path;
    }

    public string? PublicUrl => View.Report.Status == ReportStatus.Published ? ReportOutput.PublicPath(View.OrgCode, View.Report.Year) : null;

    private string FileName(string ext) => $"{View.OrgCode}-{View.Report.Year}-annual-report-v{View.Report.Version}.{ext}";

    private async Task<IActionResult> AfterAsync(Guid id, Result<AnnualReport> r, string done, CancellationToken ct, bool keepInput = true)
    {
        if (r.IsError)
        {
            if (r.Error is NotFoundError)
            {
                return NotFound();
            }

            r.Error!.AddTo(ModelState, "");
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            if (!keepInput)
            {
                FillInput();
            }

            return Page();
        }

        Flash = done;
        return Redirect($"/reports/{r.Value!.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var r = await reports.GetAsync(id, me.Scope, ct);
        if (r.IsError)
        {
            return false;
        }

        View = r.Value!;
        if (!View.Report.IsFrozen)
        {
            Problems = reports.Check(View);
        }

        return true;
    }
}
