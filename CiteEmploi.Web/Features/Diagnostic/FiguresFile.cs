using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// A Cité's territorial figures from a CSV file (columns <c>qpv</c>, <c>indicateur</c>, <c>valeur</c>, <c>annee</c>,
/// <c>source</c>, in any order, comma or semicolon, a decimal comma or point): every line is checked against the Cité's
/// QPVs and the rules of <see cref="TerritorialFigures.Check"/>, and each refusal says its line and reason; the caller
/// records nothing unless every line is accepted.
/// </summary>
public static class FiguresFile
{
    /// <summary>A file of figures is a few kilo-octets: a few lines per QPV.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly string[] Columns = ["qpv", "indicateur", "valeur", "annee", "source"];

    public sealed record Result(IReadOnlyList<TerritorialFigure> Figures, IReadOnlyList<string> Problems)
    {
        public bool Accepted => Problems.Count == 0;
    }

    /// <param name="qpvCodes">The Cité's QPV codes: any other is refused.</param>
    /// <param name="currentYear">The year now, in France: a later year is refused.</param>
    /// <param name="demonstration">Marks every figure read as demonstration data (the demonstration Cité's loader).</param>
    public static Result Read(ReadOnlyMemory<byte> bytes, IReadOnlyCollection<string> qpvCodes, int currentYear, bool demonstration = false)
    {
        if (bytes.Length > MaxBytes)
        {
            return Refused($"Le fichier dépasse {MaxBytes / 1024} Ko : un fichier de chiffres en fait quelques kilo-octets.");
        }
        var (rows, problem) = SpreadsheetCsv.ReadRows(bytes, TerritorialFigures.MaxFigures + 1, "Ce fichier n'est pas un CSV en UTF-8 : enregistrez-le depuis votre tableur en « CSV UTF-8 ».");
        if (problem is not null)
        {
            return Refused(problem);
        }
        if (rows.Count == 0)
        {
            return Refused("Le fichier est vide : il faut la ligne des titres (qpv, indicateur, valeur, annee, source) puis un chiffre par ligne.");
        }
        var header = rows[0].Select(h => Text.Fold(h)).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Refused($"Ligne 1 : colonne{(missing.Count > 1 ? "s" : "")} manquante{(missing.Count > 1 ? "s" : "")} : {string.Join(", ", missing)} (attendu : qpv, indicateur, valeur, annee, source).");
        }
        if (rows.Count > TerritorialFigures.MaxFigures + 1)
        {
            return Refused($"Le fichier compte plus de {TerritorialFigures.MaxFigures} lignes de chiffres.");
        }
        var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var problems = new List<string>();
        var figures = new List<TerritorialFigure>();
        var seen = new Dictionary<(string, string, int), int>();
        for (var i = 1; i < rows.Count; i++)
        {
            var line = i + 1;
            string Cell(string column) => at[column] < rows[i].Length ? SpreadsheetCsv.Restore(rows[i][at[column]]).Trim() : string.Empty;
            if (Columns.All(c => Cell(c).Length == 0))
            {
                continue;
            }
            var lineProblems = new List<string>();
            var indicator = FigureIndicators.Read(Cell("indicateur"));
            if (indicator is null)
            {
                lineProblems.Add($"indicateur inconnu « {Echo.Of(Cell("indicateur"))} » (attendu : {string.Join(", ", FigureIndicators.All.Select(x => x.Code))})");
            }
            var valueRead = TryValue(Cell("valeur"), out var value);
            if (!valueRead)
            {
                lineProblems.Add($"valeur « {Echo.Of(Cell("valeur"))} » : écrivez un nombre (ex. 12,5 ou 4 300)");
            }
            var yearRead = int.TryParse(Cell("annee"), NumberStyles.None, CultureInfo.InvariantCulture, out var year);
            if (!yearRead)
            {
                lineProblems.Add($"année « {Echo.Of(Cell("annee"))} » : écrivez une année sur quatre chiffres (ex. 2021)");
            }
            var figure = new TerritorialFigure(Cell("qpv").ToUpperInvariant(), indicator?.Code ?? Cell("indicateur"), value, year, Cell("source"), demonstration);
            // the domain's own rules, for what could be read; an unreadable value or year is said once, above
            var checks = TerritorialFigures.Check(figure, qpvCodes, currentYear).ByField
                .Where(kv => indicator is not null || kv.Key != nameof(TerritorialFigure.Indicator))
                .Where(kv => (valueRead || kv.Key != nameof(TerritorialFigure.Value)) && (yearRead || kv.Key != nameof(TerritorialFigure.Year)))
                .SelectMany(kv => kv.Value)
                .ToList();
            lineProblems.AddRange(checks.Select(Lower));
            if (lineProblems.Count == 0)
            {
                var normalised = TerritorialFigures.Normalise(figure);
                var key = (normalised.QpvCode, normalised.Indicator, normalised.Year);
                if (seen.TryGetValue(key, out var first))
                {
                    lineProblems.Add($"le même chiffre ({normalised.QpvCode}, {indicator!.Label.ToLowerInvariant()}, {year}) figure déjà ligne {first}");
                }
                else
                {
                    seen[key] = line;
                    figures.Add(normalised);
                }
            }
            problems.AddRange(lineProblems.Select(p => $"Ligne {line} : {p}."));
        }
        if (problems.Count == 0 && figures.Count == 0)
        {
            problems.Add("Le fichier ne contient aucun chiffre après la ligne des titres.");
        }
        return problems.Count == 0 ? new Result(figures, []) : new Result([], problems);
    }

    private static Result Refused(string problem) => new([], [problem]);

    // « 12,5 », « 12.5 », « 4 300 », « 12,5 % »: spaces (also non-breaking) and a trailing percent sign ignored
    private static bool TryValue(string text, out decimal value)
    {
        var cleaned = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '%')]).Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && cleaned.Length > 0;
    }

    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
}
