using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Data;

/// <summary>Creates the data folder, switches SQLite to WAL and applies pending migrations (never EnsureCreated).</summary>
public sealed class DatabaseInitializer(IDbContextFactory<AppDbContext> factory, DatabaseOptions options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var file = options.DatabaseFile;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Application de {Count} migration(s) : {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        // WAL lets readers go on while a writer commits, and survives a killed process without losing committed data.
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("SQLite n'a pas pu passer en mode WAL (mode actuel : {Mode}).", mode);
        }
    }
}
