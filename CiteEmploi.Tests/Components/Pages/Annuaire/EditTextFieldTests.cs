using Bunit;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Pages.Annuaire.Edition;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Tests.Components.Pages.Annuaire;

/// <summary>A field of the directory forms: its label, limit, hint, and the domain's French messages beside it.</summary>
public sealed class EditTextFieldTests : MudTestContext
{
    [Fact]
    public void WithoutMessages_TheFieldIsLabelledLimitedAndDescribedByItsHint()
    {
        var cut = Render<EditTextField>(p => p
            .Add(f => f.Prefix, "structure")
            .Add(f => f.Key, nameof(Structure.Name))
            .Add(f => f.Errors, new ValidationErrors())
            .Add(f => f.Label, "Nom de la structure")
            .Add(f => f.Required, true)
            .Add(f => f.MaxLength, Structure.NameMaxLength + 50)
            .Add(f => f.Hint, "Le nom que les partenaires connaissent."));

        var input = cut.Find("input#structure-Name");
        Assert.Contains("Nom de la structure", cut.Find("label[for='structure-Name']").TextContent, StringComparison.Ordinal);
        Assert.Equal((Structure.NameMaxLength + 50).ToString(System.Globalization.CultureInfo.InvariantCulture), input.GetAttribute("maxlength"));
        Assert.Equal("true", input.GetAttribute("aria-required"));
        Assert.Equal("false", input.GetAttribute("aria-invalid"));
        Assert.Equal("structure-Name-hint", input.GetAttribute("aria-describedby"));
        Assert.Equal("Le nom que les partenaires connaissent.", cut.Find("#structure-Name-hint").TextContent);
        Assert.Empty(cut.FindAll("#structure-Name-error"));
    }

    [Fact]
    public void TheDomainsMessages_AreShownBesideTheField_AndNamedByIt()
    {
        var errors = new ValidationErrors();
        errors.Add(FieldKeys.Postcode, "Code postal invalide « 9000 » : 5 chiffres attendus.");
        var cut = Render<EditTextField>(p => p
            .Add(f => f.Prefix, "structure")
            .Add(f => f.Key, FieldKeys.Postcode)
            .Add(f => f.Errors, errors)
            .Add(f => f.Label, "Code postal")
            .Add(f => f.InputMode, "numeric")
            .Add(f => f.Value, "9000"));

        var input = cut.Find("input#structure-Address-Postcode");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("structure-Address-Postcode-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
        Assert.Equal("Code postal invalide « 9000 » : 5 chiffres attendus.", cut.Find("#structure-Address-Postcode-error").TextContent.Trim());
        Assert.Single(cut.FindAll("[id='structure-Address-Postcode-error']"));
    }

    [Fact]
    public void ATextArea_WithAHintOfItsOwnMarkup_GivesTheTypedTextToTheForm()
    {
        string? typed = null;
        var cut = Render<EditTextField>(p => p
            .Add(f => f.Prefix, "service")
            .Add(f => f.Key, nameof(Service.Description))
            .Add(f => f.Errors, new ValidationErrors())
            .Add(f => f.Label, "Description")
            .Add(f => f.Rows, 6)
            .Add(f => f.HintContent, (RenderFragment)(b => b.AddMarkupContent(0, "Mise en forme : <code>**gras**</code>")))
            .Add(f => f.ValueChanged, (string? v) => typed = v));

        var area = cut.Find("textarea#service-Description");
        Assert.Equal("6", area.GetAttribute("rows"));
        Assert.Equal("**gras**", cut.Find("#service-Description-hint code").TextContent);
        area.Change("Un atelier **gratuit**.");
        Assert.Equal("Un atelier **gratuit**.", typed);
    }
}
