using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.SelfAssessment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("SelfAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.DomainEvents);
        builder.Ignore(a => a.Grid);
        builder.Ignore(a => a.IsClosed);
        builder.Ignore(a => a.Levels);
        builder.Ignore(a => a.Score);
        builder.Property(a => a.Period).HasConversion(PeriodColumn.Code).HasMaxLength(Period.CodeMaxLength).IsRequired();
        builder.Property(a => a.GridVersion).HasMaxLength(20).IsRequired();
        builder.Property(a => a.OpenedByName).HasMaxLength(SelfAssessmentRules.NameMaxLength).IsRequired();
        builder.Property(a => a.ClosedByName).HasMaxLength(SelfAssessmentRules.NameMaxLength);
        builder.ComplexCollection(a => a.Agreed, a => a.ToJson());
        // one assessment per Cité and semester
        builder.HasIndex(a => new { a.CiteId, a.Period }).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(a => a.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ConditionRatingConfiguration : IEntityTypeConfiguration<ConditionRating>
{
    public void Configure(EntityTypeBuilder<ConditionRating> builder)
    {
        builder.ToTable("SelfAssessmentRatings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.DomainEvents);
        builder.Property(r => r.ConditionCode).HasMaxLength(10).IsRequired();
        builder.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.RaterName).HasMaxLength(SelfAssessmentRules.NameMaxLength).IsRequired();
        builder.Property(r => r.StructureName).HasMaxLength(SelfAssessmentRules.NameMaxLength);
        builder.Property(r => r.Comment).HasMaxLength(SelfAssessmentRules.CommentMaxLength).IsRequired();
        // one rating per member, assessment and condition
        builder.HasIndex(r => new { r.AssessmentId, r.ConditionCode, r.UserId }).IsUnique();
        builder.HasIndex(r => r.CiteId);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Cite>().WithMany().HasForeignKey(r => r.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
