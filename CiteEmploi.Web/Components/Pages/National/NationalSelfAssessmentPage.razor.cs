using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.National;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.National;

public sealed partial class NationalSelfAssessmentPage
{
    private Period _semester;

    [SupplyParameterFromQuery(Name = "semestre")]
    public string? SemesterCode { get; set; }

    /// <summary>What the prerender showed, handed to the interactive start (docs/decisions/0013).</summary>
    [PersistentState]
    public NationalSelfAssessmentView? Shown { get; set; }

    /// <summary>The last ended semester and the five before it, newest first, and the one asked for (the current one can be typed in the address).</summary>
    private IEnumerable<Period> Choices
    {
        get
        {
            var choices = National.DefaultSemester.LastOnes(6).Reverse().ToList();
            if (!choices.Contains(_semester))
            {
                choices.Insert(0, _semester);
            }
            return choices;
        }
    }

    protected override void OnInitialized() => Current.Set(null);

    /// <summary>The address says the semester: a choice in the page, or the back button, goes through it.</summary>
    protected override async Task OnParametersSetAsync()
    {
        _semester = Period.TryParse(SemesterCode, out var asked, out _) && asked.Kind == PeriodKind.Semestre ? asked : National.DefaultSemester;
        if (Shown?.SemesterCode != _semester.Code)
        {
            Shown = await National.ViewAsync(_semester);
        }
    }

    private void OnSemesterChanged(string code)
    {
        if (Period.TryParse(code, out var semester, out _))
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("semestre", semester.Code), replace: true);
        }
    }

    private string ExportUrl(string format) => $"/national/auto-evaluation/export.{format}?semestre={_semester.Code}";

    private static string ScoreText(decimal? score) => score is { } s ? ConditionGrid.FormatScore(s) : SmallCounts.MissingText;

    private static string LevelText(decimal? level) => level is { } l ? l.ToString("0.#", FrenchCulture.Culture) : "—";

    private static string[] Labels(NationalSelfAssessmentView view) => [.. view.ByRegion.Select(g => g.Label)];

    private static List<ChartSeries<double>> Series(NationalSelfAssessmentView view) =>
        [new ChartSeries<double> { Name = "Score médian (%)", Data = new ChartData<double>([.. view.ByRegion.Select(g => g.MedianScore is { } s ? (double?)(double)s : null)]) }];
}
