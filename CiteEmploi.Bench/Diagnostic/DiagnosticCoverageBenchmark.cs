using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Diagnostic;

namespace CiteEmploi.Bench.Diagnostic;

/// <summary>
/// Issue 18's figures, server-side: a Cité of 10 QPVs × every barrier over 50,000 published services, matrix computed
/// &lt; 100 ms; the national view of 1,600 QPVs &lt; 2 s. Through the app's own <see cref="Coverage.Compute"/> over the
/// shared table of positions (<see cref="CitePositions"/>, built once per directory change and not timed here: its
/// build time is printed apart). Baseline in the same run: the naive count (every service's distance from every place
/// with <see cref="GeoPoint.DistanceTo"/>, every barrier's thématiques compared) on the 10-QPV Cité. The services are
/// synthetic (fixed seed) placed around real communes' shipped centres, never presented as real.
/// </summary>
public sealed class DiagnosticCoverageBenchmark : IBenchmark
{
    private const int ServiceCount = 50_000;
    private const int Warmup = 3;
    private const int Runs = 30;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 7);

    public string Name => "diagnostic-coverage";

    public string Description =>
        $"The coverage matrix (places × {Freins.All.Count} barriers) over {ServiceCount:N0} synthetic services: a Cité of 10 QPVs (services around 10 communes "
        + "of Seine-Saint-Denis) and a national view of 1,600 QPVs (services around 1,600 communes of France), 5 km, with and without filters; "
        + "beside the naive count in the same run.";

    public Task RunAsync(TextWriter output)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);
        var communes = Communes.All.Where(c => c.Position is not null && c.Population >= 5_000).OrderByDescending(c => c.Population).ToList();
        var seineSaintDenis = communes.Where(c => c.Departement == "93").Take(10).ToList();
        var france = communes.Take(1_600).ToList();

        var build = Stopwatch.StartNew();
        var (citeServices, citeTable) = Generate(seineSaintDenis, seed: 18);
        var citeBuild = build.Elapsed;
        build.Restart();
        var (_, nationalTable) = Generate(france, seed: 1_600);
        var nationalBuild = build.Elapsed;

        // the rows: one QPV a few hundred metres off each commune's centre
        var citeRows = Rows(seineSaintDenis);
        var nationalRows = Rows(france);
        var filters = new CoverageFilters(PublicCode: "jeunes", FreeOnly: true, VerifiedWithinMonths: CoverageFilters.RecentMonths);

        var table = new MarkdownTable(("Measure", false), ("Places", true), ("Cells", true), ("median ms", true), ("p95 ms", true), ("max ms", true), ("Target", false));
        Row(table, "Cité: matrix, no filter", citeRows.Count, () => Coverage.Compute(citeTable, citeRows, Freins.All, CoverageFilters.None, Today), stopAt, "< 100 ms");
        Row(table, "Cité: matrix, jeunes + gratuit + vérifié", citeRows.Count, () => Coverage.Compute(citeTable, citeRows, Freins.All, filters, Today), stopAt, "< 100 ms");
        Row(table, "national: matrix of 1,600 QPVs, no filter", nationalRows.Count, () => Coverage.Compute(nationalTable, nationalRows, Freins.All, CoverageFilters.None, Today), stopAt, "< 2 s");
        Row(table, "baseline: naive count, Cité", citeRows.Count, () => Naive(citeServices, citeRows), stopAt, "—");
        table.Write(output);

        // the counts agree (the tests check it cell by cell; here, the total, so the timings are of the same work)
        var fast = Coverage.Compute(citeTable, citeRows, Freins.All, CoverageFilters.None, Today).Cells.Sum(c => c.Count);
        var naive = Naive(citeServices, citeRows);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Services counted in the Cité's cells: {fast:N0} (naive: {naive:N0}). Table of positions built in {citeBuild.TotalMilliseconds:0} ms (Cité) and {nationalBuild.TotalMilliseconds:0} ms (national), once per directory change."));
        return Task.CompletedTask;
    }

    private static List<CoverageRow> Rows(IReadOnlyList<Place> communes) =>
        [.. communes.Select((c, i) => new CoverageRow(
            Place.Qpv($"QN{i:00000}M", $"Quartier {c.Name}", new GeoPoint(c.Position!.Value.Latitude + 0.003, c.Position!.Value.Longitude - 0.002)), 5))];

    private static (List<(Service Service, GeoPoint? Point)> Services, CitePositions Table) Generate(IReadOnlyList<Place> around, int seed)
    {
        var random = new Random(seed);
        var structure = Structure.Create(Guid.NewGuid(), new StructureDetails { Name = "Structure synthétique" }, Now);
        var publics = new[] { "jeunes", "femmes", "tous-publics", "seniors", "demandeurs-emploi" };
        var services = new List<(Service, GeoPoint?)>(ServiceCount);
        for (var i = 0; i < ServiceCount; i++)
        {
            var frein = Freins.All[random.Next(Freins.All.Count)];
            var centre = around[random.Next(around.Count)].Position!.Value;
            var remote = random.Next(25) == 0;
            // within about 12 km of the commune's centre
            var point = new GeoPoint(centre.Latitude + ((random.NextDouble() - 0.5) * 0.2), centre.Longitude + ((random.NextDouble() - 0.5) * 0.3));
            var service = Service.Create(structure, new ServiceDetails
            {
                Name = $"Service synthétique {i}",
                Description = "Un service synthétique pour mesurer la matrice de couverture.",
                Thematiques = [frein.Thematiques[random.Next(frein.Thematiques.Count)]],
                Publics = [publics[random.Next(publics.Length)]],
                Frais = random.Next(3) == 0 ? "gratuit" : "payant",
                ModesAccueil = remote ? ["a-distance"] : ["en-presentiel"],
                Address = remote ? null : new PostalAddress { Latitude = point.Latitude, Longitude = point.Longitude, Commune = "Synthétique" },
            }, Now.AddDays(-random.Next(0, 400)));
            services.Add((service, remote ? null : point));
        }
        return (services, CitePositions.Build([.. services.Select(s => s.Item1)], new Dictionary<Guid, Structure> { [structure.Id] = structure }));
    }

    /// <summary>The count as one would write it first: every distance from every place, every barrier's thématiques.</summary>
    private static int Naive(List<(Service Service, GeoPoint? Point)> services, List<CoverageRow> rows)
    {
        var total = 0;
        foreach (var row in rows)
        {
            foreach (var frein in Freins.All)
            {
                foreach (var (service, point) in services)
                {
                    if (point is { } p && service.Thematiques.Any(frein.Thematiques.Contains) && row.Place.Position!.Value.DistanceTo(p) <= row.RadiusKm * 1_000)
                    {
                        total++;
                    }
                }
            }
        }
        return total;
    }

    private static void Row(MarkdownTable table, string label, int places, Func<object> measure, long stopAt, string target)
    {
        var summary = LatencySummary.Measure(() => measure(), Warmup, Runs, stopAt);
        table.AddRow(label, places.ToString("N0", CultureInfo.InvariantCulture), (places * Freins.All.Count).ToString("N0", CultureInfo.InvariantCulture),
            Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)), target);
    }

    private static string Ms(double microseconds) => (microseconds / 1_000).ToString("0.0", CultureInfo.InvariantCulture);
}
