using System.Diagnostics;
using System.Globalization;
using CiteEmploi.Bench.Live;
using CiteEmploi.Bench.Roadmap;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.National;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Bench.National;

/// <summary>
/// Issue 16's figures: the national view over 84 Cités × 30 indicators (the catalogue's five typed ones and 25 local
/// ones each) × 12 quarters of values (30,240 rows, synthetic, fixed seed), target p95 &lt; 1 s — the service call that
/// builds the page's data (<see cref="NationalIndicatorService.ViewAsync"/>), the CSV built from it, and the page as the
/// real app serves it (HTTP GET of the prerendered page, signed in with the national role); and one Cité's indicators
/// page data (<see cref="IndicatorService.ViewAsync"/>, with its counted values), and one Cité's dashboard — its landing
/// page, « Vue d'ensemble » — served by the real app (HTTP GET of the prerendered page) for the bench's Cité (30 indicators
/// × 12 quarters) and for the demonstration Cité (two years of feuille de route, sessions, boards, indicators, referrals;
/// loaded by <see cref="DemoLoader"/> with the bench's account as its coordinator), target p95 &lt; 200 ms. Baseline in
/// the same run: the period's value rows read alone.
/// </summary>
public sealed class NationalIndicatorsBenchmark : IBenchmark
{
    public const int Cites = 84;
    public const int LocalIndicators = 25;
    public const int Quarters = 12;
    private const int Warmup = 3;
    private const int Runs = 30;
    private static readonly Period Measured = Period.Quarter(2026, 3);

    public string Name => "national-indicators";

    public string Description =>
        $"The national indicators view over {Cites} Cités × {LocalIndicators + 5} indicators × {Quarters} quarters of synthetic values: the service call, "
        + "the CSV, the page served by the real app (prerendered HTML, national role); one Cité's indicators page data; one Cité's dashboard served "
        + "(the bench's Cité and the demonstration Cité); the value rows read alone as a baseline.";

    public async Task RunAsync(TextWriter output)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(TimeSpan.FromSeconds(360).TotalSeconds * Stopwatch.Frequency);
        await using var server = await BoardBenchServer.StartAsync(seed: SeedAsync);
        var cookies = await server.SignInAsync();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var address = $"/national/indicateurs?periode={Measured.Code}";
        // « Cité synthétique 42 », its accents written as HTML entities
        var first = await http.GetStringAsync(address);
        if (!first.Contains("tique 42<", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the national page did not render the Cités (not signed in with the national role?)");
        }
        var ownDashboard = $"/c/{server.Slug}";
        var demoDashboard = $"/c/{DemoLoader.Slug}";
        foreach (var dashboard in new[] { ownDashboard, demoDashboard })
        {
            // « À traiter » rendered with its counts: the page of a member, loaded at prerender (no sign-in redirect, no 404)
            var html = await http.GetStringAsync(dashboard);
            if (!html.Contains("id=\"a-traiter\"", StringComparison.Ordinal) || html.Contains("Chargement de ce qui est", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{dashboard} did not render the Cité's dashboard (not a member?)");
            }
        }

        using var host = PlanRenderBenchmark.ReaderHost(server.DataFolder);
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var national = services.GetRequiredService<NationalIndicatorService>();
        var indicators = services.GetRequiredService<IndicatorService>();
        var access = (await services.GetRequiredService<CiteService>().OperatorAccessAsync(server.Slug))!;
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var view = await national.ViewAsync(Measured);

        var table = new MarkdownTable(("Measure", false), ("median ms", true), ("p95 ms", true), ("max ms", true), ("Target", false));
        Row(table, "national view: service call (84 Cités)", () => national.ViewAsync(Measured).GetAwaiter().GetResult(), stopAt, "p95 < 1 s");
        Row(table, "national view: CSV from the view", () => CiteEmploi.Web.Features.Common.SheetFiles.Csv(NationalIndicatorsSheet.Columns, NationalIndicatorsSheet.Rows(view)), stopAt, "—");
        Row(table, "national view: page served (HTTP GET, prerendered)", () => http.GetStringAsync(address).GetAwaiter().GetResult(), stopAt, "p95 < 1 s");
        Row(table, "one Cité: indicators page data (30 indicators, counted values)", () => indicators.ViewAsync(access, Measured).GetAwaiter().GetResult()!, stopAt, "p95 < 200 ms");
        Row(table, "one Cité's dashboard served (HTTP GET, prerendered): the bench's Cité, 30 indicators × 12 quarters", () => http.GetStringAsync(ownDashboard).GetAwaiter().GetResult(), stopAt, "p95 < 200 ms");
        Row(table, "one Cité's dashboard served: the demonstration Cité (two years of everything)", () => http.GetStringAsync(demoDashboard).GetAwaiter().GetResult(), stopAt, "p95 < 200 ms");
        Row(table, "baseline: the period's value rows read alone", () =>
        {
            using var db = factory.CreateDbContext();
            return db.IndicatorValues.IgnoreQueryFilters().AsNoTracking().Where(v => v.Period == Measured).ToList();
        }, stopAt, "—");
        table.Write(output);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Cités in the view: {view.Cites.Count}; page HTML {first.Length / 1024} KiB; regions: {view.ByRegion.Count}."));
    }

    /// <summary>83 more Cités (the server's own is the 84th), 25 local indicators each, and 12 quarters of values of all 30.</summary>
    private static async Task SeedAsync(IServiceProvider services, CiteAccess own)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(BoardBenchServer.Email))!;
        user.PlatformRole = PlatformRole.National;
        await users.UpdateAsync(user);
        // not in the national view (a demonstration); measured for its dashboard, the bench's account its coordinator
        await services.GetRequiredService<DemoLoader>().LoadAsync(user.Id);

