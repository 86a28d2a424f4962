using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Boards;

namespace CiteEmploi.Tests.Features.Boards;

public class BoardExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static BoardView Board(params CardView[] cards) => new(Guid.NewGuid(), "Diagnostic", "Notre *diagnostic*.", BoardKind.Diagnostic, 1,
        [new ColumnView(Guid.NewGuid(), "Constats", cards), new ColumnView(Guid.NewGuid(), "Besoins", [])], [], false, 3, true, 3,
        BoardTimer.Idle, false, true, true, "moi");

    private static CardView Card(string text, int? votes = null, string? frein = null) =>
        new(Guid.NewGuid(), Guid.Empty, text, "k", "Samia", CardColour.Jaune, frein, "jeunes", 1, votes, 0, Now, null, null);

    [Fact]
    public void ToMarkdown_ListsColumnsAndCardsWithTheirDetails()
    {
        var markdown = BoardExport.ToMarkdown(Board(Card("Pas de bus\nle soir", votes: 2, frein: "mobilite")));

        Assert.Equal(
            "# Diagnostic\n\nNotre *diagnostic*.\n\n## Constats\n\n- Pas de bus\n  le soir — _Samia, frein : Mobilité, public : Jeunes, 2 votes_\n\n## Besoins\n\n_Aucune carte._\n\n",
            markdown.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToCsv_QuotesEveryText_AndNeutralisesFormulas()
    {
        var csv = BoardExport.ToCsv(Board(Card("=HYPERLINK(\"http://x\")"), Card("Garde ; crèche")));
        var lines = csv.ReplaceLineEndings("\n").TrimEnd().Split('\n');

        Assert.Equal("Colonne;Carte;Auteur;Couleur;Frein;Public;Votes;Créée le", lines[0]);
        Assert.Equal("\"Constats\";\"'=HYPERLINK(\"\"http://x\"\")\";\"Samia\";\"Jaune\";\"\";\"Jeunes\";;2026-03-02 09:00", lines[1]);
        Assert.StartsWith("\"Constats\";\"Garde ; crèche\"", lines[2]);
    }
}
