using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Diagnostic;

namespace CiteEmploi.Tests.Features.Diagnostic;

/// <summary>
/// The coverage matrix counts exactly: generated services around real communes of Seine-Saint-Denis, and every cell
/// compared with distances computed here independently (the textbook haversine in degrees, no shared code), with
/// each filter.
/// </summary>
public sealed class CoverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 7);
    private const double EarthRadius = 6_371_008.8;

    private static readonly string[] OpeningForms = ["Mo-Fr 09:00-12:00,14:00-17:00", "Mo-Fr 09:00-12:00; Sa 09:00-12:00", "Tu,Th 14:00-19:30", "", "24/7", "sur rendez-vous"];
    private static readonly string[] PublicForms = ["jeunes", "femmes", "tous-publics", "seniors", "beneficiaires-des-minimas-sociaux"];

    private sealed record Generated(Service Service, GeoPoint? Point, bool Remote, string Opening, string Public, bool Free, DateOnly Updated);

    private static (List<Generated> All, CitePositions Table) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var citeId = Guid.NewGuid();
        var structure = Structure.Create(citeId, new StructureDetails { Name = "Structure générée" }, Now);
        var centres = new[] { "93066", "93008", "93048", "75056" }.Select(c => Communes.Find(c)!).ToArray();
        var all = new List<Generated>();
        for (var i = 0; i < count; i++)
        {
            var frein = Freins.All[random.Next(Freins.All.Count)];
            var centre = centres[random.Next(centres.Length)];
            var kind = random.Next(20);
            var remote = kind == 0;
            var byCommune = kind == 1;
            var nowhere = kind == 2;
            // up to ~15 km from a real commune centre
            var point = new GeoPoint(centre.Position!.Value.Latitude + ((random.NextDouble() - 0.5) * 0.27), centre.Position!.Value.Longitude + ((random.NextDouble() - 0.5) * 0.4));
            var opening = OpeningForms[random.Next(OpeningForms.Length)];
            var publicCode = PublicForms[random.Next(PublicForms.Length)];
            var free = random.Next(3) == 0;
            var updated = Now.AddDays(-random.Next(0, 540));
            var address = nowhere || remote ? null : byCommune
                ? new PostalAddress { InseeCode = centre.Code, Commune = centre.Name }
                : new PostalAddress { Latitude = point.Latitude, Longitude = point.Longitude, Commune = "Quelque part" };
            var service = Service.Create(structure, new ServiceDetails
            {
                Name = $"Service généré {i}",
                Description = "Un service généré pour vérifier que la matrice compte juste.",
                Thematiques = [frein.Thematiques[random.Next(frein.Thematiques.Count)]],
                Publics = [publicCode],
                Frais = free ? "gratuit" : "payant",
                ModesAccueil = remote ? ["a-distance"] : ["en-presentiel"],
                Address = address,
                OpeningHours = opening.Length == 0 ? null : opening,
            }, updated);
            GeoPoint? placed = remote || nowhere ? null : byCommune ? centre.Position : point;
            all.Add(new Generated(service, placed, remote, opening, publicCode, free, DateOnly.FromDateTime(updated.UtcDateTime)));
        }
        var table = CitePositions.Build([.. all.Select(g => g.Service)], new Dictionary<Guid, Structure> { [structure.Id] = structure });
        return (all, table);
    }

    /// <summary>The textbook haversine, in degrees, written here on purpose (not the app's prepared form).</summary>
    private static double Haversine(GeoPoint a, GeoPoint b)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Sqrt(h));
    }

    private static bool Answers(Generated g, Frein frein) => g.Service.Thematiques.Any(frein.Thematiques.Contains);

    private static bool Keeps(Generated g, CoverageFilters f) =>
        (f.PublicCode is null || g.Public == f.PublicCode || g.Public == Referentiels.TousPublics)
        && (!f.FreeOnly || g.Free)
        && (!f.OpenOnSaturday || g.Opening is "Mo-Fr 09:00-12:00; Sa 09:00-12:00" or "24/7")
        && (!f.OpenInTheEvening || g.Opening is "Tu,Th 14:00-19:30" or "24/7")
        && (f.VerifiedWithinMonths is not { } months || g.Updated >= Today.AddMonths(-months));

    public static TheoryData<string, CoverageFilters> Filters => new()
    {
        { "aucun filtre", CoverageFilters.None },
        { "jeunes", new CoverageFilters(PublicCode: "jeunes") },
        { "gratuit", new CoverageFilters(FreeOnly: true) },
        { "samedi", new CoverageFilters(OpenOnSaturday: true) },
        { "soir", new CoverageFilters(OpenInTheEvening: true) },
        { "vérifié < 6 mois", new CoverageFilters(VerifiedWithinMonths: CoverageFilters.RecentMonths) },
        { "femmes + gratuit + vérifié", new CoverageFilters(PublicCode: "femmes", FreeOnly: true, VerifiedWithinMonths: 6) },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void EveryCell_HoldsExactlyTheServicesWithinItsRadius_AsAnIndependentHaversineSays(string label, CoverageFilters filters)
    {
        var (all, table) = Generate(4_000, seed: 18);
        var rows = new[]
        {
            new CoverageRow(Place.Qpv("QN09301M", "Franc-Moisin", new GeoPoint(48.9290, 2.3650)), 5),
            new CoverageRow(Place.Qpv("QN09302M", "Pont de Pierre", new GeoPoint(48.9050, 2.4480)), 1.5),
            new CoverageRow(Communes.Find("93048")!, 10),
            new CoverageRow(Place.Qpv("QN09303M", "Sans position"), 5),
        };

        var matrix = Coverage.Compute(table, rows, Freins.All, filters, Today);

        var checkedServices = 0;
        for (var r = 0; r < rows.Length; r++)
        {
            for (var f = 0; f < Freins.All.Count; f++)
            {
                var cell = matrix[r, f];
                var frein = Freins.All[f];
                var expected = rows[r].Place.Position is not { } origin
                    ? []
                    : all.Where(g => g.Point is not null && !g.Remote && Answers(g, frein) && Keeps(g, filters))
                        .Select(g => (g.Service.Id, Metres: Haversine(origin, g.Point!.Value)))
                        .Where(x => x.Metres <= rows[r].RadiusKm * 1_000)
                        .ToDictionary(x => x.Id, x => x.Metres);
                Assert.True(expected.Count == cell.Count, $"{label}, {rows[r].Place.Label} × {frein.Label}: {cell.Count} comptés, {expected.Count} attendus");
                foreach (var hit in cell.Near)
                {
                    Assert.True(expected.TryGetValue(hit.ServiceId, out var metres), $"{label}: {hit.ServiceId} compté à tort");
                    Assert.InRange(hit.Metres, metres - 0.01, metres + 0.01);
                }
                Assert.Equal(cell.Near.Select(h => h.Metres).Order(), cell.Near.Select(h => h.Metres));
                Assert.Equal(
                    all.Where(g => g.Remote && Answers(g, frein) && Keeps(g, filters)).Select(g => g.Service.Id).Order(),
                    cell.ComesToPerson.Order());
                checkedServices += cell.Count;
            }
        }
        // the data is not so sparse that the comparison says nothing
        Assert.True(checkedServices > 50, $"{label}: seulement {checkedServices} services dans les cases");
        Assert.All(Enumerable.Range(0, Freins.All.Count), f => Assert.Equal(CoverageLevel.NoPosition, matrix[3, f].Level));
    }

    [Fact]
    public void Levels_AndTheirWords_SayEmptyAndThinCells()
    {
        var (_, table) = Generate(0, seed: 1);
        var row = new CoverageRow(Place.Qpv("QN09301M", "Franc-Moisin", new GeoPoint(48.9290, 2.3650)), 5);
        var frein = Freins.Find("mobilite")!;
        var empty = new CoverageCell(row, frein, [], []);
        var paying = new CoverageCell(row, frein, [new CoveredService(Guid.NewGuid(), 1_200, false, ServicePositionSource.Address, null)], []);
        var two = new CoverageCell(row, frein, [new CoveredService(Guid.NewGuid(), 300, true, ServicePositionSource.Address, null),
            new CoveredService(Guid.NewGuid(), 900, false, ServicePositionSource.Address, null)], [Guid.NewGuid()]);

        Assert.Equal(0, table.Count);
        Assert.Equal(CoverageLevel.None, empty.Level);
        Assert.Equal("aucun service à moins de 5 km", empty.Summary);
        Assert.Equal(CoverageLevel.Thin, paying.Level);
        Assert.Equal("un seul service à moins de 5 km, payant ou sans tarif indiqué", paying.Summary);
        Assert.Equal(CoverageLevel.Covered, two.Level);
        Assert.Equal("2 services à moins de 5 km, dont 1 gratuit ; 1 service à distance", two.Summary);
        Assert.Equal("position du lieu inconnue", new CoverageCell(row with { Place = Place.Qpv("QN09302M", "X") }, frein, [], []).Summary);
    }
}
