using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Diagnostic;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CiteEmploi.Web.Components.Pages.Diagnostic;

/// <summary>
/// The coverage matrix of a Cité (issue 18): its places × the barriers, counted from the published directory with the
/// filters chosen here; recounted live when the directory, the Cité's QPVs or the diagnostic's settings change.
/// The filters start from the address (<c>?rayon=3&amp;public=jeunes&amp;gratuit=oui&amp;samedi=oui&amp;soir=oui&amp;verifie=oui</c>).
/// </summary>
public partial class DiagnosticPage
{
    private CoverageMatrix? _matrix;
    private CoverageSettings? _settings;
    private Dictionary<(string Place, string Frein), GapFinding> _findings = [];
    private CoverageCell? _selected;
    private CoverageCellServices? _selectedServices;
    private ElementReference _detail;
    private bool _focusDetail;
    private string? _radiusText;
    private string? _radiusError;
    private double? _radiusFromField;
    private string? _publicCode;
    private bool _freeOnly;
    private bool _saturday;
    private bool _evening;
    private bool _recent;
    private Guid? _watchedCite;
    private IReadOnlyList<SnapshotSummary> _snapshots = [];

    [Inject]
    private DiagnosticService Diagnostic { get; set; } = default!;

    [Inject]
    private DiagnosticSnapshotService Snapshots { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "rayon")]
    public string? RadiusQuery { get; set; }

    [SupplyParameterFromQuery(Name = "public")]
    public string? PublicQuery { get; set; }

    [SupplyParameterFromQuery(Name = "gratuit")]
    public string? FreeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "samedi")]
    public string? SaturdayQuery { get; set; }

    [SupplyParameterFromQuery(Name = "soir")]
    public string? EveningQuery { get; set; }

    [SupplyParameterFromQuery(Name = "verifie")]
    public string? RecentQuery { get; set; }

    /// <summary>A cell to open at once (an action's « Issue du diagnostic » link): its place's code…</summary>
    [SupplyParameterFromQuery(Name = "lieu")]
    public string? PlaceQuery { get; set; }

    /// <summary>… and its barrier's code.</summary>
    [SupplyParameterFromQuery(Name = "frein")]
    public string? FreinQuery { get; set; }

    private bool CanSet => ShownRole?.Allows(CitePermission.EditProfile) == true && Access is not null;

    private string RadiusHelp => _radiusFromField is null && _settings is not null
        ? $"celle de chaque lieu (par défaut {CoverageTexts.Radius(_settings.RadiusKm)})"
        : "pour tous les lieux";

    private CoverageFilters Filters => new(
        string.IsNullOrEmpty(_publicCode) ? null : _publicCode, _freeOnly, _saturday, _evening,
        _recent ? CoverageFilters.RecentMonths : null);

    /// <summary>The filters in words, for the table's caption.</summary>
    private string FiltersText => string.Join(", ", new[]
    {
        string.IsNullOrEmpty(_publicCode) ? null : Referentiels.Publics.Label(_publicCode).ToLowerInvariant(),
        _freeOnly ? "gratuits" : null,
        _saturday ? "ouverts le samedi" : null,
        _evening ? "ouverts après 18 h" : null,
        _recent ? "vérifiés depuis moins de 6 mois" : null,
    }.OfType<string>());

    /// <summary>For each place, the barriers with nothing and those with a single service.</summary>
    private IEnumerable<(CoverageRow Row, List<Frein> Empty, List<Frein> Thin)> Gaps =>
        _matrix is null
            ? []
            : _matrix.Rows.Select((row, r) => (row,
                Enumerable.Range(0, _matrix.Freins.Count).Where(f => _matrix[r, f].Level == CoverageLevel.None).Select(f => _matrix.Freins[f]).ToList(),
                Enumerable.Range(0, _matrix.Freins.Count).Where(f => _matrix[r, f].Level == CoverageLevel.Thin).Select(f => _matrix.Freins[f]).ToList()));

    protected override async Task OnCiteLoadedAsync()
    {
        if (Access is null)
        {
            return;
        }
        if (_watchedCite != Access.CiteId)
        {
            if (_watchedCite is { } before)
            {
                Unwatch(LiveTopics.Directory(before));
                Unwatch(LiveTopics.Diagnostic(before));
            }
            _watchedCite = Access.CiteId;
            ReadQuery();
            // the directory's services, the diagnostic's settings: recount (the Cité's own topic calls OnCiteChangedAsync)
            Watch(LiveTopics.Directory(Access.CiteId), _ => RecountAsync());
            Watch(LiveTopics.Diagnostic(Access.CiteId), _ => RecountAsync());
        }
        await RecountAsync();
        if (_selected is null && PlaceQuery is { } place && FreinQuery is { } frein && _matrix?.Find(place, frein) is { Level: not CoverageLevel.NoPosition } cell)
        {
            await ShowAsync(cell, focus: false);
        }
    }

    protected override Task OnCiteChangedAsync() => RecountAsync();

    private void ReadQuery()
    {
        static bool Yes(string? value) => value?.Trim().ToLowerInvariant() is "oui" or "true" or "1";
        _radiusText = RadiusQuery;
        var problems = DiagnosticService.Problems(RadiusQuery, PublicQuery, out var radius);
        _radiusFromField = radius;
        _radiusError = problems.GetValueOrDefault("rayon");
        _publicCode = problems.ContainsKey("public") ? null : PublicQuery?.Trim();
        _freeOnly = Yes(FreeQuery);
        _saturday = Yes(SaturdayQuery);
        _evening = Yes(EveningQuery);
        _recent = Yes(RecentQuery);
    }

    private async Task RecountAsync()
    {
        if (Access is null)
        {
            return;
        }
        _settings = await Diagnostic.SettingsAsync(Access);
        _findings = (await Diagnostic.FindingsAsync(Access)).ToDictionary(f => (f.PlaceCode, f.FreinCode));
        _snapshots = await Snapshots.ListAsync(Access);
        await RecountMatrixAsync();
    }

    /// <summary>
    /// A filter or the distance changed: only the matrix is counted again (the settings, findings and frozen diagnostics
    /// have not changed), so the new counts reach the screen sooner (issue 18's figure, docs/decisions/0036).
    /// </summary>
    private async Task RecountMatrixAsync()
    {
        if (Access is null)
        {
            return;
        }
        _matrix = await Diagnostic.CoverageAsync(Access, new CoverageRequest(Filters, _radiusFromField));
        // the open cell follows the new count (or closes when its place or barrier left)
        if (_selected is { } selected)
        {
            var cell = _matrix?.Find(selected.Row.Place.Code, selected.Frein.Code);
            await ShowAsync(cell is null || cell.Level == CoverageLevel.NoPosition ? null : cell, focus: false);
        }
    }

    private async Task ApplyRadiusAsync()
    {
        if (string.IsNullOrWhiteSpace(_radiusText))
        {
            _radiusError = null;
            if (_radiusFromField is not null)
            {
                _radiusFromField = null;
                await RecountMatrixAsync();
            }
            return;
        }
        if (!NearRadius.TryParse(_radiusText, out var km, out var error))
        {
            // the matrix stays as it was: only the field says what is wrong
            _radiusError = error;
            return;
        }
        _radiusError = null;
        if (km != _radiusFromField)
        {
            _radiusFromField = km;
            await RecountMatrixAsync();
        }
    }

    private async Task OnRadiusKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ApplyRadiusAsync();
        }
    }

    private async Task SaveRadiusAsync()
    {
        if (Access is null || _radiusFromField is not { } km)
        {
            return;
        }
        var result = await Diagnostic.SetRadiusAsync(Access, km);
        if (!result.Succeeded)
        {
            _radiusError = result.Describe();
            return;
        }
        // the Cité's radius is now this one: the field goes back to « each place's own »
        _radiusFromField = null;
        _radiusText = null;
        await RecountAsync();
    }

    private async Task OnPublicChangedAsync(string? code)
    {
        _publicCode = code;
        await RecountMatrixAsync();
    }

    private async Task ToggleAsync(Action set)
    {
        set();
        await RecountMatrixAsync();
    }

    /// <summary>The matrix's file with the filters shown (<c>/c/{slug}/diagnostic/couverture.csv?rayon=3&amp;gratuit=oui</c>).</summary>
    private string ExportHref(string slug, string extension)
    {
        var query = new[]
        {
            _radiusFromField is { } km ? "rayon=" + km.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            string.IsNullOrEmpty(_publicCode) ? null : "public=" + Uri.EscapeDataString(_publicCode),
            _freeOnly ? "gratuit=oui" : null,
            _saturday ? "samedi=oui" : null,
            _evening ? "soir=oui" : null,
            _recent ? "verifie=oui" : null,
        }.OfType<string>().ToList();
        return $"/c/{slug}/diagnostic/couverture.{extension}{(query.Count == 0 ? "" : "?" + string.Join("&", query))}";
    }

    private GapFinding? FindingOf(CoverageCell cell) => _findings.GetValueOrDefault((cell.Row.Place.Code, cell.Frein.Code));

    private bool IsSelected(CoverageCell cell) =>
        _selected is { } s && s.Row.Place.Code == cell.Row.Place.Code && s.Frein.Code == cell.Frein.Code;

    private Task OpenAsync(CoverageCell cell) => ShowAsync(cell, focus: true);

    private async Task ShowAsync(CoverageCell? cell, bool focus)
    {
        _selected = cell;
        _selectedServices = null;
        if (cell is not null && Access is not null)
        {
            _focusDetail = focus;
            _selectedServices = await Diagnostic.CellServicesAsync(Access, cell);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusDetail && _selectedServices is not null)
        {
            _focusDetail = false;
            await _detail.FocusAsync();
        }
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
