using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features;

/// <summary>
/// A real database, fresh for each test class, built by the app's own migrations (never EnsureCreated), with the same
/// transaction interceptor as the app: a SQLite file, or a PostgreSQL database when the tests run on PostgreSQL
/// (<see cref="TestDatabases"/>; the directory's search index is then a SQLite file of its own, as in the app).
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly string _folder = TestFolders.Create("db");
    private readonly DbContextOptions<AppDbContext>? _sqlite;
    private readonly DbContextOptions<PostgreSqlAppDbContext>? _postgreSql;

    public DatabaseFixture()
    {
        if (TestDatabases.OnPostgreSql)
        {
            ConnectionString = TestDatabases.NewPostgreSqlDatabase("tests");
            var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>().AddInterceptors(new TransactionEventsInterceptor(), new PostgreSqlWriteLocks());
            options.UseCiteEmploiPostgreSql(ConnectionString);
            _postgreSql = options.Options;
        }
        else
        {
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, DatabaseOptions.DatabaseFileName), Pooling = true }.ToString();
            _sqlite = new DbContextOptionsBuilder<AppDbContext>()
                .UseSqlite(ConnectionString)
                .AddInterceptors(new TransactionEventsInterceptor())
                .Options;
        }
        Database = new DatabaseOptions(ConnectionString, _folder, Provider: TestDatabases.Provider);
    }

    /// <summary>The database's connection string (SQLite or PostgreSQL).</summary>
    public string ConnectionString { get; }

    /// <summary>Where the data is, as the app describes it (its search index's connection among others).</summary>
    public DatabaseOptions Database { get; }

    /// <summary>
    /// A context publishing committed events to <paramref name="bus"/> (none when null) through the features' own
    /// handlers; board copies built on the same bus follow it.
    /// </summary>
    public AppDbContext NewContext(ILiveBus? bus = null)
    {
        var publisher = bus is null ? null : new DomainEventPublisher(bus, CommittedEventHandlers());
        return _postgreSql is not null ? new PostgreSqlAppDbContext(_postgreSql, publisher) : new AppDbContext(_sqlite!, publisher);
    }

    /// <summary>Every feature's handler of committed events, as the app registers them (the directory without its search index).</summary>
    public static IReadOnlyList<CommittedEventHandler> CommittedEventHandlers() =>
        [new CiteLiveEvents(), new MemberLiveEvents(), new DirectoryLiveEvents(null), new BoardLiveEvents(), new RoadmapLiveEvents(), new CiteEmploi.Web.Features.Sessions.SessionLiveEvents(),
            new CiteEmploi.Web.Features.Diagnostic.DiagnosticLiveEvents(), new CiteEmploi.Web.Features.Indicators.IndicatorLiveEvents(),
            new CiteEmploi.Web.Features.SelfAssessment.SelfAssessmentLiveEvents(), new CiteEmploi.Web.Features.Referrals.ReferralLiveEvents()];

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        await DatabaseInitializer.PrepareSearchIndexAsync(Database);
    }

    /// <summary>
    /// Stores a fresh demonstration Cité (the demonstration's profile, a unique name) and answers its coordination's
    /// access, for the tests of what the demonstration loads.
    /// </summary>
    public async Task<CiteEmploi.Web.Features.Access.CiteAccess> SeedDemoCiteAsync(DateTimeOffset now)
    {
        var cite = Cite.Create(CiteEmploi.Web.Features.Demo.DemoLoader.Profile(now.Year) with { Name = $"Démo {Guid.NewGuid():N}" }, null, now, isDemonstration: true);
        await using var db = NewContext();
        db.Cites.Add(cite);
        await db.SaveChangesAsync();
        return new CiteEmploi.Web.Features.Access.CiteAccess(cite.Id, cite.Slug, "coord", CiteEmploi.Domain.Members.CiteRole.Coordinateur);
    }

    /// <summary>
    /// Stores two fresh Cités (so a test can try to cross from one to the other) and the accounts named, each once per
    /// database (several tests of a class share it).
    /// </summary>
    public async Task<(Cite A, Cite B)> SeedTwoCitesAsync(params (string Id, string DisplayName)[] accounts)
    {
        var a = Cite.Create(CiteTests.ValidProfile($"Cité A {Guid.NewGuid():N}"), null, DateTimeOffset.UtcNow);
        var b = Cite.Create(CiteTests.ValidProfile($"Cité B {Guid.NewGuid():N}"), null, DateTimeOffset.UtcNow);
        await using var db = NewContext();
        db.Cites.AddRange(a, b);
        foreach (var (id, name) in accounts)
        {
            if (!await db.Users.AnyAsync(u => u.Id == id))
            {
                db.Users.Add(new AppUser { Id = id, UserName = id, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow });
            }
        }
        await db.SaveChangesAsync();
        return (a, b);
    }

    public async Task DisposeAsync()
    {
        if (_postgreSql is not null)
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(ConnectionString);
        }
        using (var connection = new SqliteConnection(Database.SearchIndexConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The app's one-context-per-operation factory, over the test database.</summary>
public sealed class TestDbContextFactory(DatabaseFixture database, ILiveBus? bus = null) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => database.NewContext(bus);
}
