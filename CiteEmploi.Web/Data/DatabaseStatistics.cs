using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Data;

/// <summary>
/// The statistics SQLite's query planner chooses its plans from (<c>sqlite_stat1</c>). Without them, a page's read of
/// its 20–30 services by id (<c>CiteId = ? AND Status = ? AND Id IN (…)</c>) walked the Cité's index — every row of the
/// Cité — instead of the primary keys: « près de » over 50,000 services took 48–87 ms, 2.5–6.4 ms once analysed
/// (docs/benchmarks.md, directory-near). On PostgreSQL the directory's search index is still SQLite (the server's own
/// file) and gets the same upkeep; PostgreSQL's tables are analysed by <c>ANALYZE</c> after an import, and otherwise by
/// its autovacuum.
/// </summary>
public sealed class DatabaseStatistics(IDbContextFactory<AppDbContext> factory, DatabaseOptions database, ILogger<DatabaseStatistics> logger)
{
    /// <summary>
    /// Rows read per index when analysing (SQLite's advice: 100 to 1,000): 48 ms for a database of 50,000 services, where
    /// an unbounded <c>ANALYZE</c> reads every row.
    /// </summary>
    public const int AnalysisLimit = 400;

    /// <summary>
    /// After a change of size, such as a directory import: statistics gathered again for every table and index, so the
    /// very next search gets the plans fitted to the new rows.
    /// </summary>
    public async Task AnalyzeAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync($"PRAGMA analysis_limit = {AnalysisLimit}; ANALYZE;", cancellationToken);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Services\", \"Structures\";", cancellationToken);
        }
    }

    /// <summary>
    /// At start-up: a database never analysed (a new one, or one from before this upkeep) is analysed; otherwise SQLite's
    /// own <c>PRAGMA optimize</c> checks every table (0x10002) and analyses again only those that changed a lot.
    /// </summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(database.SearchIndexConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'";
        var analysed = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
        await RunAsync(analysed ? $"PRAGMA analysis_limit = {AnalysisLimit}; PRAGMA optimize = 0x10002;" : $"PRAGMA analysis_limit = {AnalysisLimit}; ANALYZE;", cancellationToken);
    }

    // the SQLite database: the workspace's on SQLite, the search index's file on PostgreSQL
    private async Task RunAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(database.SearchIndexConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            // statistics only choose plans: a busy or read-only database still answers, with the plans it had
            logger.LogWarning(e, "Les statistiques de la base n'ont pas pu être mises à jour ({Sql}).", sql);
        }
    }
}
