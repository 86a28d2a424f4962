using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// A barrier to employment ("frein périphérique") in the words field workers use, mapped to the data·inclusion
/// thématiques a service may be coded with: searching by barrier finds services coded with any of them.
/// </summary>
public sealed record Frein(string Code, string Label, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Thematiques)
{
    /// <summary>The label and synonyms, folded (<see cref="Text.Fold"/>), for matching what a person types.</summary>
    public IReadOnlyList<string> FoldedTerms { get; } =
        [.. new[] { Label }.Concat(Synonyms).Select(Text.Fold).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
}

/// <summary>The barriers, read once from the embedded <c>Directory/Data/freins.json</c>.</summary>
public static class Freins
{
    private static readonly Lazy<Catalogue> LazyCatalogue = new(Load);

    /// <summary>Every barrier, in the order they are offered as filters.</summary>
    public static IReadOnlyList<Frein> All => LazyCatalogue.Value.All;

    public static Frein? Find(string? code) =>
        code is not null && LazyCatalogue.Value.ByCode.TryGetValue(code, out var frein) ? frein : null;

    /// <summary>The thématique codes of a barrier; none for an unknown barrier.</summary>
    public static IReadOnlyList<string> ThematiquesOf(string? code) => Find(code)?.Thematiques ?? [];

    /// <summary>The barriers a thématique belongs to (one thématique may serve several, e.g. addictions and santé).</summary>
    public static IReadOnlyList<Frein> Matching(string? thematiqueCode) =>
        thematiqueCode is not null && LazyCatalogue.Value.ByThematique.TryGetValue(thematiqueCode, out var freins) ? freins : [];

    /// <summary>The barriers of a set of thématiques, each once, in catalogue order.</summary>
    public static IReadOnlyList<Frein> Covering(IEnumerable<string> thematiqueCodes)
    {
        var codes = thematiqueCodes.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(f => f.Thematiques.Any(codes.Contains))];
    }

    /// <summary>The barriers whose label or a synonym is exactly the given words, accents and case ignored ("creche").</summary>
    public static IReadOnlyList<Frein> Named(string? words)
    {
        var folded = Text.Fold(words);
        return folded.Length == 0 ? [] : [.. All.Where(f => f.FoldedTerms.Contains(folded, StringComparer.Ordinal))];
    }

    private static Catalogue Load()
    {
        var rows = EmbeddedData.Read<List<Row>>("CiteEmploi.Domain.Annuaire.Data.freins.json");
        var all = rows.Select(r => new Frein(r.Code, r.Label, r.Synonyms ?? [], r.Thematiques ?? [])).ToList();
        var byCode = all.ToDictionary(f => f.Code, StringComparer.Ordinal);
        var byThematique = all
            .SelectMany(f => f.Thematiques.Select(t => (Thematique: t, Frein: f)))
            .GroupBy(p => p.Thematique, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Frein>)[.. g.Select(p => p.Frein)], StringComparer.Ordinal);
        return new Catalogue(all, byCode, byThematique);
    }

    private sealed record Catalogue(
        IReadOnlyList<Frein> All,
        IReadOnlyDictionary<string, Frein> ByCode,
        IReadOnlyDictionary<string, IReadOnlyList<Frein>> ByThematique);

    private sealed record Row(string Code, string Label, List<string>? Synonyms, List<string>? Thematiques);
}
