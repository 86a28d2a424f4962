using System.Globalization;
using CiteEmploi.Domain.Cooperation;
using CiteEmploi.Web.Features.Cooperation;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Cooperation;

public sealed partial class CooperationMap
{
    private const double Width = 760;
    private const double Height = 440;
    private const double Radius = 150;
    private const int LabelLength = 24;

    private Dictionary<Guid, (double X, double Y)> _positions = [];

    /// <summary>The map to draw: its linked structures and their links.</summary>
    [Parameter, EditorRequired]
    public CooperationView View { get; set; } = default!;

    /// <summary>The colour of a kind of link (the theme's primary blue, its warning orange and its success green: all readable on white).</summary>
    public static string Colour(LinkKind kind) => kind switch
    {
        LinkKind.Action => "#000091",
        LinkKind.Seance => "#b34000",
        _ => "#18753c",
    };

    protected override void OnParametersSet() => _positions = Layout(View.Linked.Select(n => n.Id).ToList());

    /// <summary>The structures evenly on a circle, the first at the top, clockwise in the table's order: the same map for the same data.</summary>
    public static Dictionary<Guid, (double X, double Y)> Layout(IReadOnlyList<Guid> ids) =>
        ids.Select((id, i) =>
        {
            var angle = (-Math.PI / 2) + (2 * Math.PI * i / Math.Max(ids.Count, 1));
            return (id, X: (Width / 2) + (Radius * Math.Cos(angle)), Y: (Height / 2) + (Radius * Math.Sin(angle)));
        }).ToDictionary(p => p.id, p => (p.X, p.Y));

    private static double NodeRadius(int weight) => Math.Min(6 + (2.5 * Math.Sqrt(weight)), 20);

    private static double EdgeWidth(int weight) => Math.Min(1.5 + weight, 8);

    /// <summary>A label outside the circle, away from its node, anchored so it grows outwards.</summary>
    private (double X, double Y, string Anchor) LabelAt(Guid id, double nodeRadius)
    {
        var (x, y) = _positions[id];
        var dx = x - (Width / 2);
        var dy = y - (Height / 2);
        var length = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), 1);
        var gap = nodeRadius + 6;
        var anchor = dx > 10 ? "start" : dx < -10 ? "end" : "middle";
        return (x + (dx / length * gap), y + (dy / length * (gap + 4)), anchor);
    }

    private int WeightOf(Guid id) => View.Linked.FirstOrDefault(n => n.Id == id)?.Weight ?? 0;

    /// <summary>The end of a line stopped short of the target's circle, so an arrowhead shows beside it rather than under it.</summary>
    private static (double X, double Y) Shorten(double x1, double y1, double x2, double y2, double by)
    {
        var dx = x2 - x1;
        var dy = y2 - y1;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        return length <= by ? (x2, y2) : (x2 - (dx / length * by), y2 - (dy / length * by));
    }

    private string NameOf(Guid id) => View.Linked.FirstOrDefault(n => n.Id == id)?.Name ?? string.Empty;

    private static string Short(string name) => name.Length <= LabelLength ? name : $"{name[..(LabelLength - 1)].TrimEnd()}…";

    /// <summary>SVG numbers are written the invariant way, whatever the page's culture (« 12.5 », never « 12,5 »).</summary>
    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
