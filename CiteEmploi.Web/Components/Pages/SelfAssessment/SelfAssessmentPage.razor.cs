using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.SelfAssessment;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.SelfAssessment;

public sealed partial class SelfAssessmentPage
{
    [Inject]
    private SelfAssessmentService SelfAssessments { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "semestre")]
    public string? SemesterCode { get; set; }

    /// <summary>The page as shown, handed from the prerender to the interactive start.</summary>
    [PersistentState]
    public SelfAssessmentView? ShownView { get; set; }

    private string _semester = string.Empty;
    private SelfAssessmentView? _view;
    private Guid? _watched;
    private readonly PageCommand _command = new();
    private AssessmentMode _mode = AssessmentMode.Collective;

    private static readonly RadarChartOptions RadarOptions = new() { AxisSuggestedMax = 4, GridLevels = 4 };

    /// <summary>The current semester and the five before it, newest first, and the one asked for.</summary>
    private IEnumerable<Period> Choices
    {
        get
        {
            var choices = SelfAssessments.CurrentSemester.LastOnes(6).Reverse().ToList();
            if (Period.TryParse(_semester, out var shown, out _) && !choices.Contains(shown))
            {
                choices.Insert(0, shown);
            }
            return choices;
        }
    }

    private string[] RadarLabels => _view is null ? [] : [.. _view.Conditions.Select(c => c.Code)];

    private List<ChartSeries<double>> RadarSeries => _view is null
        ? []
        : [.. _view.History.Where(h => h.Levels.Count > 0).Select(h => new ChartSeries<double>
        {
            Name = h.Period,
            Data = new ChartData<double>([.. _view.Conditions.Select(c => h.Levels.TryGetValue(c.Code, out var level) ? (double?)level : null)]),
        })];

    protected override void OnRestored()
    {
        _view ??= ShownView;
        _semester = _view?.Period ?? _semester;
    }

    protected override async Task OnCiteLoadedAsync()
    {
        _semester = Period.TryParse(SemesterCode, out var asked, out _) && asked.Kind == PeriodKind.Semestre
            ? asked.Code
            : SelfAssessments.CurrentSemester.Code;
        if (_watched != Access!.CiteId)
        {
            if (_watched is { } before)
            {
                Unwatch(LiveTopics.SelfAssessment(before));
            }
            _watched = Access.CiteId;
            // a rating, a level agreed, an assessment opened or closed: shown to everyone on the page at once
            Watch(LiveTopics.SelfAssessment(Access.CiteId), _ => ReloadAsync());
        }
        await ReloadAsync();
    }

    protected override Task OnMembersChangedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        if (Access is null || !Period.TryParse(_semester, out var semester, out _))
        {
            return;
        }
        _view = await SelfAssessments.ViewAsync(Access, semester);
        ShownView = PrerenderState.Keep(_view, RendererInfo);
    }

    private async Task OnSemesterChangedAsync(string code)
    {
        if (!Period.TryParse(code, out var period, out _))
        {
            return;
        }
        _semester = period.Code;
        _command.Clear();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("semestre", period.Code), replace: true);
        await ReloadAsync();
    }

    private Task OpenAsync() => RunAsync(() => SelfAssessments.OpenAsync(Access!, _semester, _mode), $"L'auto-évaluation de {_semester} est ouverte.");

    private Task CloseAsync() => RunAsync(() => SelfAssessments.CloseAsync(Access!, _semester), $"L'auto-évaluation de {_semester} est close.");

    private async Task ReopenedAsync()
    {
        _command.Done($"L'auto-évaluation de {_semester} est rouverte.");
        await ReloadAsync();
    }

    private async Task SavedAsync()
    {
        _command.Clear();
        await ReloadAsync();
    }

    private Task RunAsync(Func<Task<CommandResult>> command, string done) =>
        Access is null ? Task.CompletedTask : _command.RunAsync(command, done, ReloadAsync);

    private static string Points(int score) => score <= 1 ? $"{score} point" : $"{score} points";
}
