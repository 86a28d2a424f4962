using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain.Annuaire;

/// <summary>The field workers' lexicon (Data/lexique.json): every code it names exists, and the words of issue 14 ask for the right barriers.</summary>
public class LexiqueTests
{
    [Fact]
    public void EveryEntry_NamesWords_AndOnlyBarriersAndThematiquesThatExist()
    {
        Assert.NotEmpty(Lexique.Entries);
        Assert.All(Lexique.Entries, entry =>
        {
            var words = string.Join(", ", entry.Terms);
            Assert.NotEmpty(entry.Terms);
            Assert.True(entry.Freins.Count + entry.Thematiques.Count + entry.AlsoSearch.Count > 0, $"« {words} » ne mène nulle part");
            Assert.All(entry.Freins, code => Assert.True(Freins.Find(code) is not null, $"« {words} » → frein inconnu {code}"));
            Assert.All(entry.Thematiques, code => Assert.True(Referentiels.Thematiques.Contains(code), $"« {words} » → thématique inconnue {code}"));
            // a thématique is always under one of the entry's barriers, so that the barrier and its detail agree
            Assert.All(entry.Thematiques, code => Assert.Contains(Freins.Matching(code), f => entry.Freins.Contains(f.Code)));
        });
    }

    [Theory]
    [InlineData("médecin", "sante", "sante--acces-aux-soins")]
    [InlineData("dettes", "budget", "difficultes-financieres--situation-dendettement-surendettement")]
    [InlineData("nounou", "garde-denfants", "famille--garde-denfants")]
    [InlineData("voiture", "mobilite", null)]
    [InlineData("français", "langue-francaise", "lecture-ecriture-calcul--maitriser-le-francais")]
    [InlineData("FLE", "langue-francaise", "lecture-ecriture-calcul--maitriser-le-francais")]
    [InlineData("faire garder mon enfant", "garde-denfants", "famille--garde-denfants")]
    [InlineData("réparer ma voiture", "mobilite", "mobilite--entretenir-reparer-son-vehicule")]
    [InlineData("créer mon entreprise", "creation-activite", "creer-une-entreprise--definir-son-projet-de-creation-dentreprise")]
    [InlineData("aide alimentaire", "alimentation-equipement", "equipement-et-alimentation--alimentation")]
    [InlineData("crèche", "garde-denfants", "famille--garde-denfants")]
    [InlineData("CV", "emploi", "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation")]
    public void TheIssuesWords_AskForTheirBarrierAndThematique(string words, string frein, string? thematique)
    {
        var entries = Lexique.Entries.Where(e => e.Terms.Any(t => Text.Fold(t) == Text.Fold(words))).ToList();
        Assert.Contains(entries, e => e.Freins.Contains(frein));
        if (thematique is not null)
        {
            Assert.Contains(entries, e => e.Thematiques.Contains(thematique));
        }
    }

    [Fact]
    public void AWord_IsInOneEntryOnly_SoItsMeaningIsReadInOnePlace()
    {
        var repeated = Lexique.Entries.SelectMany(e => e.Terms.Select(Text.Fold).Distinct()).GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, string.Join(", ", repeated));
    }

    [Fact]
    public void StopWords_AreFolded_AndNeverAWordOfTheLexicon()
    {
        Assert.Contains("mon", Lexique.StopWords);
        Assert.Contains("pour", Lexique.StopWords);
        Assert.All(Lexique.StopWords, w => Assert.Equal(Text.Fold(w), w));
        var singleWords = Lexique.Entries.SelectMany(e => e.Terms).Select(Text.Fold).Where(t => !t.Contains(' ', StringComparison.Ordinal));
        Assert.DoesNotContain(singleWords, Lexique.StopWords.Contains);
    }

    [Fact]
    public void Families_JoinAtLeastTwoWords_AndAWordBelongsToOneFamily()
    {
        Assert.Contains(Lexique.Families, f => f.Contains("création") && f.Contains("créer"));
        Assert.Contains(Lexique.Families, f => f.Contains("alimentaire") && f.Contains("alimentation"));
        Assert.All(Lexique.Families, f => Assert.True(f.Count >= 2));
        var words = Lexique.Families.SelectMany(f => f.Select(Text.Fold)).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
    }
}
