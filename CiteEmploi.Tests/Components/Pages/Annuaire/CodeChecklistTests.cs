using Bunit;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Pages.Annuaire.Edition;

namespace CiteEmploi.Tests.Components.Pages.Annuaire;

/// <summary>The directory forms' check boxes over a code list: choosing, « tous publics » alone, filtering, the chosen chips.</summary>
public sealed class CodeChecklistTests : MudTestContext
{
    private IRenderedComponent<CodeChecklist> RenderList(List<string> selected, ValidationErrors? errors = null, bool filterable = false, string? exclusive = null) =>
        Render<CodeChecklist>(p => p
            .Add(c => c.Prefix, "service")
            .Add(c => c.Key, nameof(Service.Publics))
            .Add(c => c.Errors, errors ?? new ValidationErrors())
            .Add(c => c.Legend, "Publics")
            .Add(c => c.Entries, Referentiels.Publics.Entries)
            .Add(c => c.Selected, selected)
            .Add(c => c.Filterable, filterable)
            .Add(c => c.Exclusive, exclusive)
            .Add(c => c.Hint, "Un ou plusieurs publics."));

    private static AngleSharp.Dom.IElement Box(IRenderedComponent<CodeChecklist> cut, string label) =>
        cut.FindAll("label.mud-checkbox").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;

    [Fact]
    public void CheckingABox_AddsItsCode_UncheckingRemovesIt()
    {
        var selected = new List<string>();
        var cut = RenderList(selected);

        Box(cut, "Jeunes").Change(true);
        Assert.Equal(["jeunes"], selected);
        cut.WaitForAssertion(() => Assert.True(Box(cut, "Jeunes").HasAttribute("checked")));

        Box(cut, "Jeunes").Change(false);
        Assert.Empty(selected);
    }

    [Fact]
    public void TheExclusiveCode_ReplacesTheOthers_AndIsReplacedByThem()
    {
        var selected = new List<string> { "jeunes" };
        var cut = RenderList(selected, exclusive: Referentiels.TousPublics);

        Box(cut, "Tous publics").Change(true);
        Assert.Equal([Referentiels.TousPublics], selected);
        cut.WaitForAssertion(() => Assert.False(Box(cut, "Jeunes").HasAttribute("checked")));

        Box(cut, "Jeunes").Change(true);
        Assert.Equal(["jeunes"], selected);
    }

    [Fact]
    public void TheFilter_HidesWhatDoesNotMatch_ButKeepsTheChosen_AndTheChosenShowAsRemovableChips()
    {
        var selected = new List<string> { "jeunes" };
        var cut = RenderList(selected, filterable: true);
        Assert.Contains("Jeunes", cut.Find("[role=list][aria-label='Sélection : Publics']").TextContent, StringComparison.Ordinal);

        var filter = cut.Find("#service-Publics-filter");
        Assert.Equal("service-Publics-filter-only", filter.GetAttribute("form")); // Enter filters, it does not submit the form
        filter.Input("femm"); // accents and case folded: « Femmes »
        cut.WaitForAssertion(() =>
        {
            var labels = cut.FindAll("#service-Publics-options label.mud-checkbox").Select(l => l.TextContent.Trim()).ToList();
            Assert.Contains("Jeunes", labels);
            Assert.Contains(labels, l => l.StartsWith("Femme", StringComparison.Ordinal));
            Assert.DoesNotContain("Tous publics", labels);
        });

        cut.Find("#service-Publics-filter").Input("zzz"); // nothing matches: only the chosen one stays
        cut.WaitForAssertion(() => Assert.Equal(["Jeunes"], cut.FindAll("#service-Publics-options label.mud-checkbox").Select(l => l.TextContent.Trim())));

        // the chip's close button unselects
        cut.Find("[aria-label='Sélection : Publics'] .mud-chip button, [aria-label='Sélection : Publics'] .mud-chip-close-button").Click();
        Assert.Empty(selected);
        cut.WaitForAssertion(() => Assert.Contains("Aucune entrée ne correspond à « zzz »", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[aria-label='Sélection : Publics']"));
    }

    [Fact]
    public void TheDomainsMessage_IsBesideTheList_AndNamedByTheGroup()
    {
        var errors = ValidationErrors.Of(nameof(Service.Publics), "Choisissez au moins un public.");
        var cut = RenderList([], errors);

        Assert.Equal("Choisissez au moins un public.", cut.Find("#service-Publics-error").TextContent.Trim());
        Assert.Equal("service-Publics-hint service-Publics-error", cut.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Equal("Publics", cut.Find("legend").TextContent);
    }
}
