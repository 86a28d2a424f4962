using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Cites;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features.Annuaire.Near;

/// <summary>« Près de » on the real app: a Cité's services around Saint-Denis, ordered by distance, with the words and filters.</summary>
public sealed class NearSearchTests(NearSearchTests.NearFixture fixture) : IClassFixture<NearSearchTests.NearFixture>
{
    /// <summary>A Cité with one QPV and services placed around Saint-Denis (93), far away, at a distance and nowhere.</summary>
    public class NearFixture : AppFixture
    {
        public const string Qpv = "QN09301M";

        public CiteAccess Access { get; private set; } = null!;

        public static readonly GeoPoint SaintDenis = Communes.Find("93066")!.Position!.Value;

        // half a kilometre north of Saint-Denis's centre; a street in Paris 10e; Lyon
        public static readonly GeoPoint NearSaintDenis = new(SaintDenis.Latitude + 0.0045, SaintDenis.Longitude);
        public static readonly GeoPoint Paris10 = new(48.8760, 2.3590);
        public static readonly GeoPoint Lyon = new(45.7640, 4.8357);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var cites = App.Get<CiteService>();
            var created = await cites.CreateAsync(new CiteProfile
            {
                Name = "Cité de Plaine Commune (près de)", TerritoryName = "Plaine Commune", BudgetYear = 2026,
                Qpvs = [new Qpv(Qpv, "Franc-Moisin Bel-Air")],
            });
            Assert.True(created.Succeeded, created.Describe());
            Access = (await cites.OperatorAccessAsync(created.Value!))!;
            // the structure has no address: a service without its own is not placed by its structure's
            var structure = StructureJson("dora--s1", ("code_postal", null), ("commune", null));
            string At(string id, string name, GeoPoint p, string theme = "mobilite--acceder-a-un-vehicule") =>
                ServiceJson(id, changes: [("nom", $"\"{name}\""), ("latitude", Number(p.Latitude)), ("longitude", Number(p.Longitude)),
                    ("thematiques", $"[\"{theme}\"]"), ("modes_accueil", "[\"en-presentiel\"]")]);
            var services = new[]
            {
                At("dora--pres", "Garage solidaire du centre", NearSaintDenis),
                At("dora--paris", "Atelier numérique de la gare", Paris10, "numerique--maitriser-les-fondamentaux-du-numerique"),
                // placed by its commune: by INSEE code, and by postcode and name
                ServiceJson("dora--bobigny", changes: [("nom", "\"Auto-école sociale de Bobigny\""), ("code_insee", "\"93008\""), ("commune", "\"Bobigny\""),
                    ("code_postal", "\"93000\""), ("thematiques", "[\"mobilite--acceder-a-un-vehicule\"]")]),
                ServiceJson("dora--montreuil", changes: [("nom", "\"Location de scooters\""), ("code_postal", "\"93100\""), ("commune", "\"Montreuil\""),
                    ("thematiques", "[\"mobilite--acceder-a-un-vehicule\"]")]),
                At("dora--lyon", "Garage solidaire de Lyon", Lyon),
                ServiceJson("dora--distance", changes: [("nom", "\"Conseil en mobilité par téléphone\""), ("modes_accueil", "[\"a-distance\"]"),
                    ("thematiques", "[\"mobilite--acceder-a-un-vehicule\"]")]),
                ServiceJson("dora--nulle-part", changes: [("nom", "\"Atelier sans adresse\""), ("thematiques", "[\"mobilite--acceder-a-un-vehicule\"]")]),
            };
            var report = await App.Get<DirectoryImporter>().ImportFilesAsync(Access, Text("s.json", $"[{structure}]"),
                Text("v.json", $"[{string.Join(",", services)}]"), ImportMode.AllOrNothing);
            Assert.Equal(ImportOutcome.Imported, report.Outcome);
        }

        private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    private DirectorySearch Search => fixture.App.Get<DirectorySearch>();

    private static DirectoryQuery Near(string pres, string? text = null, SearchFilters? filters = null, string? rayon = null) =>
        new(text, filters ?? SearchFilters.None, pres, rayon);

