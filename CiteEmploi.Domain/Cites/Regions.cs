using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Cites;

/// <summary>A French region by its INSEE code (« 32 ») and name (« Hauts-de-France »).</summary>
public sealed record Region(string Code, string Name);

/// <summary>
/// The regions of France and the département each belongs to, and the region of a Cité derived from what it holds: a
/// Cité has no region field (docs/decisions/0029-national-indicators.md). Source: INSEE, Code officiel géographique
/// 2024, « départements » (column REG), unchanged since the regions of 1 January 2016; the five overseas départements are
/// regions of their own. The overseas collectivities (975, 977, 978, 98x) belong to no region.
/// </summary>
public static class Regions
{
    /// <summary>What is shown when a Cité's region cannot be derived.</summary>
    public const string UnknownName = "Région inconnue";

    public static IReadOnlyList<Region> All { get; } =
    [
        new("84", "Auvergne-Rhône-Alpes"),
        new("27", "Bourgogne-Franche-Comté"),
        new("53", "Bretagne"),
        new("24", "Centre-Val de Loire"),
        new("94", "Corse"),
        new("44", "Grand Est"),
        new("32", "Hauts-de-France"),
        new("11", "Île-de-France"),
        new("28", "Normandie"),
        new("75", "Nouvelle-Aquitaine"),
        new("76", "Occitanie"),
        new("52", "Pays de la Loire"),
        new("93", "Provence-Alpes-Côte d'Azur"),
        new("01", "Guadeloupe"),
        new("02", "Martinique"),
        new("03", "Guyane"),
        new("04", "La Réunion"),
        new("06", "Mayotte"),
    ];

    private static readonly Dictionary<string, string> RegionOfDepartement = Build(new Dictionary<string, string[]>
    {
        ["84"] = ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
        ["27"] = ["21", "25", "39", "58", "70", "71", "89", "90"],
        ["53"] = ["22", "29", "35", "56"],
        ["24"] = ["18", "28", "36", "37", "41", "45"],
        ["94"] = ["2A", "2B"],
        ["44"] = ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
        ["32"] = ["02", "59", "60", "62", "80"],
        ["11"] = ["75", "77", "78", "91", "92", "93", "94", "95"],
        ["28"] = ["14", "27", "50", "61", "76"],
        ["75"] = ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"],
        ["76"] = ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"],
        ["52"] = ["44", "49", "53", "72", "85"],
        ["93"] = ["04", "05", "06", "13", "83", "84"],
        ["01"] = ["971"],
        ["02"] = ["972"],
        ["03"] = ["973"],
        ["04"] = ["974"],
        ["06"] = ["976"],
    });

    /// <summary>Every département code the table knows (« 01 »… « 95 », « 2A », « 2B », « 971 »… « 976 »).</summary>
    public static IReadOnlyCollection<string> Departements => RegionOfDepartement.Keys;

    /// <summary>The region of a département (« 93 », « 2A », « 974 »; « 9 » is read as « 09 »), or null.</summary>
    public static Region? OfDepartement(string? departement)
    {
        var code = (departement ?? string.Empty).Trim().ToUpperInvariant();
        if (code.Length == 1)
        {
            code = "0" + code;
        }
        return RegionOfDepartement.TryGetValue(code, out var region) ? All.First(r => r.Code == region) : null;
    }

    /// <summary>
    /// The département written in a QPV code: three characters after « QP » or « QN » (QN09301M → 93, QP090001 → 90,
    /// QN97401M → 974), a leading zero dropped; null when the code has no such part.
    /// </summary>
    public static string? DepartementOfQpv(string? code)
    {
        if (code is null || code.Length < 6 || code[0] != 'Q')
        {
            return null;
        }
        var d = code.Substring(2, 3);
        return d.StartsWith('0') ? d[1..] : d;
    }

    /// <summary>
    /// A Cité's region: the one region its QPVs' départements all fall in; otherwise, when its territory's name is the
    /// name of exactly one commune of France, that commune's region; otherwise null (« région inconnue »). A Cité whose
    /// QPVs span two regions is not given either of them.
    /// </summary>
    public static Region? OfCite(IEnumerable<string> qpvCodes, string? territoryName)
    {
        var fromQpvs = qpvCodes.Select(c => OfDepartement(DepartementOfQpv(c))).OfType<Region>().Distinct().ToList();
        if (fromQpvs.Count == 1)
        {
            return fromQpvs[0];
        }
        if (fromQpvs.Count > 1)
        {
            return null;
        }
        var name = Text.Fold(territoryName);
        if (name.Length == 0)
        {
            return null;
        }
        var communes = Communes.Search(territoryName, 5).Where(c => Text.Fold(c.Name) == name).ToList();
        return communes.Count == 1 ? OfDepartement(communes[0].Departement) : null;
    }

    private static Dictionary<string, string> Build(Dictionary<string, string[]> departementsOfRegion) =>
        departementsOfRegion.SelectMany(r => r.Value.Select(d => (d, r.Key))).ToDictionary(p => p.d, p => p.Key, StringComparer.Ordinal);
}
