namespace Fazhi.Core.Documents;

/// <summary>
/// An official document (公文) ready for layout: what <see cref="OfficialDocx"/> writes. The builder knows nothing about
/// lines of work; templates (<see cref="ReconsiderationDocuments"/>) fill this record.
/// </summary>
/// <param name="Title">The title; each line (separated by <c>\n</c>) is set centred in 小标宋 2号, e.g. the issuer
/// followed by the document's name.</param>
/// <param name="DocumentNumber">The document number (文号), e.g. <c>云府复受〔2026〕12号</c>, centred under the title.</param>
/// <param name="Recipient">The main recipient (主送), flush left, followed by a colon.</param>
/// <param name="Body">The body: paragraphs, headings and numbered items, in order.</param>
/// <param name="Signer">The issuer's name in the signature block.</param>
/// <param name="Date">The date of the document (成文日期), printed as 2026年12月2日.</param>
/// <param name="CopyTo">Copy recipients (抄送), printed at the end between two rules; null for none.</param>
public sealed record OfficialDocument(
    string Title,
    string? DocumentNumber,
    string? Recipient,
    IReadOnlyList<DocBlock> Body,
    string Signer,
    DateOnly Date,
    string? CopyTo = null)
{
    /// <summary>Whether the signature block carries the seal marker （印章） above the signer (default true).</summary>
    public bool SealMarker { get; init; } = true;
}

/// <summary>One block of an official document's body.</summary>
public abstract record DocBlock
{
    private protected DocBlock()
    {
    }

    /// <summary>A body paragraph: 仿宋 3号, first line indented two characters.</summary>
    public static DocBlock Paragraph(string text) => new DocParagraph(text);

    /// <summary>A heading; level 1 is numbered 一、二、… in 黑体, level 2 （一）（二）… in 楷体. The builder numbers them.</summary>
    public static DocBlock Heading(int level, string text) => new DocHeading(level, text);

    /// <summary>An item of a numbered list (1. 2. …), numbered by the builder; a new run of items restarts at 1.</summary>
    public static DocBlock Item(string text) => new DocItem(text);
}

/// <summary>A body paragraph.</summary>
/// <param name="Text">The text, without indent.</param>
public sealed record DocParagraph(string Text) : DocBlock;

/// <summary>A heading of level 1 (一、, 黑体) or 2 (（一）, 楷体). The text carries no number; the builder adds it.</summary>
/// <param name="Level">1 or 2.</param>
/// <param name="Text">The heading text.</param>
public sealed record DocHeading(int Level, string Text) : DocBlock;

/// <summary>An item of a numbered list (1. 2. …); consecutive items form one list.</summary>
/// <param name="Text">The item text, without its number.</param>
public sealed record DocItem(string Text) : DocBlock;
