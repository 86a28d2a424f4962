using System.Text;

namespace CiteEmploi.Web.Features.Annuaire.DataInclusion;

/// <summary>A CSV line the parser could not make sense of; the whole file is refused, naming the line.</summary>
public sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 CSV: fields separated by one character, optionally quoted with <c>"</c> (a quote inside a quoted field is
/// doubled), records ending with LF or CRLF; a quoted field may span lines. Blank lines are skipped.
/// </summary>
public static class CsvParser
{
    /// <summary>One record with the physical line it starts on (1-based), for messages.</summary>
    public sealed record Row(int Line, IReadOnlyList<string> Cells);

    /// <summary>
    /// The separator of the header line: the comma of data.gouv.fr files, or the semicolon (and tab) that spreadsheets
    /// set to French write; whichever appears most outside quotes wins, the comma when none does.
    /// </summary>
    public static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /// <summary>Splits <paramref name="text"/> into records; stops after <paramref name="maxRows"/> rows (the caller refuses more).</summary>
    /// <exception cref="CsvFormatException">A quote is left open or misplaced.</exception>
    public static List<Row> Parse(string text, char separator, int maxRows)
    {
        var rows = new List<Row>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var i = 0;
        var atCellStart = true;
        var rowHasContent = false;

        void EndCell()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            atCellStart = true;
        }

        void EndRow()
        {
            EndCell();
            // a blank line is one empty cell: skipped rather than read as a record of empty fields
            if (rowHasContent || cells.Count > 1)
            {
                rows.Add(new Row(rowLine, [.. cells]));
            }
            cells.Clear();
            rowHasContent = false;
        }

        while (i < text.Length && rows.Count <= maxRows)
        {
            var c = text[i];
            if (atCellStart && c == '"')
            {
                var openedOn = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CsvFormatException(openedOn, $"guillemet ouvert ligne {openedOn} et jamais refermé.");
                    }
                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n')
                    {
                        line++;
                    }
                    cell.Append(q);
                    i++;
                }
                rowHasContent = true;
                atCellStart = false;
                if (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                {
                    throw new CsvFormatException(line, $"ligne {line} : un champ entre guillemets est suivi de « {text[i]} » au lieu d'un séparateur (un guillemet dans le texte s'écrit \"\").");
                }
                continue;
            }
            if (c == separator)
            {
                rowHasContent = true;
                EndCell();
                i++;
                continue;
            }
            if (c is '\r' or '\n')
            {
                EndRow();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                rowLine = line;
                continue;
            }
            cell.Append(c);
            rowHasContent = true;
            atCellStart = false;
            i++;
        }
        if (i >= text.Length && (rowHasContent || cell.Length > 0 || cells.Count > 0))
        {
            EndRow();
        }
        return rows;
    }
}
