using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Shouldly;

namespace Fazhi.Web.Tests;

/// <summary>Fetching and parsing pages for the HTTP tests.</summary>
internal static class Html
{
    /// <summary>GETs a page, asserts 200 and parses it.</summary>
    public static async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await ParseAsync(response);
    }

    /// <summary>Parses a response body as HTML.</summary>
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
