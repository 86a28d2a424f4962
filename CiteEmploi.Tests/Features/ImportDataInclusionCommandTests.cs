using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Cli;
using CiteEmploi.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Features;

/// <summary>
/// <c>import-data-inclusion --cite &lt;slug&gt; &lt;structures&gt; &lt;services&gt;</c> on a real database in a temporary
/// data folder, as an operator would run it. Same serial collection as <see cref="CommandLineTests"/> (process-wide
/// environment variables).
/// </summary>
[Collection("CommandLine")]
public sealed class ImportDataInclusionCommandTests : IDisposable
{
    private const string DataFolderVariable = "CiteEmploi__DataFolder";
    private const string ConnectionStringVariable = "ConnectionStrings__Default";

    private readonly string? _previousDataFolder = Environment.GetEnvironmentVariable(DataFolderVariable);
    private readonly string? _previousConnectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"citeemploi-import-{Guid.NewGuid():N}");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public ImportDataInclusionCommandTests()
    {
        Environment.SetEnvironmentVariable(DataFolderVariable, DataFolder);
        Environment.SetEnvironmentVariable(ConnectionStringVariable, null);
        Directory.CreateDirectory(_root);
    }

    private string DataFolder => Path.Combine(_root, "donnees");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataFolderVariable, _previousDataFolder);
        Environment.SetEnvironmentVariable(ConnectionStringVariable, _previousConnectionString);
        using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        Directory.Delete(_root, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    private DatabaseOptions Database => DatabaseOptions.From(
        new ConfigurationBuilder().AddInMemoryCollection([new("CiteEmploi:DataFolder", DataFolder)]).Build());

    private async Task<int> Run(params string[] args)
    {
        _output.GetStringBuilder().Clear();
        _error.GetStringBuilder().Clear();
        return await CommandLine.RunAsync(args, _output, _error);
    }

    private async Task<List<Service>> StoredServicesAsync()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(Database.ConnectionString).Options;
        await using var db = new AppDbContext(options);
        return await db.Services.IgnoreQueryFilters().AsNoTracking().ToListAsync();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Import_OfTheSampleFiles_Returns0_AndAgainUpdatesWithoutCopies()
    {
        Assert.Equal(CommandLine.Success, await Run("create-cite", "--name", "Cité de Belfort", "--slug", "belfort"));

        var code = await Run("import-data-inclusion", "--cite", "belfort", PathOf("structures.json"), PathOf("services.json"));

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("Import terminé : 5 structure(s) et 6 service(s) ajoutés", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("score_qualite", _output.ToString(), StringComparison.Ordinal); // the ignored field is mentioned
        Assert.Empty(_error.ToString());
        Assert.Equal(6, (await StoredServicesAsync()).Count);

        var again = await Run("import-data-inclusion", "--cite", "belfort", PathOf("structures.csv"), PathOf("services.csv"));

        Assert.Equal(CommandLine.Success, again);
        Assert.Contains("0 structure(s) et 0 service(s) ajoutés, 0 structure(s) et 0 service(s) mis à jour, 11 inchangé(s)", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(6, (await StoredServicesAsync()).Count);
    }

    [Fact]
    public async Task Import_OfABrokenFile_Returns1WithTheReport_AndImportsNothing()
    {
        Assert.Equal(CommandLine.Success, await Run("create-cite", "--name", "Cité de Belfort", "--slug", "belfort"));
        var services = Write("services.json", $"[{ServiceJson("dora--v1", "dora--s1")}, {ServiceJson("dora--v2", "dora--inconnue")}]");
        var structures = Write("structures.json", $"[{StructureJson("dora--s1")}]");

        var code = await Run("import-data-inclusion", "--cite", "belfort", structures, services);

        Assert.Equal(CommandLine.Failure, code);
        var error = _error.ToString();
        Assert.Contains("Import refusé : 1 enregistrement(s) refusé(s). Rien n'a été importé.", error, StringComparison.Ordinal);
        Assert.Contains("services.json, élément n° 2 (index 1) (service « dora--v2 ») :", error, StringComparison.Ordinal);
        Assert.Contains("structure inconnue « dora--inconnue »", error, StringComparison.Ordinal);
        Assert.Empty(await StoredServicesAsync());

        var partial = await Run("import-data-inclusion", "--cite", "belfort", structures, services, "--valides-seulement", "oui");

        Assert.Equal(CommandLine.Success, partial);
        Assert.Contains("1 enregistrement(s) refusé(s)", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal("dora--v1", Assert.Single(await StoredServicesAsync()).ExternalId);
    }

    private async Task<IReadOnlyList<CiteEmploi.Domain.Cites.Qpv>> StoredQpvsAsync(string slug)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(Database.ConnectionString).Options;
        await using var db = new AppDbContext(options);
        return (await db.Cites.AsNoTracking().SingleAsync(c => c.Slug == slug)).Qpvs;
    }

    [Fact]
    public async Task ImportQpvs_SetsTheCitesQpvsAndPositions_OrNothingWhenALineIsRefused()
    {
        Assert.Equal(CommandLine.Success, await Run("create-cite", "--name", "Cité de Saint-Denis", "--slug", "saint-denis"));
        var good = Write("qpv.csv", "code;nom;latitude;longitude\r\nQN09301M;Franc-Moisin Bel-Air;48,9290;2,3650\r\nQN09302M;Pont de Pierre;;\r\n");

        Assert.Equal(CommandLine.Success, await Run("import-qpvs", "--cite", "saint-denis", good));

        Assert.Contains("2 QPV enregistrés pour « saint-denis », dont 1 avec leur position.", _output.ToString(), StringComparison.Ordinal);
        var stored = await StoredQpvsAsync("saint-denis");
        Assert.Equal([new("QN09301M", "Franc-Moisin Bel-Air", 48.929, 2.365), new("QN09302M", "Pont de Pierre")], stored);

        var bad = Write("qpv-mauvais.csv", "code,nom,latitude,longitude\nQN09303M,Allende,40.4168,-3.7038\nXX1,Sans code,,\nQN09304M,,48.9,2.4\n");

        Assert.Equal(CommandLine.Failure, await Run("import-qpvs", "--cite", "saint-denis", bad));

        var error = _error.ToString();
        Assert.Contains("Ligne 2 : la position 40.4168, -3.7038 est hors de France.", error, StringComparison.Ordinal);
        Assert.Contains("Ligne 3 : code QPV inconnu « XX1 »", error, StringComparison.Ordinal);
        Assert.Contains("Ligne 4 : le nom du quartier manque.", error, StringComparison.Ordinal);
        Assert.Contains("Rien n'a changé.", error, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredQpvsAsync("saint-denis"));
        Assert.Equal(CommandLine.Failure, await Run("import-qpvs", "--cite", "inconnue", good));
        Assert.Contains("Aucune Cité n'a l'identifiant « inconnue ».", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OfMalformedJson_Returns1NamingTheLine()
    {
        Assert.Equal(CommandLine.Success, await Run("create-cite", "--name", "Cité de Belfort", "--slug", "belfort"));
        var structures = Write("structures.json", "[\n{\"source\": \"dora\",\n\"id\": }\n]");

        var code = await Run("import-data-inclusion", "--cite", "belfort", structures, Write("services.json", "[]"));

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains("structures.json : JSON mal formé ligne 3", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_IntoAnUnknownCite_Returns1()
    {
        var code = await Run("import-data-inclusion", "--cite", "nulle-part", PathOf("structures.json"), PathOf("services.json"));

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains("Aucune Cité n'a l'identifiant « nulle-part »", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithOneFile_Returns2WithTheUsage()
    {
        var code = await Run("import-data-inclusion", "--cite", "belfort", PathOf("structures.json"));

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("Indiquez deux fichiers", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("import-data-inclusion --cite <identifiant>", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherVerbs_StillRefuseStrayArguments()
    {
        var code = await Run("create-cite", "--name", "Cité", "fichier.json");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("Argument inattendu : « fichier.json »", _error.ToString(), StringComparison.Ordinal);
    }
}
