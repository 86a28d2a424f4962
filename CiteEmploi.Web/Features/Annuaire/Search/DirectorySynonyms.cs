using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Web.Features.Annuaire.Search;

/// <summary>The directory's French synonym list (data in the domain), in the shape the search takes.</summary>
public static class DirectorySynonyms
{
    /// <summary>The equivalents of a folded word or phrase, without the word itself.</summary>
    public static IEnumerable<string> Of(string folded) => Synonyms.Expand(folded).Skip(1);
}
