using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;

namespace CiteEmploi.Tests.Domain.Diagnostic;

/// <summary>A frozen diagnostic against today, on built states: gaps filled and new, services in and out (and why), findings, settings.</summary>
public sealed class DiagnosticComparisonTests
{
    private static readonly FrozenPlace Qpv = new("QN09301M", "QPV Franc-Moisin", true, 48.92957, 2.35924, 5);
    private static readonly FrozenPlace Commune = new("93008", "Bobigny", false, 48.9086, 2.4397, 5);
    private static readonly FrozenService Garage = new(Guid.NewGuid(), "Garage solidaire", "Mobilité 93", 500);
    private static readonly FrozenService Creche = new(Guid.NewGuid(), "Crèche à vocation d'insertion", "CCAS", 1_200);
    private static readonly FrozenService Atelier = new(Guid.NewGuid(), "Atelier numérique", "Emmaüs Connect", 2_300);
    private static readonly FrozenService Halte = new(Guid.NewGuid(), "Halte-garderie", "Centre social", 900);

    private static FrozenCell Cell(FrozenPlace place, string frein, params FrozenService[] services) => new(place.Code, frein, services, 0);

    private static DiagnosticState State(IReadOnlyList<FrozenPlace> places, IReadOnlyList<FrozenCell> cells, IReadOnlyList<FrozenFinding>? findings = null,
        double radius = 5, FrozenFilters? filters = null) =>
        new(radius, filters ?? FrozenFilters.None, places, ["mobilite", "garde-denfants", "numerique"], cells, findings ?? [], [], 0);

    private static ServiceToday Published(GeoPoint at, params string[] freins) => new(ServiceFate.Published, at, freins.ToHashSet());

    [Fact]
    public void GapsFilledAndNewGaps_AreCounted_WithTheServicesThatAppearedOrDisappeared_AndWhy()
    {
        var then = State([Qpv, Commune],
        [
            Cell(Qpv, "mobilite", Garage), Cell(Qpv, "garde-denfants"), Cell(Qpv, "numerique", Atelier),
            Cell(Commune, "mobilite"), Cell(Commune, "garde-denfants", Creche), Cell(Commune, "numerique"),
        ]);
        var now = State([Qpv, Commune],
        [
            Cell(Qpv, "mobilite"), Cell(Qpv, "garde-denfants", Halte), Cell(Qpv, "numerique", Atelier),
            Cell(Commune, "mobilite", Garage), Cell(Commune, "garde-denfants", Halte), Cell(Commune, "numerique"),
        ]);
        var today = new Dictionary<Guid, ServiceToday>
        {
            // the garage moved: still published, now 10 km north of the QPV (and near Bobigny)
            [Garage.Id] = Published(new GeoPoint(Qpv.Latitude!.Value + 0.09, Qpv.Longitude!.Value), "mobilite"),
            [Creche.Id] = new(ServiceFate.Unpublished, null, new HashSet<string> { "garde-denfants" }),
        };

        var comparison = DiagnosticComparison.Compare(then, now, today);

        // filled: QPV × garde d'enfants, Bobigny × mobilité; new: QPV × mobilité (Bobigny's childcare swapped one service for another)
        Assert.Equal(2, comparison.GapsFilled);
        Assert.Equal(1, comparison.NewGaps);
        Assert.Equal("2 manques comblés depuis « COPIL de mars 2026 », 1 nouveau", comparison.Headline("COPIL de mars 2026"));
        Assert.Equal(4, comparison.Cells.Count);
        var moved = comparison.Cells.Single(c => c.Place.Code == Qpv.Code && c.FreinCode == "mobilite");
        Assert.True(moved.NewGap);
        var gone = Assert.Single(moved.Disappeared);
        Assert.Equal((Garage, GoneReason.OutOfRadius), (gone.Service, gone.Reason));
        Assert.Equal("à 10 km aujourd'hui, hors du rayon", gone.Text);
        Assert.Empty(moved.Appeared);
        var swapped = comparison.Cells.Single(c => c.Place.Code == Commune.Code && c.FreinCode == "garde-denfants");
        Assert.False(swapped.GapFilled || swapped.NewGap);
        Assert.Equal([Halte], swapped.Appeared);
        Assert.Equal("dépublié ou archivé", swapped.Disappeared.Single().Text);
        Assert.Equal([Garage], comparison.Cells.Single(c => c.Place.Code == Commune.Code && c.FreinCode == "mobilite").Appeared);
        // unchanged cells are not listed; nothing differs in the counting
        Assert.DoesNotContain(comparison.Cells, c => c.FreinCode == "numerique");
        Assert.Empty(comparison.SettingsDifferences);
    }

