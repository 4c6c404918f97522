using Fazhi.Core.Common;

namespace Fazhi.Core.Documents;

/// <summary>
/// Generates the documents of a reconsideration case: picks the kind's template, fills it from the input, and lays it
/// out with <see cref="OfficialDocx"/>. Expected failures (unknown law version, missing fields, a broken override
/// template) come back as errors with Chinese messages.
/// </summary>
public sealed class ReconsiderationDocuments(OfficialDocumentTemplates templates)
{
    /// <summary>Fills the kind's template: the document ready for layout, or the error.</summary>
    public Result<OfficialDocument> Compose(ReconsiderationDocumentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReconsiderationLegalBasis.IsKnownVersion(input.LawVersion))
        {
            return ValidationError.For("lawVersion", $"未知的行政复议法版本“{input.LawVersion}”，应为 2017 或 2023。");
        }

        if (string.IsNullOrWhiteSpace(input.Issuer))
        {
            return ValidationError.For("issuer", "缺少行政复议机关名称。");
        }

        if (input.Kind == ReconsiderationDocumentKind.Decision && input.Outcome is { } outcome
            && ReconsiderationLegalBasis.ForOutcome(outcome, input.LawVersion) is null)
        {
            return ValidationError.For("outcome", $"2017年修正的行政复议法没有“{outcome.Label()}”这一决定种类，请选择其他决定结果。");
        }

        if (input.ExtensionDays is < 1 or > 30)
        {
            return ValidationError.For("extensionDays", "延长审理的期限应为1至30日。");
        }

        if (input.AnswerPeriodDays is < 1)
        {
            return ValidationError.For("answerPeriodDays", "答复期限应为正数。");
        }

        var template = templates.Load(input.Kind);
        if (template.IsError)
        {
            return template.Error;
        }

        var filled = template.Value.Fill(name => ReconsiderationFields.ValueOf(name, input), input.LawVersion, out var missing);
        if (missing.Count > 0)
        {
            var title = input.Kind.Title();
            var fields = missing
                .GroupBy(ReconsiderationFields.PropertyOf, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => new[] { $"缺少“{ReconsiderationFields.LabelOf(g.First())}”，生成{title}需要填写此项。" });
            return new ValidationError(fields);
        }

        return new OfficialDocument(
            filled.Title ?? input.Kind.Title(),
            input.DocumentNumber,
            filled.Recipient,
            filled.Body,
            filled.Signer ?? input.Issuer.Trim(),
            input.SigningDate,
            filled.CopyTo);
    }

    /// <summary>Composes the document and writes it as DOCX bytes.</summary>
    public Result<byte[]> Render(ReconsiderationDocumentInput input)
    {
        var document = Compose(input);
        return document.IsError ? document.Error : OfficialDocx.Write(document.Value);
    }

    /// <summary>A download name: 行政复议受理通知书（云府复受〔2026〕12号）.docx.</summary>
    public static string FileName(ReconsiderationDocumentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var number = string.IsNullOrWhiteSpace(input.DocumentNumber) ? "" : "（" + input.DocumentNumber.Trim() + "）";
        var name = input.Kind.Title() + number + ".docx";
        return string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
    }
}
