using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain;

public class TextTests
{
    [Theory]
    [InlineData("Cité de l'Emploi", "cite de l emploi")]
    [InlineData("  CRÈCHE   Œuvre ", "creche oeuvre")]
    [InlineData("Saint-Étienne", "saint etienne")]
    public void Fold_RemovesAccentsCaseAndPunctuation(string input, string expected) =>
        Assert.Equal(expected, Text.Fold(input));
}
