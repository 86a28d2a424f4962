using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain;

public class TextTests
{
    [Theory]
    [InlineData("Cité de l'Emploi", "cite de l emploi")]
    [InlineData("  CRÈCHE   Œuvre ", "creche oeuvre")]
    [InlineData("Saint-Étienne", "saint etienne")]
    [InlineData("Læticia", "laeticia")]
    [InlineData("« Belfort » — 2026", "belfort 2026")]
    [InlineData("!!!", "")]
    [InlineData(null, "")]
    public void Fold_RemovesAccentsCaseAndPunctuation(string? input, string expected) =>
        Assert.Equal(expected, Text.Fold(input));

    [Fact]
    public void Fold_GivesTheSameKeyToNamesDifferingOnlyByAccentsCaseOrPunctuation() =>
        Assert.Equal(Text.Fold("Cité de Belfort"), Text.Fold("cite  de BELFORT"));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(" \t\n ", "")]
    [InlineData("  a  b\t\tc \n", "a b c")]
    [InlineData("Cité", "Cité")]
    public void Clean_TrimsAndCollapsesWhiteSpace(string? input, string expected) =>
        Assert.Equal(expected, Text.Clean(input));

    [Theory]
    [InlineData("Cité de l'emploi de Belfort", 40, "cite-de-l-emploi-de-belfort")]
    [InlineData("Cité de l'emploi de Belfort", 9, "cite-de-l")]
    [InlineData("Cité de l'emploi de Belfort", 8, "cite-de")] // no trailing hyphen after truncation
    [InlineData("", 40, "")]
    public void Slugify_JoinsFoldedWordsWithHyphensWithinMaxLength(string input, int maxLength, string expected) =>
        Assert.Equal(expected, Text.Slugify(input, maxLength));
}
