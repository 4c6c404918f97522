using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Fazhi.Core.Documents;

namespace Fazhi.Core.Reports;

/// <summary>One part in the JSON output.</summary>
/// <param name="Part">Part code.</param>
/// <param name="Heading">Heading.</param>
/// <param name="Text">Text with its figure references.</param>
/// <param name="Rendered">Text with the figures filled in.</param>
/// <param name="References">Figure ids cited in the part, in order.</param>
public sealed record ReportPartJson(
    [property: JsonPropertyName("part")] string Part,
    [property: JsonPropertyName("heading")] string Heading,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("rendered")] string Rendered,
    [property: JsonPropertyName("references")] IReadOnlyList<string> References);

/// <summary>The report in the JSON output.</summary>
/// <param name="Id">Id.</param>
/// <param name="Version">Version.</param>
/// <param name="Status">Status code.</param>
/// <param name="Title">Title.</param>
/// <param name="Deadline">Statutory date.</param>
/// <param name="Late">Published after the deadline, or unpublished past it.</param>
/// <param name="ApprovedOn">Approval date.</param>
/// <param name="PublishedOn">Publication date.</param>
/// <param name="PublicUrl">Path of the published report on the portal.</param>
/// <param name="Parts">The five parts.</param>
public sealed record ReportJson(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("deadline")] DateOnly Deadline,
    [property: JsonPropertyName("late")] bool Late,
    [property: JsonPropertyName("approved_on")] DateOnly? ApprovedOn,
    [property: JsonPropertyName("published_on")] DateOnly? PublishedOn,
    [property: JsonPropertyName("public_url")] string? PublicUrl,
    [property: JsonPropertyName("parts")] IReadOnlyList<ReportPartJson> Parts);

/// <summary>The JSON of <c>fazhi report annual --format json</c> and <c>GET /api/reports/…</c>: the figures of the
/// org subtree and year (frozen ones for an approved report), and the report itself when one exists.</summary>
/// <param name="Org">Org code.</param>
/// <param name="OrgName">Org name.</param>
/// <param name="Year">Year.</param>
/// <param name="Report">The report, or null when none has been started.</param>
/// <param name="Figures">Every figure: indicator id, value, numerator, denominator, definition version.</param>
public sealed record AnnualReportJson(
    [property: JsonPropertyName("org")] string Org,
    [property: JsonPropertyName("org_name")] string OrgName,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("report")] ReportJson? Report,
    [property: JsonPropertyName("figures")] IReadOnlyList<ReportFigure> Figures);

