using System.Globalization;
using System.Text.Encodings.Web;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Web.Features.Diagnostic;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Diagnostic;

/// <summary>The printable diagnostic's content, from today's state or a frozen one (the page around it passes the wall).</summary>
public partial class DiagnosticPrintSheet
{
    [Parameter, EditorRequired]
    public string CiteName { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public DiagnosticState State { get; set; } = default!;

    /// <summary>The date the diagnostic stands at: today, or the frozen one's.</summary>
    [Parameter, EditorRequired]
    public DateOnly AsOf { get; set; }

    [Parameter, EditorRequired]
    public DateOnly PrintedOn { get; set; }

    /// <summary>Who froze it (a frozen diagnostic only).</summary>
    [Parameter]
    public string? FrozenBy { get; set; }

    [Parameter]
    public bool IsDemonstration { get; set; }

    private PrintedMap? Map { get; set; }

    protected override void OnParametersSet() => Map = PrintedMap.Of(State);

    /// <summary>« Distance : 5 km (Bobigny : 3 km) · services publiés, sans autre filtre ».</summary>
    private string SettingsText
    {
        get
        {
            var own = State.Places.Where(p => p.RadiusKm != State.RadiusKm).Select(p => $"{p.Name} : {CoverageTexts.Radius(p.RadiusKm)}").ToList();
            var filters = State.Filters.Describe();
            return $"Distance comptée autour de chaque lieu : {CoverageTexts.Radius(State.RadiusKm)}{(own.Count == 0 ? "" : $" ({string.Join(", ", own)})")}"
                + $" · services publiés dans l'annuaire{(filters.Length == 0 ? ", sans autre filtre" : $" : {filters}")}.";
        }
    }

    private static string FreinLabel(string code) => Freins.Find(code)?.Label ?? code;

    private string PlaceName(string code) => State.Places.FirstOrDefault(p => p.Code == code)?.Name ?? code;

    private static string PlaceRadius(FrozenPlace place) => place.Latitude is null ? "position inconnue" : CoverageTexts.Radius(place.RadiusKm);

    private FrozenFinding? FindingOf(string placeCode, string freinCode) =>
        State.Findings.FirstOrDefault(f => f.PlaceCode == placeCode && f.FreinCode == freinCode);

    private string GapsText(FrozenPlace place)
    {
        if (place.Latitude is null)
        {
            return "position inconnue, rien n'est compté";
        }
        var cells = State.Cells.Where(c => c.PlaceCode == place.Code).ToList();
        return CoverageTexts.Gaps(place.RadiusKm,
            [.. cells.Where(c => c.Count == 0).Select(c => FreinLabel(c.FreinCode).ToLowerInvariant())],
            [.. cells.Where(c => c.Count == 1).Select(c => FreinLabel(c.FreinCode).ToLowerInvariant())]);
    }

    // Razor reserves <text>: the SVG label is written as markup, its name encoded
    private static MarkupString Label(PrintedMap.PlacePoint place) => new(
        $"<text x=\"{Coordinate(place.X + 8)}\" y=\"{Coordinate(place.Y - 8)}\" class=\"print-map__label\">{HtmlEncoder.Default.Encode(place.Name)}</text>");

    private static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>
/// The printed map: the placed rows and the services counted, projected on a plain background (equirectangular, scaled by
/// the cosine of the latitude: exact enough at a Cité's scale), with each place's distance as a circle. No tiles.
/// </summary>
public sealed record PrintedMap(double Width, double Height, IReadOnlyList<PrintedMap.PlacePoint> Places, IReadOnlyList<PrintedMap.Point> Services, string Summary)
{
    private const double Width0 = 640;
    private const double MaxHeight = 760;
    private const double Margin = 24;
    private const double KmPerDegree = 111.195;

    public sealed record PlacePoint(string Name, double X, double Y, double RadiusPixels);

    public sealed record Point(double X, double Y);

    /// <summary>The map of a state, or null when no place has a position.</summary>
    public static PrintedMap? Of(DiagnosticState state)
    {
        var places = state.Places.Where(p => p.Latitude is not null && p.Longitude is not null).ToList();
        if (places.Count == 0)
        {
            return null;
        }
        var services = state.Cells.SelectMany(c => c.Services).Where(s => s.Latitude is not null && s.Longitude is not null)
            .DistinctBy(s => s.Id).ToList();
        var meanLatitude = places.Average(p => p.Latitude!.Value);
        var cos = Math.Cos(meanLatitude * Math.PI / 180);
        // bounds in degrees of latitude (x scaled by the cosine): every ring and every service
        var xs = places.SelectMany(p => new[] { p.Longitude!.Value * cos - p.RadiusKm / KmPerDegree, p.Longitude!.Value * cos + p.RadiusKm / KmPerDegree })
            .Concat(services.Select(s => s.Longitude!.Value * cos)).ToList();
        var ys = places.SelectMany(p => new[] { p.Latitude!.Value - p.RadiusKm / KmPerDegree, p.Latitude!.Value + p.RadiusKm / KmPerDegree })
            .Concat(services.Select(s => s.Latitude!.Value)).ToList();
        var (minX, maxX, minY, maxY) = (xs.Min(), xs.Max(), ys.Min(), ys.Max());
        var scale = Math.Min((Width0 - 2 * Margin) / Math.Max(maxX - minX, 1e-6), (MaxHeight - 2 * Margin) / Math.Max(maxY - minY, 1e-6));
        var height = Math.Round((maxY - minY) * scale + 2 * Margin);
        double X(double longitude) => Margin + (longitude * cos - minX) * scale;
        double Y(double latitude) => Margin + (maxY - latitude) * scale;
        return new PrintedMap(Width0, height,
            [.. places.Select(p => new PlacePoint(p.Name, X(p.Longitude!.Value), Y(p.Latitude!.Value), p.RadiusKm / KmPerDegree * scale))],
            [.. services.Select(s => new Point(X(s.Longitude!.Value), Y(s.Latitude!.Value)))],
            $"Carte : {CoverageTexts.Count(places.Count, "lieu", "lieux")}, {CoverageTexts.Count(services.Count, "service compté", "services comptés")}");
    }
}
