using Bunit;
using CiteEmploi.Web.Components.Shared;

namespace CiteEmploi.Tests.Components.Shared;

/// <summary>Fictional data is marked with words, not only a colour.</summary>
public sealed class DemoBadgeTests : MudTestContext
{
    [Fact]
    public void SaysTheDataIsFictional_AsAMudChip_NotAControl()
    {
        var cut = Render<DemoBadge>();

        var chip = cut.Find(".mud-chip");
        Assert.Contains("Démonstration — données fictives", chip.TextContent, StringComparison.Ordinal);
        Assert.Equal("Données fictives de démonstration", chip.GetAttribute("title"));
        Assert.Empty(cut.FindAll("button, a, [tabindex='0']"));
    }
}
