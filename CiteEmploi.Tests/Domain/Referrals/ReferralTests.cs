using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Referrals;

namespace CiteEmploi.Tests.Domain.Referrals;

/// <summary>A referral's rules: what is checked before it is recorded, who may delete it and when, and how they are counted.</summary>
public sealed class ReferralTests
{
    // 15 May 2026, 10:00 in Paris
    private static readonly DateTimeOffset Now = new(2026, 5, 15, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 5, 15);
    private static readonly Guid Cite = Guid.NewGuid();
    private static readonly Guid Ml = Guid.NewGuid();
    private static readonly Guid AutoEcole = Guid.NewGuid();
    private static readonly ReferredService Permis = new(Guid.NewGuid(), "Permis accompagné", AutoEcole, ["mobilite", "numerique"]);

    private static Referral Record(ReferralFacts facts, ReferredService? service = null, string? userId = "samia") =>
        Referral.Record(Cite, facts, service ?? Permis, [Ml, AutoEcole], userId, "  Samia  ", Now);

    [Fact]
    public void Record_KeepsTheStructuresTheBarrierTheDayAndTheNote_AndNothingElse_AndRaisesRecorded()
    {
        var referral = Record(new ReferralFacts(Ml, "mobilite", Today.AddDays(-3), "  Premier contact pris  par téléphone "));

        Assert.Equal((Cite, Ml, AutoEcole, Permis.Id, "Permis accompagné"), (referral.CiteId, referral.FromStructureId, referral.ToStructureId, referral.ServiceId, referral.ServiceName));
        Assert.Equal(("mobilite", Today.AddDays(-3), "Premier contact pris par téléphone"), (referral.FreinCode, referral.Date, referral.Note));
        Assert.Equal(("samia", "Samia", Now), (referral.RecordedByUserId, referral.RecordedByName, referral.RecordedAt));
        Assert.Equal(new ReferralRecorded(Cite, referral.Id), Assert.Single(referral.DomainEvents));
    }

    [Fact]
    public void Record_RefusesEachBadField_WithAFrenchMessageBesideIt()
    {
        var refused = Assert.Throws<DomainValidationException>(() => Record(new ReferralFacts(Guid.NewGuid(), "logement", Today.AddDays(1), new string('x', 501))));

        Assert.Contains("pas dans l'annuaire de la Cité", Assert.Single(refused.Errors.For(Referral.FromField)), StringComparison.Ordinal);
        Assert.Contains("pas traité par ce service", Assert.Single(refused.Errors.For(Referral.FreinField)), StringComparison.Ordinal);
        Assert.Contains("dans le futur", Assert.Single(refused.Errors.For(Referral.DateField)), StringComparison.Ordinal);
        Assert.Contains("500 caractères", Assert.Single(refused.Errors.For(Referral.NoteField)), StringComparison.Ordinal);

        var missing = Assert.Throws<DomainValidationException>(() => Record(new ReferralFacts(null, null, null, null)));
        Assert.Equal(["Choisissez la structure qui a orienté la personne."], missing.Errors.For(Referral.FromField));
        Assert.Equal(["Choisissez le frein pour lequel la personne a été orientée."], missing.Errors.For(Referral.FreinField));
        Assert.Equal(["Indiquez la date de l'orientation."], missing.Errors.For(Referral.DateField));
    }

    [Fact]
    public void Record_TakesADayUpToAYearAgo_NotBefore()
    {
        Assert.Equal(Today.AddDays(-365), Record(new ReferralFacts(Ml, "mobilite", Today.AddDays(-365), null)).Date);
        Assert.Equal(Today, Record(new ReferralFacts(Ml, "mobilite", Today, null)).Date);

        var old = Assert.Throws<DomainValidationException>(() => Record(new ReferralFacts(Ml, "mobilite", Today.AddDays(-366), null)));
        Assert.Equal(["Une orientation de plus d'un an ne s'enregistre pas : choisissez une date à partir du 15 mai 2025."], old.Errors.For(Referral.DateField));
    }

    [Fact]
    public void AServiceWithoutBarrier_TakesNoBarrier()
    {
        var plain = Permis with { FreinCodes = [] };

        Assert.Null(Record(new ReferralFacts(Ml, null, Today, null), plain).FreinCode);
        Assert.Throws<DomainValidationException>(() => Record(new ReferralFacts(Ml, "mobilite", Today, null), plain));
    }

    [Fact]
    public void Delete_ByItsRecorderTheSameDay_OrByTheCoordinationAnyDay_NotOtherwise()
    {
        var referral = Record(new ReferralFacts(Ml, "mobilite", Today, null));
        var evening = Now.AddHours(11); // 23:00 in Paris, the same day
        var nextMorning = Now.AddHours(14); // 02:00 in Paris, the day after

        Assert.True(referral.CanBeDeletedBy("samia", isCoordination: false, evening));
        Assert.False(referral.CanBeDeletedBy("samia", isCoordination: false, nextMorning));
        Assert.False(referral.CanBeDeletedBy("someone-else", isCoordination: false, evening));
        Assert.True(referral.CanBeDeletedBy("coord", isCoordination: true, nextMorning.AddDays(60)));
        Assert.True(referral.IsOwnMistake("samia", evening));
        Assert.False(referral.IsOwnMistake("coord", evening));

        var late = Assert.Throws<DomainValidationException>(() => referral.Delete("samia", isCoordination: false, nextMorning));
        Assert.Contains("le jour même", late.Message, StringComparison.Ordinal);
        referral.ClearDomainEvents();
        referral.Delete("samia", isCoordination: false, evening);
        Assert.Equal(new ReferralDeleted(Cite, referral.Id), Assert.Single(referral.DomainEvents));
    }

    [Fact]
    public void Demonstration_SkipsOnlyTheAgeLimit()
    {
        Assert.Equal(Today.AddYears(-2), Referral.Demonstration(Cite, new ReferralFacts(Ml, "mobilite", Today.AddYears(-2), "Fictive"), Permis, [Ml, AutoEcole], "Démo", Now).Date);
        Assert.Throws<DomainValidationException>(() => Referral.Demonstration(Cite, new ReferralFacts(Ml, "mobilite", Today.AddDays(1), null), Permis, [Ml, AutoEcole], "Démo", Now));
    }

    [Fact]
    public void Counts_ByBarrier_AndByDirectedPair_MostFirst()
    {
        var ccas = Guid.NewGuid();
        ReferralLine[] lines = [new("mobilite", Ml, AutoEcole), new("numerique", ccas, AutoEcole), new("mobilite", ccas, Ml), new(null, AutoEcole, Ml), new("mobilite", Ml, AutoEcole)];

        Assert.Equal([("mobilite", 3), ("numerique", 1), (null, 1)], ReferralCounts.ByFrein(lines));
        var pairs = ReferralCounts.ByPair(lines);
        Assert.Equal((Ml, AutoEcole, 2), pairs[0]);
        Assert.Equal(4, pairs.Count);
        Assert.Contains((AutoEcole, Ml, 1), pairs); // the other way is another pair
    }
}
