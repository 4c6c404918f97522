using Fazhi.Core.Common;

namespace Fazhi.Core.ReportAnalysis;

/// <summary>
/// Analyzes a published 法治政府建设年度报告 (anyone's, as text, HTML or DOCX): which of the five mandated parts it
/// contains, its numeric facts, and arithmetic that does not add up. Pure and thread-safe; see docs/report-analyzer.md.
/// </summary>
public static class ReportAnalyzer
{
    /// <summary>Reads and analyzes a file; an unreadable file is a <see cref="ValidationError"/> on "file" with a Chinese message.</summary>
    public static Result<ReportAnalysisResult> Analyze(byte[] content, string fileName)
    {
        var text = ReportTextReader.Read(content, fileName);
        if (text.IsError)
        {
            return text.Error;
        }

        return Analyze(text.Value);
    }

    /// <summary>Analyzes extracted text.</summary>
    public static ReportAnalysisResult Analyze(ReportText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outline = ReportStructure.Build(text.Blocks);
        var (parts, evidence, notes) = PartDetector.Detect(outline);
        var facts = FactExtractor.Extract(text.Blocks);
        var (inconsistencies, checks) = ArithmeticChecker.Check(text.Blocks, facts);
        return new ReportAnalysisResult(outline.Title, outline.Year, text.Format, parts, evidence, facts, inconsistencies, checks, notes);
    }

    /// <summary>Analyzes plain text (tests, benchmarks).</summary>
    public static ReportAnalysisResult AnalyzePlainText(string text) =>
        Analyze(new ReportText("txt", "utf-8", ReportTextReader.PlainBlocks(text)));
}
