using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;

namespace CiteEmploi.Domain.Diagnostic;

/// <summary>Where a service counted then stands today.</summary>
public enum ServiceFate
{
    /// <summary>Published in the directory.</summary>
    Published,

    /// <summary>Back to draft or archived: no longer published.</summary>
    Unpublished,

    /// <summary>No longer in the directory at all.</summary>
    Removed,
}

/// <summary>A service counted in a frozen cell, as it is today: published or not, where, and which barriers it answers.</summary>
public sealed record ServiceToday(ServiceFate Fate, GeoPoint? Position, IReadOnlySet<string> FreinCodes);

/// <summary>Why a service counted then is not counted now in a cell.</summary>
public enum GoneReason
{
    Removed,
    Unpublished,
    NoLongerThisFrein,
    OutOfRadius,
    NotCountedAnyMore,
}

/// <summary>A service that left a cell, why, and (when out of the radius) how far it is today.</summary>
public sealed record ServiceGone(FrozenService Service, GoneReason Reason, double? MetresToday)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The reason in words: « dépublié ou archivé », « à 7,2 km aujourd'hui, hors du rayon »…</summary>
    public string Text => Reason switch
    {
        GoneReason.Removed => "retiré de l'annuaire",
        GoneReason.Unpublished => "dépublié ou archivé",
        GoneReason.NoLongerThisFrein => "ne répond plus à ce frein",
        GoneReason.OutOfRadius => string.Create(French, $"à {MetresToday!.Value / 1_000:0.#} km aujourd'hui, hors du rayon"),
        _ => "n'est plus compté (réglages, horaires ou adresse changés)",
    };
}

/// <summary>One cell whose services changed between then and now.</summary>
public sealed record CellChange(FrozenPlace Place, string FreinCode, int CountThen, int CountNow, IReadOnlyList<FrozenService> Appeared, IReadOnlyList<ServiceGone> Disappeared)
{
    /// <summary>A gap then (nothing within the radius), covered now.</summary>
    public bool GapFilled => CountThen == 0 && CountNow > 0;

    /// <summary>Covered then, nothing now.</summary>
    public bool NewGap => CountThen > 0 && CountNow == 0;

    public string FreinLabel => Freins.Find(FreinCode)?.Label ?? FreinCode;
}

/// <summary>A gap finding marked, changed or taken back between then and now.</summary>
public sealed record FindingChange(string PlaceCode, string PlaceName, string FreinCode, GapStatus? Then, GapStatus? Now, string? CommentNow)
{
    public string FreinLabel => Freins.Find(FreinCode)?.Label ?? FreinCode;

    /// <summary>« confirmé → couvert autrement », « nouveau : à nuancer », « retiré (était confirmé) ».</summary>
    public string Text => (Then, Now) switch
    {
        (null, { } now) => $"nouveau constat : {GapFinding.Label(now)}",
        ({ } then, null) => $"constat retiré (était {GapFinding.Label(then)})",
        ({ } then, { } now) => $"{GapFinding.Label(then)} → {GapFinding.Label(now)}",
        _ => string.Empty,
    };
}

