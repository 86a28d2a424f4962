using CiteEmploi.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.Roadmap;

/// <summary>A plan and an action written to and read back from a real SQLite file built by the migrations.</summary>
public sealed class PlanStorageTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task PlanAndAction_RoundTrip_EveryFieldAndEveryCentExactly()
    {
        var (cite, _) = await database.SeedTwoCitesAsync();
        var actor = new PlanActor("coord", "Camille");
        var now = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        var plan = Plan.Create(cite.Id, "Feuille de route", 2025, 2027, 99_999.99m, actor, now);
        plan.Adopt(new DateOnly(2025, 3, 12), "Adoptée.", actor);
        var structure = Guid.NewGuid();
        var references = new PlanReferences(new HashSet<Guid> { structure }, new HashSet<string> { "QN09001M" });
        var action = PlanAction.Add(plan, null, 1024, new PlanActionContent
        {
            Title = "Forum",
            Description = "**gras**",
            PilotStructureId = structure,
            FreinCodes = ["mobilite"],
            PublicCodes = ["demandeurs-emploi"],
            QpvCodes = ["QN09001M"],
            StartDate = new DateOnly(2026, 1, 1),
            DueDate = new DateOnly(2026, 12, 31),
            StatusCode = "en-cours",
            ProgressMode = ProgressMode.Manuel,
            ManualProgress = 42,
            Milestones = [new Milestone(Guid.Empty, "Salle", new DateOnly(2026, 2, 1), true)],
            BudgetLines = [new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 0.01m, 12_345_678.91m, 0.1m)],
            ExternalId = "X-1",
        }, references, [], new ActionOrigin(OriginKind.Carte, Guid.NewGuid()), actor, now);
        await using (var db = database.NewContext())
        {
            db.Plans.Add(plan);
            db.PlanActions.Add(action);
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        read.CiteScope = cite.Id;
        var storedPlan = await read.Plans.SingleAsync(p => p.Id == plan.Id);
        var stored = await read.PlanActions.SingleAsync(a => a.Id == action.Id);

        Assert.Equal(plan.Snapshot(), storedPlan.Snapshot(), SnapshotComparer<PlanSnapshot>.Instance);
        Assert.Equal(action.Snapshot(), stored.Snapshot(), SnapshotComparer<PlanActionSnapshot>.Instance);
        Assert.Equal(12_345_678.91m, stored.BudgetLines.Single().Committed);
        Assert.Equal(99_999.99m, storedPlan.Envelope);
        var cents = await read.Database.SqlQueryRaw<long>("SELECT \"EnvelopeCents\" AS \"Value\" FROM \"Plans\" WHERE \"Id\" = {0}", plan.Id).SingleAsync();
        Assert.Equal(9_999_999L, cents);
        var lines = await read.Database.SqlQueryRaw<string>("SELECT \"BudgetLines\" AS \"Value\" FROM \"PlanActions\" WHERE \"Id\" = {0}", action.Id).SingleAsync();
        Assert.Contains("1234567891", lines, StringComparison.Ordinal); // cents in the JSON too
    }

    [Fact]
    public async Task Plans_OfAnotherCite_AreInvisibleToAScopedContext()
    {
        var (a, b) = await database.SeedTwoCitesAsync();
        var plan = Plan.Create(a.Id, "FdR A", 2025, 2027, 0m, new PlanActor(null, "Opérateur"), DateTimeOffset.UtcNow);
        await using (var db = database.NewContext())
        {
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
        }
        await using var other = database.NewContext();
        other.CiteScope = b.Id;

        Assert.False(await other.Plans.AnyAsync(p => p.Id == plan.Id));
    }
}

/// <summary>Compares snapshots by their JSON form (their lists are compared item by item).</summary>
internal sealed class SnapshotComparer<T> : IEqualityComparer<T>
{
    public static readonly SnapshotComparer<T> Instance = new();

    public bool Equals(T? x, T? y) =>
        System.Text.Json.JsonSerializer.Serialize(x, PlanHistory.Json) == System.Text.Json.JsonSerializer.Serialize(y, PlanHistory.Json);

    public int GetHashCode(T obj) => 0;
}
