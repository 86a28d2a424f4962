using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Indicators;

public sealed partial class IndicatorsPage
{
    [Inject]
    private IndicatorService Indicators { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "periode")]
    public string? PeriodCode { get; set; }

    private Period _period;
    private IndicatorsView? _view;
    private Guid? _watched;
    private readonly PageCommand _command = new();
    private IndicatorDefinition? _charted;
    private IReadOnlyList<IndicatorPoint>? _history;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private string? _draftLabel;
    private string? _draftUnit = NationalCatalogue.People;
    private string? _draftNumerator;
    private string? _draftDenominator;
    private string? _draftDescription;
    private IndicatorKind _draftKind = IndicatorKind.Nombre;
    private IndicatorDirection _draftDirection = IndicatorDirection.Hausse;
    private Domain.Common.ValidationErrors _draftErrors = new();

    /// <summary>The periods offered: last year, this year and next, each year with its semesters and quarters.</summary>
    private IEnumerable<Period> Choices
    {
        get
        {
            var year = Indicators.CurrentQuarter.Year;
            var choices = new List<Period>();
            for (var y = year + 1; y >= year - 2; y--)
            {
                choices.Add(Period.OfYear(y));
                choices.AddRange([Period.Semester(y, 1), Period.Semester(y, 2)]);
                choices.AddRange(Enumerable.Range(1, 4).Select(q => Period.Quarter(y, q)));
            }
            if (!choices.Contains(_period) && _period.Year != 0)
            {
                choices.Insert(0, _period);
            }
            return choices;
        }
    }

    protected override async Task OnCiteLoadedAsync()
    {
        _period = Period.TryParse(PeriodCode, out var asked, out _) ? asked : Indicators.CurrentQuarter;
        if (_watched != Access!.CiteId)
        {
            if (_watched is { } before)
            {
                Unwatch(LiveTopics.Indicators(before));
                Unwatch(LiveTopics.CiteSessions(before));
                Unwatch(LiveTopics.Referrals(before));
            }
            _watched = Access.CiteId;
            // a value typed by a partner, a lock, a new local indicator: shown to everyone on the page at once
            Watch(LiveTopics.Indicators(Access.CiteId), _ => ReloadAsync());
            // a session created, moved, started, closed or cancelled changes « séances tenues »
            Watch(LiveTopics.CiteSessions(Access.CiteId), _ => ReloadAsync());
            // a referral recorded or deleted changes « orientations enregistrées »
            Watch(LiveTopics.Referrals(Access.CiteId), _ => ReloadAsync());
        }
        await ReloadAsync();
    }

    protected override Task OnMembersChangedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        if (Access is null)
        {
            return;
        }
        _view = await Indicators.ViewAsync(Access, _period);
        if (_charted is { } charted)
        {
            await LoadHistoryAsync(charted);
        }
    }

    private async Task OnPeriodChangedAsync(string code)
    {
        if (!Period.TryParse(code, out var period, out _))
        {
            return;
        }
        _period = period;
        _command.Clear();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("periode", period.Code), replace: true);
        await ReloadAsync();
    }

    private async Task EnterAsync(IndicatorRow row)
    {
        if (Access is null || _view is null)
        {
            return;
        }
        var parameters = new DialogParameters<IndicatorEntryDialog>
        {
            { d => d.Access, Access },
            { d => d.Definition, row.Definition },
            { d => d.Period, _period },
            { d => d.Existing, row.Value },
            { d => d.EntersFor, _view.EntersFor },
        };
        var dialog = await Dialogs.ShowAsync<IndicatorEntryDialog>($"{row.Definition.Label} — {_period.Label}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            _command.Done($"Valeur enregistrée : {row.Definition.Label}, {_period.Code}.");
            await ReloadAsync();
        }
    }

    private async Task RemoveAsync(IndicatorRow row)
    {
        await RunAsync(() => Indicators.RemoveAsync(Access!, row.Definition.Code, _period), $"Valeur effacée : {row.Definition.Label} est non renseigné pour {_period.Code}.");
    }

    private async Task LockAsync()
    {
        await RunAsync(() => Indicators.LockAsync(Access!, _period.Code), $"La période {_period.Code} est verrouillée.");
    }

    private async Task UnlockAsync()
    {
        await RunAsync(() => Indicators.UnlockAsync(Access!, _period), $"La période {_period.Code} est déverrouillée.");
    }

    private Task RunAsync(Func<Task<Features.Common.CommandResult>> command, string done) =>
        Access is null ? Task.CompletedTask : _command.RunAsync(command, done, ReloadAsync);

    private bool DraftHas(params string[] fields) => fields.Any(f => _draftErrors.For(f).Count > 0);

    private string? DraftError(params string[] fields) => DraftHas(fields) ? string.Join(" ", fields.SelectMany(_draftErrors.For)) : null;

    private async Task DefineAsync()
    {
        if (Access is null)
        {
            return;
        }
        using (_command.Running())
        {
            var draft = new LocalIndicatorDraft(_draftLabel ?? string.Empty, _draftUnit ?? string.Empty, _draftKind, _draftDirection, _draftDescription ?? string.Empty,
                NumeratorLabel: _draftNumerator, DenominatorLabel: _draftDenominator);
            var result = await Indicators.DefineAsync(Access, draft);
            _draftErrors = result.Errors;
            if (result.Succeeded)
            {
                _command.Done($"Indicateur local ajouté : {Domain.Common.Text.Clean(_draftLabel)} (code {result.Value}).");
                _draftLabel = _draftNumerator = _draftDenominator = _draftDescription = null;
                await ReloadAsync();
            }
            else if (result.Errors.IsEmpty)
            {
                _command.Failed(result.Describe());
            }
        }
    }

    private async Task ShowHistoryAsync(IndicatorDefinition definition)
    {
        if (_charted?.Code == definition.Code)
        {
            _charted = null;
            _history = null;
            return;
        }
        _charted = definition;
        await LoadHistoryAsync(definition);
    }

    private async Task LoadHistoryAsync(IndicatorDefinition definition)
    {
        _history = await Indicators.HistoryAsync(Access!, definition.Code, _period, 8);
        _labels = [.. _history.Select(p => p.Period.Code)];
        _series = [new ChartSeries<double> { Name = definition.Label, Data = new ChartData<double>([.. _history.Select(p => p.Value is { } v ? (double?)(double)v : null)]) }];
    }

    /// <summary>The value as a French reader reads it, or « non renseigné » (never 0).</summary>
    private static string ValueText(IndicatorRow row) => row switch
    {
        { Counted: { Value: { } counted } } => IndicatorRules.FormatNumber(counted, row.Definition.Unit),
        { Counted: not null } => "non calculable",
        { Value: { } value } => value.Format(row.Definition),
        _ => "non renseigné",
    };

    private string TargetText(IndicatorRow row)
    {
        var target = row.Target(_period);
        var baseline = row.Definition.Baseline;
        var text = target is { } t
            ? row.Definition.Kind == IndicatorKind.Ratio ? $"{t.ToString("0.#", FrenchCulture.Culture)} %" : IndicatorRules.FormatNumber(t, row.Definition.Unit)
            : "—";
        return baseline is { } b ? $"{text} (référence : {b.ToString("N0", FrenchCulture.Culture)})" : text;
    }

    private static string SourceText(IndicatorRow row) => row switch
    {
        { Counted: { } counted } => $"calculé depuis l'espace — {counted.How}",
        { Value: { } value } => $"saisi par {row.EnteredBy} ({value.EnteredByName}) le {Domain.Common.FrenchTime.Local(value.EnteredAt).ToString("d MMMM yyyy", FrenchCulture.Culture)}",
        _ => "à saisir par la structure concernée",
    };
}
