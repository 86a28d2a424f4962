using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Diagnostic;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace CiteEmploi.Web.Components.Pages.Diagnostic;

/// <summary>
/// The diagnostic's map (issue 18, decision 0024): the matrix's placed places with their rings and the services of one
/// barrier (the open cell's, or the one chosen here), drawn by <c>js/coverage-map.js</c> with Leaflet served by the app.
/// </summary>
public partial class CoverageMap : IAsyncDisposable
{
    private string? _freinCode;
    private string? _cellFrein;
    private CoverageMapPoints? _points;
    private (CoverageMatrix Matrix, string? Frein, CoverageMapPoints? Given)? _loaded;
    private (CitePositions Source, CoverageFilters Filters, string? Frein)? _pointsOf;
    private Redraw _pending;
    private IJSObjectReference? _module;
    private ElementReference _canvas;

    [Inject]
    private DiagnosticService Diagnostic { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private IOptions<MapSettings> Settings { get; set; } = default!;

    /// <summary>The matrix drawn: its rows (places, positions, radii) and its filters.</summary>
    [Parameter, EditorRequired]
    public CoverageMatrix Matrix { get; set; } = default!;

    /// <summary>Who reads: the services of the barrier are read with this right (none: only <see cref="Points"/> are drawn).</summary>
    [Parameter]
    public CiteAccess? Access { get; set; }

    /// <summary>The barrier of the open cell: the map follows it (the select can still show another).</summary>
    [Parameter]
    public Frein? Frein { get; set; }

    /// <summary>The services to draw, when the caller has them; otherwise those of the barrier shown are read.</summary>
    [Parameter]
    public CoverageMapPoints? Points { get; set; }

    /// <summary>The barrier shown.</summary>
    private Frein? Shown => Matrix.Freins.FirstOrDefault(f => f.Code == _freinCode) ?? (Matrix.Freins.Count > 0 ? Matrix.Freins[0] : null);

    private IReadOnlyList<CoverageRow> Placed => [.. Matrix.Rows.Where(r => r.Place.Position is not null)];

    private IReadOnlyList<CoverageRow> Unplaced => [.. Matrix.Rows.Where(r => r.Place.Position is null)];

    /// <summary>What the map shows, said: « Carte : 3 QPV, 42 services Mobilité ».</summary>
    internal string Summary
    {
        get
        {
            var qpvs = Placed.Count(r => r.Place.Kind == Domain.Annuaire.Places.PlaceKind.Qpv);
            var communes = Placed.Count - qpvs;
            var places = communes == 0 ? $"{qpvs} QPV" : $"{qpvs} QPV, {CoverageTexts.Count(communes, "commune", "communes")}";
            var services = _points is null
                ? $"services {Shown?.Label} en cours de lecture"
                : $"{CoverageTexts.Count(_points.Points.Count, "service", "services")} {_points.Frein.Label}";
            return $"Carte : {places}, {services}";
        }
    }

    private string Credit => Settings.Value.HasTiles && !string.IsNullOrWhiteSpace(Settings.Value.Attribution)
        ? $"Fond de carte : {Settings.Value.Attribution.Trim()}. Carte dessinée avec Leaflet."
        : Settings.Value.HasTiles
            ? "Carte dessinée avec Leaflet."
            : "Sans fond de carte : les quartiers, leurs cercles et les services seulement. Carte dessinée avec Leaflet.";

    protected override async Task OnParametersSetAsync()
    {
        // a newly opened cell brings its barrier; otherwise the reader's choice stays
        if (Frein?.Code != _cellFrein)
        {
            _cellFrein = Frein?.Code;
            if (_cellFrein is not null)
            {
                _freinCode = _cellFrein;
            }
        }
        _freinCode ??= Matrix.Freins.Count > 0 ? Matrix.Freins[0].Code : null;
        await LoadAsync();
    }

    private async Task OnFreinChosenAsync(string? code)
    {
        _freinCode = code;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // the page re-renders often: read again only when the matrix (a recount) or the barrier changed
        if (_loaded is { } loaded && ReferenceEquals(loaded.Matrix, Matrix) && loaded.Frein == _freinCode && ReferenceEquals(loaded.Given, Points))
        {
            return;
        }
        _loaded = (Matrix, _freinCode, Points);
        if (Points is not null)
        {
            _points = Points;
            _pointsOf = null;
        }
        else if (Access is not null && Shown is { } frein)
        {
            // the same directory, filters and barrier: the same points; only the places or their rings changed (a distance)
            if (_points is not null && Matrix.Source is { } source && _pointsOf == (source, Matrix.Filters, frein.Code))
            {
                _pending = _pending == Redraw.None ? Redraw.Places : _pending;
                return;
            }
            _points = null;
            _pointsOf = null;
            // the page's render (the matrix's new counts) reaches the browser first; the map's points are read after
            await Task.Yield();
            _points = await Diagnostic.MapPointsAsync(Access, frein, Matrix.Filters);
            _pointsOf = Matrix.Source is { } counted ? (counted, Matrix.Filters, frein.Code) : null;
        }
        _pending = _points is null ? Redraw.None : Redraw.All;
    }

    /// <summary>What the next render sends to the map.</summary>
    private enum Redraw
    {
        None,

        /// <summary>The places and their rings only: the services drawn stay (thousands of them).</summary>
        Places,

        /// <summary>Everything: the places and the services.</summary>
        All,
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pending == Redraw.None || _points is null || !RendererInfo.IsInteractive)
        {
            return;
        }
        var pending = _pending;
        _pending = Redraw.None;
        try
        {
            var places = Placed.Select(r => new { Name = r.Place.Label, r.Place.Position!.Value.Latitude, r.Place.Position!.Value.Longitude, RadiusMetres = r.RadiusKm * 1_000 });
            if (pending == Redraw.Places && _module is not null)
            {
                await _module.InvokeVoidAsync("places", _canvas, new { Places = places });
                return;
            }
            _module ??= await Js.InvokeAsync<IJSObjectReference>("import", "./" + Assets["js/coverage-map.js"]);
            await _module.InvokeVoidAsync("draw", _canvas, new
            {
                Assets = new
                {
                    Leaflet = Assets["lib/leaflet/leaflet.js"].ToString(),
                    Cluster = Assets["lib/leaflet/leaflet.markercluster.js"].ToString(),
                    Styles = new[] { Assets["lib/leaflet/leaflet.css"].ToString(), Assets["lib/leaflet/MarkerCluster.css"].ToString(), Assets["lib/leaflet/MarkerCluster.Default.css"].ToString() },
                },
                Tiles = Settings.Value.HasTiles ? Settings.Value.TileUrl!.Trim() : null,
                Places = places,
                // [latitude, longitude, name]: compact, for thousands of points
                Points = _points.Points.Select(p => new object[] { p.Latitude, p.Longitude, p.Name }),
            });
        }
        catch (JSDisconnectedException)
        {
            // the circuit is gone: nothing left to draw on
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_module is null)
        {
            return;
        }
        try
        {
            await _module.InvokeVoidAsync("dispose", _canvas);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // the browser is gone, and its map with it
        }
    }
}
