using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>
/// The same service offered at several places: one network's agencies (France Travail in Bobigny, Pantin and Saint-Denis)
/// each publishing « Inscription et indemnisation » with the same thématiques. A search shows them as one result « 3 lieux »
/// rather than three cards a field worker has to compare to see they are one offer.
/// </summary>
public static class ServiceFamily
{
    /// <summary>
    /// What identical services share: the structure's family, the service's name (folded) and its thématiques (as a set).
    /// The structure's family is its networks (data·inclusion's <c>reseaux_porteurs</c>) when it has any; otherwise its
    /// name before a dash or a bracket, without its own commune's name at the end (« France Travail — agence de Pantin »,
    /// « France Travail Bobigny » and « France Travail (Saint-Denis) » are one family).
    /// </summary>
    public static string KeyOf(Service service, Structure structure) => KeyOf(service.NormalizedName, service.Thematiques, structure);

    /// <inheritdoc cref="KeyOf(Service, Structure)"/>
    /// <param name="normalizedName">The service's folded name (<see cref="Service.NormalizedName"/>).</param>
    public static string KeyOf(string normalizedName, IEnumerable<string> thematiques, Structure structure) =>
        $"{StructureFamily(structure)}|{normalizedName}|{string.Join(",", thematiques.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";

    /// <summary>The structure's family (see <see cref="KeyOf(Service, Structure)"/>).</summary>
    public static string StructureFamily(Structure structure)
    {
        if (structure.Networks.Count > 0)
        {
            return "reseau:" + string.Join(",", structure.Networks.Select(Text.Fold).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }
        var name = structure.Name;
        var cut = name.IndexOfAny(['—', '–', '(', ':']);
        var hyphen = name.IndexOf(" - ", StringComparison.Ordinal);
        if (hyphen > 0 && (cut < 0 || hyphen < cut))
        {
            cut = hyphen;
        }
        var folded = Text.Fold(cut > 0 ? name[..cut] : name);
        var commune = Text.Fold(structure.Address?.Commune);
        if (commune.Length > 0 && folded.EndsWith(" " + commune, StringComparison.Ordinal))
        {
            folded = folded[..^(commune.Length + 1)];
            // « … de Pantin », « … d'Aubervilliers », « … du Blanc-Mesnil »: the little word goes with the commune
            foreach (var word in new[] { " de", " d", " du", " des" })
            {
                if (folded.EndsWith(word, StringComparison.Ordinal))
                {
                    folded = folded[..^word.Length];
                    break;
                }
            }
        }
        return "nom:" + folded;
    }

    /// <summary>An address as one line (« 14 rue de Paris, 93000 Bobigny »), the same as the service's facts show.</summary>
    public static string AddressLine(PostalAddress address) =>
        string.Join(", ", new[] { address.Street, address.Complement, $"{address.Postcode} {address.Commune}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
