using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.SeveralServers;

/// <summary>
/// Two app servers on one PostgreSQL database, each with its own data folder (its own copy of the search index): what
/// one commits reaches the other's live subscribers, caches and search index through the backplane (decision 0032).
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.PostgreSqlOnly)]
public sealed class SeveralServersTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly string _database = TestDatabases.OnPostgreSql ? TestDatabases.NewPostgreSqlDatabase("servers") : string.Empty;
    private CiteEmploiApp? _a;
    private CiteEmploiApp? _b;

    private CiteEmploiApp A => _a!;

    private CiteEmploiApp B => _b!;

    public async Task InitializeAsync()
    {
        TestDatabases.RequirePostgreSql();
        var shared = new Dictionary<string, string?>
        {
            ["CiteEmploi:Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings:Default"] = _database,
        };
        _a = new CiteEmploiApp(settings: shared);
        await A.Get<PostgreSqlBackplane>().Listening.WaitAsync(Within);
        _b = new CiteEmploiApp(settings: shared);
        await B.Get<PostgreSqlBackplane>().Listening.WaitAsync(Within);
    }

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
        if (TestDatabases.OnPostgreSql)
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(_database);
        }
    }

    private async Task<(CiteAccess OnA, CiteAccess OnB)> NewCiteAsync()
    {
        var created = await A.Get<CiteService>().CreateAsync(CiteTests.ValidProfile($"Cité partagée {Guid.NewGuid():N}"[..30]));
        Assert.True(created.Succeeded, created.Describe());
        return ((await A.Get<CiteService>().OperatorAccessAsync(created.Value!))!, (await B.Get<CiteService>().OperatorAccessAsync(created.Value!))!);
    }

    /// <summary>The first message of <typeparamref name="T"/> on a topic of <paramref name="app"/>'s bus.</summary>
    private static (Task<T> Message, IDisposable Subscription) Await<T>(CiteEmploiApp app, string topic)
    {
        var received = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = app.Get<ILiveBus>().Subscribe(topic, batch =>
        {
            if (batch.OfType<T>().FirstOrDefault() is { } message)
            {
                received.TrySetResult(message);
            }
            return Task.CompletedTask;
        });
        return (received.Task.WaitAsync(Within), subscription);
    }

    [Fact]
    public async Task ACardAddedOnOneServer_ReachesTheOtherServersSubscribers_AndItsBoardCopy()
    {
        var (onA, onB) = await NewCiteAsync();
        var created = await A.Get<BoardService>().CreateAsync(onA, BoardKind.Atelier, "Atelier mobilité", null, ["Idées"]);
        Assert.True(created.Succeeded, created.Describe());
        var boardId = Guid.Parse(created.Value!);
        // server B reads the board first: its shared copy must follow what A changes
        var before = (await B.Get<BoardService>().GetAsync(onB, boardId))!;
        Assert.Empty(before.Cards);

        var (message, subscription) = Await<CardAdded>(B, LiveTopics.Board(boardId));
        using (subscription)
        {
            var added = await A.Get<BoardService>().AddCardAsync(onA, boardId, before.Columns[0].Id, new CardContent("Un garage solidaire"));
            Assert.True(added.Succeeded, added.Describe());
            var received = await message;
            Assert.Equal(Guid.Parse(added.Value!), received.CardId);
            Assert.Equal("Un garage solidaire", received.Text);
        }

        var after = (await B.Get<BoardService>().GetAsync(onB, boardId))!;
        Assert.Equal("Un garage solidaire", Assert.Single(after.Cards).Text);
    }

    [Fact]
    public async Task AServicePublishedOnOneServer_IsFoundBySearchOnTheOther_ThroughItsOwnIndex()
    {
        var (onA, onB) = await NewCiteAsync();
        var query = new DirectoryQuery("zébulon", SearchFilters.None);
        Assert.Equal(0, (await B.Get<DirectorySearch>().SearchAsync(onB, query)).Total);

        var (message, subscription) = Await<ServicePublished>(B, LiveTopics.Directory(onB.CiteId));
        using (subscription)
        {
            var directory = A.Get<DirectoryService>();
            var structure = await directory.CreateStructureAsync(onA, new StructureDetails
            {
                Name = "Crèche Les Petits Pas",
                Address = new PostalAddress { Commune = "Valmont", Postcode = "90000", InseeCode = "90010" },
            });
            Assert.True(structure.Succeeded, structure.Describe());
            var service = await directory.CreateServiceAsync(onA, Guid.Parse(structure.Value!), new ServiceDetails
            {
                Name = "Crèche Zébulon",
                Description = "Des places d'accueil pour les enfants de parents qui cherchent un emploi.",
                Thematiques = ["famille--garde-denfants"],
                Publics = ["familles"],
                Frais = "gratuit",
            }, publish: true);
            Assert.True(service.Succeeded, service.Describe());
            await message;
        }

        // B's subscribers are woken once B's own index holds the service
        var found = await B.Get<DirectorySearch>().SearchAsync(onB, query);
        Assert.Equal("Crèche Zébulon", Assert.Single(found.Items).View.Service.Name);
        Assert.NotEqual(A.Get<DatabaseOptions>().SearchIndexConnectionString, B.Get<DatabaseOptions>().SearchIndexConnectionString);
    }

    public sealed record LongNote(string Text);

    [Fact]
    public async Task AMessageLongerThanANotification_IsReadFromTheMessagesTable_AndAServerIgnoresItsOwn()
    {
        var kinds = new LiveMessageKinds([new LiveMessageKind("test.long-note", typeof(LongNote))]);
        var database = new DatabaseOptions(_database, TestFolders.Create("backplane"), Provider: DatabaseProvider.PostgreSql);
        var services = new ServiceCollection().BuildServiceProvider();
        await using var sender = new PostgreSqlBackplane(database, kinds, services, NullLogger<PostgreSqlBackplane>.Instance);
        await using var receiver = new PostgreSqlBackplane(database, kinds, services, NullLogger<PostgreSqlBackplane>.Instance);
        var ownReceived = 0;
        using var own = sender.Receive(_ => Interlocked.Increment(ref ownReceived));
        var received = new List<LongNote>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var other = receiver.Receive(m =>
        {
            lock (received)
            {
                received.Add((LongNote)m.Payload);
                if (received.Count == 2)
                {
                    both.TrySetResult();
                }
            }
        });
        await Task.WhenAll(sender.Listening, receiver.Listening).WaitAsync(Within);

        var longText = string.Concat(Enumerable.Repeat("Une longue note de séance, accentuée : é à ç. ", 400)); // ~19,000 bytes
        sender.Publish(kinds.Wrap("session:notes", new LongNote(longText)));
        sender.Publish(kinds.Wrap("session:notes", new LongNote("courte")));
        await both.Task.WaitAsync(Within);

        // in order, the long one whole
        Assert.Equal([longText, "courte"], received.Select(n => n.Text));
        Assert.Equal(0, ownReceived);
    }

    [Fact]
    public async Task MessagesPublishedWhileAServerIsDeaf_AreReadBackFromTheTable_InOrder_OnceEach()
    {
        var kinds = new LiveMessageKinds([new LiveMessageKind("test.long-note", typeof(LongNote))]);
        var database = new DatabaseOptions(_database, TestFolders.Create("backplane"), Provider: DatabaseProvider.PostgreSql);
        var services = new ServiceCollection().BuildServiceProvider();
        await using var sender = new PostgreSqlBackplane(database, kinds, services, NullLogger<PostgreSqlBackplane>.Instance);
        // a long wait before listening again: the messages below are surely published while it is deaf
        await using var receiver = new PostgreSqlBackplane(database, kinds, services, NullLogger<PostgreSqlBackplane>.Instance) { Retry = TimeSpan.FromSeconds(5) };
        var received = new List<string>();
        var four = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var other = receiver.Receive(m =>
        {
            lock (received)
            {
                received.Add(((LongNote)m.Payload).Text);
                if (received.Count == 4)
                {
                    four.TrySetResult();
                }
            }
        });
        using var own = sender.Receive(_ => { });
        await Task.WhenAll(sender.Listening, receiver.Listening).WaitAsync(Within);
        sender.Publish(kinds.Wrap("t", new LongNote("avant")));
        await WaitUntilAsync(() => { lock (received) { return received.Count == 1; } });

        // the database ends the receiver's connections (as a restart or a network cut would)
        await using (var admin = new Npgsql.NpgsqlConnection(_database))
        {
            await admin.OpenAsync();
            await using var cut = admin.CreateCommand();
            cut.CommandText = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name";
            cut.Parameters.AddWithValue("name", PostgreSqlBackplane.ApplicationNamePrefix + receiver.Origin);
            await cut.ExecuteNonQueryAsync();
            await WaitUntilAsync(async () =>
            {
                await using var left = admin.CreateCommand();
                left.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name";
                left.Parameters.AddWithValue("name", PostgreSqlBackplane.ApplicationNamePrefix + receiver.Origin);
                return (long)(await left.ExecuteScalarAsync())! == 0;
            });
        }
        var longText = string.Concat(Enumerable.Repeat("Pendant la coupure, une longue note. ", 400));
        sender.Publish(kinds.Wrap("t", new LongNote("pendant 1")));
        sender.Publish(kinds.Wrap("t", new LongNote(longText)));
        sender.Publish(kinds.Wrap("t", new LongNote("pendant 3")));

        await four.Task.WaitAsync(Within);
        Assert.Equal(3, receiver.Replayed);
        sender.Publish(kinds.Wrap("t", new LongNote("après")));
        await WaitUntilAsync(() => { lock (received) { return received.Count == 5; } });
        lock (received)
        {
            Assert.Equal(["avant", "pendant 1", longText, "pendant 3", "après"], received);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "La condition attendue n'est pas venue.");
            await Task.Delay(50);
        }
    }
}
