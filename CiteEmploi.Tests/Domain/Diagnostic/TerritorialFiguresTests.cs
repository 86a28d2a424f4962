using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;

namespace CiteEmploi.Tests.Domain.Diagnostic;

public sealed class TerritorialFiguresTests
{
    private static readonly string[] Qpvs = ["QN09001M", "QP090002"];
    private const int ThisYear = 2026;

    private static TerritorialFigure Figure(string qpv = "QN09001M", string indicator = "chomage", decimal value = 24.5m, int year = 2021, string source = "Insee, recensement") =>
        new(qpv, indicator, value, year, source);

    private static IReadOnlyList<string> Errors(TerritorialFigure figure, string field) => TerritorialFigures.Check(figure, Qpvs, ThisYear).For(field);

    [Fact]
    public void AValidFigure_HasNoError()
    {
        Assert.True(TerritorialFigures.Check(Figure(), Qpvs, ThisYear).IsEmpty);
        Assert.True(TerritorialFigures.Check(Figure(indicator: "population", value: 4300, year: ThisYear), Qpvs, ThisYear).IsEmpty);
        Assert.True(TerritorialFigures.Check(Figure(value: 0, year: TerritorialFigures.MinYear), Qpvs, ThisYear).IsEmpty);
        Assert.True(TerritorialFigures.Check(Figure(value: 100), Qpvs, ThisYear).IsEmpty);
    }

    [Fact]
    public void AQpvOfAnotherCite_IsRefusedOnItsField() =>
        Assert.Contains("« QN99999M » n'est pas un quartier prioritaire de cette Cité.", Errors(Figure(qpv: "qn99999m"), nameof(TerritorialFigure.QpvCode)));

    [Fact]
    public void AnUnknownIndicator_IsRefused() =>
        Assert.Contains("Indicateur inconnu « revenu »", Assert.Single(Errors(Figure(indicator: "revenu"), nameof(TerritorialFigure.Indicator))), StringComparison.Ordinal);

    [Theory]
    [InlineData("chomage", 120)]
    [InlineData("pauvrete", -1)]
    [InlineData("familles-monoparentales", 100.1)]
    public void ARateOutside0To100_IsRefused(string indicator, double value) =>
        Assert.Contains("un taux est compris entre 0 et 100 %", Assert.Single(Errors(Figure(indicator: indicator, value: (decimal)value), nameof(TerritorialFigure.Value))), StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(-20)]
    [InlineData(4300.5)]
    public void APopulationNotAPositiveWholeNumber_IsRefused(double value) =>
        Assert.Equal("La population est un nombre entier d'habitants, supérieur à 0.",
            Assert.Single(Errors(Figure(indicator: "population", value: (decimal)value), nameof(TerritorialFigure.Value))));

    [Fact]
    public void AYearInTheFutureOrBefore2000_IsRefused()
    {
        Assert.Contains("est dans le futur", Assert.Single(Errors(Figure(year: ThisYear + 1), nameof(TerritorialFigure.Year))), StringComparison.Ordinal);
        Assert.Contains("trop ancienne", Assert.Single(Errors(Figure(year: 1999), nameof(TerritorialFigure.Year))), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrTooLongSource_IsRefused()
    {
        Assert.Contains("Indiquez la source", Assert.Single(Errors(Figure(source: "   "), nameof(TerritorialFigure.Source))), StringComparison.Ordinal);
        Assert.Contains("dépasse 200 caractères", Assert.Single(Errors(Figure(source: new string('s', 201)), nameof(TerritorialFigure.Source))), StringComparison.Ordinal);
        Assert.True(Errors(Figure(source: new string('s', 200)), nameof(TerritorialFigure.Source)).Count == 0);
    }

    [Fact]
    public void Record_ReplacesTheValueOfTheSameQpvIndicatorAndYear_AndKeepsOtherYears()
    {
        var figures = TerritorialFigures.For(Guid.NewGuid());
        figures.Record([Figure(value: 20, year: 2020), Figure(value: 22, year: 2021)], Qpvs, ThisYear);

        figures.Record([Figure(qpv: "qn09001m", indicator: "Taux de chômage", value: 23, year: 2021, source: "  Insee,  2023 ")], Qpvs, ThisYear);

        Assert.Equal([(2020, 20m, "Insee, recensement"), (2021, 23m, "Insee, 2023")],
            figures.Figures.OrderBy(f => f.Year).Select(f => (f.Year, f.Value, f.Source)));
        Assert.All(figures.Figures, f => Assert.Equal(("QN09001M", "chomage"), (f.QpvCode, f.Indicator)));
        Assert.Equal(2, figures.DomainEvents.OfType<TerritorialFiguresChanged>().Count());
    }

    [Fact]
    public void Record_WithOneBadFigure_ChangesNothing()
    {
        var figures = TerritorialFigures.For(Guid.NewGuid());
        figures.Record([Figure(value: 20)], Qpvs, ThisYear);
        figures.ClearDomainEvents();

        var refused = Assert.Throws<DomainValidationException>(() => figures.Record([Figure(value: 30), Figure(indicator: "pauvrete", value: 120)], Qpvs, ThisYear));

        Assert.Single(refused.Errors.For(nameof(TerritorialFigure.Value)));
        Assert.Equal(20m, Assert.Single(figures.Figures).Value);
        Assert.Empty(figures.DomainEvents);
    }

    [Fact]
    public void Remove_TakesOutOneValue()
    {
        var figures = TerritorialFigures.For(Guid.NewGuid());
        figures.Record([Figure(year: 2020), Figure(year: 2021)], Qpvs, ThisYear);

        figures.Remove("QN09001M", "chomage", 2020);

        Assert.Equal(2021, Assert.Single(figures.Figures).Year);
    }

    [Fact]
    public void TheIndicators_AreTheClosedListWithFrenchLabelsAndUnits()
    {
        Assert.Equal(["population", "chomage", "moins-26-ans", "familles-monoparentales", "pauvrete", "deld"], FigureIndicators.All.Select(i => i.Code));
        Assert.Equal("habitants", FigureIndicators.Find("population")!.Unit);
        Assert.Equal("% des familles", FigureIndicators.Find("familles-monoparentales")!.Unit);
        Assert.Equal("deld", FigureIndicators.Read("Part des demandeurs d’emploi de longue durée")?.Code);
    }
}