    [Fact]
    public async Task NearACommune_ListsThePlacedServicesNearestFirst_WithTheirDistances()
    {
        var results = await Search.SearchAsync(fixture.Access, Near("commune:93066"));

        Assert.Equal(
            ["Garage solidaire du centre", "Atelier numérique de la gare", "Auto-école sociale de Bobigny", "Location de scooters", "Garage solidaire de Lyon"],
            results.Items.Select(r => r.View.Service.Name));
        Assert.Equal(5, results.Total);
        // each distance is the one between the commune's centre and the service's position, computed here independently
        var expected = new[]
        {
            NearFixture.NearSaintDenis, NearFixture.Paris10, Communes.Find("93008")!.Position!.Value, Communes.Find("93048")!.Position!.Value, NearFixture.Lyon,
        }.Select(p => Haversine(NearFixture.SaintDenis, p));
        Assert.Equal(expected, results.Items.Select(r => r.Distance!.Metres), new ToTheMetre());
        Assert.Equal("à 500 m", results.Items[0].Distance!.Text);
        Assert.Equal("à 6,0 km", results.Items[1].Distance!.Text);
        Assert.Equal("à 398 km", results.Items[4].Distance!.Text);
    }

    [Fact]
    public async Task AServiceWithoutCoordinates_IsPlacedAtItsCommuneCentre_AndSaysSo()
    {
        var results = await Search.SearchAsync(fixture.Access, Near("commune:93066"));

        var byName = results.Items.ToDictionary(r => r.View.Service.Name, r => r.Distance!);
        Assert.Equal((ServicePositionSource.Address, null), (byName["Garage solidaire du centre"].Source, byName["Garage solidaire du centre"].SourceNote));
        Assert.Equal("centre de la commune (Bobigny)", byName["Auto-école sociale de Bobigny"].SourceNote);
        // no INSEE code: found by its postcode and the name written
        Assert.Equal("centre de la commune (Montreuil)", byName["Location de scooters"].SourceNote);
    }

    [Fact]
    public async Task ServicesThatComeToThePerson_AreApart_AndServicesWithoutAPosition_AreCounted()
    {
        var results = await Search.SearchAsync(fixture.Access, Near("commune:93066"));

        Assert.Equal(["Conseil en mobilité par téléphone"], results.Near!.ComesToPerson.Select(r => r.View.Service.Name));
        Assert.Equal(1, results.Near.ComesToPersonTotal);
        Assert.Equal(1, results.Near.Unplaced);
        Assert.DoesNotContain(results.Items, r => r.View.Service.Name is "Conseil en mobilité par téléphone" or "Atelier sans adresse");
        Assert.Equal("Saint-Denis (93)", results.Near.Origin.Label);
    }

    [Fact]
    public async Task ARadius_KeepsOnlyTheServicesWithinIt()
    {
        var results = await Search.SearchAsync(fixture.Access, Near("commune:93066", rayon: "7"));

        Assert.Equal(["Garage solidaire du centre", "Atelier numérique de la gare", "Auto-école sociale de Bobigny"], results.Items.Select(r => r.View.Service.Name));
        Assert.Equal(3, results.Total);
    }

    [Fact]
    public async Task WordsAndFilters_NarrowTheServices_WhichStayInDistanceOrder()
    {
        var garages = await Search.SearchAsync(fixture.Access, Near("commune:93066", text: "solidaire"));
        Assert.Equal(["Garage solidaire du centre", "Garage solidaire de Lyon"], garages.Items.Select(r => r.View.Service.Name));
        Assert.Contains("<mark>", garages.Items[0].NameHtml, StringComparison.Ordinal);

        var mobility = await Search.SearchAsync(fixture.Access, Near("commune:93066", filters: new SearchFilters(Frein: "mobilite")));
        Assert.Equal(["Garage solidaire du centre", "Auto-école sociale de Bobigny", "Location de scooters", "Garage solidaire de Lyon"],
            mobility.Items.Select(r => r.View.Service.Name));
    }

    [Fact]
    public async Task NearAPosition_MeasuresFromIt()
    {
        var results = await Search.SearchAsync(fixture.Access, Near($"geo:{NearFixture.Lyon.Latitude + 0.01},{NearFixture.Lyon.Longitude}"));

        Assert.Equal("Garage solidaire de Lyon", results.Items[0].View.Service.Name);
        Assert.Equal("votre position", results.Near!.Origin.Label);
        Assert.InRange(results.Items[0].Distance!.Metres, 1_100, 1_130);
    }

    [Fact]
    public async Task Pages_FollowOneAnother_WithoutOverlap()
    {
        var all = await Search.SearchAsync(fixture.Access, Near("commune:93066"), pageSize: 5);
        var first = await Search.SearchAsync(fixture.Access, Near("commune:93066"), page: 1, pageSize: 2);
        var second = await Search.SearchAsync(fixture.Access, Near("commune:93066"), page: 2, pageSize: 2);
        var third = await Search.SearchAsync(fixture.Access, Near("commune:93066"), page: 3, pageSize: 2);

        Assert.Equal(all.Items.Select(r => r.View.Service.Id), first.Items.Concat(second.Items).Concat(third.Items).Select(r => r.View.Service.Id));
        Assert.Equal(3, first.PageCount);
    }

