using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

/// <summary>
/// Referrals (docs/decisions/0035): no foreign key to the structures nor the service, so a referral outlives a
/// structure removed from the directory (it is then shown « structure retirée de l'annuaire »), as counted values do.
/// </summary>
public sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.DomainEvents);
        builder.Property(r => r.ServiceName).HasMaxLength(Referral.NameMaxLength).IsRequired();
        builder.Property(r => r.FreinCode).HasMaxLength(80);
        builder.Property(r => r.Note).HasMaxLength(Referral.NoteMaxLength).IsRequired();
        builder.Property(r => r.RecordedByUserId).HasMaxLength(450);
        builder.Property(r => r.RecordedByName).HasMaxLength(Referral.NameMaxLength).IsRequired();
        // the page and the counts read a Cité's referrals by period
        builder.HasIndex(r => new { r.CiteId, r.Date });
        builder.HasOne<Cite>().WithMany().HasForeignKey(r => r.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
