using System.Text;
using CiteEmploi.Web.Features.Diagnostic;

namespace CiteEmploi.Tests.Features.Diagnostic;

public sealed class FiguresFileTests
{
    private static readonly string[] Qpvs = ["QN09001M", "QP090002"];

    private static FiguresFile.Result Read(string text) => FiguresFile.Read(Encoding.UTF8.GetBytes(text), Qpvs, 2026);

    [Fact]
    public void ColumnsInAnyOrder_SemicolonAndDecimalComma_AreRead()
    {
        var result = Read("Source;Année;QPV;Indicateur;Valeur\nInsee, RP 2021;2021;qn09001m;Taux de chômage;24,5\nInsee;2021;QP090002;population;4 300\n\n");

        Assert.True(result.Accepted, string.Join(" | ", result.Problems));
        Assert.Equal([("QN09001M", "chomage", 24.5m, 2021, "Insee, RP 2021"), ("QP090002", "population", 4300m, 2021, "Insee")],
            result.Figures.Select(f => (f.QpvCode, f.Indicator, f.Value, f.Year, f.Source)));
        Assert.All(result.Figures, f => Assert.False(f.IsDemonstration));
    }

    [Fact]
    public void CommaSeparated_WithAQuotedDecimalComma_IsRead()
    {
        var result = Read("qpv,indicateur,valeur,annee,source\nQN09001M,pauvrete,\"41,2\",2020,Insee Filosofi\n");

        Assert.True(result.Accepted, string.Join(" | ", result.Problems));
        Assert.Equal(41.2m, Assert.Single(result.Figures).Value);
    }

    [Theory]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN99999M;chomage;20;2021;Insee\n", "Ligne 2 : « QN99999M » n'est pas un quartier prioritaire de cette Cité.")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;120;2021;Insee\n", "Ligne 2 : taux de chômage : un taux est compris entre 0 et 100 % (120 % donné).")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;2027;Insee\n", "Ligne 2 : l'année 2027 est dans le futur")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;2021;\n", "Ligne 2 : indiquez la source du chiffre")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;revenu;20;2021;Insee\n", "Ligne 2 : indicateur inconnu « revenu »")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;beaucoup;2021;Insee\n", "Ligne 2 : valeur « beaucoup » : écrivez un nombre")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;vingt;Insee\n", "Ligne 2 : année « vingt » : écrivez une année")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;population;4300,5;2021;Insee\n", "Ligne 2 : la population est un nombre entier")]
    [InlineData("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;2021;Insee\nQN09001M;chomage;21;2021;Insee\n", "Ligne 3 : le même chiffre (QN09001M, taux de chômage, 2021) figure déjà ligne 2.")]
    [InlineData("qpv;indicateur;valeur\nQN09001M;chomage;20\n", "Ligne 1 : colonnes manquantes : annee, source")]
    [InlineData("", "Le fichier est vide")]
    [InlineData("qpv;indicateur;valeur;annee;source\n", "aucun chiffre")]
    public void ABadFile_IsRefused_WithTheLineAndTheReason(string text, string expected)
    {
        var result = Read(text);

        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void OneBadLine_RefusesTheWholeFile_AndEveryBadLineIsReported()
    {
        var result = Read("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;2021;Insee\nQN09001M;pauvrete;120;2030;\nQP090002;population;4300;2021;Insee\n");

        Assert.False(result.Accepted);
        Assert.Empty(result.Figures);
        Assert.Equal(3, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.StartsWith("Ligne 3 : ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void AFileTooLargeOrNotUtf8_IsRefused()
    {
        Assert.Contains("dépasse 256 Ko", FiguresFile.Read(new byte[FiguresFile.MaxBytes + 1], Qpvs, 2026).Problems.Single(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", FiguresFile.Read(Encoding.Latin1.GetBytes("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;2021;Insee é"), Qpvs, 2026).Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDemonstrationLoader_MarksItsFigures() =>
        Assert.True(Assert.Single(FiguresFile.Read(Encoding.UTF8.GetBytes("qpv;indicateur;valeur;annee;source\nQN09001M;chomage;20;2021;Données fictives\n"), Qpvs, 2026, demonstration: true).Figures).IsDemonstration);
}
