using Fazhi.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fazhi.Core.Documents;

/// <summary>Registers document generation.</summary>
public static class DocumentsModule
{
    /// <summary>The configuration key of the template override directory (environment: <c>Documents__TemplateDirectory</c>).</summary>
    public const string TemplateDirectoryKey = "Documents:TemplateDirectory";

    /// <summary>
    /// Adds <see cref="OfficialDocumentTemplates"/> and <see cref="ReconsiderationDocuments"/>. A configured override
    /// directory that does not exist stops start-up with a message, rather than silently using the built-in templates.
    /// </summary>
    public static IServiceCollection AddOfficialDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration[TemplateDirectoryKey];
        if (!string.IsNullOrWhiteSpace(directory) && !Directory.Exists(directory))
        {
            throw new StartupException(
                $"文书模板目录“{directory}”不存在。请创建该目录，或删除配置项 {TemplateDirectoryKey} 以使用内置模板。");
        }

        services.AddSingleton(new OfficialDocumentTemplates(directory));
        services.AddSingleton<ReconsiderationDocuments>();
        return services;
    }
}
