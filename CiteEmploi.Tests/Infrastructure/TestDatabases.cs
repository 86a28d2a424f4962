using CiteEmploi.Web.Data;
using Npgsql;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>
/// Which database the tests run on (decision 0032). SQLite unless <c>CITEEMPLOI_TEST_DATABASE=postgresql</c>; then
/// every database a test makes is a fresh PostgreSQL database on the server named by <c>CITEEMPLOI_TEST_POSTGRES</c>
/// (a connection string; <c>./test.sh</c> starts a throwaway server and runs the database tests a second time on it).
/// </summary>
public static class TestDatabases
{
    /// <summary>A test of SQLite itself (its pragmas, its file): <c>[Trait(Trait, SqliteOnly)]</c>, left out of the PostgreSQL run.</summary>
    public const string Trait = "Database";

    /// <inheritdoc cref="Trait"/>
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>
    /// A test of several servers on one PostgreSQL database: <c>[Trait(Trait, PostgreSqlOnly)]</c>, run only in
    /// <c>./test.sh</c>'s PostgreSQL pass (its first pass leaves them out by this trait; nothing is skipped).
    /// </summary>
    public const string PostgreSqlOnly = "PostgreSqlOnly";

    /// <summary>Fails a PostgreSQL-only test run without PostgreSQL, saying how to run it.</summary>
    public static void RequirePostgreSql()
    {
        if (!OnPostgreSql)
        {
            throw new InvalidOperationException(
                "Ce test demande PostgreSQL : CITEEMPLOI_TEST_DATABASE=postgresql et CITEEMPLOI_TEST_POSTGRES (./test.sh le lance dans son passage sur PostgreSQL).");
        }
    }

    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CITEEMPLOI_TEST_DATABASE"), "postgresql", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    public static bool OnPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>The PostgreSQL server's connection string (its maintenance database).</summary>
    public static string PostgreSqlServer =>
        Environment.GetEnvironmentVariable("CITEEMPLOI_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "CITEEMPLOI_TEST_DATABASE=postgresql demande un serveur : CITEEMPLOI_TEST_POSTGRES=\"Host=127.0.0.1;Port=…;Username=…\" " +
                "(./test.sh en démarre un avec build/test-postgres.sh).");

    /// <summary>A connection string to a new database of the server (the app's migrations create it).</summary>
    public static string NewPostgreSqlDatabase(string prefix) =>
        new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = $"citeemploi_{prefix}_{Guid.NewGuid():N}" }.ToString();

    /// <summary>Drops a database made by <see cref="NewPostgreSqlDatabase"/>, closing what still uses it.</summary>
    public static async Task DropPostgreSqlDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        await using var server = new NpgsqlConnection(PostgreSqlServer);
        await server.OpenAsync();
        await using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The environment of an app started as its own process (<see cref="AppProcess"/>) on PostgreSQL: one database per
    /// data folder, so that a restart on the same folder finds its data (left to the throwaway server's end).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment(string dataFolder)
    {
        if (!OnPostgreSql)
        {
            return new Dictionary<string, string>();
        }
        return new Dictionary<string, string>
        {
            ["CiteEmploi__Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Default"] = FolderDatabase(dataFolder),
        };
    }

    /// <summary>
    /// A read-only look at the data of an app that ran on <paramref name="dataFolder"/> (after a kill, say), opened: its
    /// SQLite file, or the folder's PostgreSQL database. Queries quote their names (<c>"PlanChanges"</c>) for both.
    /// </summary>
    public static System.Data.Common.DbConnection OpenFolderDatabase(string dataFolder)
    {
        System.Data.Common.DbConnection connection = OnPostgreSql
            ? new NpgsqlConnection(FolderDatabase(dataFolder))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataFolder, DatabaseOptions.DatabaseFileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>The PostgreSQL database that goes with a data folder (the same each time: an app restarted on the folder finds its data).</summary>
    public static string FolderDatabase(string dataFolder) =>
        new NpgsqlConnectionStringBuilder(PostgreSqlServer)
        {
            Database = "citeemploi_folder_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataFolder)))[..24].ToLowerInvariant(),
        }.ToString();

    /// <summary>
    /// The in-process app's settings on PostgreSQL: a new database, or the data folder's when the test names the folder
    /// (an app started again on it); none on SQLite (the app's file in its data folder).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> AppSettings(string? dataFolder) => OnPostgreSql
        ? new Dictionary<string, string?>
        {
            ["CiteEmploi:Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings:Default"] = dataFolder is null ? NewPostgreSqlDatabase("app") : FolderDatabase(dataFolder),
        }
        : new Dictionary<string, string?>();
}
