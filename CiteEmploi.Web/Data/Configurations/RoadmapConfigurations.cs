using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.DomainEvents);
        builder.Property(p => p.Title).HasMaxLength(Plan.TitleMaxLength).IsRequired();
        builder.Property(p => p.CreatedByName).HasMaxLength(Plan.ActorNameMaxLength).IsRequired();
        // Whole cents in an integer column: exact, and summed and compared exactly by SQLite (docs/decisions/0013).
        builder.Property(p => p.Envelope).HasConversion(RoadmapMoney.Cents).HasColumnName("EnvelopeCents");
        builder.HasIndex(p => p.CiteId);
        builder.HasOne<Cite>().WithMany().HasForeignKey(p => p.CiteId).OnDelete(DeleteBehavior.Cascade);

        // Small lists always read with the plan: JSON documents in its row (their limits are the domain's to keep).
        builder.ComplexCollection(p => p.Statuses, s => s.ToJson());
        builder.ComplexCollection(p => p.Decisions, d => d.ToJson());
    }
}

public sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.ToTable("PlanActions");
        builder.HasKey(a => a.Id);
        // Every change bumps the version: two writers racing on one action meet a concurrency error, then the field merge.
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.DomainEvents);
        builder.Ignore(a => a.Content);
        builder.Ignore(a => a.IsDeleted);
        builder.Ignore(a => a.PilotingStructures);
        builder.Property(a => a.Title).HasMaxLength(PlanAction.TitleMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(PlanAction.DescriptionMaxLength).IsRequired();
        builder.Property(a => a.Contact).HasMaxLength(PlanAction.ContactMaxLength).IsRequired();
        builder.Property(a => a.StatusCode).HasMaxLength(Plan.StatusCodeMaxLength).IsRequired();
        builder.Property(a => a.ExternalId).HasMaxLength(PlanAction.ExternalIdMaxLength);
        builder.Property(a => a.CreatedByName).HasMaxLength(Plan.ActorNameMaxLength).IsRequired();
        builder.Property(a => a.EditedByName).HasMaxLength(Plan.ActorNameMaxLength);
        builder.Property(a => a.DeletedByName).HasMaxLength(Plan.ActorNameMaxLength);
        builder.HasIndex(a => new { a.PlanId, a.ParentId, a.Position });
        builder.HasIndex(a => a.PilotStructureId);
        builder.HasIndex(a => a.CiteId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);

        builder.ComplexProperty(a => a.Origin, o => o.ToJson());
        builder.ComplexCollection(a => a.Partners, p => p.ToJson());
        builder.ComplexCollection(a => a.Milestones, m => m.ToJson());
        builder.ComplexCollection(a => a.BudgetLines, b =>
        {
            b.ToJson();
            b.Property(l => l.Planned).HasConversion(RoadmapMoney.Cents);
            b.Property(l => l.Committed).HasConversion(RoadmapMoney.Cents);
            b.Property(l => l.Spent).HasConversion(RoadmapMoney.Cents);
        });
    }
}

public sealed class PlanChangeConfiguration : IEntityTypeConfiguration<PlanChange>
{
    public void Configure(EntityTypeBuilder<PlanChange> builder)
    {
        builder.ToTable("PlanChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        // SQLite cannot compare DateTimeOffset text; as a binary number (UTC here) « changes up to this moment » is a range query.
        builder.Property(c => c.At).HasConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserName).HasMaxLength(Plan.ActorNameMaxLength).IsRequired();
        builder.Property(c => c.Field).HasMaxLength(PlanChange.FieldMaxLength).IsRequired();
        builder.HasIndex(c => new { c.PlanId, c.At });
        builder.HasIndex(c => new { c.ActionId, c.Id });
        builder.HasIndex(c => c.CiteId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Euros stored as whole cents (<see cref="Money.ToCents"/>).</summary>
internal static class RoadmapMoney
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<decimal, long> Cents =
        new(amount => Money.ToCents(amount), cents => Money.FromCents(cents));
}
