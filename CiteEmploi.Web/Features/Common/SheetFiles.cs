using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace CiteEmploi.Web.Features.Common;

/// <summary>A cell of an exported table: a number (a number in XLSX, « 12,5 » in CSV) or a text.</summary>
public readonly record struct SheetCell(decimal? Number, string Text, bool TypedByPerson = false)
{
    public static SheetCell Of(decimal? number, string whenMissing) => number is { } n ? new SheetCell(n, n.ToString("0.##", French)) : new SheetCell(null, whenMissing);

    public static SheetCell Of(string text) => new(null, text);

    /// <summary>A text someone typed (a name, a note): neutralised in CSV when it would start a formula.</summary>
    public static SheetCell Typed(string text) => new(null, text, TypedByPerson: true);

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
}

/// <summary>
/// A table as the files French spreadsheets open: CSV through the one CSV writer (<see cref="SpreadsheetCsv"/>: « ; »,
/// UTF-8 with a byte order mark, CRLF, decimal commas) and XLSX through MiniExcel (numbers as numbers, the rest as text).
/// Built in memory, then sent: Kestrel refuses synchronous writes, and these tables are small.
/// </summary>
public static class SheetFiles
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<SheetCell>> rows)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new SpreadsheetCsv(text, ';'))
        {
            csv.Header([.. columns]);
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    if (cell.TypedByPerson)
                    {
                        csv.Text(cell.Text);
                    }
                    else
                    {
                        csv.Value(cell.Text);
                    }
                }
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<SheetCell>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                cells[columns[i]] = row[i].Number is { } n ? n : row[i].Text;
            }
            return cells;
        }).ToList();
        if (sheet.Count == 0)
        {
            // an empty table still gets its header row
            sheet.Add(columns.ToDictionary(c => c, _ => (object)string.Empty, StringComparer.Ordinal));
        }
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheet, printHeader: true, sheetName: sheetName, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
