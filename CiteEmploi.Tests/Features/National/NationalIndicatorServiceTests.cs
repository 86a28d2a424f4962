using System.Globalization;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.National;
using MiniExcelLibs;

namespace CiteEmploi.Tests.Features.National;

/// <summary>
/// Five Cités (and a demonstration one, and an archived one) with values for 2025-T4, on a real SQLite file: the national
/// view's rows, totals by region and perimeter type, medians, « non renseigné », the small counts hidden on the view and
/// in both files, and a Cité's own CSV.
/// </summary>
public sealed class NationalIndicatorServiceTests(NationalIndicatorServiceTests.Data data) : IClassFixture<NationalIndicatorServiceTests.Data>
{
    public const string Quarter = "2025-T4";

    public sealed class Data : IAsyncLifetime
    {
        public DatabaseFixture Database { get; } = new();

        public TestClock Clock { get; } = new(new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero));

        public Cite Roubaix { get; private set; } = null!;

        public NationalIndicatorService Service { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            Service = new NationalIndicatorService(new TestDbContextFactory(Database), Clock);
            Roubaix = Make("Roubaix", PerimeterType.Commune, "Roubaix", "QN05901M");
            var lille = Make("Lille Métropole", PerimeterType.Epci, "Métropole européenne de Lille", "QN05902M", "QN05903M");
            var saintDenis = Make("Saint-Denis", PerimeterType.Commune, "Saint-Denis", "QN09301M");
            var belfort = Make("Belfort", PerimeterType.Commune, "Belfort");
            var nowhere = Make("Valmont", PerimeterType.Quartier, "Valmont (fictive)", "QN99001M");
            var demo = Cite.Create(CiteTests.ValidProfile("Démonstration nationale"), null, Clock.Now, isDemonstration: true);
            var archived = Make("Archivée", PerimeterType.Departement, "Belfort");
            archived.Archive(Clock.Now);
            await using var db = Database.NewContext();
            db.Cites.AddRange(Roubaix, lille, saintDenis, belfort, nowhere, demo, archived);
            db.IndicatorValues.AddRange(
                People(Roubaix, 40, new Breakdown(3, 37, 12, 30, 2)),
                People(lille, 100, new Breakdown(60, 40, 20, 80, 10)),
                People(saintDenis, 10, new Breakdown(5, 5, 0, 10)),
                People(demo, 1_000, new Breakdown(500, 500)),
                People(archived, 1_000, new Breakdown(1, 999)),
                Value(Roubaix, new IndicatorEntry("sorties-emploi-formation", Quarter, Numerator: 10, Denominator: 40)),
                Value(lille, new IndicatorEntry("sorties-emploi-formation", Quarter, Numerator: 30, Denominator: 60)),
                Value(Roubaix, new IndicatorEntry("niveau-cooperation", Quarter, Text: "bon")));
            await db.SaveChangesAsync();
        }

        private Cite Make(string name, PerimeterType perimeter, string territory, params string[] qpvs) =>
            Cite.Create(CiteTests.ValidProfile($"Cité {name}") with { PerimeterType = perimeter, TerritoryName = territory, Qpvs = [.. qpvs.Select(q => new Qpv(q, $"Quartier {q}"))] },
                null, Clock.Now);

        private IndicatorValue People(Cite cite, int total, Breakdown breakdown) =>
            Value(cite, new IndicatorEntry("personnes-reperees", Quarter, total, Breakdown: breakdown));

        private IndicatorValue Value(Cite cite, IndicatorEntry entry) =>
            IndicatorValue.Record(cite.Id, NationalCatalogue.Find(entry.IndicatorCode), entry, [], null, "la coordination", Clock.Now);

