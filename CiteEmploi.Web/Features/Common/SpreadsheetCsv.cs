using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// The one CSV writer of every export (board, directory), on CsvHelper: RFC 4180 quoting, CRLF line ends, and texts a
/// spreadsheet opens safely. A text beginning with = + - @, a tab or a carriage return is read by Excel, LibreOffice
/// or Google Sheets as a formula (« CSV injection »: <c>=HYPERLINK(…)</c>, <c>=cmd|…</c>), so such a text is written
/// after an apostrophe, which spreadsheets show as text and do not display; values the export formats itself
/// (numbers, dates, codes) are written as they are, so a negative longitude stays a number. An importer of our own
/// files restores the texts with <see cref="Restore"/>.
/// </summary>
public sealed class SpreadsheetCsv : IAsyncDisposable, IDisposable
{
    private const string FormulaStarts = "=+-@\t\r";

    private readonly CsvWriter _csv;
    private readonly bool _quoteEveryText;
    private readonly SearchValues<char> _needsQuotes;

    /// <param name="quoteEveryText">Quote every text, even when nothing in it needs quotes (the board export does, so
    /// that a spreadsheet set to French never reads a text as a number or a date).</param>
    public SpreadsheetCsv(TextWriter writer, char separator, bool quoteEveryText = false, bool leaveOpen = true)
    {
        // Neutralisation is ours, texts only: CsvHelper's own injection escaping would also touch numbers (-1.55).
        _csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = separator, NewLine = "\r\n", Injection = CsvInjection.None }, leaveOpen);
        _quoteEveryText = quoteEveryText;
        // CsvHelper's « when needed » leaves a lone carriage return unquoted, which would split the record when read back.
        _needsQuotes = SearchValues.Create([separator, '"', '\r', '\n']);
    }

    /// <summary>
    /// The separator of a CSV file's header line, for the importers of our own and others' files: whichever of the
    /// comma (data.gouv.fr), the semicolon (spreadsheets set to French) and the tab appears most outside quotes;
    /// <paramref name="onTie"/> when the semicolon and the comma are as many (none at all, or one column).
    /// </summary>
    public static char DetectSeparator(ReadOnlySpan<byte> text, char onTie)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is (byte)'\n' or (byte)'\r')
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
        if (tabs > commas && tabs > semicolons)
        {
            return '\t';
        }
        return semicolons > commas ? ';' : commas > semicolons ? ',' : onTie;
    }

    /// <summary>
    /// Reads a CSV file (ours or a spreadsheet's) into rows of cells, the header first: UTF-8 only (a byte-order mark is
    /// skipped), the separator detected (<see cref="DetectSeparator"/>, the semicolon on a tie), empty lines skipped. At
    /// most <paramref name="maxRows"/> + 1 rows are read, so that a caller can say the file is too long. On an encoding
    /// other than UTF-8 or a malformed quote, the French reason (with the line) instead of rows.
    /// </summary>
    public static (List<string[]> Rows, string? Problem) ReadRows(ReadOnlyMemory<byte> bytes, int maxRows, string notUtf8Message)
    {
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[3..];
        }
        if (bytes.Span.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.Span.StartsWith(new byte[] { 0xFE, 0xFF }) || !Utf8.IsValid(bytes.Span) || bytes.Span.Contains((byte)0))
        {
            return ([], notUtf8Message);
        }
        string? problem = null;
        var options = new CsvReaderOptions
        {
            Separator = DetectSeparator(bytes.Span, onTie: ';'),
            HasHeader = false,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => problem ??= record.Reason switch
            {
                CsvMalformedReason.StrayQuote => null,
                CsvMalformedReason.UnterminatedQuote => "un guillemet ouvert n'est jamais refermé",
                _ => "un champ entre guillemets est suivi d'autre chose qu'un séparateur",
            },
        };
        var rows = new List<string[]>();
        using (var reader = CsvReader.Create(bytes, options))
        {
            while (problem is null && rows.Count <= maxRows && reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i);
                }
                rows.Add(cells);
            }
        }
        return problem is null ? (rows, null) : ([], $"Fichier CSV illisible à la ligne {rows.Count + 1} : {problem}. Rien n'a été importé.");
    }

    /// <summary>The header line: column names as they are.</summary>
    public void Header(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            Field(name, quote: false);
        }
        _csv.EndRecord();
    }

    /// <summary>A text typed by someone: neutralised when it would start a formula.</summary>
    public void Text(string? text) => Field(Neutralise(text ?? string.Empty), _quoteEveryText);

    /// <summary>A value the export formatted itself (number, date, list of codes): written as it is.</summary>
    public void Value(string? value) => Field(value ?? string.Empty, quote: false);

    public ValueTask EndRecordAsync(CancellationToken cancellationToken = default) => _csv.EndRecordAsync(cancellationToken);

    public void EndRecord() => _csv.EndRecord();

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => _csv.FlushAsync(cancellationToken);

    /// <summary>A cell written for a text back to the text (an apostrophe before anything else is kept).</summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;

    internal static string Neutralise(string text) => text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    private void Field(string text, bool quote) =>
        _csv.WriteField(text, quote || text.AsSpan().IndexOfAny(_needsQuotes) >= 0 ? CsvQuoting.Always : CsvQuoting.WhenNeeded);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    public void Dispose() => _csv.Dispose();
}
