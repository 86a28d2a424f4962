using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Data;

/// <summary>
/// The workspace's database. Domain events raised by tracked aggregates are handed to the live bus only once the
/// change is committed (ARCHITECTURE.md, principle 5): straight after <c>SaveChanges</c>, or when the surrounding
/// transaction commits; a rolled-back transaction drops them.
/// </summary>
/// <remarks>
/// New migration: <c>EfDesign=true dotnet ef migrations add &lt;Name&gt; --project CiteEmploi.Web --output-dir Data/Migrations</c>
/// (dotnet-ef is in the local tool manifest: <c>dotnet tool restore</c> first).
/// </remarks>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, DomainEventPublisher? publisher = null)
    : DbContext(options)
{
    private readonly List<IDomainEvent> _pendingUntilCommit = [];

    public DbSet<Cite> Cites => Set<Cite>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names, so the database stays readable and reordering an enum breaks nothing.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("Utilisez SaveChangesAsync : les événements doivent être publiés après la validation.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var aggregates = ChangeTracker.Entries<AggregateRoot>()
            .Select(e => e.Entity)
            .Where(a => a.DomainEvents.Count > 0)
            .ToList();
        var events = aggregates.SelectMany(a => a.DomainEvents).ToList();

        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        foreach (var aggregate in aggregates)
        {
            aggregate.ClearDomainEvents();
        }
        if (Database.CurrentTransaction is null)
        {
            publisher?.Publish(events);
        }
        else
        {
            _pendingUntilCommit.AddRange(events);
        }
        return written;
    }

    internal void OnTransactionCommitted()
    {
        var events = _pendingUntilCommit.ToList();
        _pendingUntilCommit.Clear();
        publisher?.Publish(events);
    }

    internal void OnTransactionRolledBack() => _pendingUntilCommit.Clear();
}
