using System.Linq.Expressions;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Referrals;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Security;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Data;

/// <summary>
/// The workspace's database: Identity's accounts, the Cités and everything they own. Cité-owned rows
/// (<see cref="ICiteOwned"/>) are filtered here, in one place, by <see cref="CiteScope"/>: a context opened for a Cité
/// (<see cref="Features.Access.CiteDbContextFactory"/>) sees only that Cité's rows, and an unscoped one sees none
/// unless the query says <c>IgnoreQueryFilters()</c> on purpose. Domain events raised by tracked aggregates are handed to the live bus only once the
/// change is committed (ARCHITECTURE.md, principle 5): straight after <c>SaveChanges</c>, or when the surrounding
/// transaction commits; a rolled-back transaction drops them.
/// </summary>
/// <remarks>
/// SQLite (the default) uses this type and its migrations in <c>Data/Migrations</c>; PostgreSQL uses
/// <see cref="PostgreSqlAppDbContext"/>, the same model with its own migrations in <c>Data/PostgreSqlMigrations</c>
/// (decision 0032). A model change gets a migration in each set:
/// <c>dotnet ef migrations add &lt;Name&gt; --project CiteEmploi.Web --context AppDbContext --output-dir Data/Migrations</c>, then
/// <c>… --context PostgreSqlAppDbContext --output-dir Data/PostgreSqlMigrations</c>
/// (dotnet-ef is in the local tool manifest: <c>dotnet tool restore</c> first).
/// </remarks>
public class AppDbContext : IdentityUserContext<AppUser>
{
    private readonly DomainEventPublisher? publisher;

    private readonly List<IDomainEvent> _pendingUntilCommit = [];

    public AppDbContext(DbContextOptions<AppDbContext> options, DomainEventPublisher? publisher = null)
        : this((DbContextOptions)options, publisher)
    {
    }

    /// <summary>For a provider's own context type (its migrations are found by that type).</summary>
    protected AppDbContext(DbContextOptions options, DomainEventPublisher? publisher)
        : base(options)
    {
        this.publisher = publisher;
    }

    /// <summary>The Cité this context works for; Cité-owned rows of other Cités are invisible.</summary>
    public Guid? CiteScope { get; internal set; }

    public DbSet<Cite> Cites => Set<Cite>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<Features.Email.UnsentEmail> UnsentEmails => Set<Features.Email.UnsentEmail>();

    public DbSet<Structure> Structures => Set<Structure>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<Board> Boards => Set<Board>();

    public DbSet<Card> Cards => Set<Card>();

    public DbSet<BoardActivity> BoardActivities => Set<BoardActivity>();

    public DbSet<BoardGuestCode> BoardGuestCodes => Set<BoardGuestCode>();

    public DbSet<BoardGuest> BoardGuests => Set<BoardGuest>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanAction> PlanActions => Set<PlanAction>();

    public DbSet<PlanChange> PlanChanges => Set<PlanChange>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<CoverageSettings> CoverageSettings => Set<CoverageSettings>();

    public DbSet<GapFinding> GapFindings => Set<GapFinding>();

    public DbSet<TerritorialFigures> TerritorialFigures => Set<TerritorialFigures>();

    public DbSet<DiagnosticSnapshot> DiagnosticSnapshots => Set<DiagnosticSnapshot>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<PeriodLock> IndicatorPeriodLocks => Set<PeriodLock>();

    public DbSet<LocalIndicator> LocalIndicators => Set<LocalIndicator>();

    public DbSet<Assessment> SelfAssessments => Set<Assessment>();

    public DbSet<ConditionRating> SelfAssessmentRatings => Set<ConditionRating>();

    public DbSet<Referral> Referrals => Set<Referral>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ICiteOwned).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).HasQueryFilter(CiteScopeFilter(entity.ClrType));
        }
    }

    // e => e.CiteId == this.CiteScope, built once per Cité-owned type.
    private LambdaExpression CiteScopeFilter(Type type)
    {
        var e = Expression.Parameter(type, "e");
        var citeId = Expression.Convert(Expression.Property(e, nameof(ICiteOwned.CiteId)), typeof(Guid?));
        var scope = Expression.Property(Expression.Constant(this), nameof(CiteScope));
        return Expression.Lambda(Expression.Equal(citeId, scope), e);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Enums are stored as their names, so the database stays readable and reordering an enum breaks nothing.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    // Synchronous saves are for what raises no domain event (the data-protection key ring on PostgreSQL saves this way).
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AggregateRoot>().Any(e => e.Entity.DomainEvents.Count > 0)
            ? throw new InvalidOperationException("Utilisez SaveChangesAsync : les événements doivent être publiés après la validation.")
            : base.SaveChanges(acceptAllChangesOnSuccess);

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
            await ReleaseAsync(events);
        }
        else
        {
            _pendingUntilCommit.AddRange(events);
        }
        return written;
    }

    /// <summary>
    /// Keeps this context's committed events for <see cref="TakeHeldEvents"/> instead of publishing them: for a writer
    /// that does the features' work before broadcast itself, then hands the events to
    /// <see cref="DomainEventPublisher.Broadcast"/> (the data·inclusion import).
    /// </summary>
    internal bool HoldCommittedEvents { get; set; }

    private readonly List<IDomainEvent> _held = [];

    /// <summary>The committed events held since the last call (<see cref="HoldCommittedEvents"/>).</summary>
    internal IReadOnlyList<IDomainEvent> TakeHeldEvents()
    {
        var held = _held.ToList();
        _held.Clear();
        return held;
    }

    internal Task OnTransactionCommittedAsync()
    {
        var events = _pendingUntilCommit.ToList();
        _pendingUntilCommit.Clear();
        return ReleaseAsync(events);
    }

    internal void OnTransactionRolledBack() => _pendingUntilCommit.Clear();

    private Task ReleaseAsync(List<IDomainEvent> committed)
    {
        if (HoldCommittedEvents)
        {
            _held.AddRange(committed);
            return Task.CompletedTask;
        }
        return publisher?.PublishAsync(committed) ?? Task.CompletedTask;
    }
}
