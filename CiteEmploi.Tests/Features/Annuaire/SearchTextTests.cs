using System.Text;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>The index folds its texts character by character; the query folds with Text.Fold: they must agree.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Crèche à vocation d'insertion professionnelle (AVIP)")]
    [InlineData("  Œuvre   de l'Æquitas — cœur «ÉTÉ» 16-25 ans  ")]
    [InlineData("e\u0301cole cafe\u0301 \u0301début")] // combining accents, one at the start
    [InlineData("Straße, Łódź, İstanbul, Ørsted, Ŀlívia, ǅemal, ﬁchier")]
    [InlineData("Русский текст, العربية, 中文, 😀 emoji, n°3, ½, ²")]
    [InlineData("")]
    [InlineData(null)]
    public void FoldsAsTextFold(string? value) => Assert.Equal(Text.Fold(value), SearchText.Fold(value));

    [Fact]
    public void FoldsEveryLatinCharacterAsTextFold()
    {
        // Each character of Latin-1, Latin Extended-A and B, and combining marks, alone and between letters.
        var builder = new StringBuilder();
        for (var c = '\u0000'; c <= '\u036F'; c++)
        {
            var one = c.ToString();
            Assert.Equal(Text.Fold(one), SearchText.Fold(one));
            builder.Append('a').Append(c).Append('b');
        }
        Assert.Equal(Text.Fold(builder.ToString()), SearchText.Fold(builder.ToString()));
    }
}
