using CiteEmploi.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CiteEmploi.Tests.Data;

/// <summary>The database engine chosen by configuration, and each engine's migrations in step with the model (decision 0032).</summary>
public sealed class DatabaseProviderTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "citeemploi-provider");

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void ByDefault_SqliteInTheDataFolder_WithTheSearchIndexInsideIt()
    {
        var options = DatabaseOptions.From(Settings(("CiteEmploi:DataFolder", Folder)));
        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal(Path.Combine(Folder, DatabaseOptions.DatabaseFileName), options.DatabaseFile);
        Assert.Equal(options.ConnectionString, options.SearchIndexConnectionString);
    }

    [Fact]
    public void PostgreSql_UsesTheConnectionString_AndKeepsTheSearchIndexInTheServersOwnFile()
    {
        var options = DatabaseOptions.From(Settings(
            ("CiteEmploi:DataFolder", Folder),
            ("CiteEmploi:Database:Provider", "postgresql"),
            ("ConnectionStrings:Default", "Host=127.0.0.1;Port=5433;Database=cite;Username=app;Password=secret")));
        Assert.Equal(DatabaseProvider.PostgreSql, options.Provider);
        Assert.Equal(string.Empty, options.DatabaseFile);
        Assert.Equal(Path.Combine(Folder, DatabaseOptions.SearchIndexFileName), new SqliteConnectionStringBuilder(options.SearchIndexConnectionString).DataSource);
        // the start-up banner names the server, never the password
        Assert.Contains("127.0.0.1:5433/cite", options.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", options.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_WithoutAConnectionString_IsRefusedInFrench()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DatabaseOptions.From(Settings(("CiteEmploi:DataFolder", Folder), ("CiteEmploi:Database:Provider", "PostgreSql"))));
        Assert.Contains("ConnectionStrings:Default", refused.Message, StringComparison.Ordinal);
        Assert.Contains("indiquez la connexion", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownProvider_IsRefusedInFrench_NamingThePossibleOnes()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            DatabaseOptions.From(Settings(("CiteEmploi:DataFolder", Folder), ("CiteEmploi:Database:Provider", "mysql"))));
        Assert.Contains("« mysql »", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite et PostgreSql", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EachEngine_HasItsMigrationsInStepWithTheModel()
    {
        // no server needed: the models against each set's last snapshot, as `dotnet ef migrations has-pending-model-changes`
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite : une migration manque (Data/Migrations).");
        Assert.False(postgreSql.Database.HasPendingModelChanges(), "PostgreSQL : une migration manque (Data/PostgreSqlMigrations).");
        Assert.Contains(sqlite.Database.GetMigrations(), m => m.EndsWith("_InitialCites", StringComparison.Ordinal));
        Assert.Contains(postgreSql.Database.GetMigrations(), m => m.EndsWith("_InitialPostgreSql", StringComparison.Ordinal));
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgreSql.Database.GetMigrations()));
        Assert.IsType<NpgsqlConnection>(postgreSql.Database.GetDbConnection());
    }
}
