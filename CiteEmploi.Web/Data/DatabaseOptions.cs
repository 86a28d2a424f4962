using Microsoft.Data.Sqlite;

namespace CiteEmploi.Web.Data;

/// <summary>
/// Where the database lives. <c>ConnectionStrings:Default</c> wins when set; otherwise the SQLite file
/// <c>citeemploi.db</c> in the data folder: <c>CiteEmploi:DataFolder</c> (environment: <c>CiteEmploi__DataFolder</c>),
/// by default the user's local application data folder (<c>~/.local/share/CiteEmploi</c> on Linux).
/// </summary>
public sealed record DatabaseOptions(string ConnectionString, string DataFolder)
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
        return new DatabaseOptions(connectionString, dataFolder);
    }

    /// <summary>The database file, for messages.</summary>
    public string DatabaseFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;
}
