using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Domain;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features;

/// <summary>Commit, then broadcast (ARCHITECTURE.md, principle 5), on a real SQLite file built by the migrations.</summary>
public sealed class CommittedEventsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(500);

    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private readonly List<IDisposable> _subscriptions = [];

    private static Cite NewCite(string name) => Cite.Create(CiteTests.ValidProfile(name), null, DateTimeOffset.UtcNow);

    private BusRecorder Listen(string topic)
    {
        var recorder = new BusRecorder();
        _subscriptions.Add(_bus.Subscribe(topic, recorder.Handle));
        return recorder;
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private async Task<bool> IsStoredAsync(Guid id)
    {
        await using var other = database.NewContext();
        return await other.Cites.AnyAsync(c => c.Id == id);
    }

    [Fact]
    public async Task SaveChanges_OfNewCite_PublishesCiteCreatedOnTheListAndOnItsOwnTopicAfterCommit()
    {
        var cite = NewCite("Cité de l'emploi de Lure");
        var list = new BusRecorder();
        var storedWhenReceived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _subscriptions.Add(_bus.Subscribe(LiveTopics.CiteList, async batch =>
        {
            // another connection must already see the row: the event follows the commit, never precedes it
            storedWhenReceived.TrySetResult(await IsStoredAsync(cite.Id));
            await list.Handle(batch);
        }));
        var own = Listen(LiveTopics.Cite(cite.Id));

        await using (var db = database.NewContext(_bus))
        {
            db.Cites.Add(cite);
            await db.SaveChangesAsync();
        }

        await list.WaitForCountAsync(1);
        await own.WaitForCountAsync(1);
        Assert.True(await storedWhenReceived.Task.WaitAsync(BusRecorder.Arrival));
        var created = Assert.IsType<CiteCreated>(Assert.Single(list.All));
        Assert.Equal(new CiteCreated(cite.Id, "cite-de-l-emploi-de-lure", "Cité de l'emploi de Lure"), created);
        Assert.Equal([created], own.All);
        Assert.Empty(cite.DomainEvents);
    }

    [Fact]
    public async Task SaveChanges_InsideExplicitTransaction_PublishesNothingUntilCommit()
    {
        var list = Listen(LiveTopics.CiteList);
        var cite = NewCite("Cité de l'emploi d'Héricourt");
        await using var db = database.NewContext(_bus);

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Cites.Add(cite);
        await db.SaveChangesAsync();
        await list.AssertNothingMoreAsync(Silence);

        await transaction.CommitAsync();

        await list.WaitForCountAsync(1);
        Assert.Equal(cite.Id, Assert.IsType<CiteCreated>(Assert.Single(list.All)).CiteId);
    }

    [Fact]
    public async Task SaveChanges_SeveralTimesInOneTransaction_PublishesEverythingInOrderAtCommit()
    {
        var cite = NewCite("Cité de l'emploi de Delle");
        var own = Listen(LiveTopics.Cite(cite.Id));
        await using var db = database.NewContext(_bus);

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Cites.Add(cite);
        await db.SaveChangesAsync();
        cite.Rename("Cité de l'emploi de Delle et environs");
        await db.SaveChangesAsync();
        await own.AssertNothingMoreAsync(Silence);
        await transaction.CommitAsync();

        await own.WaitForCountAsync(2);
        Assert.Collection(own.All,
            e => Assert.IsType<CiteCreated>(e),
            e => Assert.IsType<CiteRenamed>(e));
    }

    [Fact]
    public async Task RolledBackTransaction_PublishesNothing()
    {
        var list = Listen(LiveTopics.CiteList);
        var cite = NewCite("Cité de l'emploi de Giromagny");
        await using var db = database.NewContext(_bus);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Cites.Add(cite);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await list.AssertNothingMoreAsync(Silence);
        Assert.False(await IsStoredAsync(cite.Id));
    }

    [Fact]
    public async Task TransactionDisposedWithoutCommit_NeverPublishesItsEvents_EvenAfterALaterCommit()
    {
        var list = Listen(LiveTopics.CiteList);
        var lost = NewCite("Cité de l'emploi de Valdoie");
        var kept = NewCite("Cité de l'emploi de Beaucourt");
        await using var db = database.NewContext(_bus);

        // the usual shape of code that fails half-way: `await using var tx = …; …; await tx.CommitAsync();`
        await using (await db.Database.BeginTransactionAsync())
        {
            db.Cites.Add(lost);
            await db.SaveChangesAsync();
        }
        db.ChangeTracker.Clear();
        await list.AssertNothingMoreAsync(Silence);

        db.Cites.Add(kept);
        await db.SaveChangesAsync();

        await list.WaitForCountAsync(1);
        await list.AssertNothingMoreAsync(Silence);
        Assert.Equal(kept.Id, Assert.IsType<CiteCreated>(Assert.Single(list.All)).CiteId);
        Assert.False(await IsStoredAsync(lost.Id));
    }

    [Fact]
    public async Task FailedSaveChanges_PublishesNothing()
    {
        var list = Listen(LiveTopics.CiteList);
        await using (var setup = database.NewContext())
        {
            setup.Cites.Add(NewCite("Cité de l'emploi de Rougemont"));
            await setup.SaveChangesAsync();
        }
        var duplicate = Cite.Create(CiteTests.ValidProfile("CITÉ DE L'EMPLOI DE ROUGEMONT"), "rougemont-bis", DateTimeOffset.UtcNow);
        await using var db = database.NewContext(_bus);

        db.Cites.Add(duplicate);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await list.AssertNothingMoreAsync(Silence);
    }

    [Fact]
    public async Task SaveChanges_AgainWithoutNewChanges_DoesNotPublishTwice()
    {
        var list = Listen(LiveTopics.CiteList);
        await using var db = database.NewContext(_bus);
        db.Cites.Add(NewCite("Cité de l'emploi de Grandvillars"));
        await db.SaveChangesAsync();
        await list.WaitForCountAsync(1);

        await db.SaveChangesAsync();

        await list.AssertNothingMoreAsync(Silence);
        Assert.Single(list.All);
    }

    [Fact]
    public async Task ProfileUpdate_IsPublishedOnTheCitesTopicOnly_AndArchiveOnBoth()
    {
        var cite = NewCite("Cité de l'emploi de Danjoutin");
        await using (var setup = database.NewContext())
        {
            setup.Cites.Add(cite);
            await setup.SaveChangesAsync();
        }
        var list = Listen(LiveTopics.CiteList);
        var own = Listen(LiveTopics.Cite(cite.Id));
        await using var db = database.NewContext(_bus);
        var loaded = await db.Cites.SingleAsync(c => c.Id == cite.Id);

        loaded.UpdateProfile(loaded.ToProfile() with { BudgetAmount = 1m });
        await db.SaveChangesAsync();
        await own.WaitForCountAsync(1);
        await list.AssertNothingMoreAsync(Silence);

        loaded.Archive(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();

        await own.WaitForCountAsync(2);
        await list.WaitForCountAsync(1);
        Assert.Equal([new CiteProfileUpdated(cite.Id, cite.Slug), new CiteArchived(cite.Id, cite.Slug)], own.All);
        Assert.Equal([new CiteArchived(cite.Id, cite.Slug)], list.All);
    }

    [Fact]
    public async Task SaveChanges_IsRefusedSynchronously_SoEventsCannotBypassTheCommit()
    {
        await using var db = database.NewContext(_bus);
        db.Cites.Add(NewCite("Cité de l'emploi de Bavilliers"));

        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }
}
