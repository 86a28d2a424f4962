using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features.Annuaire.Near;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Diagnostic;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Tests.Features.Diagnostic;

/// <summary>
/// The diagnostic frozen « as of » a date and compared with today, on the real app (the Cité and directory of
/// <see cref="NearSearchTests.NearFixture"/>, its QPV placed at Saint-Denis's centre): what is stored, bad input, the
/// live topic, who may freeze, and the wall.
/// </summary>
public sealed class DiagnosticSnapshotTests(DiagnosticSnapshotTests.PlacedFixture fixture) : IClassFixture<DiagnosticSnapshotTests.PlacedFixture>
{
    private const string Qpv = NearSearchTests.NearFixture.Qpv;

    public sealed class PlacedFixture : NearSearchTests.NearFixture
    {
        public CiteAccess Outsider { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var cites = App.Get<CiteService>();
            Assert.True((await cites.PlaceQpvAsync(Access, Qpv, SaintDenis)).Succeeded);
            var other = await cites.CreateAsync(new CiteProfile { Name = "Cité voisine (figée)", TerritoryName = "Ailleurs", BudgetYear = 2026 });
            Outsider = (await cites.OperatorAccessAsync(other.Value!))!;
        }
    }

    private DiagnosticSnapshotService Snapshots => fixture.App.Get<DiagnosticSnapshotService>();

    private CiteAccess As(CiteRole role) => new(fixture.Access.CiteId, fixture.Access.Slug, fixture.Access.UserId, role);

