using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

public class ReferentielsTests
{
    public static TheoryData<string, int> ListSizes => new()
    {
        { nameof(Referentiels.Thematiques), 69 },
        { nameof(Referentiels.Categories), 16 },
        { nameof(Referentiels.Publics), 14 },
        { nameof(Referentiels.Frais), 2 },
        { nameof(Referentiels.ModesAccueil), 2 },
        { nameof(Referentiels.ModesMobilisation), 4 },
        { nameof(Referentiels.PersonnesMobilisatrices), 2 },
        { nameof(Referentiels.TypesDeServices), 6 },
        { nameof(Referentiels.ReseauxPorteurs), 108 },
    };

    private static ReferenceList ByName(string name) =>
        (ReferenceList)typeof(Referentiels).GetProperty(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(ListSizes))]
    public void EveryList_IsLoadedFromItsEmbeddedFile_WithLabels(string list, int count)
    {
        var referenceList = ByName(list);

        Assert.Equal(count, referenceList.Count);
        Assert.All(referenceList.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Code));
            Assert.False(string.IsNullOrWhiteSpace(e.Label));
        });
        Assert.Equal(referenceList.Count, referenceList.Codes.Distinct().Count());
    }

    [Fact]
    public void Thematiques_KnowTheirCodes_AndGiveFrenchLabels()
    {
        Assert.True(Referentiels.Thematiques.Contains("mobilite--preparer-un-permis"));
        Assert.Equal("Garde d'enfants", Referentiels.Thematiques.Label("famille--garde-denfants").Replace('’', '\''));
        Assert.False(Referentiels.Thematiques.Contains("mobilite--xyz"));
        Assert.False(Referentiels.Thematiques.Contains(null));
        Assert.False(Referentiels.Thematiques.Contains("MOBILITE--PREPARER-UN-PERMIS"));
    }

    [Fact]
    public void Label_OfAnUnknownCode_IsTheCodeItself()
    {
        Assert.Equal("inconnu", Referentiels.Publics.Label("inconnu"));
        Assert.Null(Referentiels.Publics.Find("inconnu"));
    }

    [Fact]
    public void Entries_KeepTheSchemaDescriptions()
    {
        var gratuit = Referentiels.Frais.Find("gratuit");

        Assert.NotNull(gratuit);
        Assert.Equal("Gratuit", gratuit.Label);
        Assert.Contains("gratuit", gratuit.Description!, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_AreLoadedOnce_AndSharedAcrossThreads()
    {
        var seen = new ReferenceList?[16];

        Parallel.For(0, seen.Length, i => seen[i] = Referentiels.ReseauxPorteurs);

        Assert.All(seen, l => Assert.Same(Referentiels.ReseauxPorteurs, l));
    }

    [Fact]
    public void EveryThematique_BelongsToAKnownCategory()
    {
        Assert.All(Referentiels.Thematiques.Codes, code =>
            Assert.True(Referentiels.Categories.Contains(Referentiels.CategoryOf(code)), code));
    }

    [Fact]
    public void CategoryOf_TakesThePartBeforeTheDoubleHyphen()
    {
        Assert.Equal("mobilite", Referentiels.CategoryOf("mobilite--preparer-un-permis"));
        Assert.Equal("sante", Referentiels.CategoryOf("sante"));
    }

    [Fact]
    public void Check_NamesEveryUnknownCodeAndTheList()
    {
        var errors = new ValidationErrors();

        Referentiels.Thematiques.Check(["mobilite--preparer-un-permis", "mobilite--xyz", "sante--rien"], "Thematiques", errors);

        Assert.Equal(
            ["Code inconnu « mobilite--xyz » dans les thématiques.", "Code inconnu « sante--rien » dans les thématiques."],
            errors.For("Thematiques"));
    }

    [Fact]
    public void Publics_ContainTheExclusiveTousPublics()
    {
        Assert.True(Referentiels.Publics.Contains(Referentiels.TousPublics));
    }
}
