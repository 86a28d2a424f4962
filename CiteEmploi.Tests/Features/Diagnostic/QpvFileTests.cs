using System.Text;
using CiteEmploi.Web.Features.Diagnostic;

namespace CiteEmploi.Tests.Features.Diagnostic;

public sealed class QpvFileTests
{
    private static QpvFile.Result Read(string text) => QpvFile.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ColumnsInAnyOrder_WithOrWithoutPositions_AreRead()
    {
        var result = Read("Longitude,Code,Nom,Latitude\n 2.365 ,qn09301m, Franc-Moisin ,48.929\n,QP093002,Pont de Pierre,\n\n");

        Assert.True(result.Accepted, string.Join(" | ", result.Problems));
        Assert.Equal(2, result.Qpvs.Count);
        Assert.Equal(("QN09301M", "Franc-Moisin", 48.929, 2.365), (result.Qpvs[0].Code, result.Qpvs[0].Name, result.Qpvs[0].Latitude!.Value, result.Qpvs[0].Longitude!.Value));
        Assert.Null(result.Qpvs[1].Position);
    }

    [Theory]
    [InlineData("", "Le fichier est vide")]
    [InlineData("code;nom\nQN09301M;X", "Ligne 1 : colonnes manquantes : latitude, longitude")]
    [InlineData("code;nom;latitude;longitude\nQN09301M;A;48.9;\n", "Ligne 2 : donnez la latitude et la longitude du quartier, ou aucune des deux.")]
    [InlineData("code;nom;latitude;longitude\nQN09301M;A;nord;2.4\n", "Ligne 2 : latitude « nord » et longitude « 2.4 » : écrivez deux nombres")]
    [InlineData("code;nom;latitude;longitude\nQN09301M;A;48.9;2.4\nQN09301M;B;48.9;2.4\n", "Ligne 3 : le QPV QN09301M figure déjà ligne 2.")]
    [InlineData("code;nom;latitude;longitude\nQN09301M;A;51.5074;-0.1278\n", "Ligne 2 : la position 51.5074, -0.1278 est hors de France.")]
    [InlineData("code;nom;latitude;longitude\n", "aucun QPV")]
    [InlineData("code;nom;latitude;longitude\n\"QN09301M;A;48.9;2.4\n", "guillemet ouvert n'est jamais refermé")]
    public void ABadFile_IsRefused_WithTheLineAndTheReason(string text, string expected)
    {
        var result = Read(text);

        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AFileTooLargeOrNotUtf8_IsRefused()
    {
        Assert.Contains("dépasse 1 Mo", QpvFile.Read(new byte[QpvFile.MaxBytes + 1]).Problems.Single(), StringComparison.Ordinal);
        Assert.Contains("UTF-8", QpvFile.Read(Encoding.Latin1.GetBytes("code;nom;latitude;longitude\nQN09301M;Cité;;")).Problems.Single(), StringComparison.Ordinal);
        var tooMany = "code;nom;latitude;longitude\n" + string.Concat(Enumerable.Range(0, 61).Select(i => $"QN{i:00000}M;Q{i};;\n"));
        Assert.Contains("plus de 60 QPV", Read(tooMany).Problems.Single(), StringComparison.Ordinal);
    }
}
