using System.Globalization;
using MiniExcelLibs;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>
/// The plan as an XLSX workbook, one sheet « Actions » with the columns of <see cref="PlanSheet"/>. Every cell is written
/// as text, so dates and amounts stay invariant (2026-03-31, 1500.00) and read back as they were written; a cell a person
/// retyped as a number or a date in their spreadsheet is read back in the same invariant form.
/// </summary>
public static class PlanXlsx
{
    public const string SheetName = "Actions";

    public static async Task WriteAsync(PlanView plan, Stream stream, CancellationToken cancellationToken = default)
    {
        var rows = PlanSheet.Rows(plan).Select(row =>
        {
            var cells = new Dictionary<string, object>(PlanSheet.Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < row.Length; i++)
            {
                cells[PlanSheet.Columns[i]] = row[i];
            }
            return cells;
        }).ToList();
        // an empty plan still gets its header row
        var header = PlanSheet.Columns.ToDictionary(c => c, _ => (object)string.Empty, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(rows.Count > 0 ? rows : [header], printHeader: true, sheetName: SheetName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, cancellationToken);
    }

    public static byte[] ToBytes(PlanView plan)
    {
        using var buffer = new MemoryStream();
        WriteAsync(plan, buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>The first sheet's cells (row numbers as the spreadsheet shows them); a workbook that cannot be opened is refused.</summary>
    public static PlanSheetFile Read(byte[] content)
    {
        var rows = new List<string[]>();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                rows.Add([.. row.Values.Select(Cell)]);
                if (rows.Count > PlanSheet.MaxRows + 1)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException or System.Xml.XmlException or NotSupportedException or FormatException)
        {
            return PlanSheetFile.Refused("Ce classeur XLSX n'a pas pu être lu : enregistrez-le de nouveau au format XLSX (ou importez le fichier CSV).");
        }
        // trailing empty cells of the header: a spreadsheet keeps the width of its widest row
        if (rows.Count > 0)
        {
            var width = rows[0].Length;
            while (width > 0 && string.IsNullOrWhiteSpace(rows[0][width - 1]))
            {
                width--;
            }
            rows = [.. rows.Select((r, i) => i == 0 ? r[..width] : r)];
        }
        return PlanCsv.Sheet(rows, restore: false);
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("s", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "vrai" : "faux",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