    [Fact]
    public void AServiceRemoved_OrNoLongerAnsweringTheBarrier_OrUnknownToday_SaysSo()
    {
        var then = State([Qpv], [Cell(Qpv, "mobilite", Garage, Atelier, Creche), Cell(Qpv, "garde-denfants"), Cell(Qpv, "numerique")]);
        var now = State([Qpv], [Cell(Qpv, "mobilite"), Cell(Qpv, "garde-denfants"), Cell(Qpv, "numerique")]);
        var today = new Dictionary<Guid, ServiceToday>
        {
            [Garage.Id] = new(ServiceFate.Removed, null, new HashSet<string>()),
            [Atelier.Id] = Published(new GeoPoint(Qpv.Latitude!.Value, Qpv.Longitude!.Value), "numerique"),
        };

        var reasons = DiagnosticComparison.Compare(then, now, today).Cells.Single().Disappeared.ToDictionary(g => g.Service.Id, g => g.Text);

        Assert.Equal("retiré de l'annuaire", reasons[Garage.Id]);
        Assert.Equal("ne répond plus à ce frein", reasons[Atelier.Id]);
        Assert.Equal("n'est plus compté (réglages, horaires ou adresse changés)", reasons[Creche.Id]);
    }

    [Fact]
    public void FindingsWhoseStatusChanged_AreListed_AndACommentAloneIsNot()
    {
        var at = DateTimeOffset.Parse("2026-03-12T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        FrozenFinding Finding(string frein, GapStatus status, string comment) => new(Qpv.Code, frein, status, comment, "Camille", at, null);
        var cells = new[] { Cell(Qpv, "mobilite"), Cell(Qpv, "garde-denfants"), Cell(Qpv, "numerique") };
        var then = State([Qpv], cells, [Finding("mobilite", GapStatus.Confirme, "Rien"), Finding("numerique", GapStatus.ANuancer, "À voir"), Finding("garde-denfants", GapStatus.Confirme, "a")]);
        var now = State([Qpv], cells, [Finding("mobilite", GapStatus.CouvertAutrement, "Le bus à la demande"), Finding("numerique", GapStatus.ANuancer, "Vu"), Finding("garde-denfants", GapStatus.Confirme, "b")]);

        var change = Assert.Single(DiagnosticComparison.Compare(then, now, new Dictionary<Guid, ServiceToday>()).Findings);

        Assert.Equal(("mobilite", "confirmé → couvert autrement", "Le bus à la demande"), (change.FreinCode, change.Text, change.CommentNow));
        var added = DiagnosticComparison.Compare(State([Qpv], cells), now, new Dictionary<Guid, ServiceToday>()).Findings;
        Assert.Equal(3, added.Count);
        Assert.All(added, f => Assert.StartsWith("nouveau constat : ", f.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void DifferentSettings_AreSaidPlainly_AndCellsOfPlacesNotCountedOnBothSidesAreNotCompared()
    {
        var unplaced = Qpv with { Latitude = null, Longitude = null };
        var then = State([unplaced, Commune], [Cell(Commune, "mobilite"), Cell(Commune, "garde-denfants"), Cell(Commune, "numerique")]);
        var now = State([Qpv, Commune with { RadiusKm = 3 }, new FrozenPlace("QN09302M", "QPV Cosmonautes", true, 48.9, 2.4, 3)],
            [Cell(Qpv, "mobilite", Garage), Cell(Commune, "mobilite"), Cell(Commune, "garde-denfants"), Cell(Commune, "numerique")],
            radius: 3, filters: new FrozenFilters(FreeOnly: true));

        var comparison = DiagnosticComparison.Compare(then, now, new Dictionary<Guid, ServiceToday>());

        Assert.Equal(0, comparison.GapsFilled);
        Assert.Empty(comparison.Cells);
        Assert.Equal(
        [
            "La distance de la Cité était de 5 km ; elle est aujourd'hui de 3 km.",
            "Les filtres diffèrent : alors aucun filtre ; aujourd'hui gratuits.",
            "QPV Franc-Moisin n'avait pas de position alors : ses cases ne sont pas comparées.",
            "Bobigny était compté à 5 km ; il l'est aujourd'hui à 3 km.",
            "QPV Cosmonautes est un lieu du diagnostic depuis : ses cases ne sont pas comparées.",
        ], comparison.SettingsDifferences);
    }

    [Fact]
    public void Freezing_NeedsALabelOfAtMost120Characters_AndADateNeitherFutureNorBeforeTheCite()
    {
        var today = new DateOnly(2026, 12, 7);
        var created = new DateOnly(2026, 1, 15);
        var state = State([Qpv], []);

        var errors = Assert.Throws<DomainValidationException>(() =>
            DiagnosticSnapshot.Freeze(Guid.NewGuid(), "  ", new DateOnly(2026, 12, 8), today, created, 0, state, "Camille", DateTimeOffset.UnixEpoch)).Errors;
        Assert.Equal("Donnez un nom au diagnostic figé (par exemple « COPIL de mars 2026 »).", errors.For(nameof(DiagnosticSnapshot.Label)).Single());
        Assert.Equal("Le 8 décembre 2026 est dans le futur : un diagnostic se fige au plus tard aujourd'hui (7 décembre 2026).",
            errors.For(nameof(DiagnosticSnapshot.AsOf)).Single());

        errors = DiagnosticSnapshot.Check(new string('x', 121), new DateOnly(2026, 1, 14), today, created, 0);
        Assert.Equal("Le nom compte au plus 120 caractères (actuellement 121).", errors.For(nameof(DiagnosticSnapshot.Label)).Single());
        Assert.Equal("La Cité n'existait pas encore le 14 janvier 2026 : elle a été créée le 15 janvier 2026.", errors.For(nameof(DiagnosticSnapshot.AsOf)).Single());
        Assert.Equal("Indiquez la date du diagnostic (celle du COPIL).", DiagnosticSnapshot.Check("COPIL", null, today, created, 0).For(nameof(DiagnosticSnapshot.AsOf)).Single());

        var frozen = DiagnosticSnapshot.Freeze(Guid.NewGuid(), "  COPIL de mars 2026 ", created, today, created, 99, state, "Camille", DateTimeOffset.UnixEpoch);
        Assert.Equal(("COPIL de mars 2026", created), (frozen.Label, frozen.AsOf));
        Assert.IsType<DiagnosticSnapshotChanged>(Assert.Single(frozen.DomainEvents));
    }

    [Fact]
    public void ACite_KeepsAtMost100FrozenDiagnostics_TheHundredAndFirstIsRefusedWithWhatToDo()
    {
        var today = new DateOnly(2026, 12, 7);
        var created = new DateOnly(2026, 1, 15);
        Assert.Equal(100, DiagnosticSnapshot.MaxPerCite);

        Assert.True(DiagnosticSnapshot.Check("COPIL", today, today, created, 99).IsEmpty);
        var errors = Assert.Throws<DomainValidationException>(() =>
            DiagnosticSnapshot.Freeze(Guid.NewGuid(), "COPIL", today, today, created, 100, State([Qpv], []), "Camille", DateTimeOffset.UnixEpoch)).Errors;
        Assert.Equal("Cette Cité garde déjà 100 diagnostics figés : supprimez-en un avant d'en figer un autre.",
            errors.For(DiagnosticSnapshot.KeptField).Single());
        // only the cap is said: the label and the date were fine
        Assert.Empty(errors.For(nameof(DiagnosticSnapshot.Label)));
        Assert.Empty(errors.For(nameof(DiagnosticSnapshot.AsOf)));
    }
}