    [Theory]
    [InlineData("commune:99999", "Aucune commune n'a le code INSEE « 99999 ».")]
    [InlineData("commune:69114", "La position de Porte des Pierres Dorées (69) n'est pas connue")]
    [InlineData("qpv:QN07511M", "« QN07511M » n'est pas un quartier prioritaire de cette Cité.")]
    [InlineData("qpv:QN09301M", "Le quartier Franc-Moisin Bel-Air n'a pas encore de position")]
    [InlineData("geo:50.8503,4.3517", "hors de France")]
    [InlineData("geo:40.4168,-3.7038", "hors de France")]
    [InlineData("ville:Saint-Denis", "commune:<code INSEE>")]
    [InlineData("geo:quarante-huit", "latitude,longitude")]
    public async Task ABadPlace_IsAFrenchProblemOnThePresField_AndNoResults(string pres, string message)
    {
        var query = Near(pres);

        var problems = await Search.ProblemsAsync(fixture.Access, query);
        var results = await Search.SearchAsync(fixture.Access, query);

        Assert.Contains(message, problems["pres"], StringComparison.Ordinal);
        Assert.Single(problems);
        Assert.Empty(results.Items);
    }

    [Theory]
    [InlineData("commune:93066", "0")]
    [InlineData("commune:93066", "-2")]
    [InlineData("commune:93066", "150")]
    [InlineData(null, "5")]
    public async Task ABadRadius_IsAFrenchProblemOnTheRayonField(string? pres, string rayon)
    {
        var problems = await Search.ProblemsAsync(fixture.Access, new DirectoryQuery(null, SearchFilters.None, pres, rayon));

        Assert.True(problems.ContainsKey("rayon"));
        Assert.DoesNotContain("pres", problems.Keys);
    }

    [Fact]
    public async Task ANewlyPublishedService_IsNearAtOnce()
    {
        // a Cité of its own: the other tests count the fixture's services
        var slug = await fixture.CreateCiteAsync("Cité de l'épicerie (près de)");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var importer = fixture.App.Get<DirectoryImporter>();
        var structure = Text("s.json", $"[{StructureJson("dora--s1", ("code_postal", null), ("commune", null))}]");
        string Service(string id, string name, string lat) =>
            ServiceJson(id, changes: [("nom", $"\"{name}\""), ("latitude", lat), ("longitude", "2.3600")]);
        await importer.ImportFilesAsync(access, structure, Text("v.json", $"[{Service("dora--a", "Atelier du nord", "49.0500")}]"), ImportMode.AllOrNothing);
        var before = await Search.SearchAsync(access, Near("commune:93066"));
        Assert.Equal(["Atelier du nord"], before.Items.Select(r => r.View.Service.Name));

        // the positions were read for the first search; a new service reaches the next one without waiting
        var report = await importer.ImportFilesAsync(access, structure,
            Text("v.json", $"[{Service("dora--a", "Atelier du nord", "49.0500")},{Service("dora--b", "Épicerie solidaire", "48.9300")}]"), ImportMode.AllOrNothing);
        Assert.Equal(ImportOutcome.Imported, report.Outcome);

        var after = await Search.SearchAsync(access, Near("commune:93066"));
        Assert.Equal(["Épicerie solidaire", "Atelier du nord"], after.Items.Select(r => r.View.Service.Name));
    }

