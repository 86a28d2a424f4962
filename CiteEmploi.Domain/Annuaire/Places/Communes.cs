using System.Globalization;
using System.IO.Compression;
using System.Text;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire.Places;

/// <summary>
/// The communes of France shipped with the app (INSEE code, name, postcodes, centre: <c>Places/Data/README.md</c> says
/// the sources, their dates and licences): a lookup by code, an autocomplete by folded name or postcode prefix, the
/// nearest commune to a position and whether a position is in France. Read once from the embedded file (about 35,000
/// lines, a few tens of milliseconds) on first use, then shared and never changed.
/// </summary>
public static class Communes
{
    /// <summary>A position farther than this from every commune centre is not in France (outside Guyane).</summary>
    public const double InFranceMaxMetres = 20_000;

    private const string ResourceName = "CiteEmploi.Domain.Annuaire.Places.Data.communes.csv.gz";

    private static readonly Lazy<Table> Loaded = new(Load);

    private static readonly string[] Articles = ["le ", "la ", "les ", "l "];

    /// <summary>Every commune and municipal arrondissement, by INSEE code.</summary>
    public static IReadOnlyCollection<Place> All => Loaded.Value.ByCode.Values;

    /// <summary>The commune of this INSEE code, or null.</summary>
    public static Place? Find(string? code) =>
        code is not null && Loaded.Value.ByCode.TryGetValue(code.Trim().ToUpperInvariant(), out var place) ? place : null;

    /// <summary>
    /// Communes whose name (folded: accents, case, hyphens ignored; also without a leading article, « havre » finds
    /// Le Havre) or one of whose postcodes begins with what was typed; the exact name first, then the most populated.
    /// </summary>
    public static IReadOnlyList<Place> Search(string? typed, int limit = 10)
    {
        var folded = Text.Fold(typed);
        if (folded.Length == 0 || limit <= 0)
        {
            return [];
        }
        var table = Loaded.Value;
        var found = new HashSet<Place>();
        if (folded.All(char.IsAsciiDigit))
        {
            foreach (var (_, place) in Range(table.Postcodes, folded))
            {
                found.Add(place);
            }
        }
        foreach (var (_, place) in Range(table.Names, folded))
        {
            found.Add(place);
        }
        return [.. found
            .OrderByDescending(p => Text.Fold(p.Name) == folded)
            .ThenByDescending(p => p.Population)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .Take(limit)];
    }

    /// <summary>The commune whose centre is nearest to the point, with the distance in metres; null when none has a centre.</summary>
    public static (Place Commune, double Metres)? Nearest(GeoPoint point)
    {
        var table = Loaded.Value;
        var origin = Distance.Trig.Of(point);
        var best = -1;
        var bestTerm = double.MaxValue;
        for (var i = 0; i < table.Trigs.Length; i++)
        {
            var term = Distance.HaversineTerm(origin, table.Trigs[i]);
            if (term < bestTerm)
            {
                (best, bestTerm) = (i, term);
            }
        }
        return best < 0 ? null : (table.Positioned[best], point.DistanceTo(table.Positioned[best].Position!.Value));
    }

    /// <summary>
    /// Whether a position is in France (<see cref="FranceBounds"/>): inside a territory's box and, outside Guyane,
    /// within <see cref="InFranceMaxMetres"/> of a commune centre (so Brussels or Geneva's far side are not).
    /// </summary>
    public static bool IsInFrance(GeoPoint point)
    {
        if (FranceBounds.TerritoryOf(point) is not { } territory)
        {
            return false;
        }
        return territory.LargeCommunes || Nearest(point) is { Metres: <= InFranceMaxMetres };
    }

    /// <summary>The sorted (key, place) pairs whose key begins with the prefix.</summary>
    private static IEnumerable<(string Key, Place Place)> Range((string Key, Place Place)[] sorted, string prefix)
    {
        var lo = 0;
        var hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(sorted[mid].Key, prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        for (var i = lo; i < sorted.Length && sorted[i].Key.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return sorted[i];
        }
    }

    private sealed class Table
    {
        public required Dictionary<string, Place> ByCode { get; init; }

        public required (string Key, Place Place)[] Names { get; init; }

        public required (string Key, Place Place)[] Postcodes { get; init; }

        public required Place[] Positioned { get; init; }

        /// <summary>The positioned communes' sines and cosines, for <see cref="Distance.HaversineTerm"/>.</summary>
        public required Distance.Trig[] Trigs { get; init; }
    }

    private static Table Load()
    {
        var assembly = typeof(Communes).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from {assembly.GetName().Name}.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var header = reader.ReadLine();
        if (header != "code;nom;codes_postaux;population;latitude;longitude;source")
        {
            throw new InvalidOperationException($"Unexpected header in {ResourceName}: {header}");
        }
        var byCode = new Dictionary<string, Place>(40_000, StringComparer.Ordinal);
        var names = new List<(string, Place)>(40_000);
        var postcodes = new List<(string, Place)>(45_000);
        while (reader.ReadLine() is { } line)
        {
            // names never hold ';' (the script writes plain fields)
            var f = line.Split(';');
            GeoPoint? position = f[4].Length == 0 ? null : new GeoPoint(Number(f[4]), Number(f[5]));
            var source = f[6] switch
            {
                "P" => PlacePositionSource.CommuneCentre,
                "A" => PlacePositionSource.ArrondissementsMean,
                _ => PlacePositionSource.None,
            };
            var codes = f[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var population = f[3].Length == 0 ? 0 : int.Parse(f[3], CultureInfo.InvariantCulture);
            var place = new Place(PlaceKind.Commune, f[0], f[1], position, source, codes, population);
            byCode[place.Code] = place;
            var folded = Text.Fold(place.Name);
            names.Add((folded, place));
            if (Articles.FirstOrDefault(a => folded.StartsWith(a, StringComparison.Ordinal)) is { } article)
            {
                names.Add((folded[article.Length..], place));
            }
            postcodes.AddRange(codes.Select(c => (c, place)));
        }
        var positioned = byCode.Values.Where(p => p.Position is not null).ToArray();
        return new Table
        {
            ByCode = byCode,
            Names = [.. names.OrderBy(n => n.Item1, StringComparer.Ordinal)],
            Postcodes = [.. postcodes.OrderBy(n => n.Item1, StringComparer.Ordinal)],
            Positioned = positioned,
            Trigs = [.. positioned.Select(p => Distance.Trig.Of(p.Position!.Value))],
        };
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
