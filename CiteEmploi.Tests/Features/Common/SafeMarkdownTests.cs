using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Tests.Features.Common;

/// <summary>Hostile Markdown never produces markup that runs a script.</summary>
public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[clic](javascript:alert(1))")]
    [InlineData("[clic](JaVaScRiPt:alert(1))")]
    [InlineData("[clic](java\tscript:alert(1))")]
    [InlineData("![image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[clic](vbscript:msgbox(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void HostileInput_RendersNoScriptNoHandlerNoDangerousLink(string hostile)
    {
        var html = SafeMarkdown.ToHtml(hostile);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(html.Contains("<img", StringComparison.OrdinalIgnoreCase) && html.Contains("onerror", StringComparison.OrdinalIgnoreCase), html);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"java", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RawHtml_IsShownAsText()
    {
        Assert.Contains("&lt;script&gt;", SafeMarkdown.ToHtml("<script>alert('x')</script>"), StringComparison.Ordinal);
    }

    [Fact]
    public void OrdinaryMarkdown_KeepsListsEmphasisAndSafeLinks()
    {
        var html = SafeMarkdown.ToHtml("**Sur rendez-vous** :\n\n- lundi\n- mardi\n\n[Site](https://example.org) ou [appeler](tel:0199000101)");
        Assert.Contains("<strong>Sur rendez-vous</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>lundi</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:0199000101\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_DropsTheMarks()
    {
        Assert.Equal("Sur rendez-vous", SafeMarkdown.ToPlainText("**Sur rendez-vous**"));
    }

    [Theory]
    [InlineData("Sur rendez-vous, du lundi au vendredi de 9 h à 12 h.")]
    [InlineData("  Tél. 03 84 00 00 00 — accueil@ml-valmont.fr, https://ml-valmont.fr  ")]
    [InlineData("Aide : 50 % des frais (plafond 300 €) ; « permis B » ou AM.")]
    public void PlainText_OfAOneLineTextWithoutMarks_IsWhatMarkdigGives(string text) =>
        Assert.Equal(Markdig.Markdown.ToPlainText(text).Trim(), SafeMarkdown.ToPlainText(text));
}
