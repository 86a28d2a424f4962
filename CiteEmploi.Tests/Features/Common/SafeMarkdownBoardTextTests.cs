using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Tests.Features.Common;

public class SafeMarkdownBoardTextTests
{
    [Fact]
    public void ToHtml_RendersMarkdown()
    {
        var html = SafeMarkdown.ToHtml("Un **constat** et [la fiche](https://exemple.fr/fiche).");
        Assert.Contains("<strong>constat</strong>", html);
        Assert.Contains("href=\"https://exemple.fr/fiche\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">lien</a>")]
    public void ToHtml_ShowsRawHtmlAsText(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<a ", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[clic](javascript:alert(1))")]
    [InlineData("[clic](JaVaScRiPt:alert(1))")]
    [InlineData("[clic](java\tscript:alert(1))")]
    [InlineData("[clic](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[clic](vbscript:msgbox)")]
    public void ToHtml_DropsLinksWithDangerousSchemes(string markdown)
    {
        // (a target Markdown does not parse as a link stays text, which is just as harmless)
        var html = SafeMarkdown.ToHtml(markdown);
        Assert.DoesNotMatch(@"href=""\s*(?i:java|data|vbscript)", html);
        Assert.Contains("clic", html);
    }

    [Fact]
    public void ToHtml_TurnsImagesIntoLinks_AndKeepsRelativeAndMailtoLinks()
    {
        var html = SafeMarkdown.ToHtml("![plan](https://traceur.exemple/pixel.png) [membres](/c/demo/membres) <mailto:coord@ville.fr>");
        Assert.DoesNotContain("<img", html);
        Assert.Contains("href=\"https://traceur.exemple/pixel.png\"", html);
        Assert.Contains("href=\"/c/demo/membres\"", html);
        Assert.Contains("href=\"mailto:coord@ville.fr\"", html);
    }

    [Fact]
    public void ToPlainText_DropsTheMarks() =>
        Assert.Equal("Un constat partagé", SafeMarkdown.ToPlainText("Un **constat** _partagé_"));
}
