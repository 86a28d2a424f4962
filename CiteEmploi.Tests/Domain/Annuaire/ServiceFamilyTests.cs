using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

/// <summary>When two services are one offer at two places (« 2 lieux »), and when they are not.</summary>
public class ServiceFamilyTests
{
    private static Structure NewStructure(string name, string commune, params string[] networks) =>
        Structure.Create(StructureTests.CiteId, StructureTests.ValidDetails() with
        {
            Name = name,
            Networks = networks,
            Address = new PostalAddress { Street = "1 place de la Mairie", Postcode = "93000", Commune = commune },
        }, StructureTests.Now);

    private static Service NewService(Structure structure, string name = "Inscription et indemnisation", params string[] thematiques) =>
        Service.Create(structure, new ServiceDetails
        {
            Name = name,
            Description = "S'inscrire comme demandeur d'emploi.",
            Thematiques = thematiques.Length > 0 ? thematiques : ["trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs", "trouver-un-emploi--faire-des-candidatures-spontanees"],
        }, StructureTests.Now);

    private static string Key(Service service, Structure structure) => ServiceFamily.KeyOf(service, structure);

    [Fact]
    public void OneNetworksAgencies_WithTheSameServiceAndThematiques_AreOneFamily()
    {
        var bobigny = NewStructure("France Travail Bobigny", "Bobigny", "france-travail");
        var pantin = NewStructure("Agence de Pantin", "Pantin", "france-travail");

        Assert.Equal(Key(NewService(bobigny), bobigny), Key(NewService(pantin), pantin));
    }

    [Fact]
    public void WithoutANetwork_TheNameBeforeADashOrWithoutItsCommune_IsTheFamily()
    {
        var dash = NewStructure("France Travail — agence de Pantin", "Pantin");
        var bracket = NewStructure("France Travail (Saint-Denis)", "Saint-Denis");
        var commune = NewStructure("France Travail de Bobigny", "Bobigny");
        var plain = NewStructure("France Travail", "Montreuil");

        Assert.Equal("nom:france travail", ServiceFamily.StructureFamily(dash));
        Assert.Equal("nom:france travail", ServiceFamily.StructureFamily(bracket));
        Assert.Equal("nom:france travail", ServiceFamily.StructureFamily(commune));
        Assert.Equal(Key(NewService(dash), dash), Key(NewService(plain), plain));
    }

    [Fact]
    public void TheSameThematiquesInAnotherOrder_StillMatch()
    {
        var a = NewStructure("France Travail Bobigny", "Bobigny", "france-travail");
        var b = NewStructure("France Travail Pantin", "Pantin", "france-travail");

        Assert.Equal(
            Key(NewService(a, "Inscription et indemnisation", "mobilite--preparer-un-permis", "numerique--maitriser-les-fondamentaux-du-numerique"), a),
            Key(NewService(b, "Inscription et indemnisation", "numerique--maitriser-les-fondamentaux-du-numerique", "mobilite--preparer-un-permis"), b));
    }

    [Fact]
    public void AnotherName_OtherThematiques_OrAnotherNetwork_AreNotTheSameService()
    {
        var bobigny = NewStructure("France Travail Bobigny", "Bobigny", "france-travail");
        var pantin = NewStructure("France Travail Pantin", "Pantin", "france-travail");
        var missionLocale = NewStructure("Mission Locale de Pantin", "Pantin", "mission-locale");
        var lead = Key(NewService(bobigny), bobigny);

        Assert.NotEqual(lead, Key(NewService(pantin, "Atelier CV"), pantin));
        Assert.NotEqual(lead, Key(NewService(pantin, "Inscription et indemnisation", "mobilite--preparer-un-permis"), pantin));
        Assert.NotEqual(lead, Key(NewService(missionLocale), missionLocale));
        // two structures of different names without networks: not one family because their service is named alike
        var restos = NewStructure("Restos du Cœur — Pantin", "Pantin");
        var secours = NewStructure("Secours populaire — Pantin", "Pantin");
        Assert.NotEqual(Key(NewService(restos, "Aide alimentaire"), restos), Key(NewService(secours, "Aide alimentaire"), secours));
    }
}
