using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

public sealed class OpeningHoursTextTests
{
    [Theory]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00", "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h 30 ; samedi : 9 h – 12 h")]
    [InlineData("Mo,We,Fr 08:30-12:00", "lundi, mercredi et vendredi : 8 h 30 – 12 h")]
    [InlineData("24/7", "tous les jours, 24 h sur 24")]
    [InlineData("Mo-Fr 09:00-17:00; PH off", "du lundi au vendredi : 9 h – 17 h ; les jours fériés : fermé")]
    [InlineData("10:00-18:00", "tous les jours : 10 h – 18 h")]
    public void CommonForms_AreReadInFrench(string osm, string french) => Assert.Equal(french, OpeningHoursText.ToFrench(osm));

    [Theory]
    [InlineData("sur rendez-vous")]
    [InlineData("Mo-Fr 9h-12h")]
    [InlineData("Xx 09:00-12:00")]
    [InlineData("Mo 25:00-26:00")]
    [InlineData("")]
    public void UnknownForms_AreLeftToBeShownAsTyped(string osm) => Assert.Null(OpeningHoursText.ToFrench(osm));

    [Theory]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00", true, false)]
    [InlineData("Mo-Fr 09:00-12:00,14:00-17:30", false, false)]
    [InlineData("Tu,Th 14:00-19:30", false, true)]
    [InlineData("Mo-Fr 09:00-18:00", false, false)]
    [InlineData("Fr-Mo 10:00-12:00", true, false)]
    [InlineData("24/7", true, true)]
    [InlineData("10:00-20:00; Sa off", false, true)]
    [InlineData("Mo-Fr 09:00-17:00; PH off", false, false)]
    public void WhenAServiceOpens_IsReadForTheSaturdayAndEveningFilters(string osm, bool saturday, bool evening)
    {
        var week = OpeningHoursText.Read(osm)!;

        Assert.Equal(saturday, week.OnSaturday);
        Assert.Equal(evening, week.InTheEvening);
    }

    [Theory]
    [InlineData("sur rendez-vous")]
    [InlineData("Mo 25:00-26:00")]
    [InlineData("  ")]
    [InlineData(null)]
    public void UnknownForms_SayNothingAboutWhenAServiceOpens(string? osm) => Assert.Null(OpeningHoursText.Read(osm));
}
