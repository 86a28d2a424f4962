using System.Text.Encodings.Web;
using System.Text.Json;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Bench.Diagnostic;

/// <summary>
/// Issue 18's page data: a Cité of 10 QPVs (placed a few hundred metres off the centres of the 10 largest communes of
/// Seine-Saint-Denis) and a directory of 50,000 synthetic published services imported through the real data·inclusion
/// pipeline: <see cref="MapServices"/> of them answer « Mobilité » (the map's first barrier) within about 5 km of a QPV,
/// the others answer the other barriers within about 12 km, « Création d'activité » none (the empty map of the
/// baseline). Fixed seed; a coordinator account. Run inside <see cref="Live.BoardBenchServer.StartAsync"/>'s seed.
/// </summary>
public sealed class DiagnosticPageSeed
{
    public const int Services = 50_000;
    public const int MapServices = 5_000;
    public const int Qpvs = 10;
    public const string CoordinatorEmail = "coordination@bench.invalid";

    /// <summary>The barrier shown on the map with <see cref="MapServices"/> services.</summary>
    public static Frein Shown => Freins.Find("mobilite")!;

    /// <summary>The barrier no service answers: the same map without services.</summary>
    public static Frein Empty => Freins.Find("creation-activite")!;

    public async Task SeedAsync(IServiceProvider services, CiteAccess access)
    {
        var communes = Communes.All.Where(c => c.Position is not null && c.Departement == "93" && c.Population >= 5_000)
            .OrderByDescending(c => c.Population).Take(Qpvs).ToList();
        var qpvs = communes.Select((c, i) => new Qpv($"QN093{i:00}B", $"Quartier {c.Name}", Math.Round(c.Position!.Value.Latitude + 0.003, 6),
            Math.Round(c.Position!.Value.Longitude - 0.002, 6))).ToList();
        var placed = await services.GetRequiredService<CiteService>().ReplaceQpvsAsync(access, qpvs);
        Check(placed.Succeeded, placed.Describe());

        var folder = Path.Combine(Path.GetTempPath(), $"citeemploi-bench-diagnostic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var structuresPath = Path.Combine(folder, "structures.json");
            var servicesPath = Path.Combine(folder, "services.json");
            WriteFiles(structuresPath, servicesPath, qpvs);
            var importer = services.GetRequiredService<DirectoryImporter>();
            var batch = await importer.ReadAsync(access, await DataInclusionInput.LoadFileAsync(structuresPath), await DataInclusionInput.LoadFileAsync(servicesPath));
            var report = await importer.ImportAsync(access, batch, ImportMode.AllOrNothing);
            Check(report.Counts.Rejected == 0 && report.Counts.New >= Services, $"import : {report.Outcome}, {report.Counts.New} nouveaux, {report.Counts.Rejected} refusés");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var coordinator = new AppUser
        {
            UserName = CoordinatorEmail, Email = CoordinatorEmail, EmailConfirmed = true, DisplayName = "Coordination du banc", CreatedAt = DateTimeOffset.UtcNow,
        };
        Check((await users.CreateAsync(coordinator, Live.BoardBenchServer.Password)).Succeeded, "compte de coordination");
        await services.GetRequiredService<MemberService>().AddAsync(access, coordinator.Id, CiteRole.Coordinateur);
    }

    private static void WriteFiles(string structuresPath, string servicesPath, List<Qpv> qpvs)
    {
        var random = new Random(18);
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var otherThematiques = Freins.All.Where(f => f != Shown && f != Empty).SelectMany(f => f.Thematiques)
            .Except(Shown.Thematiques).Except(Empty.Thematiques).Distinct().ToArray();
        var publics = Referentiels.Publics.Codes.ToArray();
        Annuaire.SyntheticServices.WriteStructuresFile(structuresPath, "banc-diagnostic", 500, "2026-06-01");
        using (var stream = File.Create(servicesPath))
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartArray();
            for (var i = 0; i < Services; i++)
            {
                var shown = i < MapServices;
                var qpv = qpvs[random.Next(qpvs.Count)];
                // « Mobilité » within about 5 km of a QPV; the rest within about 12 km
                var spread = shown ? 0.09 : 0.2;
                json.WriteStartObject();
                json.WriteString("source", "banc-diagnostic");
                json.WriteString("structure_id", $"banc-diagnostic--structure-{random.Next(500)}");
                json.WriteString("id", $"banc-diagnostic--service-{i}");
                json.WriteString("nom", $"Service fictif n° {i}");
                json.WriteString("description", "Service fictif généré pour mesurer la page du diagnostic.");
                json.WriteString("date_maj", new DateOnly(2025, 6, 1).AddDays(random.Next(0, 550)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteStartArray("thematiques");
                json.WriteStringValue(shown ? Shown.Thematiques[random.Next(Shown.Thematiques.Count)] : otherThematiques[random.Next(otherThematiques.Length)]);
                json.WriteEndArray();
                json.WriteStartArray("publics");
                json.WriteStringValue(publics[random.Next(publics.Length)]);
                json.WriteEndArray();
                json.WriteString("frais", random.Next(3) == 0 ? "payant" : "gratuit");
                json.WriteStartArray("modes_accueil");
                json.WriteStringValue(!shown && random.Next(25) == 0 ? "a-distance" : "en-presentiel");
                json.WriteEndArray();
                json.WriteNumber("latitude", Math.Round(qpv.Latitude!.Value + ((random.NextDouble() - 0.5) * spread), 6));
                json.WriteNumber("longitude", Math.Round(qpv.Longitude!.Value + ((random.NextDouble() - 0.5) * spread * 1.5), 6));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException("préparation du banc du diagnostic : " + what);
        }
    }
}
