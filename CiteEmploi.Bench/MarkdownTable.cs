namespace CiteEmploi.Bench;

/// <summary>A Markdown table padded so it also reads well in a terminal, ready to paste into docs.</summary>
public sealed class MarkdownTable(params (string Header, bool AlignRight)[] columns)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"Expected {columns.Length} cells, got {cells.Length}.", nameof(cells));
        }
        _rows.Add(cells);
    }

    public void Write(TextWriter output)
    {
        var widths = columns.Select((c, i) => Math.Max(3, _rows.Select(r => r[i].Length).Append(c.Header.Length).Max())).ToArray();
        output.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        output.WriteLine("|" + string.Join("|", columns.Select((c, i) =>
            " " + (c.AlignRight ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i])) + " ")) + "|");
        foreach (var row in _rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private string Line(string[] cells, int[] widths) =>
        "|" + string.Join("|", cells.Select((cell, i) =>
            " " + (columns[i].AlignRight ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])) + " ")) + "|";
}
