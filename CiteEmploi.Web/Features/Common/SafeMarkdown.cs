using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// Markdown typed by people (service descriptions, board cards) turned into HTML that can never run a script: raw
/// HTML is escaped (Markdig's <c>DisableHtml</c>), images become plain links, links keep only http(s), mailto and tel addresses, and
/// links open with <c>rel="nofollow noopener noreferrer"</c>. The Content-Security-Policy forbids inline scripts too.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto", "tel"];

    /// <summary>The HTML of <paramref name="markdown"/>, safe to render as markup.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            // An image from anywhere would tell its host who reads the page: images become plain links.
            link.IsImage = false;
            if (!IsAllowed(link.Url))
            {
                link.Url = "#";
            }
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
        }
        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !IsAllowed(l.Url)))
        {
            link.Url = "#";
        }
        return document.ToHtml(Pipeline);
    }

    /// <summary>The text without Markdown marks, for excerpts and search.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? string.Empty : Markdown.ToPlainText(markdown, Pipeline).Trim();

    // Relative addresses are allowed; anything with a scheme must be one of ours (no javascript:, data:, vbscript:).
    private static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        var trimmed = new string([.. url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }
        var scheme = trimmed[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