    [Fact]
    public async Task WordsAskedAgain_AfterAnEditAndARemoval_FindTheDirectoryAsItIsNow()
    {
        // a Cité of its own: its services are edited and archived
        var slug = await fixture.CreateCiteAsync("Cité des garages Zébulon (près de)");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var directory = fixture.App.Get<DirectoryService>();
        var saintDenis = new PostalAddress { Commune = "Saint-Denis", Postcode = "93200", InseeCode = "93066" };
        var created = await directory.CreateStructureAsync(access, new StructureDetails { Name = "Garages associés", Address = saintDenis });
        Assert.True(created.Succeeded, created.Describe());
        var structure = Guid.Parse(created.Value!);
        ServiceDetails Garage(string name, double latitude) => new()
        {
            Name = name,
            Description = "Réparations à petit prix.",
            Thematiques = ["mobilite--acceder-a-un-vehicule"],
            Publics = ["familles"],
            Frais = "gratuit",
            ModesAccueil = [CitePositions.OnSiteMode],
            Address = saintDenis with { Latitude = latitude, Longitude = 2.3600 },
        };
        async Task<Guid> PublishAsync(ServiceDetails details)
        {
            var result = await directory.CreateServiceAsync(access, structure, details, publish: true);
            Assert.True(result.Succeeded, result.Describe());
            return Guid.Parse(result.Value!);
        }
        var canal = await PublishAsync(Garage("Garage Zébulon du canal", 48.9400));
        var parc = await PublishAsync(Garage("Garage Zébulon du parc", 48.9700));
        var query = Near("commune:93066", text: "zebulon");
        async Task<IEnumerable<string>> NamesAsync() => (await Search.SearchAsync(access, query)).Items.Select(r => r.View.Service.Name);

        Assert.Equal(["Garage Zébulon du canal", "Garage Zébulon du parc"], await NamesAsync());
        // asked again, the words' matches come from the copy of the Cité's table (the index is not read)
        Assert.Equal(["Garage Zébulon du canal", "Garage Zébulon du parc"], await NamesAsync());
        var table = await fixture.App.Get<DirectoryPositionSnapshots>().GetAsync(access, CancellationToken.None);
        Assert.True(table.Words.TryGet(NearWordMatches.Key("zebulon", []), DirectorySearchIndex.Generation, out _));

        // renamed out of the words: gone from the next search
        var view = (await directory.GetServiceAsync(access, canal))!;
        var renamed = await directory.UpdateServiceAsync(access, canal, Garage("Garage Arc-en-ciel du canal", 48.9400), view.Service.Version);
        Assert.True(renamed.Succeeded, renamed.Describe());
        Assert.Equal(["Garage Zébulon du parc"], await NamesAsync());

        // renamed back into them and moved beyond the other: found again, at its new place
        view = (await directory.GetServiceAsync(access, canal))!;
        Assert.True((await directory.UpdateServiceAsync(access, canal, Garage("Garage Zébulon du canal", 49.0000), view.Service.Version)).Succeeded);
        var moved = await Search.SearchAsync(access, query);
        Assert.Equal(["Garage Zébulon du parc", "Garage Zébulon du canal"], moved.Items.Select(r => r.View.Service.Name));
        Assert.Equal(Haversine(NearFixture.SaintDenis, new GeoPoint(49.0000, 2.3600)), moved.Items[1].Distance!.Metres, new ToTheMetre());

        // archived: gone
        Assert.True((await directory.ArchiveServiceAsync(access, parc)).Succeeded);
        Assert.Equal(["Garage Zébulon du canal"], await NamesAsync());
    }

    [Fact]
    public async Task WordsAskedAgain_AfterTheIndexAloneChanged_AreReadAgain()
    {
        // the index repaired without a message to the Cité (the background check, decision 0037): the copy of the
        // table stays, its kept matches must not
        var slug = await fixture.CreateCiteAsync("Cité de l'index réparé (près de)");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var services = string.Join(",",
            ServiceJson("dora--z1", changes: [("nom", "\"Atelier Zébulon du nord\""), ("latitude", "48.9500"), ("longitude", "2.3600")]),
            ServiceJson("dora--z2", changes: [("nom", "\"Atelier Zébulon du sud\""), ("latitude", "48.9100"), ("longitude", "2.3600")]));
        var report = await fixture.App.Get<DirectoryImporter>().ImportFilesAsync(access, Text("s.json", $"[{StructureJson("dora--s1", ("code_postal", null), ("commune", null))}]"),
            Text("v.json", $"[{services}]"), ImportMode.AllOrNothing);
        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        var query = Near("commune:93066", text: "zebulon");
        var before = await Search.SearchAsync(access, query);
        Assert.Equal(["Atelier Zébulon du sud", "Atelier Zébulon du nord"], before.Items.Select(r => r.View.Service.Name));

        Assert.True(await fixture.App.Get<DirectorySearchIndex>().RemoveAsync(before.Items[0].View.Service.Id));

        Assert.Equal(["Atelier Zébulon du nord"], (await Search.SearchAsync(access, query)).Items.Select(r => r.View.Service.Name));
    }

