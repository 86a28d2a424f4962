using Bunit;
using CiteEmploi.Web.Components.Pages.Boards.Guests;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Pages.Boards.Guests;

/// <summary>
/// The guest's join form (a plain form post): the code from the QR code's address fills its field, and a form sent empty
/// says what is missing in French, under each field, linked to it.
/// </summary>
public sealed class JoinBoardTests : MudTestContext
{
    public JoinBoardTests()
    {
        // an empty form is refused before any database is read
        Services.AddSingleton(new BoardGuestService(null!, null!, TimeProvider.System));
        Services.AddSingleton(new SignInThrottle(TimeProvider.System));
        Services.AddSingleton<AntiforgeryStateProvider>(new NoAntiforgery());
    }

    private static HttpContext Request(string method) => new DefaultHttpContext { Request = { Method = method } };

    [Fact]
    public void TheCodeOfTheQrCodesAddress_FillsTheField_AndTheFieldsHaveTheDomainsLimits()
    {
        var cut = Render<JoinBoard>(p => p.Add(j => j.Code, "K7P4XM").AddCascadingValue(Request("GET")));
        Assert.Equal("K7P4XM", cut.Find("#join-Code").GetAttribute("value"));
        Assert.Equal("Code du tableau", cut.Find("label[for=join-Code]").TextContent);
        Assert.Equal("Votre nom affiché", cut.Find("label[for=join-Nom]").TextContent);
        Assert.Equal(CiteEmploi.Domain.Boards.BoardGuest.DisplayNameMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("#join-Nom").GetAttribute("maxlength"));
        Assert.Empty(cut.FindAll(".field-error"));
    }

    [Fact]
    public void AnEmptyForm_SaysWhatIsMissing_UnderEachField()
    {
        var cut = Render<JoinBoard>(p => p.AddCascadingValue(Request("POST")));
        cut.Find("form").Submit();

        Assert.Contains("Impossible de rejoindre le tableau", cut.Find("#form-summary").TextContent, StringComparison.Ordinal);
        Assert.Contains("Indiquez le code affiché dans la salle.", cut.Find("#join-Code-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("Indiquez le nom", cut.Find("#join-Nom-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#join-Code").GetAttribute("aria-invalid"));
        Assert.Contains("join-Code-error", cut.Find("#join-Code").GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("join-Nom-error", cut.Find("#join-Nom").GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