    private static DateOnly Today => DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));

    private async Task<Guid> FreezeAsync(string label)
    {
        var frozen = await Snapshots.FreezeAsync(As(CiteRole.Coordinateur), label, Today);
        Assert.True(frozen.Succeeded, frozen.Describe());
        return Guid.Parse(frozen.Value!);
    }

    [Fact]
    public async Task TheCoordinatorFreezes_WhatTheMatrixShows_AndEveryDiagnosticPageHearsIt()
    {
        var diagnostic = fixture.App.Get<DiagnosticService>();
        Assert.True((await diagnostic.MarkGapAsync(As(CiteRole.Partenaire), Qpv, "numerique", GapStatus.Confirme, "Rien près du quartier")).Succeeded);
        var heard = new BusRecorder();
        using var _ = fixture.App.Get<ILiveBus>().Subscribe(LiveTopics.Diagnostic(fixture.Access.CiteId), heard.Handle);

        var id = await FreezeAsync("  COPIL de décembre ");

        await heard.WaitForCountAsync(1);
        Assert.Contains(heard.All, e => e is DiagnosticSnapshotChanged changed && changed.SnapshotId == id);
        var listed = Assert.Single(await Snapshots.ListAsync(As(CiteRole.Observateur)), s => s.Id == id);
        Assert.Equal(("COPIL de décembre", Today, "Opérateur"), (listed.Label, listed.AsOf, listed.FrozenByName));
        var state = (await Snapshots.GetAsync(As(CiteRole.Observateur), id))!.State;
        Assert.Equal(new FrozenPlace(Qpv, "QPV Franc-Moisin Bel-Air", true, NearSearchTests.NearFixture.SaintDenis.Latitude,
            NearSearchTests.NearFixture.SaintDenis.Longitude, CoverageSettings.DefaultRadiusKm), Assert.Single(state.Places));
        Assert.Equal(FrozenFilters.None, state.Filters);
        var mobility = state.Cell(Qpv, "mobilite")!;
        var garage = Assert.Single(mobility.Services, s => s.Name == "Garage solidaire du centre");
        Assert.Equal(500, garage.Metres, tolerance: 1);
        Assert.Equal(1, mobility.ComesToPerson);
        Assert.Equal(0, state.Cell(Qpv, "numerique")!.Count);
        Assert.Equal(("numerique", GapStatus.Confirme, "Rien près du quartier"), state.Findings.Select(f => (f.FreinCode, f.Status, f.Comment)).Single(f => f.FreinCode == "numerique"));
        Assert.Equal(1, state.Unplaced);
    }

    [Fact]
    public async Task AfterAServiceIsUnpublished_TheComparisonShowsTheNewGap_AndWhy_ThenItsReturn()
    {
        var coordinator = As(CiteRole.Coordinateur);
        var id = await FreezeAsync("COPIL de mars");
        var garage = (await Snapshots.GetAsync(coordinator, id))!.State.Cell(Qpv, "mobilite")!.Services.Single();
        var directory = fixture.App.Get<DirectoryService>();
        Assert.True((await directory.ServiceBackToDraftAsync(coordinator, garage.Id)).Succeeded);
        try
        {
            var compared = (await Snapshots.CompareAsync(As(CiteRole.Observateur), id))!;

            Assert.Equal("Aucun manque comblé depuis « COPIL de mars », 1 nouveau", compared.Changes.Headline(compared.Snapshot.Label));
            var cell = Assert.Single(compared.Changes.Cells);
            Assert.True(cell.NewGap);
            Assert.Equal(("Garage solidaire du centre", "dépublié ou archivé"), (cell.Disappeared.Single().Service.Name, cell.Disappeared.Single().Text));
            Assert.Empty(compared.Changes.SettingsDifferences);
        }
        finally
        {
            Assert.True((await directory.PublishServiceAsync(coordinator, garage.Id)).Succeeded);
        }
        Assert.Empty((await Snapshots.CompareAsync(coordinator, id))!.Changes.Cells);
    }

    [Fact]
    public async Task BadInput_IsSaidBesideItsField_AndNothingIsFrozen()
    {
        var coordinator = As(CiteRole.Coordinateur);
        var before = (await Snapshots.ListAsync(coordinator)).Count;

        var empty = await Snapshots.FreezeAsync(coordinator, " ", Today.AddDays(1));
        Assert.Equal("Donnez un nom au diagnostic figé (par exemple « COPIL de mars 2026 »).", empty.Errors.For(nameof(DiagnosticSnapshot.Label)).Single());
        Assert.StartsWith($"Le {DiagnosticSnapshot.Day(Today.AddDays(1))} est dans le futur", empty.Errors.For(nameof(DiagnosticSnapshot.AsOf)).Single(), StringComparison.Ordinal);
        var old = await Snapshots.FreezeAsync(coordinator, new string('x', 121), Today.AddDays(-1));
        Assert.Equal("Le nom compte au plus 120 caractères (actuellement 121).", old.Errors.For(nameof(DiagnosticSnapshot.Label)).Single());
        Assert.StartsWith("La Cité n'existait pas encore le ", old.Errors.For(nameof(DiagnosticSnapshot.AsOf)).Single(), StringComparison.Ordinal);
        Assert.True((await Snapshots.FreezeAsync(As(CiteRole.Partenaire), "COPIL", Today)).IsForbidden);
        Assert.True((await Snapshots.FreezeAsync(As(CiteRole.Copilote), "COPIL", Today)).IsForbidden);

        Assert.Equal(before, (await Snapshots.ListAsync(coordinator)).Count);
    }

    [Fact]
    public async Task ACiteKeepingTheMost_IsToldToDeleteOne_NothingIsFrozen_UntilOneIsDeleted()
    {
        var cites = fixture.App.Get<CiteService>();
        var created = await cites.CreateAsync(new CiteProfile { Name = "Cité aux cent diagnostics", TerritoryName = "Ailleurs", BudgetYear = 2026 });
        var operatorAccess = (await cites.OperatorAccessAsync(created.Value!))!;
        var coordinator = new CiteAccess(operatorAccess.CiteId, operatorAccess.Slug, operatorAccess.UserId, CiteRole.Coordinateur);
        var first = await Snapshots.FreezeAsync(coordinator, "COPIL n° 1", Today);
        Assert.True(first.Succeeded, first.Describe());
        // the other 99 as copies of the first, straight into the table (freezing each would count the matrix 99 times)
        var state = (await Snapshots.GetAsync(coordinator, Guid.Parse(first.Value!)))!.State;
        await using (var db = await fixture.App.Get<CiteDbContextFactory>().CreateAsync(coordinator))
        {
            for (var i = 1; i < DiagnosticSnapshot.MaxPerCite; i++)
            {
                db.Add(DiagnosticSnapshot.Freeze(coordinator.CiteId, $"COPIL n° {i + 1}", Today, Today, Today, i, state, "Coordination", DateTimeOffset.UtcNow));
            }
            await db.SaveChangesAsync();
        }
        Assert.Equal(100, (await Snapshots.ListAsync(coordinator)).Count);

        var refused = await Snapshots.FreezeAsync(coordinator, "COPIL n° 101", Today);

        Assert.False(refused.Succeeded);
        Assert.Equal("Cette Cité garde déjà 100 diagnostics figés : supprimez-en un avant d'en figer un autre.",
            refused.Errors.For(DiagnosticSnapshot.KeptField).Single());
        var listed = await Snapshots.ListAsync(coordinator);
        Assert.Equal(100, listed.Count);
        Assert.DoesNotContain(listed, s => s.Label == "COPIL n° 101");

        Assert.True((await Snapshots.DeleteAsync(coordinator, listed[^1].Id)).Succeeded);
        var again = await Snapshots.FreezeAsync(coordinator, "COPIL n° 101", Today);
        Assert.True(again.Succeeded, again.Describe());
        var kept = await Snapshots.ListAsync(coordinator);
        Assert.Equal(100, kept.Count);
        Assert.Contains(kept, s => s.Id == Guid.Parse(again.Value!));
        Assert.DoesNotContain(kept, s => s.Id == listed[^1].Id);
    }

    [Fact]
    public async Task AnotherCitesMember_CannotList_Read_Compare_OrDelete_AndPartnersCannotDelete()
    {
        var id = await FreezeAsync("COPIL de la Cité");
        var outsider = fixture.Outsider;

        Assert.DoesNotContain(await Snapshots.ListAsync(outsider), s => s.Id == id);
        Assert.Null(await Snapshots.GetAsync(outsider, id));
        Assert.Null(await Snapshots.CompareAsync(outsider, id));
        Assert.True((await Snapshots.DeleteAsync(outsider, id)).NotFound);
        Assert.True((await Snapshots.DeleteAsync(As(CiteRole.Partenaire), id)).IsForbidden);
        Assert.NotNull(await Snapshots.GetAsync(As(CiteRole.Observateur), id));

        Assert.True((await Snapshots.DeleteAsync(As(CiteRole.Coordinateur), id)).Succeeded);
        Assert.Null(await Snapshots.GetAsync(As(CiteRole.Observateur), id));
    }
}
