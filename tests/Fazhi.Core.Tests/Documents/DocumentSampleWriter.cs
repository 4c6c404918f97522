using Fazhi.Core.Documents;
using Xunit;

namespace Fazhi.Core.Tests.Documents;

/// <summary>
/// Writes the nine sample documents (2023 law) as DOCX to the folder in <c>FAZHI_DOCUMENTS_OUT</c>, to be rendered to
/// PNG and looked at (docs/documents.md). Does nothing when the variable is not set.
/// </summary>
public sealed class DocumentSampleWriter
{
    [Fact]
    public void Writes_samples_when_asked()
    {
        var folder = Environment.GetEnvironmentVariable("FAZHI_DOCUMENTS_OUT");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var documents = new ReconsiderationDocuments(new OfficialDocumentTemplates());
        foreach (var (kind, index) in ReconsiderationDocumentKinds.All.Select((k, i) => (k, i + 1)))
        {
            var bytes = documents.Render(DocumentSamples.For(kind)).Value!;
            File.WriteAllBytes(Path.Combine(folder, $"{index:00}-{kind.Code()}.docx"), bytes);
        }
    }
}
