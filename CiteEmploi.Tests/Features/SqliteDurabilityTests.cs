using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CiteEmploi.Tests.Features;

/// <summary><c>CiteEmploi:Database:Synchronous</c> reaches every connection the app opens (decision 0009).</summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class SqliteDurabilityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ByDefault_EveryContextRunsInWalWithNormalSync()
    {
        var factory = fixture.App.Get<IDbContextFactory<AppDbContext>>();
        for (var i = 0; i < 3; i++) // pooled connections are opened again: the setting must hold on each
        {
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(1L, await ScalarAsync(db, "PRAGMA synchronous;")); // 1 = NORMAL
            Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode;"));
        }
    }

    [Fact]
    public async Task Full_WhenConfigured_ForConnectionsOpenedByTheAppItself()
    {
        var options = DatabaseOptions.From(Settings(("CiteEmploi:DataFolder", Path.GetTempPath()), ("CiteEmploi:Database:Synchronous", "full")));
        Assert.Equal(SqliteSynchronous.Full, options.Synchronous);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:" }.ToString());
        await connection.OpenAsync();
        await options.ApplyToAsync(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(2L, await command.ExecuteScalarAsync()); // 2 = FULL
    }

    [Fact]
    public void UnknownValue_IsRefusedAtStart_InFrench()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseOptions.From(Settings(("CiteEmploi:DataFolder", Path.GetTempPath()), ("CiteEmploi:Database:Synchronous", "off"))));
        Assert.Contains("les valeurs possibles sont Normal et Full", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static async Task<object?> ScalarAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
