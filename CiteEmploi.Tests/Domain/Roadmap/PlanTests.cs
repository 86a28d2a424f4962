using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;
using static CiteEmploi.Tests.Domain.Roadmap.PlanActionTests;

namespace CiteEmploi.Tests.Domain.Roadmap;

public class PlanTests
{
    private static DomainValidationException Refused(Action action) => Assert.Throws<DomainValidationException>(action);

    [Fact]
    public void Create_HasTheDefaultLevelsAndStatuses_AndRaisesCreated()
    {
        var plan = NewPlan();

        Assert.Equal(["Axe", "Objectif", "Action"], plan.Levels);
        Assert.Equal(["À lancer", "En cours", "Suspendue", "Réalisée", "Abandonnée"], plan.Statuses.Select(s => s.Label));
        Assert.Equal((PlanState.Brouillon, 100_000m), (plan.State, plan.Envelope));
        Assert.Equal(new PlanCreated(CiteId, plan.Id, "Feuille de route 2025-2027"), Assert.Single(plan.DomainEvents));
    }

    [Fact]
    public void Create_RefusesEmptyTitleReversedPeriodAndBadEnvelope()
    {
        var ex = Refused(() => Plan.Create(CiteId, " ", 2027, 2025, -5m, Camille, Now));

        Assert.Contains("Donnez un titre", ex.Errors.For("Title").Single());
        Assert.Contains("finit avant de commencer", ex.Errors.For("EndYear").Single());
        Assert.Contains("ne peut pas être négatif", ex.Errors.For("Envelope").Single());
        Assert.Contains("deux décimales", Refused(() => Plan.Create(CiteId, "FdR", 2025, 2027, 100.001m, Camille, Now)).Errors.For("Envelope").Single());
    }

    [Fact]
    public void AdoptThenRevise_KeepsEachDecision_InOrder()
    {
        var plan = NewPlan();

        Assert.Contains("une fois adoptée", Refused(() => plan.Revise(new DateOnly(2026, 1, 1), "Ajout", Camille)).Errors.For("State").Single());
        plan.Adopt(new DateOnly(2025, 3, 12), "Adoptée en COPIL à l'unanimité.", Camille);
        Assert.Contains("déjà adoptée", Refused(() => plan.Adopt(new DateOnly(2025, 4, 1), "Encore", Camille)).Errors.For("State").Single());
        Assert.Contains("ne peut pas précéder", Refused(() => plan.Revise(new DateOnly(2025, 1, 1), "Avant", Camille)).Errors.For("Date").Single());
        Assert.Contains("Indiquez la décision", Refused(() => plan.Revise(new DateOnly(2026, 1, 1), "  ", Camille)).Errors.For("Decisions").Single());
        plan.Revise(new DateOnly(2026, 1, 20), "Axe 3 élargi aux entreprises.", Camille);

        Assert.Equal(PlanState.Revise, plan.State);
        Assert.Equal([PlanState.Adopte, PlanState.Revise], plan.Decisions.Select(d => d.State));
        Assert.Equal(new PlanStateChanged(CiteId, plan.Id, PlanState.Revise, new DateOnly(2026, 1, 20), "Camille"), plan.DomainEvents[^1]);
    }

    [Fact]
    public void ChangeDetails_RefusesRemovingAUsedStatusOrALevelInUse()
    {
        var plan = NewPlan();
        var ex = Refused(() => plan.ChangeDetails(plan.Title, 2025, 2027, 100_000m, ["Axe"], [.. plan.Statuses.Where(s => s.Code != "en-cours")],
            maxActionDepth: 2, usedStatusCodes: ["en-cours"], Camille));

        Assert.Contains("gardez au moins 2", ex.Errors.For("Levels").Single());
        Assert.Contains("« en-cours »", ex.Errors.For("Statuses").Single());
        Assert.Equal(3, plan.Levels.Count);

        plan.ChangeDetails("FdR", 2025, 2028, 50_000m, ["Axe", "Objectif", "Action", "Sous-action"], [.. plan.Statuses, new("reportee", "Reportée", 10)], 3, ["en-cours"], Camille);
        Assert.Equal((4, 6, 50_000m, 2028), (plan.Levels.Count, plan.Statuses.Count, plan.Envelope, plan.EndYear));
    }
}

public class MoneyTests
{
    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(1, "0.01")]
    [InlineData(100010, "1000.10")]
    [InlineData(-250, "-2.50")]
    [InlineData(100_000_000_000, "1000000000.00")]
    public void FromCents_HasExactlyTwoDecimals_AndRoundTrips(long cents, string expected)
    {
        var amount = Money.FromCents(cents);

        Assert.Equal(expected, amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cents, Money.ToCents(amount));
    }

    [Fact]
    public void Normalize_GivesTwoDecimals_ButLeavesAnInvalidAmountForItsRefusal()
    {
        Assert.Equal("1000.10", Money.Normalize(1000.1m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.005", Money.Normalize(0.005m).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