/// <summary>Renders a report as DOCX (official-document layout), HTML and JSON.</summary>
public static partial class ReportOutput
{
    [GeneratedRegex(@"^\s*[一二三四五六七八九十]+\s*[、.．]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingOrdinal();

    /// <summary>The portal path of a published report.</summary>
    public static string PublicPath(string orgCode, int year, int? version = null) =>
        $"/public/reports/{Uri.EscapeDataString(orgCode)}/{year}" + (version is { } v ? $"?version={v}" : "");

    /// <summary>A part heading without a typed ordinal (the outputs number the parts 一、二、…).</summary>
    public static string CleanHeading(string heading) => LeadingOrdinal().Replace(heading ?? "", "").Trim();

    /// <summary>A text with its figure references replaced by their printed values.</summary>
    public static string RenderPlain(string text, IReadOnlyDictionary<string, ReportFigure> figures) =>
        ReportText.Render(text, r => figures.TryGetValue(r.Id, out var f) && (r.Year is null || r.Year == f.Year) ? f.Display : $"{{{{{r.Id}}}}}");

    /// <summary>The report as an official document: title, the five parts as 一、 headings, （一） sections and 1. items,
    /// the org and the date (approval date, or today's for a draft) in the signature block, page numbers.</summary>
    public static OfficialDocument Document(ReportView view, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Report;
        var blocks = new List<DocBlock>();
        foreach (var part in ReportCodes.Parts)
        {
            blocks.Add(DocBlock.Heading(1, CleanHeading(r.Heading(part))));
            foreach (var b in ReportText.Blocks(r.Text(part)))
            {
                var text = RenderPlain(b.Text, view.Figures);
                blocks.Add(b.Kind switch
                {
                    ReportBlockKind.Heading => DocBlock.Heading(2, text),
                    ReportBlockKind.Item => DocBlock.Item(text),
                    _ => DocBlock.Paragraph(text),
                });
            }
        }

        return new OfficialDocument(TitleLines(r.Title), null, null, blocks, view.OrgName, r.ApprovedOn ?? today) { SealMarker = r.IsFrozen };
    }

    /// <summary>A long title broken by meaning, as official titles are: the issuer, then “关于……的报告”.</summary>
    public static string TitleLines(string title)
    {
        var t = (title ?? "").Trim();
        var at = t.IndexOf("关于", StringComparison.Ordinal);
        return t.Length > 20 && at > 0 && !t.Contains('\n', StringComparison.Ordinal) ? t[..at] + "\n" + t[at..] : t;
    }

    /// <summary>The report as DOCX bytes.</summary>
    public static byte[] Docx(ReportView view, DateOnly today) => OfficialDocx.Write(Document(view, today));

    /// <summary>
    /// The report body as an HTML fragment (an <c>article</c>): title, parts, sections, items; each figure a link made
    /// by <paramref name="figureLink"/> (null: plain text) with its numerator and denominator in the title.
    /// </summary>
    public static string HtmlFragment(ReportView view, Func<ReportFigure, string?> figureLink)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(figureLink);
        var r = view.Report;
        var h = new StringBuilder();
        h.Append("<article class=\"annual-report\">\n<h1 class=\"report-title\">").Append(E(r.Title)).Append("</h1>\n");
        var n = 0;
        foreach (var part in ReportCodes.Parts)
        {
            n++;
            h.Append("<section data-part=\"").Append(part.Code()).Append("\">\n<h2>").Append(ChineseNumerals.Format(n)).Append('、').Append(E(CleanHeading(r.Heading(part)))).Append("</h2>\n");
            var sub = 0;
            var item = 0;
            foreach (var b in ReportText.Blocks(r.Text(part)))
            {
                if (b.Kind != ReportBlockKind.Item)
                {
                    item = 0;
                }

                var body = Inline(b.Text, view.Figures, figureLink);
                switch (b.Kind)
                {
                    case ReportBlockKind.Heading:
                        sub++;
                        h.Append("<h3>（").Append(ChineseNumerals.Format(sub)).Append('）').Append(body).Append("</h3>\n");
                        break;
                    case ReportBlockKind.Item:
                        item++;
                        h.Append("<p class=\"item\">").Append(item).Append('.').Append(body).Append("</p>\n");
                        break;
                    default:
                        h.Append("<p>").Append(body).Append("</p>\n");
                        break;
                }
            }

            h.Append("</section>\n");
        }

        h.Append("<p class=\"signature\">").Append(E(view.OrgName)).Append("<br>")
            .Append(r.ApprovedOn is { } d ? OfficialDocx.ChineseDate(d) : "（未审定）").Append("</p>\n</article>\n");
        return h.ToString();
    }

    /// <summary>A standalone HTML page of the report (for <c>--format html</c>).</summary>
    public static string HtmlDocument(ReportView view, Func<ReportFigure, string?> figureLink)
    {
        ArgumentNullException.ThrowIfNull(view);
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + E(view.Report.Title) + "</title>\n<style>\n"
            + "body{font-family:\"FangSong\",\"仿宋\",\"STFangsong\",serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.9;font-size:18px;color:#111}\n"
            + ".report-title{font-family:\"SimSun\",\"宋体\",serif;text-align:center;font-size:26px}\n"
            + "h2{font-family:\"SimHei\",\"黑体\",sans-serif;font-size:19px;text-indent:2em;margin:1em 0 .2em}\n"
            + "h3{font-family:\"KaiTi\",\"楷体\",serif;font-size:18px;text-indent:2em;margin:.6em 0 .2em}\n"
            + "p{text-indent:2em;margin:.2em 0}.signature{text-align:right;margin-top:2em}a.figure{color:#0b4ea2}\n"
            + "</style>\n</head>\n<body>\n" + HtmlFragment(view, figureLink) + "</body>\n</html>\n";
    }

    /// <summary>The JSON document.</summary>
    public static AnnualReportJson Json(ReportView view, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Report;
        var parts = ReportCodes.Parts.Select(p => new ReportPartJson(p.Code(), r.Heading(p), r.Text(p), RenderPlain(r.Text(p), view.Figures),
            ReportText.References(r.Text(p)).Select(x => x.Id).ToList())).ToList();
        var report = new ReportJson(r.Id, r.Version, r.Status.Code(), r.Title, view.Deadline, view.Late, r.ApprovedOn, r.PublishedOn, publicUrl, parts);
        return new AnnualReportJson(view.OrgCode, view.OrgName, r.Year, report, view.Figures.Values.ToList());
    }

    private static string Inline(string text, IReadOnlyDictionary<string, ReportFigure> figures, Func<ReportFigure, string?> link)
    {
        var h = new StringBuilder();
        var at = 0;
        foreach (var r in ReportText.References(text))
        {
            h.Append(E(text[at..r.Index]));
            if (figures.TryGetValue(r.Id, out var f) && (r.Year is null || r.Year == f.Year))
            {
                var title = f.Denominator is { } m ? $"{f.Name}：{f.Numerator:0.##} / {m}" : f.Name;
                var href = link(f);
                h.Append(href is null
                    ? $"<span class=\"figure\" title=\"{E(title)}\">{E(f.Display)}</span>"
                    : $"<a class=\"figure\" href=\"{E(href)}\" title=\"{E(title)}\" data-indicator=\"{E(f.Indicator)}\">{E(f.Display)}</a>");
            }
            else
            {
                h.Append("<mark class=\"figure-missing\">").Append(E(text.Substring(r.Index, r.Length))).Append("</mark>");
            }

            at = r.Index + r.Length;
        }

        h.Append(E(text[at..]));
        return ReportText.PlaceholderPattern().Replace(h.ToString(), m => $"<mark class=\"placeholder\">{m.Value}</mark>");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