    [Fact]
    public async Task TheRadius_CanBeRelaxed_WhenNothingIsWithinIt()
    {
        var query = Near("commune:93066", text: "solidaire", rayon: "0.1");

        var results = await Search.SearchAsync(fixture.Access, query);
        var relaxations = await Search.RelaxationsAsync(fixture.Access, query);

        Assert.Empty(results.Items);
        var relax = Assert.Single(relaxations);
        Assert.Equal("sans la limite de 0,1 km", relax.Description);
        Assert.Equal(2, relax.Count);
    }

    [Fact]
    public async Task TheReadApi_TakesPresAndRayon_AndGivesDistancesInMetres_OrFrenchProblemDetails()
    {
        Assert.True((await fixture.App.Get<DirectoryService>().SetPublicAsync(fixture.Access, true)).Succeeded);
        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var path = $"/api/cites/{fixture.Access.Slug}/services";

        using (var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"{path}?pres=commune:93066&rayon=7", UriKind.Relative))))
        {
            var root = json.RootElement;
            Assert.Equal(3, root.GetProperty("total").GetInt32());
            var items = root.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(["Garage solidaire du centre", "Atelier numérique de la gare", "Auto-école sociale de Bobigny"], items.Select(i => i.GetProperty("nom").GetString()));
            Assert.Equal((int)Math.Round(Haversine(NearFixture.SaintDenis, NearFixture.NearSaintDenis)), items[0].GetProperty("distance_metres").GetInt32());
            Assert.Equal(["adresse", "adresse", "centre_commune"], items.Select(i => i.GetProperty("distance_depuis").GetString()));
            var pres = root.GetProperty("pres");
            Assert.Equal("commune:93066", pres.GetProperty("lieu").GetString());
            Assert.Equal(NearFixture.SaintDenis.Latitude, pres.GetProperty("latitude").GetDouble());
            Assert.Equal(7, pres.GetProperty("rayon_km").GetDouble());
            Assert.Equal(["Conseil en mobilité par téléphone"], pres.GetProperty("a_distance").EnumerateArray().Select(i => i.GetProperty("nom").GetString()));
            Assert.Equal(1, pres.GetProperty("sans_position").GetInt32());
        }

        foreach (var (query, field, message) in new[]
        {
            ("pres=commune:99999", "pres", "Aucune commune n'a le code INSEE « 99999 »."),
            ("pres=geo:51.5074,-0.1278", "pres", "hors de France"),
            ("pres=n'importe%20quoi", "pres", "commune:<code INSEE>"),
            ("pres=commune:93066&rayon=0", "rayon", "supérieur à 0"),
            ("rayon=5", "rayon", "avec un lieu"),
        })
        {
            var response = await http.GetAsync(new Uri($"{path}?{query}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnotherCitesServicesAndQpvs_AreNeverNear()
    {
        var slug = await fixture.CreateCiteAsync("Cité voisine (près de)");
        var other = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
        var service = ServiceJson("dora--voisin", changes: [("nom", "\"Garage de la Cité voisine\""), ("latitude", "48.9357"), ("longitude", "2.3592")]);
        await fixture.App.Get<DirectoryImporter>().ImportFilesAsync(other, Text("s.json", $"[{StructureJson()}]"), Text("v.json", $"[{service}]"), ImportMode.AllOrNothing);

        var ofA = await Search.SearchAsync(fixture.Access, Near("commune:93066"));
        var ofOther = await Search.SearchAsync(other, Near("commune:93066"));

        Assert.DoesNotContain(ofA.Items, r => r.View.Service.Name == "Garage de la Cité voisine");
        Assert.Equal(["Garage de la Cité voisine"], ofOther.Items.Select(r => r.View.Service.Name));
        // the fixture's QPV is not the other Cité's
        Assert.Contains("n'est pas un quartier prioritaire de cette Cité", (await Search.ProblemsAsync(other, Near("qpv:" + NearFixture.Qpv)))["pres"], StringComparison.Ordinal);
    }

    private static double Haversine(GeoPoint a, GeoPoint b)
    {
        var (φ1, φ2) = (a.Latitude * Math.PI / 180, b.Latitude * Math.PI / 180);
        var (dφ, dλ) = (φ2 - φ1, (b.Longitude - a.Longitude) * Math.PI / 180);
        var h = (Math.Sin(dφ / 2) * Math.Sin(dφ / 2)) + (Math.Cos(φ1) * Math.Cos(φ2) * Math.Sin(dλ / 2) * Math.Sin(dλ / 2));
        return 2 * 6_371_008.8 * Math.Asin(Math.Sqrt(h));
    }

    private sealed class ToTheMetre : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1;

        public int GetHashCode(double obj) => 0;
    }
}
