using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Tests.Features.Common;

public class SpreadsheetCsvTests
{
    private static string Write(char separator, bool quoteEveryText, Action<SpreadsheetCsv> write)
    {
        using var text = new StringWriter();
        using (var csv = new SpreadsheetCsv(text, separator, quoteEveryText))
        {
            write(csv);
        }
        return text.ToString();
    }

    [Fact]
    public void Texts_StartingAFormula_AreNeutralised_ValuesAreNot()
    {
        var csv = Write(',', quoteEveryText: false, c =>
        {
            c.Header("nom", "longitude", "telephone");
            c.Text("=cmd|' /C calc'!A0");
            c.Value("-1.55");
            c.Text("+33384280000");
            c.EndRecord();
        });

        Assert.Equal("nom,longitude,telephone\r\n'=cmd|' /C calc'!A0,-1.55,'+33384280000\r\n", csv);
    }

    [Fact]
    public void LineBreaksQuotesAndSeparators_AreQuoted_EvenALoneCarriageReturn()
    {
        var csv = Write(';', quoteEveryText: false, c =>
        {
            c.Header("a", "b", "c", "d", "e");
            c.Text("ligne\rsuivante");
            c.Text("deux\nlignes");
            c.Text("dit \"oui\"");
            c.Text("garde ; crèche");
            c.Text("rien, ici");
            c.EndRecord();
        });

        Assert.Equal("a;b;c;d;e\r\n\"ligne\rsuivante\";\"deux\nlignes\";\"dit \"\"oui\"\"\";\"garde ; crèche\";rien, ici\r\n", csv);
    }

    [Fact]
    public void QuoteEveryText_QuotesTexts_ButNeitherTheHeaderNorValues()
    {
        var csv = Write(';', quoteEveryText: true, c =>
        {
            c.Header("Carte", "Votes", "Frein");
            c.Text("Bus");
            c.Value(null);
            c.Text("");
            c.EndRecord();
        });

        Assert.Equal("Carte;Votes;Frein\r\n\"Bus\";;\"\"\r\n", csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("@SUM(1)")]
    [InlineData("-1 rue du Port")]
    [InlineData("'déjà une apostrophe")]
    [InlineData("Texte ordinaire")]
    public void Restore_GivesBackTheTextWritten(string text)
    {
        var cell = Write(',', quoteEveryText: false, c =>
        {
            c.Header("x");
            c.Text(text);
            c.EndRecord();
        }).Split("\r\n")[1];

        using var reader = CsvHelper.CsvReader.FromText(cell, new CsvHelper.CsvReaderOptions { HasHeader = false, Separator = ',' });
        Assert.True(reader.Read());
        Assert.Equal(text, SpreadsheetCsv.Restore(reader.GetString(0)));
    }
}
