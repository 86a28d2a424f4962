namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>What the search index knows of one published service (texts to match, codes to filter on).</summary>
public sealed record SearchDocument(
    Guid ServiceId,
    Guid CiteId,
    string Name,
    string StructureName,
    string Barriers,
    string Topics,
    string Publics,
    string Place,
    string Description,
    IReadOnlyCollection<string> FilterCodes);

/// <summary>Filters of a search, all optional; codes are data·inclusion or barrier codes.</summary>
public sealed record SearchFilters(string? Frein = null, string? Thematique = null, string? Public = null, string? Commune = null, string? ModeAccueil = null, bool FreeOnly = false)
{
    public static SearchFilters None { get; } = new();

    /// <summary>The filter tokens every hit must carry (see <see cref="SearchIndexCodes"/>).</summary>
    public IEnumerable<string> Tokens()
    {
        if (!string.IsNullOrWhiteSpace(Frein))
        {
            yield return SearchIndexCodes.Frein(Frein);
        }
        if (!string.IsNullOrWhiteSpace(Thematique))
        {
            yield return SearchIndexCodes.Thematique(Thematique);
        }
        if (!string.IsNullOrWhiteSpace(Public))
        {
            yield return SearchIndexCodes.Public(Public);
        }
        if (!string.IsNullOrWhiteSpace(Commune))
        {
            yield return SearchIndexCodes.Commune(Commune);
        }
        if (!string.IsNullOrWhiteSpace(ModeAccueil))
        {
            yield return SearchIndexCodes.ModeAccueil(ModeAccueil);
        }
        if (FreeOnly)
        {
            yield return SearchIndexCodes.Free;
        }
    }
}

/// <summary>The tokens written in the index's codes column for each kind of filter.</summary>
public static class SearchIndexCodes
{
    public const string Free = "fraisgratuit";

    public static string Cite(Guid citeId) => "cite" + citeId.ToString("N");

    public static string Frein(string code) => "frein" + SearchQuery.Token(code);

    public static string Thematique(string code) => "them" + SearchQuery.Token(code);

    public static string Public(string code) => "pub" + SearchQuery.Token(code);

    public static string Commune(string inseeOrName) => "com" + SearchQuery.Token(inseeOrName);

    public static string ModeAccueil(string code) => "acc" + SearchQuery.Token(code);
}

/// <summary>One hit: the service, its rank (lower is better) and its name and an excerpt with the matched words marked.</summary>
public sealed record SearchHit(Guid ServiceId, double Rank, string MarkedName, string MarkedExcerpt)
{
    /// <summary>Start and end of a matched word in <see cref="MarkedName"/> and <see cref="MarkedExcerpt"/> (private-use characters, never typed).</summary>
    public const char MarkStart = '\uE000';

    public const char MarkEnd = '\uE001';
}
