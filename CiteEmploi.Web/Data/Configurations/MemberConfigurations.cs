using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.DomainEvents);
        builder.HasIndex(m => new { m.CiteId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<CiteEmploi.Domain.Annuaire.Structure>().WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Cite>().WithMany().HasForeignKey(m => m.CiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.DomainEvents);
        builder.Property(i => i.Email).HasMaxLength(Invitation.EmailMaxLength);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(Invitation.EmailMaxLength);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.CiteId);
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450);
        builder.HasOne<Cite>().WithMany().HasForeignKey(i => i.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
