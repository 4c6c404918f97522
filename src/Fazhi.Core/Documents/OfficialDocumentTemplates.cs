using Fazhi.Core.Common;

namespace Fazhi.Core.Documents;

/// <summary>
/// The templates of the reconsideration documents: built into the assembly (<c>Documents/Templates/&lt;code&gt;.txt</c>),
/// each replaceable by a county with a file of the same name in the override directory. Overrides are read on every
/// load, so an edited file takes effect without a restart.
/// </summary>
public sealed class OfficialDocumentTemplates(string? overrideDirectory = null)
{
    /// <summary>The label of built-in templates in <see cref="DocumentTemplate.Source"/>.</summary>
    public const string BuiltIn = "内置模板";

    /// <summary>The directory searched first, if any.</summary>
    public string? OverrideDirectory { get; } = string.IsNullOrWhiteSpace(overrideDirectory) ? null : overrideDirectory;

    /// <summary>The template's file name: <c>acceptance-notice.txt</c>.</summary>
    public static string FileName(ReconsiderationDocumentKind kind) => kind.Code() + ".txt";

    /// <summary>Loads and parses the template for a kind: the override file when one exists, else the built-in one.</summary>
    public Result<DocumentTemplate> Load(ReconsiderationDocumentKind kind)
    {
        var name = FileName(kind);
        if (OverrideDirectory is not null)
        {
            var path = Path.Combine(OverrideDirectory, name);
            if (File.Exists(path))
            {
                string text;
                try
                {
                    text = File.ReadAllText(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return new TemplateError("template_unreadable", $"无法读取文书模板“{name}”：{e.Message}");
                }

                return DocumentTemplate.Parse(kind.Code(), "自定义模板 " + name, text, ReconsiderationFields.Definitions);
            }
        }

        return DocumentTemplate.Parse(kind.Code(), BuiltIn, BuiltInText(kind), ReconsiderationFields.Definitions);
    }

    /// <summary>The built-in template's text, e.g. to copy into the override directory as a starting point.</summary>
    public static string BuiltInText(ReconsiderationDocumentKind kind)
    {
        var resource = "Fazhi.Core.Documents.Templates." + FileName(kind);
        using var stream = typeof(OfficialDocumentTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("Missing embedded template " + resource);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
