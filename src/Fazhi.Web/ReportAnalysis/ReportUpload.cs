using Fazhi.Core.Common;
using Fazhi.Core.ReportAnalysis;

namespace Fazhi.Web.ReportAnalysis;

/// <summary>Reads an uploaded report into memory, refusing a missing or oversized file with a Chinese message.</summary>
public static class ReportUpload
{
    /// <summary>Analyzes the upload; expected failures are a <see cref="ValidationError"/> on "file".</summary>
    public static async Task<Result<ReportAnalysisResult>> AnalyzeAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return ValidationError.For("file", file is null
                ? "请选择要分析的报告文件（.txt、.html、.htm 或 .docx）。"
                : $"文件“{file.FileName}”是空的（0 字节）。请选择含有报告正文的文件。");
        }

        if (file.Length > ReportTextReader.MaxBytes)
        {
            return ValidationError.For("file", $"文件“{file.FileName}”超过 10 MB，无法分析。请只上传报告正文。");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, ct);
        }

        return ReportAnalyzer.Analyze(buffer.ToArray(), file.FileName);
    }
}
