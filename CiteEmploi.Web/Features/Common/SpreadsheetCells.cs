namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// CSV cells a spreadsheet opens safely: a text beginning with = + - @, a tab or a carriage return is read by Excel,
/// LibreOffice or Google Sheets as a formula (« CSV injection »: <c>=HYPERLINK(…)</c>, <c>=cmd|…</c>), so such a text
/// is written after an apostrophe, which spreadsheets show as text and do not display. One rule for every CSV export
/// (board, directory); an importer of its own files restores the text (<see cref="Restore"/>).
/// </summary>
public static class SpreadsheetCells
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>The text, after an apostrophe when its first character would start a formula.</summary>
    public static string Neutralise(string text) => text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    /// <summary>A cell written by <see cref="Neutralise"/> back to its text (an apostrophe before anything else is kept).</summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;
}
