using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Pages.Annuaire.Edition;

namespace CiteEmploi.Tests.Components.Pages.Annuaire;

/// <summary>The structure form shows coordinates the French way and reads them back either way, whatever the server's culture.</summary>
public sealed class StructureFormModelTests
{
    [Fact]
    public void Coordinates_AreShownWithADecimalComma_AndReadBackWithACommaOrAPoint_UnderAnEnglishServer()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            var structure = Structure.Create(Guid.NewGuid(), new StructureDetails
            {
                Name = "Mission Locale du Valmont",
                Address = new PostalAddress { Commune = "Belfort", Latitude = 47.6389, Longitude = 6.8628 },
            }, DateTimeOffset.UtcNow);

            var model = StructureFormModel.From(structure);
            Assert.Equal("47,6389", model.Address.Latitude);
            Assert.Equal("6,8628", model.Address.Longitude);

            model.Address.Longitude = "6.8628";
            var errors = new ValidationErrors();
            var details = model.ToDetails(errors);
            Assert.True(errors.IsEmpty);
            Assert.Equal(47.6389, details.Address!.Latitude);
            Assert.Equal(6.8628, details.Address.Longitude);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
