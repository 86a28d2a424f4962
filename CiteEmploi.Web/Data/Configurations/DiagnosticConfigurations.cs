using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Diagnostic;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class CoverageSettingsConfiguration : IEntityTypeConfiguration<CoverageSettings>
{
    public void Configure(EntityTypeBuilder<CoverageSettings> builder)
    {
        builder.ToTable("CoverageSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DomainEvents);
        // one per Cité
        builder.HasIndex(s => s.CiteId).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
        builder.ComplexCollection(s => s.Radii, r => r.ToJson());
        builder.PrimitiveCollection(s => s.CommuneCodes);
    }
}

public sealed class GapFindingConfiguration : IEntityTypeConfiguration<GapFinding>
{
    public void Configure(EntityTypeBuilder<GapFinding> builder)
    {
        builder.ToTable("GapFindings");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.Ignore(g => g.DomainEvents);
        builder.Property(g => g.PlaceCode).HasMaxLength(GapFinding.PlaceCodeMaxLength).IsRequired();
        builder.Property(g => g.FreinCode).HasMaxLength(40).IsRequired();
        builder.Property(g => g.Comment).HasMaxLength(GapFinding.CommentMaxLength).IsRequired();
        builder.Property(g => g.MarkedByName).HasMaxLength(GapFinding.NameMaxLength).IsRequired();
        // one finding per cell
        builder.HasIndex(g => new { g.CiteId, g.PlaceCode, g.FreinCode }).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(g => g.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TerritorialFiguresConfiguration : IEntityTypeConfiguration<TerritorialFigures>
{
    public void Configure(EntityTypeBuilder<TerritorialFigures> builder)
    {
        builder.ToTable("TerritorialFigures");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DomainEvents);
        // one per Cité
        builder.HasIndex(s => s.CiteId).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
        builder.ComplexCollection(s => s.Figures, f => f.ToJson());
    }
}
