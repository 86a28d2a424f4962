using CiteEmploi.Web.Features.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class UnsentEmailConfiguration : IEntityTypeConfiguration<UnsentEmail>
{
    public void Configure(EntityTypeBuilder<UnsentEmail> builder)
    {
        builder.ToTable("UnsentEmails");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.To).HasMaxLength(UnsentEmail.ToMaxLength);
        builder.Property(e => e.Subject).HasMaxLength(UnsentEmail.SubjectMaxLength);
        builder.Property(e => e.Body).HasMaxLength(UnsentEmail.BodyMaxLength);
        builder.Property(e => e.Reason).HasMaxLength(UnsentEmail.ReasonMaxLength);
    }
}
