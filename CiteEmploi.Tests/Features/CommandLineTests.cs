using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Cli;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CiteEmploi.Tests.Features;

/// <summary>
/// The command line builds its own host, configured from environment variables like the real binary. These tests set
/// process-wide variables, so they run alone: after every parallel collection, never beside another host.
/// </summary>
[CollectionDefinition("CommandLine", DisableParallelization = true)]
public sealed class CommandLineCollection;

[Collection("CommandLine")]
public sealed class CommandLineTests : IDisposable
{
    private const string DataFolderVariable = "CiteEmploi__DataFolder";
    private const string ConnectionStringVariable = "ConnectionStrings__Default";

    private readonly string? _previousDataFolder = Environment.GetEnvironmentVariable(DataFolderVariable);
    private readonly string? _previousConnectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"citeemploi-cli-{Guid.NewGuid():N}", "donnees");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public CommandLineTests()
    {
        // the data folder does not exist yet: the command must create it
        Environment.SetEnvironmentVariable(DataFolderVariable, _dataFolder);
        Environment.SetEnvironmentVariable(ConnectionStringVariable, null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataFolderVariable, _previousDataFolder);
        Environment.SetEnvironmentVariable(ConnectionStringVariable, _previousConnectionString);
        using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        var root = Path.GetDirectoryName(_dataFolder)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        _output.Dispose();
        _error.Dispose();
    }

    /// <summary>The database the command line resolves for this test's data folder, computed the app's own way.</summary>
    private DatabaseOptions Database => DatabaseOptions.From(
        new ConfigurationBuilder().AddInMemoryCollection([new("CiteEmploi:DataFolder", _dataFolder)]).Build());

    private Task<int> Run(params string[] args) => CommandLine.RunAsync(args, _output, _error);

    private async Task<List<Cite>> StoredCitesAsync()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(Database.ConnectionString).Options;
        await using var db = new AppDbContext(options);
        return await db.Cites.AsNoTracking().ToListAsync();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ReturnsZeroAndPrintsFrenchUsageOfEveryVerb(string flag)
    {
        var code = await Run(flag);

        Assert.Equal(CommandLine.Success, code);
        var text = _output.ToString();
        Assert.Contains("Utilisation : dotnet run --project CiteEmploi.Web -- <commande> [options]", text);
        Assert.Contains("create-cite --name <nom>", text);
        Assert.Contains("crée une Cité", text);
        Assert.Contains("load-demo", text);
        Assert.Contains("charge la Cité de démonstration", text);
        Assert.Empty(_error.ToString());
        Assert.False(Directory.Exists(_dataFolder)); // help touches no database
    }

    [Fact]
    public async Task VerbHelp_ReturnsZeroAndPrintsThatVerbsUsage()
    {
        var code = await Run("create-cite", "--help");

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("create-cite --name <nom> [--slug <identifiant>]", _output.ToString());
        Assert.False(Directory.Exists(_dataFolder));
    }

    [Fact]
    public async Task UnknownVerb_Returns2WithFrenchMessageAndHelp()
    {
        var code = await Run("supprimer-tout");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("Commande inconnue : « supprimer-tout ».", _error.ToString());
        Assert.Contains("create-cite", _error.ToString());
        Assert.False(Directory.Exists(_dataFolder));
    }

    [Fact]
    public async Task NoArguments_Returns2WithHelp()
    {
        var code = await Run();

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("load-demo", _error.ToString());
    }

    [Fact]
    public async Task CreateCite_WithoutName_Returns2AndCreatesNothing()
    {
        var code = await Run("create-cite", "--territoire", "Belfort");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("L'option --name est obligatoire.", _error.ToString());
        Assert.Contains("Utilisation : create-cite --name <nom>", _error.ToString());
        Assert.Empty(await StoredCitesAsync());
    }

    [Fact]
    public async Task CreateCite_WithNameMissingItsValue_Returns2()
    {
        var code = await Run("create-cite", "--name", "--slug", "belfort");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("L'option --name attend une valeur.", _error.ToString());
    }

    [Fact]
    public async Task CreateCite_WithStrayArgument_Returns2()
    {
        var code = await Run("create-cite", "Belfort");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("Argument inattendu : « Belfort ».", _error.ToString());
    }

    [Fact]
    public async Task CreateCite_WithUnknownPerimeter_Returns2AndCreatesNothing()
    {
        var code = await Run("create-cite", "--name", "Cité de Belfort", "--perimetre", "region");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("Périmètre inconnu « region »", _error.ToString());
        Assert.Empty(await StoredCitesAsync());
    }

    [Fact]
    public async Task CreateCite_WithInvalidSlug_Returns1WithFrenchMessage()
    {
        var code = await Run("create-cite", "--name", "X", "--slug", "Bad Slug");

        Assert.Equal(CommandLine.Failure, code);
        var error = _error.ToString();
        Assert.Contains("La Cité n'a pas été créée", error);
        Assert.Contains("- L'identifiant court ne peut contenir que des lettres minuscules sans accent", error);
        Assert.Empty(_output.ToString());
        Assert.Empty(await StoredCitesAsync());
    }

    [Fact]
    public async Task CreateCite_WithValidArguments_Returns0AndStoresTheCite()
    {
        var code = await Run("create-cite", "--name", "  Cité de l'emploi de Belfort ", "--territoire", "Grand Belfort", "--perimetre", "EPCI");

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("Cité « Cité de l'emploi de Belfort » créée : identifiant court « cite-de-l-emploi-de-belfort », adresse /c/cite-de-l-emploi-de-belfort", _output.ToString());
        Assert.Empty(_error.ToString());
        Assert.True(File.Exists(Path.Combine(_dataFolder, DatabaseOptions.DatabaseFileName)));
        var cite = Assert.Single(await StoredCitesAsync());
        Assert.Equal("Cité de l'emploi de Belfort", cite.Name);
        Assert.Equal("cite-de-l-emploi-de-belfort", cite.Slug);
        Assert.Equal("Grand Belfort", cite.TerritoryName);
        Assert.Equal(PerimeterType.Epci, cite.PerimeterType);
        Assert.Equal(DateTime.Now.Year, cite.BudgetYear);
        Assert.False(cite.IsDemonstration);
    }

    [Fact]
    public async Task CreateCite_WithExplicitSlugAndDefaults_UsesTheNameAsTerritoryAndCommuneAsPerimeter()
    {
        var code = await Run("create-cite", "--name", "Cité de Lure", "--slug", "lure");

        Assert.Equal(CommandLine.Success, code);
        var cite = Assert.Single(await StoredCitesAsync());
        Assert.Equal("lure", cite.Slug);
        Assert.Equal("Cité de Lure", cite.TerritoryName);
        Assert.Equal(PerimeterType.Commune, cite.PerimeterType);
    }

    [Fact]
    public async Task CreateCite_TwiceWithTheSameName_Returns1TheSecondTime()
    {
        Assert.Equal(CommandLine.Success, await Run("create-cite", "--name", "Cité de Belfort"));

        var code = await Run("create-cite", "--name", "cite de BELFORT");

        Assert.Equal(CommandLine.Failure, code);
        Assert.Contains("Une Cité porte déjà ce nom", _error.ToString());
        Assert.Single(await StoredCitesAsync());
    }

    [Fact]
    public async Task LoadDemo_Twice_Returns0BothTimesAndSaysItIsAlreadyLoaded()
    {
        var first = await Run("load-demo");
        var firstOutput = _output.ToString();
        _output.GetStringBuilder().Clear();
        var second = await Run("load-demo");

        Assert.Equal(CommandLine.Success, first);
        Assert.Equal(CommandLine.Success, second);
        Assert.Contains("est chargée (données et comptes fictifs)", firstOutput);
        Assert.Contains("est déjà chargée (adresse : /c/demo)", _output.ToString());
        Assert.Empty(_error.ToString());
        var demo = Assert.Single(await StoredCitesAsync());
        Assert.Equal(DemoLoader.Slug, demo.Slug);
        Assert.True(demo.IsDemonstration);
        Assert.Equal(2, demo.Qpvs.Count);
    }
}

/// <summary>Which arguments are verbs; pure, so not in the serial collection.</summary>
public class CommandLineVerbDetectionTests
{
    [Theory]
    [InlineData(new[] { "create-cite", "--name", "X" }, true)]
    [InlineData(new[] { "load-demo" }, true)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "help" }, true)]
    [InlineData(new[] { "inconnu" }, true)] // reported as an unknown verb rather than starting the server
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://localhost:5000" }, false)]
    [InlineData(new[] { "urls=http://localhost:5000" }, false)]
    [InlineData(new[] { "--environment=Development" }, false)]
    public void IsVerb_TellsVerbsFromHostSettings(string[] args, bool expected) =>
        Assert.Equal(expected, CommandLine.IsVerb(args));
}
