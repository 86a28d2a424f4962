using AngleSharp.Dom;
using AngleSharp.Html;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// Markdown typed by people (service descriptions, board cards) turned into HTML that can never run a script: raw
/// HTML is escaped (Markdig's <c>DisableHtml</c>), images become plain links, links keep only http(s), mailto and tel addresses, and
/// links open with <c>rel="nofollow noopener noreferrer"</c>. HtmlSanitizer then goes over that HTML as a second layer,
/// keeping only the elements this pipeline produces, so that a Markdig extension turned on later or a flaw in the
/// first layer still cannot let a script, a handler or an image through. The Content-Security-Policy forbids inline
/// scripts too.
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

    // Configured once, then only read: HtmlSanitizer's Sanitize is safe to call from several threads at once.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

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
        return Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>The second layer alone: HTML reduced to what Markdown produces, links to allowed schemes.</summary>
    internal static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            // what the pipeline above writes (lists with their start and type, emphasis extras, soft breaks as <br>)
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "em", "strong", "del", "ins", "mark", "sub", "sup", "a", "ul", "ol", "li",
                "code", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "rel", "start", "type" },
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        })
        {
            // an element it does not expect loses its tag, not the words inside it
            KeepChildNodes = true,
            OutputFormatter = QuotesEscaped.Instance,
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }

    /// <summary>The text without Markdown marks, for excerpts and search.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? string.Empty
        : markdown.AsSpan().ContainsAny(Marks) ? Markdown.ToPlainText(markdown, Pipeline).Trim()
        : markdown.Trim(); // one line with none of Markdown's marks reads the same: no parse (search excerpts call this per hit)

    // Every inline mark, entities and raw HTML, and the line break every block construct but a one-line list needs.
    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create("*_[]`#>&<\\~|!\n\r");

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

    /// <summary>
    /// HTML5 serialisation leaves <c>"</c> bare in text; Markdig writes <c>&amp;quot;</c>, and so does this, so that a
    /// text shown as raw HTML (<c>&lt;a href="javascript:…"&gt;</c>) keeps no attribute-like string either.
    /// </summary>
    private sealed class QuotesEscaped : HtmlMarkupFormatter
    {
        public static new readonly QuotesEscaped Instance = new();

        public override string Text(ICharacterData text) => base.Text(text).Replace("\"", "&quot;", StringComparison.Ordinal);
    }
}
