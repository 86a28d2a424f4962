using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Data;

/// <summary>
/// Where the database lives. <c>ConnectionStrings:Default</c> wins when set; otherwise the SQLite file
/// <c>citeemploi.db</c> in the data folder: <c>CiteEmploi:DataFolder</c> (environment: <c>CiteEmploi__DataFolder</c>),
/// by default the user's local application data folder (<c>~/.local/share/CiteEmploi</c> on Linux).
/// </summary>
public sealed record DatabaseOptions(string ConnectionString, string DataFolder, SqliteSynchronous Synchronous = SqliteSynchronous.Normal)
{
    public const string DatabaseFileName = "citeemploi.db";

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

        var connectionString = configuration.GetConnectionString("Default");
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
            string.IsNullOrWhiteSpace(synchronous) ? SqliteSynchronous.Normal : Enum.Parse<SqliteSynchronous>(synchronous, ignoreCase: true));
    }

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

    /// <summary>The database file, for messages.</summary>
    public string DatabaseFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;
}
