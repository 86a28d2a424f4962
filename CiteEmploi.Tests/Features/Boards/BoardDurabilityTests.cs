using System.Collections.Concurrent;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace CiteEmploi.Tests.Features.Boards;

/// <summary>
/// Issue 5's durability promise: an edit acknowledged to its author is stored. The real app runs as a separate process
/// (<see cref="AppProcess"/>: <c>dotnet CiteEmploi.Web.dll</c> from the web project's build output); writers add cards through the hub, whose
/// <c>AddCard</c> answers only after the commit; the process is killed (SIGKILL, no graceful stop) in the middle of
/// the burst, started again on the same data folder, and every acknowledged card must be on the board. Each add carries
/// its client key (<c>AddCardWithKey</c>): the adds cut off by the kill are sent again with their key after the restart,
/// as a client does after a lost answer, and no card may then be there twice (issue 15: 21 duplicates in 15,136 before).
/// </summary>
public sealed class BoardDurabilityTests
{
    private const int Writers = 4;
    private const int KillAfterAcknowledged = 120;
    // two app starts on a 2-core machine that other work may load: generous, the test normally takes under a minute
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task KilledInTheMiddleOfABurst_EveryAcknowledgedCardIsThereAfterRestart()
    {
        using var budget = new CancellationTokenSource(Budget);
        var folder = TestFolders.Create("durabilite");
        var email = $"atelier-{Guid.NewGuid():N}@tests.invalid";
        var (boardId, columnId) = await SeedAsync(folder, email);

        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var unacknowledged = new ConcurrentDictionary<Guid, string>();
        var failedWrites = 0;
        // four writers as fast as the machine goes stand for a whole room: well beyond one person's pace
        var fast = new Dictionary<string, string>
        {
            ["CiteEmploi__Tableaux__Cadence__PerSecond"] = "100000",
            ["CiteEmploi__Tableaux__Cadence__Burst"] = "100000",
        };
        using (var server = await AppProcess.StartAsync(folder, budget.Token, settings: fast))
        {
            var cookies = await HubClients.SignInAsync(server.BaseUrl, email, AppFixture.Password, budget.Token);
            var clients = new List<HubConnection>();
            for (var i = 0; i < Writers; i++)
            {
                clients.Add(await HubClients.ConnectAsync(server.BaseUrl + BoardHub.Path, cookies, cancellationToken: budget.Token));
            }
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = clients.Select((client, writer) => Task.Run(async () =>
            {
                // Each writer keeps one edit in flight until the server dies under it (bounded by the budget).
                for (var n = 0; !budget.IsCancellationRequested; n++)
                {
                    var text = $"Carte {writer}-{n}";
                    var key = Guid.NewGuid();
                    try
                    {
                        var id = await client.InvokeAsync<Guid>("AddCardWithKey", boardId, columnId, text, key, budget.Token);
                        acknowledged[id] = text;
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (Exception)
                    {
                        // the server died under this edit (connection closed, socket error): not acknowledged, maybe stored
                        unacknowledged[key] = text;
                        Interlocked.Increment(ref failedWrites);
                        return;
                    }
                }
            }, budget.Token)).ToArray();

            await enough.Task.WaitAsync(budget.Token);
            server.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), budget.Token);
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
        // the kill landed during the burst: writers were cut off with edits in flight
        Assert.True(failedWrites > 0, "le serveur n'a interrompu aucune écriture en cours");
        Assert.True(acknowledged.Count >= KillAfterAcknowledged);

        using var restarted = await AppProcess.StartAsync(folder, budget.Token);
        var again = await HubClients.SignInAsync(restarted.BaseUrl, email, AppFixture.Password, budget.Token);
        await using var reader = await HubClients.ConnectAsync(restarted.BaseUrl + BoardHub.Path, again, cancellationToken: budget.Token);
        // the writers cut off send their add again with the same key, on the restarted server
        var retried = new Dictionary<Guid, string>();
        foreach (var (key, text) in unacknowledged)
        {
            retried[await reader.InvokeAsync<Guid>("AddCardWithKey", boardId, columnId, text, key, budget.Token)] = text;
        }
        var board = await reader.InvokeAsync<System.Text.Json.JsonElement>("GetBoard", boardId, budget.Token);
        var cards = board.GetProperty("columns").EnumerateArray()
            .SelectMany(c => c.GetProperty("cards").EnumerateArray())
            .Select(c => (Id: c.GetProperty("id").GetGuid(), Text: c.GetProperty("text").GetString()!))
            .ToList();
        var stored = cards.ToDictionary(c => c.Id, c => c.Text);

        var lost = acknowledged.Concat(retried).Where(a => !stored.TryGetValue(a.Key, out var text) || text != a.Value).Select(a => a.Value).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} cartes confirmées perdues sur {acknowledged.Count + retried.Count} : {string.Join(", ", lost.Take(10))}");
        var twice = cards.GroupBy(c => c.Text).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} cartes en double après les nouvelles tentatives : {string.Join(", ", twice.Take(10))}");
        Assert.Equal(acknowledged.Count + retried.Count, cards.Count);
    }

    /// <summary>An installed app (administrator, Cité, one partner, one board) in the folder, then stopped.</summary>
    private static async Task<(Guid Board, Guid Column)> SeedAsync(string folder, string email)
    {
        var fixture = new FolderAppFixture(folder);
        await fixture.InitializeAsync();
        try
        {
            var slug = await fixture.CreateCiteAsync($"Cité durable {Guid.NewGuid():N}"[..24]);
            await fixture.CreatePersonAsync(email, slug, CiteRole.Partenaire);
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(slug))!;
            var boards = fixture.App.Get<BoardService>();
            var created = await boards.CreateAsync(access, BoardKind.Atelier, "Atelier mobilité", null, ["Idées"]);
            Assert.True(created.Succeeded, created.Describe());
            var board = (await boards.GetAsync(access, Guid.Parse(created.Value!)))!;
            return (board.Id, board.Columns[0].Id);
        }
        finally
        {
            await fixture.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
