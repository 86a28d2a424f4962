using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>« 3 lieux »: France Travail's three agencies offering one service are one result, with their addresses.</summary>
public sealed class ServicePlacesTests(ServicePlacesTests.AgenciesFixture fixture) : IClassFixture<ServicePlacesTests.AgenciesFixture>
{
    private const string Enrolment = "Inscription et indemnisation";
    private const string Themes = "[\"trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs\"]";

    /// <summary>Three France Travail agencies (Bobigny, Pantin, Saint-Denis), a fourth with other thématiques, a Mission Locale.</summary>
    public sealed class AgenciesFixture : AppFixture
    {
        public CiteAccess Access { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var cites = App.Get<CiteService>();
            var created = await cites.CreateAsync(new CiteProfile { Name = "Cité des agences", TerritoryName = "Seine-Saint-Denis", BudgetYear = 2026 });
            Assert.True(created.Succeeded, created.Describe());
            Access = (await cites.OperatorAccessAsync(created.Value!))!;

            static string Agency(string id, string name, string insee, string postcode, string commune, string network = "france-travail")
            {
                var centre = Communes.Find(insee)!.Position!.Value;
                return StructureJson(id, ("nom", $"\"{name}\""), ("adresse", "\"1 place de la Mairie\""), ("code_postal", $"\"{postcode}\""),
                    ("commune", $"\"{commune}\""), ("code_insee", $"\"{insee}\""), ("reseaux_porteurs", $"[\"{network}\"]"),
                    ("latitude", Number(centre.Latitude)), ("longitude", Number(centre.Longitude)));
            }
            static string Offer(string id, string structure, string name = Enrolment, string themes = Themes) =>
                ServiceJson(id, structure, ("nom", $"\"{name}\""), ("description", "\"S'inscrire, être indemnisé, être accompagné vers l'emploi.\""),
                    ("thematiques", themes), ("modes_accueil", "[\"en-presentiel\"]"));

            var structures = new[]
            {
                Agency("dora--ft-bobigny", "France Travail Bobigny", "93008", "93000", "Bobigny"),
                Agency("dora--ft-pantin", "France Travail Pantin", "93055", "93500", "Pantin"),
                Agency("dora--ft-saint-denis", "France Travail Saint-Denis", "93066", "93200", "Saint-Denis"),
                Agency("dora--ft-montreuil", "France Travail Montreuil", "93048", "93100", "Montreuil"),
                Agency("dora--ml-pantin", "Mission Locale de Pantin", "93055", "93500", "Pantin", "mission-locale"),
            };
            var services = new[]
            {
                Offer("dora--inscription-bobigny", "dora--ft-bobigny"),
                Offer("dora--inscription-pantin", "dora--ft-pantin"),
                Offer("dora--inscription-saint-denis", "dora--ft-saint-denis"),
                // same name, other thématiques: another offer
                Offer("dora--inscription-montreuil", "dora--ft-montreuil", themes: "[\"mobilite--preparer-un-permis\"]"),
                // same name and thématiques, another network
                Offer("dora--inscription-ml", "dora--ml-pantin"),
                Offer("dora--atelier-cv-pantin", "dora--ft-pantin", "Atelier CV"),
            };
            var report = await App.Get<DirectoryImporter>().ImportFilesAsync(Access, Text("s.json", $"[{string.Join(",", structures)}]"),
                Text("v.json", $"[{string.Join(",", services)}]"), ImportMode.AllOrNothing);
            Assert.Equal(ImportOutcome.Imported, report.Outcome);
        }

        private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<DirectoryResults> SearchAsync(DirectoryQuery query)
    {
        var results = await fixture.App.Get<DirectorySearch>().SearchAsync(fixture.Access, query);
        return await fixture.App.Get<ServicePlaces>().CollapseAsync(fixture.Access, results);
    }

    private static string Structure(DirectoryResult r) => r.View.Structure.Name;

    [Fact]
    public async Task OneNetworksIdenticalServices_AreOneResult_WithTheirThreePlaces()
    {
        var results = await SearchAsync(new DirectoryQuery("inscription", SearchFilters.None));

        var enrolments = results.Items.Where(r => r.View.Service.Name == Enrolment).ToList();
        // the three agencies folded into one; Montreuil (other thématiques) and the Mission Locale (other network) apart
        Assert.Equal(3, enrolments.Count);
        var collapsed = Assert.Single(enrolments, r => r.Places is not null);
        Assert.StartsWith("France Travail", Structure(collapsed), StringComparison.Ordinal);
        Assert.NotEqual("France Travail Montreuil", Structure(collapsed));
        Assert.Equal(3, collapsed.Places!.Count);
        Assert.Equal(["93000 Bobigny", "93200 Saint-Denis", "93500 Pantin"], collapsed.Places.Select(p => p.Address[(p.Address.IndexOf(", ", StringComparison.Ordinal) + 2)..]).Order(StringComparer.Ordinal));
        // the result's own place first, and each place opens its own service
        Assert.Equal(collapsed.View.Service.Id, collapsed.Places[0].ServiceId);
        Assert.Equal(3, collapsed.Places.Select(p => p.ServiceId).Distinct().Count());
        Assert.All(collapsed.Places, p => Assert.Null(p.Distance));
        Assert.Contains(enrolments, r => Structure(r) == "France Travail Montreuil" && r.Places is null);
        Assert.Contains(enrolments, r => Structure(r) == "Mission Locale de Pantin" && r.Places is null);
    }

    [Fact]
    public async Task NearAPlace_TheNearestAgencyLeads_AndEachPlaceHasItsDistance()
    {
        var results = await SearchAsync(new DirectoryQuery("inscription", SearchFilters.None, "commune:93066"));

        var collapsed = Assert.Single(results.Items, r => r.Places is not null);
        Assert.Equal("France Travail Saint-Denis", Structure(collapsed));
        var distances = collapsed.Places!.Select(p => p.Distance!.Metres).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.True(distances[0] < 100, $"{distances[0]} m");
        var bobigny = collapsed.Places!.Single(p => p.Address.EndsWith("Bobigny", StringComparison.Ordinal));
        Assert.Equal(Communes.Find("93066")!.Position!.Value.DistanceTo(Communes.Find("93008")!.Position!.Value), bobigny.Distance!.Metres, 1);
    }

    [Fact]
    public async Task AServiceOfferedOnce_IsLeftAsItIs()
    {
        var results = await SearchAsync(new DirectoryQuery("atelier cv", SearchFilters.None));

        var cv = Assert.Single(results.Items);
        Assert.Null(cv.Places);
        Assert.Equal("Atelier CV", cv.View.Service.Name);
    }
}
