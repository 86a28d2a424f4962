using System.Globalization;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// A Cité's QPVs and their positions from a CSV file (columns <c>code</c>, <c>nom</c>, <c>latitude</c>, <c>longitude</c>,
/// in any order, comma or semicolon): every line is checked and each refusal says its line and reason; the caller
/// changes nothing unless every line is accepted. A line without latitude and longitude names a QPV not yet placed.
/// </summary>
public static class QpvFile
{
    /// <summary>No operator's file of QPVs is larger.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly string[] Columns = ["code", "nom", "latitude", "longitude"];

    public sealed record Result(IReadOnlyList<Qpv> Qpvs, IReadOnlyList<string> Problems)
    {
        public bool Accepted => Problems.Count == 0;
    }

    public static Result Read(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return Refused($"Le fichier dépasse {MaxBytes / 1024 / 1024} Mo : un fichier de QPV en fait quelques kilo-octets.");
        }
        var (rows, problem) = SpreadsheetCsv.ReadRows(bytes, Cite.MaxQpvs + 1, "Ce fichier n'est pas un CSV en UTF-8 : enregistrez-le depuis votre tableur en « CSV UTF-8 ».");
        if (problem is not null)
        {
            return Refused(problem);
        }
        if (rows.Count == 0)
        {
            return Refused("Le fichier est vide : il faut la ligne des titres (code, nom, latitude, longitude) puis un QPV par ligne.");
        }
        var header = rows[0].Select(h => Text.Fold(h)).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Refused($"Ligne 1 : colonne{(missing.Count > 1 ? "s" : "")} manquante{(missing.Count > 1 ? "s" : "")} : {string.Join(", ", missing)} (attendu : code, nom, latitude, longitude).");
        }
        if (rows.Count > Cite.MaxQpvs + 1)
        {
            return Refused($"Le fichier compte plus de {Cite.MaxQpvs} QPV : une Cité en couvre au plus {Cite.MaxQpvs}.");
        }
        var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var problems = new List<string>();
        var qpvs = new List<Qpv>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < rows.Count; i++)
        {
            var line = i + 1;
            string Cell(string column) => at[column] < rows[i].Length ? SpreadsheetCsv.Restore(rows[i][at[column]]).Trim() : string.Empty;
            var code = Cell("code").ToUpperInvariant();
            var name = Text.Clean(Cell("nom"));
            if (code.Length == 0 && name.Length == 0 && Cell("latitude").Length == 0 && Cell("longitude").Length == 0)
            {
                continue;
            }
            if (!Cite.IsValidQpvCode(code))
            {
                problems.Add($"Ligne {line} : code QPV inconnu « {Echo.Of(code)} » (attendu QN suivi de 5 chiffres et d'une lettre, ex. QN09301M, ou QP suivi de 6 chiffres).");
            }
            else if (seen.TryGetValue(code, out var first))
            {
                problems.Add($"Ligne {line} : le QPV {code} figure déjà ligne {first}.");
            }
            else
            {
                seen[code] = line;
            }
            if (name.Length == 0)
            {
                problems.Add($"Ligne {line} : le nom du quartier manque.");
            }
            else if (name.Length > Cite.QpvNameMaxLength)
            {
                problems.Add($"Ligne {line} : le nom du quartier dépasse {Cite.QpvNameMaxLength} caractères.");
            }
            double? latitude = null, longitude = null;
            var (latText, lonText) = (Cell("latitude"), Cell("longitude"));
            if (latText.Length > 0 || lonText.Length > 0)
            {
                if (latText.Length == 0 || lonText.Length == 0)
                {
                    problems.Add($"Ligne {line} : donnez la latitude et la longitude du quartier, ou aucune des deux.");
                }
                else if (!TryDegrees(latText, out var lat) || !TryDegrees(lonText, out var lon))
                {
                    problems.Add($"Ligne {line} : latitude « {Echo.Of(latText)} » et longitude « {Echo.Of(lonText)} » : écrivez deux nombres en degrés décimaux (ex. 48.929 et 2.365), ou laissez les deux vides.");
                }
                else if (!new GeoPoint(lat, lon).IsValid || !Communes.IsInFrance(new GeoPoint(lat, lon)))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Ligne {line} : la position {lat}, {lon} est hors de France."));
                }
                else
                {
                    (latitude, longitude) = (lat, lon);
                }
            }
            qpvs.Add(new Qpv(code, name, latitude, longitude));
        }
        if (problems.Count == 0 && qpvs.Count == 0)
        {
            problems.Add("Le fichier ne contient aucun QPV après la ligne des titres.");
        }
        return new Result(qpvs, problems);
    }

    private static Result Refused(string problem) => new([], [problem]);

    // a decimal comma (French spreadsheets) or point
    private static bool TryDegrees(string text, out double value) =>
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
