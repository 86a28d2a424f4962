using System.Globalization;
using System.Text;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>
/// The plan as a CSV file French spreadsheets open as they are: UTF-8 with a byte order mark, « ; » between cells, CRLF
/// line ends, a cell on several lines quoted (see <see cref="PlanSheet"/> for the columns). Texts that would start a
/// formula are written after an apostrophe (<see cref="SpreadsheetCsv"/>) and restored on import.
/// </summary>
public static class PlanCsv
{
    public static async Task WriteAsync(PlanView plan, Stream stream, CancellationToken cancellationToken = default)
    {
        // built in memory, then sent: a long description must never make the writer flush synchronously into the
        // response (Kestrel refuses synchronous writes), and a plan is at most a few megabytes
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new SpreadsheetCsv(text, ';'))
        {
            csv.Header([.. PlanSheet.Columns]);
            foreach (var row in PlanSheet.Rows(plan))
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (PlanSheet.TextColumns.Contains(PlanSheet.Columns[i]))
                    {
                        csv.Text(row[i]);
                    }
                    else
                    {
                        csv.Value(row[i]);
                    }
                }
                csv.EndRecord();
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, cancellationToken);
    }

    public static byte[] ToBytes(PlanView plan)
    {
        using var buffer = new MemoryStream();
        WriteAsync(plan, buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>
    /// The file's cells; line numbers are the spreadsheet's rows (the header is row 1), whatever line breaks a cell holds.
    /// A file not in UTF-8, or whose quotes are broken, is refused as a whole.
    /// </summary>
    public static PlanSheetFile Read(ReadOnlyMemory<byte> bytes)
    {
        var (rows, problem) = SpreadsheetCsv.ReadRows(bytes, PlanSheet.MaxRows + 1,
            "Ce fichier n'est pas un CSV en UTF-8 : enregistrez-le depuis votre tableur en « CSV UTF-8 » (ou importez le fichier XLSX).");
        if (problem is not null)
        {
            return PlanSheetFile.Refused(problem);
        }
        return Sheet(rows, restore: true);
    }

    /// <summary>Builds the sheet from rows of cells, the first being the header; <paramref name="restore"/> undoes the CSV's formula neutralisation.</summary>
    internal static PlanSheetFile Sheet(List<string[]> rows, bool restore)
    {
        if (rows.Count == 0)
        {
            return PlanSheetFile.Refused("Le fichier est vide : il faut au moins la ligne des titres de colonnes.");
        }
        if (rows.Count > PlanSheet.MaxRows + 1)
        {
            return PlanSheetFile.Refused(string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"Le fichier contient plus de {PlanSheet.MaxRows:N0} actions : importez-en au plus {PlanSheet.MaxRows:N0} à la fois."));
        }
        var header = rows[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var lines = new List<PlanSheetLine>(rows.Count - 1);
        for (var i = 1; i < rows.Count; i++)
        {
            var cells = rows[i].Select(c => restore ? SpreadsheetCsv.Restore(c) : c).ToList();
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            lines.Add(new PlanSheetLine(i + 1, cells));
        }
        return new PlanSheetFile(header, lines);
    }
}
