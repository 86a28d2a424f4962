using System.Globalization;
using System.Text;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>A board as a Markdown document (to paste in a report) or a CSV table (to sort in a spreadsheet).</summary>
public static class BoardExport
{
    public static string ToMarkdown(BoardView board)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(board.Title).AppendLine();
        if (board.Description.Length > 0)
        {
            text.AppendLine(board.Description).AppendLine();
        }
        foreach (var column in board.Columns)
        {
            text.Append("## ").AppendLine(column.Title).AppendLine();
            if (column.Cards.Count == 0)
            {
                text.AppendLine("_Aucune carte._").AppendLine();
                continue;
            }
            foreach (var card in column.Cards)
            {
                // one list item per card: inner line breaks are indented so the item stays whole
                text.Append("- ").Append(card.Text.ReplaceLineEndings("\n  "));
                var details = Details(card);
                if (details.Length > 0)
                {
                    text.Append(" — _").Append(details).Append('_');
                }
                text.AppendLine();
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    // Semicolons for spreadsheets set to French; every text quoted.
    public static string ToCsv(BoardView board)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new SpreadsheetCsv(text, ';', quoteEveryText: true))
        {
            csv.Header("Colonne", "Carte", "Auteur", "Couleur", "Frein", "Public", "Votes", "Créée le");
            foreach (var column in board.Columns)
            {
                foreach (var card in column.Cards)
                {
                    csv.Text(column.Title);
                    csv.Text(card.Text);
                    csv.Text(card.AuthorName);
                    csv.Text(card.Colour.ToString());
                    csv.Text(card.FreinCode is { } f ? Freins.Find(f)?.Label ?? f : "");
                    csv.Text(card.PublicCode is { } p ? Referentiels.Publics.Label(p) : "");
                    csv.Value(card.Votes?.ToString(CultureInfo.InvariantCulture));
                    csv.Value(card.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                    csv.EndRecord();
                }
            }
        }
        return text.ToString();
    }

    private static string Details(CardView card)
    {
        var parts = new List<string> { card.AuthorName };
        if (card.FreinCode is { } frein)
        {
            parts.Add("frein : " + (Freins.Find(frein)?.Label ?? frein));
        }
        if (card.PublicCode is { } publicCode)
        {
            parts.Add("public : " + Referentiels.Publics.Label(publicCode));
        }
        if (card.Votes is { } votes)
        {
            parts.Add($"{votes} vote{(votes > 1 ? "s" : "")}");
        }
        return string.Join(", ", parts);
    }
}
