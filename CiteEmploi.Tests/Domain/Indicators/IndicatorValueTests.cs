using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Tests.Domain.Indicators;

public sealed class IndicatorValueTests
{
    private static readonly Guid CiteId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly IndicatorDefinition People = NationalCatalogue.Find("personnes-reperees")!;
    private static readonly IndicatorDefinition Exits = NationalCatalogue.Find("sorties-emploi-formation")!;
    private static readonly IndicatorDefinition Cooperation = NationalCatalogue.Find("niveau-cooperation")!;

    private static DomainValidationException Refused(IndicatorDefinition? definition, IndicatorEntry entry, params Period[] locks) =>
        Assert.Throws<DomainValidationException>(() => IndicatorValue.Record(CiteId, definition, entry, locks, null, "Camille", Now));

    [Fact]
    public void ACount_WithItsBreakdownAndNote_IsRecorded_AndRaisesItsEvent()
    {
        var value = IndicatorValue.Record(CiteId, People, new IndicatorEntry("personnes-reperees", "2026-T1", 42,
            Breakdown: new Breakdown(Femmes: 25, Hommes: 17, MoinsDe26Ans: 12), Note: "  Forum du 12 mars  "), [], null, "Camille", Now);

        Assert.Equal((42m, Period.Quarter(2026, 1), "Forum du 12 mars"), (value.Number, value.Period, value.Note));
        Assert.Equal(new Breakdown(25, 17, 12), value.Breakdown);
        Assert.Equal(new IndicatorValueRecorded(CiteId, "personnes-reperees", "2026-T1"), Assert.Single(value.DomainEvents));
    }

    [Fact]
    public void AValueInALockedPeriod_OrInsideALockedYear_IsRefused()
    {
        var entry = new IndicatorEntry("personnes-reperees", "2026-T1", 42);

        Assert.Contains("La période 2026-T1 est verrouillée", Assert.Single(Refused(People, entry, Period.Quarter(2026, 1)).Errors.For(Period.Field)), StringComparison.Ordinal);
        Assert.Contains("verrouillée avec 2026", Assert.Single(Refused(People, entry, Period.OfYear(2026)).Errors.For(Period.Field)), StringComparison.Ordinal);
        // another quarter's lock does not concern it
        Assert.Equal(42m, IndicatorValue.Record(CiteId, People, entry, [Period.Quarter(2026, 2)], null, "Camille", Now).Number);
    }

    [Fact]
    public void ARatioWithADenominatorOfZero_IsRefused_OnTheDenominator()
    {
        var refused = Refused(Exits, new IndicatorEntry(Exits.Code, "2026-S1", Numerator: 0, Denominator: 0));

        Assert.Contains("0 ne permet pas de calculer un taux", Assert.Single(refused.Errors.For(nameof(IndicatorEntry.Denominator))), StringComparison.Ordinal);
    }

