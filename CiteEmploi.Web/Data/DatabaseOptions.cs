using Microsoft.Data.Sqlite;
using Npgsql;

namespace CiteEmploi.Web.Data;

/// <summary>Which database engine holds the workspace (<c>CiteEmploi:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file, embedded: the default, for one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several app servers sharing one database (decision 0032).</summary>
    PostgreSql,
}

/// <summary>
/// Where the database lives. <c>CiteEmploi:Database:Provider</c> is <c>Sqlite</c> (the default) or <c>PostgreSql</c>
/// (then <c>ConnectionStrings:Default</c> is required). On SQLite, <c>ConnectionStrings:Default</c> wins when set;
/// otherwise the file <c>citeemploi.db</c> in the data folder: <c>CiteEmploi:DataFolder</c> (environment:
/// <c>CiteEmploi__DataFolder</c>), by default the user's local application data folder (<c>~/.local/share/CiteEmploi</c>
/// on Linux). The directory's search index is SQLite FTS5 in both cases: inside the database on SQLite, in the server's
/// own file <c>search-index.db</c> of its data folder on PostgreSQL (rebuilt from the database when it differs).
/// </summary>
public sealed record DatabaseOptions(string ConnectionString, string DataFolder, SqliteSynchronous Synchronous = SqliteSynchronous.Normal,
    DatabaseProvider Provider = DatabaseProvider.Sqlite)
{
    public const string DatabaseFileName = "citeemploi.db";

    /// <summary>On PostgreSQL, the server's own copy of the directory's search index, in its data folder.</summary>
    public const string SearchIndexFileName = "search-index.db";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var dataFolder = configuration["CiteEmploi:DataFolder"];
        if (string.IsNullOrWhiteSpace(dataFolder))
        {
            dataFolder = Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "CiteEmploi");
        }
        dataFolder = Path.GetFullPath(dataFolder);

        var providerName = configuration["CiteEmploi:Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerName) && !Enum.TryParse(providerName, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"CiteEmploi:Database:Provider vaut « {providerName} » : les valeurs possibles sont Sqlite et PostgreSql.");
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "CiteEmploi:Database:Provider vaut PostgreSql : indiquez la connexion dans ConnectionStrings:Default " +
                "(variable d'environnement ConnectionStrings__Default, par exemple « Host=127.0.0.1;Database=citeemploi;Username=citeemploi »).");
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataFolder, DatabaseFileName),
                Cache = SqliteCacheMode.Default,
                Pooling = true,
            }.ToString();
        }
        var synchronous = configuration["CiteEmploi:Database:Synchronous"];
        if (!string.IsNullOrWhiteSpace(synchronous) && !Enum.TryParse<SqliteSynchronous>(synchronous, ignoreCase: true, out _))
        {
            throw new InvalidOperationException(
                $"CiteEmploi:Database:Synchronous vaut « {synchronous} » : les valeurs possibles sont Normal et Full.");
        }
        return new DatabaseOptions(connectionString, dataFolder,
            string.IsNullOrWhiteSpace(synchronous) ? SqliteSynchronous.Normal : Enum.Parse<SqliteSynchronous>(synchronous, ignoreCase: true),
            provider);
    }

    /// <summary>The SQLite database holding the directory's search index: the database itself on SQLite, the server's own file on PostgreSQL.</summary>
    public string SearchIndexConnectionString => Provider == DatabaseProvider.Sqlite
        ? ConnectionString
        : new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataFolder, SearchIndexFileName), Pooling = true }.ToString();

    private string SynchronousPragma => Synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";

    /// <summary>Sets this durability on a connection the app opened itself (EF Core's go through <see cref="SqliteDurabilityInterceptor"/>).</summary>
    public void ApplyTo(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SynchronousPragma;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc cref="ApplyTo"/>
    public async Task ApplyToAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SynchronousPragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The database file on SQLite (empty on PostgreSQL).</summary>
    public string DatabaseFile => Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : string.Empty;

    /// <summary>Where the data is, for messages: the file, or the PostgreSQL server and database (never the password).</summary>
    public string Description
    {
        get
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                return DatabaseFile;
            }
            var pg = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database} (index de recherche : {Path.Combine(DataFolder, SearchIndexFileName)})";
        }
    }
}
