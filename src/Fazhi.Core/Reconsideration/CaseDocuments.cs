using System.Text.RegularExpressions;
using Fazhi.Core.Clocks;
using Fazhi.Core.Common;
using Fazhi.Core.Documents;

namespace Fazhi.Core.Reconsideration;

/// <summary>A document a case has issued: its kind, the step that issued it and its number.</summary>
/// <param name="Kind">Document kind.</param>
/// <param name="Code">Kind code (URL segment).</param>
/// <param name="Title">Chinese title.</param>
/// <param name="IssuedOn">Day of the step.</param>
/// <param name="Number">Document number.</param>
public sealed record IssuedDocument(ReconsiderationDocumentKind Kind, string Code, string Title, DateOnly IssuedOn, string Number);

/// <summary>
/// Maps a case and its timeline onto the document templates: which documents the case has issued (one per step that
/// issues one, the latest of each kind), their numbers, and the DOCX of each, generated from the current case data.
/// </summary>
public sealed partial class CaseDocuments(ReconsiderationDocuments documents)
{
    /// <summary>The documents issued so far, in timeline order.</summary>
    public static IReadOnlyList<IssuedDocument> Issued(ReconsiderationDetail d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var list = new List<IssuedDocument>();
        foreach (var e in d.Events.Where(e => e.DocumentKind is not null))
        {
            if (!ReconsiderationDocumentKinds.TryParse(e.DocumentKind, out var kind))
            {
                continue;
            }

            list.RemoveAll(x => x.Kind == kind);
            list.Add(new IssuedDocument(kind, ReconsiderationDocumentKinds.Code(kind), ReconsiderationDocumentKinds.Title(kind), e.OccurredOn, Number(d, kind, e.OccurredOn)));
        }

        return list;
    }

    /// <summary>The DOCX of an issued document; an error when the case has not issued it or data is missing.</summary>
    public Result<(string FileName, byte[] Content)> Render(ReconsiderationDetail d, string kindCode)
    {
        ArgumentNullException.ThrowIfNull(d);
        var issued = Issued(d).FirstOrDefault(x => x.Code == kindCode);
        if (issued is null)
        {
            return new NotFoundError("document-not-issued", "本案尚未制发该文书。");
        }

        var input = Input(d, issued);
        var bytes = documents.Render(input);
        if (bytes.IsError)
        {
            return bytes.Error!;
        }

        return (ReconsiderationDocuments.FileName(input), bytes.Value!);
    }

    /// <summary>The template input for an issued document.</summary>
    public static ReconsiderationDocumentInput Input(ReconsiderationDetail d, IssuedDocument issued)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(issued);
        var c = d.Case;
        var applicants = d.Parties.Where(p => p.Role == PartyRole.Applicant).Select(p => p.Name).ToList();
        var extension = d.Clocks.LastOrDefault(k => k.RuleId == "reconsideration.decision");
        var correction = d.Clocks.LastOrDefault(k => k.RuleId == "reconsideration.correction-submission");
        var resumed = d.Events.LastOrDefault(e => e.Kind == "resume");
        DecisionOutcome? outcome = c.Outcome is { } o && DecisionOutcomes.TryParse(ReconsiderationCodes.Outcomes.Code(o), out var parsed) ? parsed : null;
        return new ReconsiderationDocumentInput
        {
            Kind = issued.Kind,
            LawVersion = c.LawVersion,
            Issuer = d.BodyName,
            DocumentNumber = issued.Number,
            CaseNumber = c.CaseNumber,
            Applicants = applicants,
            Agent = d.Parties.FirstOrDefault(p => p.Role == PartyRole.Agent)?.Name,
            Respondent = c.RespondentName,
            ThirdParties = d.Parties.Where(p => p.Role == PartyRole.ThirdParty).Select(p => p.Name).ToList(),
            Matter = ReconsiderationCodes.Matters.Label(c.Matter),
            ChallengedAct = c.ChallengedAct is { } act ? (c.ActDate is { } ad ? $"于{ChineseDates.Chinese(ad)}作出的{act}" : $"作出的{act}") : null,
            Request = c.Request,
            ReceivedDate = c.ReceivedOn,
            AcceptedDate = c.AcceptedOn,
            CorrectionItems = c.CorrectionItems is { } items ? items.Split(['\n', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            CorrectionDeadline = correction?.DueDate,
            NonAcceptanceReason = c.NotAcceptedReason,
            SimpleProcedure = c.Procedure == ReviewProcedure.Simplified,
            AnswerPeriodDays = c.Procedure == ReviewProcedure.Simplified ? 5 : 10,
            HearingDate = c.HearingAt is { } h ? DateOnly.FromDateTime(h) : null,
            HearingTime = c.HearingAt is { } t ? TimeOnly.FromDateTime(t) : null,
            HearingPlace = c.HearingPlace,
            SuspensionGround = c.SuspensionGround is { } g ? ReconsiderationCodes.SuspensionGrounds.Label(g) : null,
            SuspensionDate = d.Events.LastOrDefault(e => e.Kind == "suspend")?.OccurredOn,
            ResumptionDate = resumed?.OccurredOn,
            ExtensionDays = c.ExtendedDays > 0 ? c.ExtendedDays : null,
            NewDueDate = c.ExtendedDays > 0 ? extension?.DueDate : null,
            Outcome = outcome,
            Facts = c.Facts,
            Reasoning = c.Reasoning,
            SigningDate = issued.IssuedOn,
        };
    }

    /// <summary>Document number: 云溪复受〔2026〕12号 (issuer short name, 复, kind mark, year, the case's serial).</summary>
    public static string Number(ReconsiderationDetail d, ReconsiderationDocumentKind kind, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(d);
        var issuer = d.BodyName.Replace("人民政府", "", StringComparison.Ordinal).Replace("区", "", StringComparison.Ordinal).Replace("县", "", StringComparison.Ordinal);
        var mark = kind switch
        {
            ReconsiderationDocumentKind.AcceptanceNotice => "受",
            ReconsiderationDocumentKind.CorrectionNotice => "补",
            ReconsiderationDocumentKind.NonAcceptanceDecision => "不受",
            ReconsiderationDocumentKind.AnswerNotice => "答",
            ReconsiderationDocumentKind.HearingNotice => "听",
            ReconsiderationDocumentKind.SuspensionNotice => "中",
            ReconsiderationDocumentKind.ResumptionNotice => "恢",
            ReconsiderationDocumentKind.ExtensionNotice => "延",
            _ => "决",
        };
        var serial = Serial().Match(d.Case.CaseNumber) is { Success: true } m ? m.Groups[1].Value : d.Case.CaseNumber;
        return $"{issuer}复{mark}〔{on.Year}〕{serial}号";
    }

    [GeneratedRegex(@"〔\d{4}〕(\d+)号")]
    private static partial Regex Serial();
}