/// <summary>
/// A frozen diagnostic against today (issue 18, « Kept up to date, with its history »): the gaps filled and the new ones,
/// per cell the services that appeared or disappeared (and why), the findings whose status changed, and, plainly, any
/// difference in the way the two were counted (radius, filters, places). Only cells counted on both sides are compared.
/// </summary>
public sealed record DiagnosticComparison(
    IReadOnlyList<CellChange> Cells,
    IReadOnlyList<FindingChange> Findings,
    IReadOnlyList<string> SettingsDifferences)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public int GapsFilled => Cells.Count(c => c.GapFilled);

    public int NewGaps => Cells.Count(c => c.NewGap);

    /// <summary>« 3 manques comblés depuis « COPIL de mars 2026 », 1 nouveau ».</summary>
    public string Headline(string label)
    {
        var filled = GapsFilled switch { 0 => "Aucun manque comblé", 1 => "1 manque comblé", var n => $"{n} manques comblés" };
        var added = NewGaps switch { 0 => "aucun nouveau", 1 => "1 nouveau", var n => $"{n} nouveaux" };
        return $"{filled} depuis « {label} », {added}";
    }

    /// <summary>
    /// Compares <paramref name="then"/> with <paramref name="now"/>. <paramref name="today"/> says where each service that
    /// left a cell stands today (a service absent from it is « no longer counted »).
    /// </summary>
    public static DiagnosticComparison Compare(DiagnosticState then, DiagnosticState now, IReadOnlyDictionary<Guid, ServiceToday> today)
    {
        var nowCells = now.Cells.ToDictionary(c => (c.PlaceCode, c.FreinCode));
        var nowPlaces = now.Places.ToDictionary(p => p.Code);
        var cells = new List<CellChange>();
        foreach (var before in then.Cells)
        {
            if (!nowCells.TryGetValue((before.PlaceCode, before.FreinCode), out var after) || !nowPlaces.TryGetValue(before.PlaceCode, out var place))
            {
                continue;
            }
            var beforeIds = before.Services.Select(s => s.Id).ToHashSet();
            var afterIds = after.Services.Select(s => s.Id).ToHashSet();
            var appeared = after.Services.Where(s => !beforeIds.Contains(s.Id)).ToList();
            var gone = before.Services.Where(s => !afterIds.Contains(s.Id)).Select(s => Gone(s, before.FreinCode, place, today)).ToList();
            if (appeared.Count > 0 || gone.Count > 0)
            {
                cells.Add(new CellChange(place, before.FreinCode, before.Count, after.Count, appeared, gone));
            }
        }

        var names = then.Places.Concat(now.Places).GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.Last().Name);
        var thenFindings = then.Findings.ToDictionary(f => (f.PlaceCode, f.FreinCode));
        var nowFindings = now.Findings.ToDictionary(f => (f.PlaceCode, f.FreinCode));
        var findings = thenFindings.Keys.Union(nowFindings.Keys)
            .Select(key => (key, was: thenFindings.GetValueOrDefault(key), @is: nowFindings.GetValueOrDefault(key)))
            .Where(x => x.was?.Status != x.@is?.Status)
            .Select(x => new FindingChange(x.key.PlaceCode, names.GetValueOrDefault(x.key.PlaceCode, x.key.PlaceCode), x.key.FreinCode, x.was?.Status, x.@is?.Status, x.@is?.Comment))
            .OrderBy(f => f.PlaceCode, StringComparer.Ordinal).ThenBy(f => f.FreinCode, StringComparer.Ordinal)
            .ToList();

        return new DiagnosticComparison(cells, findings, DifferencesInCounting(then, now));
    }

    private static ServiceGone Gone(FrozenService service, string freinCode, FrozenPlace place, IReadOnlyDictionary<Guid, ServiceToday> today)
    {
        if (!today.TryGetValue(service.Id, out var state))
        {
            return new ServiceGone(service, GoneReason.NotCountedAnyMore, null);
        }
        switch (state.Fate)
        {
            case ServiceFate.Removed:
                return new ServiceGone(service, GoneReason.Removed, null);
            case ServiceFate.Unpublished:
                return new ServiceGone(service, GoneReason.Unpublished, null);
        }
        if (!state.FreinCodes.Contains(freinCode))
        {
            return new ServiceGone(service, GoneReason.NoLongerThisFrein, null);
        }
        if (state.Position is { } position && place.Latitude is { } lat && place.Longitude is { } lon)
        {
            var metres = position.DistanceTo(new GeoPoint(lat, lon));
            if (metres > place.RadiusKm * 1_000)
            {
                return new ServiceGone(service, GoneReason.OutOfRadius, metres);
            }
        }
        return new ServiceGone(service, GoneReason.NotCountedAnyMore, null);
    }

    /// <summary>How then and now were counted differently, in plain words; empty when the same.</summary>
    private static List<string> DifferencesInCounting(DiagnosticState then, DiagnosticState now)
    {
        var differences = new List<string>();
        if (then.RadiusKm != now.RadiusKm)
        {
            differences.Add($"La distance de la Cité était de {Km(then.RadiusKm)} ; elle est aujourd'hui de {Km(now.RadiusKm)}.");
        }
        if (then.Filters != now.Filters)
        {
            static string Of(FrozenFilters f) => f.Describe() is { Length: > 0 } text ? text : "aucun filtre";
            differences.Add($"Les filtres diffèrent : alors {Of(then.Filters)} ; aujourd'hui {Of(now.Filters)}.");
        }
        var nowPlaces = now.Places.ToDictionary(p => p.Code);
        foreach (var before in then.Places)
        {
            if (!nowPlaces.TryGetValue(before.Code, out var after))
            {
                differences.Add($"{before.Name} n'est plus un lieu du diagnostic : ses cases ne sont pas comparées.");
                continue;
            }
            var placedThen = before.Latitude is not null && before.Longitude is not null;
            var placedNow = after.Latitude is not null && after.Longitude is not null;
            if (placedThen != placedNow)
            {
                differences.Add(placedNow
                    ? $"{after.Name} n'avait pas de position alors : ses cases ne sont pas comparées."
                    : $"{after.Name} n'a plus de position : ses cases ne sont pas comparées.");
            }
            else if (placedNow && (before.Latitude != after.Latitude || before.Longitude != after.Longitude))
            {
                differences.Add($"La position de {after.Name} a changé depuis.");
            }
            if (before.RadiusKm != after.RadiusKm)
            {
                differences.Add($"{after.Name} était compté à {Km(before.RadiusKm)} ; il l'est aujourd'hui à {Km(after.RadiusKm)}.");
            }
        }
        var thenCodes = then.Places.Select(p => p.Code).ToHashSet();
        differences.AddRange(now.Places.Where(p => !thenCodes.Contains(p.Code))
            .Select(p => $"{p.Name} est un lieu du diagnostic depuis : ses cases ne sont pas comparées."));
        return differences;
    }

    private static string Km(double kilometres) => string.Create(French, $"{kilometres:0.##} km");
}