        public Task DisposeAsync() => Database.DisposeAsync();
    }

    private Task<NationalIndicatorsView> ViewAsync() => data.Service.ViewAsync(Period.Parse(Quarter));

    [Fact]
    public async Task CountedIndicators_AreCountedPerCite_AsOnItsOwnPage_DemonstrationAside()
    {
        var actor = new CiteEmploi.Domain.Sessions.SessionActor("coord", "Camille");
        var copil = CiteEmploi.Domain.Sessions.Session.Create(data.Roubaix.Id, new CiteEmploi.Domain.Sessions.SessionDetails(CiteEmploi.Domain.Sessions.SessionKind.ComitePilotage,
            "COPIL de novembre", new DateOnly(2025, 11, 5), new TimeOnly(9, 0), new TimeOnly(11, 0)), actor, data.Clock.Now);
        await using (var db = data.Database.NewContext())
        {
            db.Sessions.Add(copil);
            await db.SaveChangesAsync();
        }

        var counted = await data.Service.CountedAsync(Period.Parse(Quarter));
        var rows = counted.ToDictionary(r => r.Name);

        // the national files carry them too, one line per Cité, said to be counted; what cannot be counted is « non renseigné »
        var file = CsvTable(SheetFiles.Csv(NationalIndicatorsSheet.Columns, NationalIndicatorsSheet.Rows(await ViewAsync(), counted)))
            .Where(r => r["source"] == NationalIndicatorsSheet.Counted).ToList();
        Assert.Equal(rows.Count * NationalIndicatorService.CountedIndicators.Count, file.Count);
        Assert.Equal("1", file.Single(r => r["nom"] == "Cité Roubaix" && r["indicateur"] == "seances-tenues")["valeur"]);
        Assert.Equal("non renseigné", file.Single(r => r["nom"] == "Cité Roubaix" && r["indicateur"] == "actions-feuille-de-route")["valeur"]);

        Assert.Equal(["Cité Belfort", "Cité Lille Métropole", "Cité Roubaix", "Cité Saint-Denis", "Cité Valmont"], rows.Keys);
        Assert.Equal(NationalIndicatorService.CountedIndicators.Select(d => d.Code), rows["Cité Roubaix"].Values.Keys);
        Assert.Equal((1m, 0m), (rows["Cité Roubaix"].Values["seances-tenues"], rows["Cité Belfort"].Values["seances-tenues"]));
        Assert.Null(rows["Cité Roubaix"].Values["actions-feuille-de-route"]); // no feuille de route: not countable, never 0
        Assert.Null(rows["Cité Roubaix"].Values["budget-consomme"]); // followed by year
    }

    [Fact]
    public async Task TheView_ListsTheActiveCitesWithTheirRegion_DemonstrationAndArchivedAside()
    {
        var view = await ViewAsync();

        Assert.Equal(["Cité Belfort", "Cité Lille Métropole", "Cité Roubaix", "Cité Saint-Denis", "Cité Valmont"], view.Cites.Select(c => c.Name));
        Assert.Equal(["Bourgogne-Franche-Comté", "Hauts-de-France", "Hauts-de-France", "Île-de-France", "Région inconnue"], view.Cites.Select(c => c.Region));
        // regions in French order, the unknown one last
        Assert.Equal(["Bourgogne-Franche-Comté", "Hauts-de-France", "Île-de-France", "Région inconnue"], view.ByRegion.Select(g => g.Label));
        Assert.Equal([1, 2, 1, 1], view.ByRegion.Select(g => g.Cites));
        Assert.Equal([1, 3, 1, 0], view.ByPerimeter.Select(g => g.Cites));
    }

    [Fact]
    public async Task Totals_AndMedians_CountOnlyTheCitesThatTypedTheValue()
    {
        var view = await ViewAsync();

        var people = view.Nation.Totals["personnes-reperees"];
        Assert.Equal((3, 150m, 40m), (people.Typed, people.Total, people.Median));
        var exits = view.Nation.Totals["sorties-emploi-formation"];
        // 40 people out of 100 overall; the median of 25 % and 50 %
        Assert.Equal((2, 40m, 37.5m), (exits.Typed, exits.Total, exits.Median));
        Assert.Equal((1, null, null), (view.Nation.Totals["niveau-cooperation"].Typed, view.Nation.Totals["niveau-cooperation"].Total, view.Nation.Totals["niveau-cooperation"].Median));
        var hautsDeFrance = view.ByRegion.Single(g => g.Label == "Hauts-de-France").Totals["personnes-reperees"];
        Assert.Equal((2, 140m, 70m), (hautsDeFrance.Typed, hautsDeFrance.Total, hautsDeFrance.Median));
        // nothing typed: « non renseigné », never 0
        var belfort = view.Cites.Single(c => c.Name == "Cité Belfort");
        Assert.False(belfort.Values.ContainsKey("personnes-reperees"));
        Assert.Equal((0, null), (view.ByRegion[0].Totals["personnes-reperees"].Typed, view.ByRegion[0].Totals["personnes-reperees"].Total));
        Assert.Equal(25m, view.Cites.Single(c => c.Name == "Cité Roubaix").Values["sorties-emploi-formation"].Value);
    }

    [Fact]
    public async Task SmallCounts_AreHiddenPerCite_WithTheirPair_AndInEverySumThatHoldsThem()
    {
        var view = await ViewAsync();

        var roubaix = view.Cites.Single(c => c.Name == "Cité Roubaix").Values["personnes-reperees"].Breakdown;
        Assert.Equal(["< 5", "< 5", "12", "30", "< 5"], roubaix.Select(c => c.Text));
        var hautsDeFrance = view.ByRegion.Single(g => g.Label == "Hauts-de-France").Totals["personnes-reperees"].Breakdown;
        Assert.Equal(["< 5", "< 5", "32", "110", "< 5"], hautsDeFrance.Select(c => c.Text));
        var ileDeFrance = view.ByRegion.Single(g => g.Label == "Île-de-France").Totals["personnes-reperees"].Breakdown;
        Assert.Equal(["5", "5", "0", "10", "non renseigné"], ileDeFrance.Select(c => c.Text));
        Assert.Equal(["< 5", "< 5", "32", "120", "< 5"], view.Nation.Totals["personnes-reperees"].Breakdown.Select(c => c.Text));
        // the hidden figures do not travel: nothing but null behind « < 5 »
        Assert.All(view.Cites.SelectMany(c => c.Values.Values).SelectMany(v => v.Breakdown).Where(c => c.Hidden), c => Assert.Null(c.Value));
    }

    [Fact]
    public async Task TheCsvAndTheXlsx_HoldNoBreakdownFigureFromOneToFour()
    {
        var view = await ViewAsync();
        var rows = NationalIndicatorsSheet.Rows(view).ToList();

        var table = CsvTable(SheetFiles.Csv(NationalIndicatorsSheet.Columns, rows));
        Assert.Equal(NationalIndicatorsSheet.Columns, table[0].Keys);
        Assert.Equal((5 + 4 + 4 + 1) * NationalIndicatorService.Indicators.Count, table.Count);
        AssertNoSmallBreakdown(table);
        var roubaix = table.Single(r => r["nom"] == "Cité Roubaix" && r["indicateur"] == "personnes-reperees");
        Assert.Equal(("40", "40", "0", "< 5", "< 5", "12"), (roubaix["valeur"], roubaix["mediane_nationale"], roubaix["ecart_a_la_mediane"], roubaix["femmes"], roubaix["hommes"], roubaix["moins_26_ans"]));
        Assert.Equal("non renseigné", table.Single(r => r["nom"] == "Cité Belfort" && r["indicateur"] == "personnes-reperees")["valeur"]);
        Assert.Equal("37,5", table.Single(r => r["nom"] == "Cité Roubaix" && r["indicateur"] == "sorties-emploi-formation")["mediane_nationale"]);
        var region = table.Single(r => r["niveau"] == "Région" && r["nom"] == "Hauts-de-France" && r["indicateur"] == "personnes-reperees");
        Assert.Equal(("140", "2", "110"), (region["valeur"], region["cites_renseignees"], region["residents_qpv"]));

        var xlsx = XlsxTable(SheetFiles.Xlsx(NationalIndicatorsSheet.SheetName, NationalIndicatorsSheet.Columns, rows));
        Assert.Equal(table.Count, xlsx.Count);
        AssertNoSmallBreakdown(xlsx);
        Assert.Equal("150", xlsx.Single(r => r["niveau"] == "France" && r["indicateur"] == "personnes-reperees")["valeur"]);
    }

    [Fact]
    public async Task ACitesOwnCsv_ShowsItsFiguresWhole_AndMissingValuesAsNonRenseigne()
    {
        var indicators = new IndicatorService(new CiteDbContextFactory(new TestDbContextFactory(data.Database)), data.Clock);
        var access = new CiteAccess(data.Roubaix.Id, data.Roubaix.Slug, "coord", CiteRole.Coordinateur);
        var view = await indicators.ViewAsync(access, Period.Parse(Quarter));

        var table = CsvTable(SheetFiles.Csv(IndicatorExport.Columns, IndicatorExport.Rows(view!))).ToDictionary(r => r["indicateur"]);

        Assert.Equal(NationalCatalogue.All.Count, table.Count);
        Assert.Equal(("40", "3", "37", "2", "saisi"), (table["personnes-reperees"]["valeur"], table["personnes-reperees"]["femmes"], table["personnes-reperees"]["hommes"],
            table["personnes-reperees"]["deld"], table["personnes-reperees"]["source"]));
        Assert.Equal(("25", "10", "40"), (table["sorties-emploi-formation"]["valeur"], table["sorties-emploi-formation"]["numerateur"], table["sorties-emploi-formation"]["denominateur"]));
        Assert.Equal("bon", table["niveau-cooperation"]["niveau"]);
        Assert.Equal("non renseigné", table["actions-aller-vers"]["valeur"]);
        Assert.Equal("calculé depuis l'espace", table["seances-tenues"]["source"]);
    }

    /// <summary>A CSV file's lines as column → cell (the header read as the columns).</summary>
    internal static List<Dictionary<string, string>> CsvTable(byte[] csv)
    {
        var (rows, problem) = SpreadsheetCsv.ReadRows(csv, 10_000, "pas UTF-8");
        Assert.Null(problem);
        return [.. rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>An XLSX file's first sheet as column → cell, numbers written invariantly.</summary>
    internal static List<Dictionary<string, string>> XlsxTable(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty))];
    }

    /// <summary>Every breakdown column of every line is a figure of 0 or at least 5, « &lt; 5 », « non renseigné » or empty.</summary>
    internal static void AssertNoSmallBreakdown(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        foreach (var row in rows)
        {
            foreach (var column in NationalIndicatorsSheet.BreakdownColumns)
            {
                var cell = row[column];
                Assert.True(!int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n is 0 or >= 5,
                    $"{row["niveau"]} {row["nom"]} {row["indicateur"]} {column} : {cell}");
            }
        }
    }
}