        var now = DateTimeOffset.UtcNow;
        var random = new Random(84);
        var departements = Regions.Departements.Where(d => d.Length == 2 && d.All(char.IsAsciiDigit)).Order(StringComparer.Ordinal).ToList();
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var citeIds = new List<Guid> { own.CiteId };
        for (var i = 1; i < Cites; i++)
        {
            var d = departements[i % departements.Count];
            var cite = Cite.Create(CiteEmploi.Web.Features.Demo.DemoLoader.Profile(2026) with
            {
                Name = $"Cité synthétique {i}",
                TerritoryName = $"Territoire synthétique {i}",
                PerimeterType = (PerimeterType)(i % 4),
                Qpvs = [new Qpv($"QN0{d}{i % 100:00}M", $"Quartier {i}")],
            }, $"synthetique-{i}", now);
            db.Cites.Add(cite);
            citeIds.Add(cite.Id);
        }
        var periods = Period.Quarter(2026, 4).LastOnes(Quarters);
        foreach (var citeId in citeIds)
        {
            var locals = Enumerable.Range(1, LocalIndicators).Select(n => LocalIndicator.Define(citeId,
                new LocalIndicatorDraft($"Indicateur local {n}", "personnes", IndicatorKind.Nombre, IndicatorDirection.Hausse), [], "Banc", now)).ToList();
            db.LocalIndicators.AddRange(locals);
            var definitions = NationalCatalogue.All.Where(x => !x.IsCounted).Concat(locals.Select(l => l.Definition)).ToList();
            foreach (var period in periods)
            {
                foreach (var definition in definitions)
                {
                    var total = random.Next(0, 400);
                    var women = random.Next(0, total + 1);
                    var entry = definition.Kind switch
                    {
                        IndicatorKind.Ratio => new IndicatorEntry(definition.Code, period.Code, Numerator: random.Next(0, 50), Denominator: 50 + random.Next(0, 100)),
                        IndicatorKind.Qualitatif => new IndicatorEntry(definition.Code, period.Code, Text: "bon"),
                        _ => new IndicatorEntry(definition.Code, period.Code, total,
                            Breakdown: definition.HasBreakdown ? new Breakdown(women, total - women, random.Next(0, total + 1), random.Next(0, total + 1), random.Next(0, Math.Min(6, total + 1))) : null,
                            Note: random.Next(10) == 0 ? "Une note de synthèse." : string.Empty),
                    };
                    db.IndicatorValues.Add(IndicatorValue.Record(citeId, definition, entry, [], null, "Banc", now));
                }
            }
        }
        await db.SaveChangesAsync();
    }

    private static void Row(MarkdownTable table, string label, Func<object> measure, long stopAt, string target)
    {
        var summary = LatencySummary.Measure(() => measure(), Warmup, Runs, stopAt);
        table.AddRow(label, Ms(summary.MedianMicroseconds), Ms(summary.P95Microseconds), Ms(summary.PercentileMicroseconds(100)), target);
    }

    private static string Ms(double microseconds) => (microseconds / 1_000).ToString("0.0", CultureInfo.InvariantCulture);
}
