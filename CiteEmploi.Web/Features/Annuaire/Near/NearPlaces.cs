using System.Globalization;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Annuaire.Near;

/// <summary>Where a « près de » search measures from: the place named, its label and its position.</summary>
/// <param name="Source">Where the position comes from (a commune's centre, a coordinator's setting, the person's device).</param>
public sealed record NearOrigin(NearReference Reference, string Label, GeoPoint Point, PlacePositionSource Source)
{
    /// <summary>« Saint-Denis (93) », « QPV Franc-Moisin », « votre position ».</summary>
    public override string ToString() => Label;
}

/// <summary>What a place typed as text names: one place, or places to choose from, or nothing (with the French reason).</summary>
public sealed record TypedPlace(NearReference? Reference, IReadOnlyList<Place> Choices, string? Problem);

/// <summary>
/// The places a Cité's field workers can search near: the communes of France (shipped, <see cref="Communes"/>) and the
/// Cité's QPVs. A QPV's position is the one its coordinator sets (on the diagnostic's map or from a file): none is shipped (see the places README), so
/// until then a QPV is named but has no position, and a search near it says so.
/// </summary>
public sealed partial class NearPlaces(CiteDbContextFactory dbs)
{
    /// <summary>The Cité's QPVs as places (no position until a coordinator sets one).</summary>
    public async Task<IReadOnlyList<Place>> QpvsAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var cite = await db.Cites.AsNoTracking().SingleOrDefaultAsync(c => c.Id == access.CiteId, cancellationToken);
        return cite is null ? [] : [.. cite.Qpvs.Select(q => Place.Qpv(q.Code, q.Name, q.Position))];
    }

    /// <summary>For the « Près de » field: the Cité's QPVs whose name or code begins with what was typed, then communes.</summary>
    public async Task<IReadOnlyList<Place>> SuggestAsync(CiteAccess access, string? typed, int limit = 10, CancellationToken cancellationToken = default)
    {
        var folded = Text.Fold(typed);
        if (folded.Length == 0)
        {
            return [];
        }
        var qpvs = (await QpvsAsync(access, cancellationToken))
            .Where(q => Text.Fold(q.Name).StartsWith(folded, StringComparison.Ordinal) || Text.Fold(q.Code).StartsWith(folded, StringComparison.Ordinal)
                        || Text.Fold(q.Name).Split(' ').Any(w => w.StartsWith(folded, StringComparison.Ordinal)))
            .Take(limit)
            .ToList();
        return [.. qpvs, .. Communes.Search(typed, limit - qpvs.Count)];
    }

    /// <summary>
    /// A place typed as text in the page's form without its autocomplete (a page not yet live, or never): « Bobigny »,
    /// « 93200 », « Saint-Denis (93) », a QPV's name, or a <c>pres</c> value. One place when the text names one — a name
    /// or postcode matched exactly, or the only suggestion; among communes of the same name, the one in the Cité's
    /// département (by its QPVs' codes) —; otherwise the places to choose from, or none, with a French message.
    /// </summary>
    public async Task<TypedPlace> MatchAsync(CiteAccess access, string typed, CancellationToken cancellationToken = default)
    {
        var trimmed = typed.Trim();
        if (NearReference.TryParse(trimmed, out var reference, out _))
        {
            return new TypedPlace(reference, [], null);
        }
        var folded = Text.Fold(trimmed);
        // « Saint-Denis (93) », as the page shows a place: its name is searched, its label matched whole
        var labelled = LabelledName().Match(trimmed);
        var suggestions = await SuggestAsync(access, labelled.Success ? labelled.Groups["name"].Value : trimmed, 8, cancellationToken);
        var exact = suggestions.Where(p => Text.Fold(p.Name) == folded || Text.Fold(p.Label) == folded || p.Postcodes.Contains(trimmed) || p.Code == trimmed).ToList();
        if (exact.Count > 1)
        {
            // « Saint-Denis »: the one of the Cité's département, when its QPVs say which (QN093… → 93)
            var departements = (await QpvsAsync(access, cancellationToken)).Select(q => Domain.Cites.Regions.DepartementOfQpv(q.Code)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var local = exact.Where(p => p.Departement is { } d && departements.Contains(d)).ToList();
            if (local.Count == 1)
            {
                exact = local;
            }
        }
        var chosen = exact.Count == 1 ? exact[0] : suggestions.Count == 1 ? suggestions[0] : null;
        if (chosen is not null)
        {
            return new TypedPlace(chosen.Reference, [], null);
        }
        var choices = exact.Count > 1 ? exact : suggestions;
        return choices.Count == 0
            ? new TypedPlace(null, [], $"Aucune commune ni aucun quartier ne correspond à « {trimmed} » : tapez le nom d'une commune, son code postal ou le nom d'un quartier de la Cité.")
            : new TypedPlace(null, choices, $"Plusieurs lieux correspondent à « {trimmed} » : choisissez-en un.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<name>.+?)\s*\((?:[0-9]{2,3}|2[AB])\)$")]
    private static partial System.Text.RegularExpressions.Regex LabelledName();

    /// <summary>The place as it would be shown (« Saint-Denis (93) »), or null when it is unknown.</summary>
    public async Task<string?> LabelAsync(CiteAccess access, NearReference reference, CancellationToken cancellationToken = default) => reference.Kind switch
    {
        NearKind.Commune => Communes.Find(reference.Code)?.Label,
        NearKind.Qpv => (await QpvsAsync(access, cancellationToken)).FirstOrDefault(q => q.Code == reference.Code)?.Label,
        _ => PositionLabel,
    };

    /// <summary>How the person's own position is named.</summary>
    public const string PositionLabel = "votre position";

    /// <summary>
    /// Where the search measures from, or the French reason it cannot: an unknown commune or QPV, a place without a
    /// known position (never guessed), a position outside France.
    /// </summary>
    public async Task<(NearOrigin? Origin, string? Problem)> ResolveAsync(CiteAccess access, NearReference reference, CancellationToken cancellationToken = default)
    {
        switch (reference.Kind)
        {
            case NearKind.Commune:
                if (Communes.Find(reference.Code) is not { } commune)
                {
                    return (null, $"Aucune commune n'a le code INSEE « {reference.Code} ».");
                }
                return commune.Position is { } centre
                    ? (new NearOrigin(reference, commune.Label, centre, commune.PositionSource), null)
                    : (null, $"La position de {commune.Label} n'est pas connue (commune récente ou d'une collectivité d'outre-mer) : choisissez une commune voisine ou « Ma position ».");
            case NearKind.Qpv:
                if ((await QpvsAsync(access, cancellationToken)).FirstOrDefault(q => q.Code == reference.Code) is not { } qpv)
                {
                    return (null, $"« {reference.Code} » n'est pas un quartier prioritaire de cette Cité.");
                }
                return qpv.Position is { } position
                    ? (new NearOrigin(reference, qpv.Label, position, qpv.PositionSource), null)
                    : (null, $"Le quartier {qpv.Name} n'a pas encore de position : la coordination de la Cité peut la fixer. En attendant, choisissez sa commune.");
            default:
                var point = reference.Point!.Value;
                return Communes.IsInFrance(point)
                    ? (new NearOrigin(reference, PositionLabel, point, PlacePositionSource.None), null)
                    : (null, string.Create(CultureInfo.InvariantCulture,
                        $"La position {point.Latitude:0.####}, {point.Longitude:0.####} est hors de France : la recherche « près de » vaut en France métropolitaine et dans les départements d'outre-mer."));
        }
    }
}
