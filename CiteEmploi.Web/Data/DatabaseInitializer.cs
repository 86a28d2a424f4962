using CiteEmploi.Web.Features.Annuaire.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CiteEmploi.Web.Data;

/// <summary>
/// Creates the data folder, applies pending migrations (never EnsureCreated) and, on SQLite, switches to WAL; on
/// PostgreSQL, creates the server's own search index file (decision 0032).
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<AppDbContext> factory, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.DataFolder);
        var file = options.DatabaseFile;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            // a new PostgreSQL database and its migrations' history are created first, quietly: asking a missing one
            // for its migrations logs errors (a connection refused, then a missing table)
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
            {
                logger.LogInformation("Création de la base {Database}.", options.Description);
                await creator.CreateAsync(cancellationToken);
            }
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Application de {Count} migration(s) : {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (await PrepareSearchIndexAsync(options, cancellationToken) is { } mode)
        {
            logger.LogWarning("SQLite n'a pas pu passer en mode WAL (mode actuel : {Mode}).", mode);
        }
    }

    /// <summary>
    /// Switches the SQLite database that holds the directory's search index to WAL and, on PostgreSQL (where that
    /// database is this server's own file), creates the index's tables. Returns the journal mode when WAL was refused.
    /// </summary>
    public static async Task<string?> PrepareSearchIndexAsync(DatabaseOptions options, CancellationToken cancellationToken = default)
    {
        // WAL lets readers go on while a writer commits, and survives a killed process without losing committed data.
        await using var connection = new SqliteConnection(options.SearchIndexConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            // on SQLite the migrations create the index's tables; elsewhere the index is this server's own file
            command.CommandText = DirectorySearchIndex.CreateTableSql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) ? null : mode;
    }
}
