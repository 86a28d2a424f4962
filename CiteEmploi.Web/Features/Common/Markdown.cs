using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// Renders Markdown written by people (board descriptions, cards, service descriptions) as HTML that is safe to put in
/// a page: raw HTML is shown as text (<c>DisableHtml</c>), links keep only http, https and mailto targets, and images
/// become plain links (an image from anywhere would tell its host who reads the page). No sanitiser package is served
/// here (PLATFORM.md), so safety comes from never letting HTML through rather than from cleaning it afterwards.
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>The HTML of <paramref name="markdown"/>; empty for null or blank text.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.IsImage = false;
            if (!IsAllowed(link.Url))
            {
                link.Url = string.Empty;
            }
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
        }
        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !IsAllowed(l.Url)))
        {
            link.Url = string.Empty;
        }
        return Markdig.Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>The text alone, without Markdown marks (for exports, titles and screen-reader labels).</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? string.Empty : Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();

    // Relative links (no scheme) stay: they point inside the workspace. Anything else with a scheme must be listed.
    private static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
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
        return AllowedSchemes.Contains(trimmed[..colon].ToLowerInvariant());
    }
}
