using AngleSharp.Html.Parser;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Tests.Features.Common;

/// <summary>
/// The second layer of <see cref="SafeMarkdown"/> (HtmlSanitizer behind Markdig): whatever HTML reaches it, only the
/// elements Markdown produces come out, no handler, no script, links only to http(s), mailto and tel, each with its rel.
/// </summary>
public sealed class SafeMarkdownSanitizerTests
{
    private static readonly HashSet<string> MarkdownElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "em", "strong", "del", "ins", "mark", "sub", "sup", "a", "ul", "ol", "li",
        "code", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    };

    /// <summary>Every element of <paramref name="html"/> one Markdown produces, no event handler, safe links only.</summary>
    private static void AssertHarmless(string html)
    {
        var fragment = new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!;
        foreach (var element in fragment.QuerySelectorAll("*"))
        {
            Assert.True(MarkdownElements.Contains(element.LocalName), $"<{element.LocalName}> dans {html}");
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                || a.Name is "src" or "style" or "srcdoc" or "formaction");
            if (element.LocalName == "a")
            {
                Assert.Equal("nofollow noopener noreferrer", element.GetAttribute("rel"));
                var href = (element.GetAttribute("href") ?? string.Empty).Trim();
                Assert.True(!href.Contains(':', StringComparison.Ordinal)
                    || href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                    || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("tel:", StringComparison.OrdinalIgnoreCase),
                    $"lien {href} dans {html}");
            }
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p onclick=\"alert(1)\">texte</p>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">clic</a>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">clic</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">clic</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">clic</a>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>")]
    [InlineData("<style>body{background:url(javascript:alert(1))}</style>")]
    [InlineData("<form><button formaction=javascript:alert(1)>ok</button></form>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">texte</p>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>")]
    [InlineData("<a href=\"https://exemple.fr\" target=\"_blank\" rel=\"opener\">clic</a>")]
    public void HostileHtml_ReachingTheSecondLayer_ComesOutHarmless(string html)
    {
        var sanitized = SafeMarkdown.Sanitize(html);

        AssertHarmless(sanitized);
        Assert.DoesNotContain("target=", sanitized, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatMarkdownProduces_GoesThroughUnchanged()
    {
        var html = SafeMarkdown.ToHtml("# Titre\n\n> citée\n\n1. un\n2. deux\n\n- puce\n\n`code` et ~~barré~~\n\n```\nbloc\n```\n\n---\n\nligne\nsuivante");

        Assert.Contains("<h1>Titre</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
        Assert.Contains("<li>puce</li>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("<del>barré</del>", html, StringComparison.Ordinal);
        Assert.Contains("<pre><code>bloc", html, StringComparison.Ordinal);
        Assert.Contains("<hr>", html, StringComparison.Ordinal);
        Assert.Contains("ligne<br>", html, StringComparison.Ordinal);
        AssertHarmless(html);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[clic](javascript:alert(1))")]
    [InlineData("[clic](&#106;avascript:alert(1))")]
    [InlineData("[clic](javascript&colon;alert(1))")]
    [InlineData("[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("www.exemple.fr/\"onmouseover=\"alert(1)")]
    [InlineData("https://exemple.fr/\"><script>alert(1)</script>")]
    [InlineData("[clic](https://exemple.fr \"titre\\\" onmouseover=\\\"alert(1)\")")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    public void HostileMarkdown_EndToEnd_RendersNothingThatRuns(string markdown)
    {
        AssertHarmless(SafeMarkdown.ToHtml(markdown));
    }

    [Fact]
    public void SafeLinks_KeepTheirAddress_AndGetTheirRel()
    {
        var html = SafeMarkdown.ToHtml("[Site](https://exemple.fr/a?b=1) <mailto:coord@ville.fr> [membres](/c/demo/membres)");

        Assert.Contains("href=\"https://exemple.fr/a?b=1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:coord@ville.fr\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/c/demo/membres\"", html, StringComparison.Ordinal);
        AssertHarmless(html);
    }
}
