using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.National;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.National;

/// <summary>The counted indicators of a period, Cité by Cité (plain data, kept across the prerender).</summary>
public sealed record NationalCounted(string PeriodCode, IReadOnlyList<NationalCountedRow> Rows);

public sealed partial class NationalIndicatorsPage
{
    private static readonly IReadOnlyList<string> Parts = [.. new Breakdown().Parts.Select(p => p.Label)];

    private Period _period;
    private string _code = string.Empty;

    [SupplyParameterFromQuery(Name = "periode")]
    public string? PeriodCode { get; set; }

    [SupplyParameterFromQuery(Name = "indicateur")]
    public string? IndicatorCode { get; set; }

    /// <summary>What the prerender showed, handed to the interactive start (docs/decisions/0013).</summary>
    [PersistentState]
    public NationalIndicatorsView? Shown { get; set; }

    /// <summary>The counted indicators Cité by Cité for the period, as the prerender showed them.</summary>
    [PersistentState]
    public NationalCounted? ShownCounted { get; set; }

    private IndicatorDefinition Definition => NationalIndicatorService.Indicators.First(d => d.Code == _code);

    private IReadOnlyList<string> BreakdownLabels => Definition.HasBreakdown ? Parts : [];

    /// <summary>The periods offered: the last three years and this one, each with its semesters and quarters.</summary>
    private IEnumerable<Period> Choices
    {
        get
        {
            var year = National.DefaultPeriod.Year;
            var choices = new List<Period>();
            for (var y = year; y >= year - 3; y--)
            {
                choices.AddRange(Enumerable.Range(1, 4).Reverse().Select(q => Period.Quarter(y, q)));
                choices.AddRange([Period.Semester(y, 2), Period.Semester(y, 1), Period.OfYear(y)]);
            }
            if (!choices.Contains(_period))
            {
                choices.Insert(0, _period);
            }
            return choices;
        }
    }

    protected override void OnInitialized() => Current.Set(null);

    /// <summary>The address says the period and the indicator: a choice in the page, or the back button, goes through it.</summary>
    protected override async Task OnParametersSetAsync()
    {
        _period = Period.TryParse(PeriodCode, out var asked, out _) ? asked : National.DefaultPeriod;
        _code = NationalIndicatorService.Indicators.Any(d => d.Code == IndicatorCode) ? IndicatorCode! : NationalIndicatorService.Indicators[1].Code;
        if (Shown?.PeriodCode != _period.Code)
        {
            Shown = await National.ViewAsync(_period);
        }
        if (ShownCounted?.PeriodCode != _period.Code)
        {
            ShownCounted = new NationalCounted(_period.Code, await National.CountedAsync(_period));
        }
    }

    private void OnPeriodChanged(string code)
    {
        if (Period.TryParse(code, out var period, out _))
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("periode", period.Code), replace: true);
        }
    }

    private void OnIndicatorChanged(string code) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("indicateur", code), replace: true);

    private static string[] RegionLabels(NationalIndicatorsView view) => [.. view.ByRegion.Select(g => g.Label)];

    /// <summary>The chosen indicator's total by region (a ratio in %); a region whose total is hidden or missing has no bar.</summary>
    private List<ChartSeries<double>> RegionSeries(NationalIndicatorsView view) =>
        [new ChartSeries<double> { Name = Definition.Label, Data = new ChartData<double>([.. view.ByRegion.Select(g => g.Totals[_code].Total is { } t ? (double?)(double)t : null)]) }];

    private string ExportUrl(string format) => $"/national/indicateurs/export.{format}?periode={_period.Code}";

    private static string NumberText(IndicatorDefinition definition, decimal? value) => value is not { } v
        ? "—"
        : definition.Kind == IndicatorKind.Ratio ? $"{v.ToString("0.#", FrenchCulture.Culture)} %" : IndicatorRules.FormatNumber(v, definition.Unit);

    private static string TotalText(IndicatorDefinition definition, NationalTotal total) =>
        total.Typed == 0 ? SmallCounts.MissingText : definition.Kind == IndicatorKind.Qualitatif ? "—" : NumberText(definition, total.Total);

    private string CellText(NationalCell cell) => !cell.IsTyped
        ? SmallCounts.MissingText
        : Definition.Kind switch
        {
            IndicatorKind.Qualitatif => cell.Level ?? string.Empty,
            IndicatorKind.Ratio => $"{NumberText(Definition, cell.Value)} ({cell.Numerator?.ToString("N0", FrenchCulture.Culture)} / {cell.Denominator?.ToString("N0", FrenchCulture.Culture)})",
            _ => NumberText(Definition, cell.Value),
        };

    private string GapText(NationalCell cell, decimal? median)
    {
        if (!cell.IsTyped || cell.Value is not { } value || median is not { } m)
        {
            return "—";
        }
        var gap = value - m;
        var unit = Definition.Kind == IndicatorKind.Ratio ? " points" : string.Empty;
        return gap == 0 ? "égale à la médiane" : $"{(gap > 0 ? "+" : "−")}{Math.Abs(gap).ToString("#,##0.#", FrenchCulture.Culture)}{unit} ({(gap > 0 ? "au-dessus" : "en dessous")})";
    }
}