    [Fact]
    public void ARatio_ShowsItsPercentage_InFrench()
    {
        var value = IndicatorValue.Record(CiteId, Exits, new IndicatorEntry(Exits.Code, "2026-S1", Numerator: 1, Denominator: 8), [], null, "Camille", Now);

        Assert.Equal(12.5m, value.Shown);
        Assert.Equal("12,5 % (1 / 8)", value.Format(Exits));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.5)]
    public void ANegativeCount_IsRefused(double number)
    {
        var refused = Refused(People, new IndicatorEntry(People.Code, "2026", (decimal)number));

        Assert.Contains("ne peut pas être négatif", Assert.Single(refused.Errors.For(nameof(IndicatorEntry.Number))), StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeBreakdown_IsRefused_OnItsField()
    {
        var refused = Refused(People, new IndicatorEntry(People.Code, "2026", 10, Breakdown: new Breakdown(MoinsDe26Ans: -3)));

        Assert.Contains("Moins de 26 ans", Assert.Single(refused.Errors.For("Breakdown.MoinsDe26Ans")), StringComparison.Ordinal);
    }

    [Fact]
    public void ABreakdownAboveItsTotal_IsAWarning_RecordedOnceConfirmed()
    {
        var entry = new IndicatorEntry(People.Code, "2026-T2", 10, Breakdown: new Breakdown(Femmes: 6, Hommes: 6, ResidentsQpv: 11));

        var warned = Refused(People, entry);
        var value = IndicatorValue.Record(CiteId, People, entry with { WarningsConfirmed = true }, [], null, "Camille", Now);

        Assert.Equal(2, warned.Errors.For(IndicatorRules.WarningField).Count);
        Assert.Contains("Femmes et hommes font 12 personnes, plus que le total (10)", warned.Errors.For(IndicatorRules.WarningField)[0], StringComparison.Ordinal);
        Assert.Contains("Résidents QPV : 11 personnes", warned.Errors.For(IndicatorRules.WarningField)[1], StringComparison.Ordinal);
        Assert.Equal(11, value.Breakdown.ResidentsQpv);
    }

    [Fact]
    public void AnUnknownIndicator_IsRefused_OnItsCode()
    {
        var refused = Refused(null, new IndicatorEntry("indicateur-invente", "2026", 3));

        Assert.Contains("« indicateur-invente » n'existe pas", Assert.Single(refused.Errors.For(nameof(IndicatorEntry.IndicatorCode))), StringComparison.Ordinal);
    }

    [Fact]
    public void ACountedIndicator_IsNeverTyped()
    {
        var sessions = NationalCatalogue.Find("seances-tenues")!;

        var refused = Refused(sessions, new IndicatorEntry(sessions.Code, "2026", 3));

        Assert.Contains("calculé depuis l'espace", Assert.Single(refused.Errors.For(nameof(IndicatorEntry.IndicatorCode))), StringComparison.Ordinal);
    }

    [Fact]
    public void ATooLongNote_IsRefused()
    {
        var refused = Refused(People, new IndicatorEntry(People.Code, "2026", 3, Note: new string('n', IndicatorRules.NoteMaxLength + 1)));

        Assert.Contains($"au plus {IndicatorRules.NoteMaxLength} caractères", Assert.Single(refused.Errors.For(nameof(IndicatorEntry.Note))), StringComparison.Ordinal);
    }

    [Fact]
    public void AQualitativeLevel_NeedsItsText_AndHasNoBreakdown()
    {
        var empty = Refused(Cooperation, new IndicatorEntry(Cooperation.Code, "2026", Text: "  "));
        var broken = Refused(Cooperation, new IndicatorEntry(Cooperation.Code, "2026", Text: "bon", Breakdown: new Breakdown(Femmes: 2)));
        var value = IndicatorValue.Record(CiteId, Cooperation, new IndicatorEntry(Cooperation.Code, "2026", Text: " bon "), [], null, "Camille", Now);

        Assert.Single(empty.Errors.For(nameof(IndicatorEntry.Text)));
        Assert.Single(broken.Errors.For(nameof(IndicatorEntry.Breakdown)));
        Assert.Equal(("bon", (decimal?)null), (value.Text, value.Number));
    }

    [Fact]
    public void ABadPeriod_IsRefused_WithTheOtherErrors_AllAtOnce()
    {
        var refused = Refused(People, new IndicatorEntry(People.Code, "2026-Q1", -2));

        Assert.Single(refused.Errors.For(Period.Field));
        Assert.Single(refused.Errors.For(nameof(IndicatorEntry.Number)));
    }

    [Fact]
    public void ALockedValue_CannotBeRemoved()
    {
        var value = IndicatorValue.Record(CiteId, People, new IndicatorEntry(People.Code, "2026-T1", 4), [], null, "Camille", Now);

        var refused = Assert.Throws<DomainValidationException>(() => value.Remove([Period.OfYear(2026)]));

        Assert.Single(refused.Errors.For(Period.Field));
    }

    [Fact]
    public void ALocalIndicator_TakesACodeFromItsLabel_NeverANationalOrATakenOne()
    {
        var local = LocalIndicator.Define(CiteId, new LocalIndicatorDraft("Gardes d'enfants trouvées", NationalCatalogue.People, IndicatorKind.Nombre, IndicatorDirection.Hausse,
            Targets: [new IndicatorTarget("2026-t1", 10)]), [], "Camille", Now);

        Assert.Equal("gardes-d-enfants-trouvees", local.Code);
        Assert.Equal(10m, local.Definition.TargetFor(Period.Quarter(2026, 1)));
        Assert.True(local.Definition.HasBreakdown);

        var national = Assert.Throws<DomainValidationException>(() => LocalIndicator.Define(CiteId,
            new LocalIndicatorDraft("X", "actions", IndicatorKind.Nombre, IndicatorDirection.Hausse, Code: "seances-tenues"), [], "Camille", Now));
        var taken = Assert.Throws<DomainValidationException>(() => LocalIndicator.Define(CiteId,
            new LocalIndicatorDraft("Gardes d'enfants trouvées", "personnes", IndicatorKind.Nombre, IndicatorDirection.Hausse), [local.Code], "Camille", Now));
        var ratio = Assert.Throws<DomainValidationException>(() => LocalIndicator.Define(CiteId,
            new LocalIndicatorDraft("Taux", "", IndicatorKind.Ratio, IndicatorDirection.Hausse, Targets: [new IndicatorTarget("2026-T9", 1)]), [], "Camille", Now));

        Assert.Contains("indicateur national", Assert.Single(national.Errors.For(nameof(LocalIndicatorDraft.Code))), StringComparison.Ordinal);
        Assert.Contains("déjà le code", Assert.Single(taken.Errors.For(nameof(LocalIndicatorDraft.Code))), StringComparison.Ordinal);
        Assert.Single(ratio.Errors.For(nameof(LocalIndicatorDraft.DenominatorLabel)));
        Assert.Single(ratio.Errors.For(nameof(LocalIndicatorDraft.Targets)));
    }

    [Fact]
    public void TheNationalCatalogue_HasStableUniqueCodes_AndCountsWhatTheWorkspaceKnows()
    {
        Assert.Equal(NationalCatalogue.All.Count, NationalCatalogue.All.Select(d => d.Code).Distinct().Count());
        Assert.All(NationalCatalogue.All, d => Assert.Equal(d.Code, Text.Slugify(d.Code, LocalIndicator.CodeMaxLength)));
        Assert.Equal(Enum.GetValues<CountedIndicator>().Order(), NationalCatalogue.All.Where(d => d.IsCounted).Select(d => d.CountedBy!.Value).Order());
    }
}
