using System.Text;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Diagnostic;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Diagnostic;

/// <summary>The figures service on a real SQLite file built by the migrations: who reads, who records, the wall, the live topic.</summary>
public sealed class FiguresServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Header = "qpv;indicateur;valeur;annee;source\n";
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private FiguresService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;
    private CiteAccess _observer = null!;
    private CiteAccess _outsider = null!;

    public async Task InitializeAsync()
    {
        _service = new FiguresService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), _clock);
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("obs", "Léa"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
        _observer = new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur);
        _outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
    }

    public Task DisposeAsync()
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private static byte[] Csv(string lines) => Encoding.UTF8.GetBytes(Header + lines);

    [Fact]
    public async Task TheCoordinationImports_MembersRead_PerQpvInTheCitesOrder()
    {
        var imported = await _service.ImportAsync(_coordinator, Csv("QP090002;population;3 250;2021;Insee\nQN09001M;chomage;24,5;2021;Insee, RP 2021\nQN09001M;population;4300;2021;Insee\n"));

        Assert.True(imported.Succeeded, string.Join(" | ", imported.Problems));
        Assert.Equal(3, imported.Recorded);
        var read = await _service.FiguresAsync(_observer);
        Assert.Equal(["QN09001M", "QP090002"], read.Select(q => q.QpvCode));
        Assert.Equal([("population", 4300m), ("chomage", 24.5m)], read[0].Figures.Select(f => (f.Indicator, f.Value)));
        Assert.Equal("Insee, RP 2021", read[0].Figures[1].Source);
        Assert.Equal(3250m, Assert.Single(read[1].Figures).Value);
    }

    [Fact]
    public async Task AFileWithOneBadLine_RecordsNothing()
    {
        Assert.True((await _service.ImportAsync(_coordinator, Csv("QN09001M;pauvrete;40;2020;Insee\n"))).Succeeded);

        var refused = await _service.ImportAsync(_coordinator, Csv("QN09001M;pauvrete;41;2021;Insee\nQN09001M;chomage;120;2021;Insee\n"));

        Assert.False(refused.Succeeded);
        Assert.Contains("Ligne 3 : ", Assert.Single(refused.Problems), StringComparison.Ordinal);
        var kept = (await _service.FiguresAsync(_coordinator))[0].Figures;
        Assert.Equal((2020, 40m), (Assert.Single(kept).Year, kept[0].Value));
    }

    [Fact]
    public async Task APartnerCannotImportNorType_AndAnotherCitesMemberReadsNothing()
    {
        Assert.True((await _service.ImportAsync(_coordinator, Csv("QN09001M;deld;38;2022;France Travail\n"))).Succeeded);

        var byPartner = await _service.ImportAsync(_partner, Csv("QN09001M;deld;10;2023;Invention\n"));
        var typedByPartner = await _service.RecordAsync(_partner, new TerritorialFigure("QN09001M", "deld", 10, 2023, "Invention"));

        Assert.True(byPartner.IsForbidden);
        Assert.True(typedByPartner.IsForbidden);
        Assert.Equal(38m, Assert.Single((await _service.FiguresAsync(_partner))[0].Figures).Value);
        // the other Cité (seeded with the same QPV codes) reads none of these figures, and what it types stays its own
        Assert.All(await _service.FiguresAsync(_outsider), q => Assert.Empty(q.Figures));
        Assert.True((await _service.RecordAsync(_outsider, new TerritorialFigure("QN09001M", "deld", 10, 2023, "Insee"))).Succeeded);
        Assert.Equal(10m, Assert.Single((await _service.FiguresAsync(_outsider))[0].Figures).Value);
        Assert.Equal(38m, Assert.Single((await _service.FiguresAsync(_coordinator))[0].Figures).Value);
    }

    [Fact]
    public async Task ATypedFigure_IsCheckedByField_AndReplacesTheSameYear()
    {
        var bad = await _service.RecordAsync(_coordinator, new TerritorialFigure("QN09001M", "chomage", 20, 2027, " "));

        Assert.False(bad.Succeeded);
        Assert.Single(bad.Errors.For(nameof(TerritorialFigure.Year)));
        Assert.Single(bad.Errors.For(nameof(TerritorialFigure.Source)));

        Assert.True((await _service.RecordAsync(_coordinator, new TerritorialFigure("QN09001M", "moins-26-ans", 30, 2020, "Insee"))).Succeeded);
        Assert.True((await _service.RecordAsync(_coordinator, new TerritorialFigure("QN09001M", "moins-26-ans", 31.5m, 2020, "Insee, révisé", IsDemonstration: true))).Succeeded);

        var figure = Assert.Single((await _service.FiguresAsync(_coordinator))[0].Figures, f => f.Indicator == "moins-26-ans");
        Assert.Equal((31.5m, "Insee, révisé", false), (figure.Value, figure.Source, figure.IsDemonstration));
    }

    [Fact]
    public async Task AnImport_IsAnnouncedOnTheCitesDiagnosticTopic_Only()
    {
        var mine = new BusRecorder();
        var theirs = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Diagnostic(_coordinator.CiteId), mine.Handle));
        _subscriptions.Add(_bus.Subscribe(LiveTopics.Diagnostic(_outsider.CiteId), theirs.Handle));

        Assert.True((await _service.ImportAsync(_coordinator, Csv("QP090002;familles-monoparentales;35;2021;CAF\n"))).Succeeded);

        await mine.WaitForCountAsync(1);
        Assert.Contains(mine.All, m => m is TerritorialFiguresChanged changed && changed.CiteId == _coordinator.CiteId);
        Assert.Empty(theirs.All);
    }
}

/// <summary>The demonstration Cité's figures: every one marked as demonstration, sourced as fictional.</summary>
public sealed class DemoFiguresTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task TheDemonstrationFigures_AreLabelledFictional()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var cite = CiteEmploi.Domain.Cites.Cite.Create(CiteEmploi.Web.Features.Demo.DemoLoader.Profile(2026) with { Name = $"Démo {Guid.NewGuid():N}" }, null, clock.Now, isDemonstration: true);
        await using (var db = database.NewContext())
        {
            db.Cites.Add(cite);
            await db.SaveChangesAsync();
        }
        var service = new FiguresService(new CiteDbContextFactory(new TestDbContextFactory(database)), clock);
        var access = new CiteAccess(cite.Id, cite.Slug, "coord", CiteRole.Coordinateur);

        await new DemoFigures(service, clock).LoadAsync(access);

        var figures = (await service.FiguresAsync(access)).SelectMany(q => q.Figures).ToList();
        Assert.Equal(11, figures.Count);
        Assert.All(figures, f => Assert.Equal((true, DemoFigures.Source, 2024), (f.IsDemonstration, f.Source, f.Year)));
    }
}
