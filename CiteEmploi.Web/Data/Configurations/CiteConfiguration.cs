using CiteEmploi.Domain.Cites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class CiteConfiguration : IEntityTypeConfiguration<Cite>
{
    public void Configure(EntityTypeBuilder<Cite> builder)
    {
        builder.ToTable("Cites");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.Name).HasMaxLength(Cite.NameMaxLength).IsRequired();
        builder.Property(c => c.NormalizedName).HasMaxLength(Cite.NameMaxLength).IsRequired();
        builder.HasIndex(c => c.NormalizedName).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(Cite.SlugMaxLength).IsRequired();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.TerritoryName).HasMaxLength(Cite.TerritoryMaxLength).IsRequired();
        builder.Property(c => c.BudgetAmount).HasPrecision(14, 2);
        builder.Ignore(c => c.IsArchived);
        builder.Ignore(c => c.CoFundedAmount);
        builder.Ignore(c => c.DomainEvents);

        // Value objects without identity of their own: stored as JSON documents in the Cité's row.
        builder.ComplexCollection(c => c.Qpvs, q => q.ToJson());
        builder.ComplexCollection(c => c.CoFunders, f => f.ToJson());
        builder.OwnsOne(c => c.Coordinator, o =>
        {
            o.Property(x => x.Name).HasColumnName("CoordinatorName").HasMaxLength(Cite.ContactNameMaxLength);
            o.Property(x => x.Email).HasColumnName("CoordinatorEmail").HasMaxLength(Cite.EmailMaxLength);
            o.Property(x => x.Phone).HasColumnName("CoordinatorPhone").HasMaxLength(Cite.PhoneMaxLength);
        });
    }
}
