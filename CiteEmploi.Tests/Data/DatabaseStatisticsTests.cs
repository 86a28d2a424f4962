using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Cites;
using Microsoft.Data.Sqlite;
using static CiteEmploi.Tests.Features.Annuaire.DataInclusion.DataInclusionSamples;

namespace CiteEmploi.Tests.Data;

/// <summary>SQLite's planner gets its statistics at start-up and after each directory import (docs/benchmarks.md, directory-near).</summary>
public sealed class DatabaseStatisticsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(fixture.App.Get<DatabaseOptions>().SearchIndexConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The number of rows SQLite's statistics give the Services table's (CiteId, Status, UpdatedOn) index; null without statistics.</summary>
    private async Task<long?> ServicesRowsInStatisticsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stat FROM sqlite_stat1 WHERE tbl = 'Services' AND idx = 'IX_Services_CiteId_Status_UpdatedOn'";
        return await command.ExecuteScalarAsync() is string stat ? long.Parse(stat.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<long> ServicesRowsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Services";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task TheAppsDatabase_HasStatisticsFromItsStart()
    {
        _ = fixture.App.BaseUrl; // started: migrations applied, then the statistics
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    private async Task<ImportReport> ImportAsync(int count)
    {
        var cites = fixture.App.Get<CiteService>();
        var created = await cites.CreateAsync(new CiteProfile { Name = $"Cité des statistiques {Guid.NewGuid():N}", TerritoryName = "Essai", BudgetYear = 2026 });
        Assert.True(created.Succeeded, created.Describe());
        var access = (await cites.OperatorAccessAsync(created.Value!))!;
        var services = Enumerable.Range(1, count).Select(i => ServiceJson($"dora--stat{i}", changes: [("nom", $"\"Service n° {i}\"")]));
        return await fixture.App.Get<DirectoryImporter>().ImportFilesAsync(access, Text("s.json", $"[{StructureJson()}]"),
            Text("v.json", $"[{string.Join(",", services)}]"), ImportMode.AllOrNothing);
    }

    [Fact]
    public async Task AnImport_GathersTheStatisticsAgain_WithItsNewRows()
    {
        var before = await ServicesRowsAsync();
        Assert.NotEqual(before + 12, await ServicesRowsInStatisticsAsync());

        var report = await ImportAsync(12);

        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal(before + 12, await ServicesRowsAsync());
        // gathered after the import's rows were written: the planner counts them
        Assert.Equal(before + 12, await ServicesRowsInStatisticsAsync());
    }

    [Fact]
    public async Task OptimizeAtStartUp_AnalysesADatabaseThatNeverWas()
    {
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(3)).Outcome);
        await using (var connection = await OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DROP TABLE IF EXISTS sqlite_stat1";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Null(await ServicesRowsInStatisticsAsyncOrNullWithoutTable());

        await fixture.App.Get<DatabaseStatistics>().OptimizeAsync();

        Assert.Equal(await ServicesRowsAsync(), await ServicesRowsInStatisticsAsync());
    }

    private async Task<long?> ServicesRowsInStatisticsAsyncOrNullWithoutTable()
    {
        try
        {
            return await ServicesRowsInStatisticsAsync();
        }
        catch (SqliteException)
        {
            return null; // no such table
        }
    }
}
