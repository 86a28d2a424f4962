using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Cites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> builder)
    {
        builder.ToTable("Structures");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DomainEvents);
        builder.Ignore(s => s.IsImported);
        builder.Property(s => s.Name).HasMaxLength(Structure.NameMaxLength).IsRequired();
        builder.Property(s => s.NormalizedName).HasMaxLength(Structure.NameMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(Structure.DescriptionMaxLength);
        builder.Property(s => s.Siret).HasMaxLength(14);
        builder.Property(s => s.Phone).HasMaxLength(DirectoryRules.PhoneMaxLength);
        builder.Property(s => s.Email).HasMaxLength(DirectoryRules.EmailMaxLength);
        builder.Property(s => s.Website).HasMaxLength(DirectoryRules.UrlMaxLength);
        builder.Property(s => s.OpeningHours).HasMaxLength(DirectoryRules.OpeningHoursMaxLength);
        builder.Property(s => s.Source).HasMaxLength(ExternalReference.SourceMaxLength);
        builder.Property(s => s.ExternalId).HasMaxLength(ExternalReference.IdMaxLength);
        // Code lists are small and always read with their row: JSON arrays (EF primitive collections).
        builder.PrimitiveCollection(s => s.Networks);
        builder.PrimitiveCollection(s => s.QpvCodes);
        builder.ComplexProperty(s => s.Address, a => a.ToJson());
        builder.HasIndex(s => new { s.CiteId, s.NormalizedName });
        // A re-import finds its record by (Cité, source, id); the pair is unique per Cité.
        builder.HasIndex(s => new { s.CiteId, s.Source, s.ExternalId }).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("Services");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DomainEvents);
        builder.Ignore(s => s.IsPublished);
        builder.Ignore(s => s.IsFree);
        builder.Ignore(s => s.Freins);
        builder.Property(s => s.Name).HasMaxLength(Service.NameMaxLength).IsRequired();
        builder.Property(s => s.NormalizedName).HasMaxLength(Service.NameMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(Service.DescriptionMaxLength).IsRequired();
        builder.Property(s => s.Type).HasMaxLength(100);
        builder.Property(s => s.Frais).HasMaxLength(100);
        builder.Property(s => s.PublicsDetails).HasMaxLength(Service.DetailsMaxLength);
        builder.Property(s => s.FraisDetails).HasMaxLength(Service.DetailsMaxLength);
        builder.Property(s => s.AccessConditions).HasMaxLength(Service.DetailsMaxLength);
        builder.Property(s => s.MobilisationDetails).HasMaxLength(Service.DetailsMaxLength);
        builder.Property(s => s.MobilisationLink).HasMaxLength(DirectoryRules.UrlMaxLength);
        builder.Property(s => s.OpeningHours).HasMaxLength(DirectoryRules.OpeningHoursMaxLength);
        builder.Property(s => s.WeeklyHours).HasPrecision(5, 2);
        builder.Property(s => s.Source).HasMaxLength(ExternalReference.SourceMaxLength);
        builder.Property(s => s.ExternalId).HasMaxLength(ExternalReference.IdMaxLength);
        builder.PrimitiveCollection(s => s.Thematiques);
        builder.PrimitiveCollection(s => s.Publics);
        builder.PrimitiveCollection(s => s.ModesAccueil);
        builder.PrimitiveCollection(s => s.ModesMobilisation);
        builder.PrimitiveCollection(s => s.MobilisablePar);
        builder.PrimitiveCollection(s => s.EligibilityZone);
        builder.ComplexProperty(s => s.Address, a => a.ToJson());
        builder.ComplexProperty(s => s.Contact, c => c.ToJson());
        builder.HasIndex(s => new { s.CiteId, s.StructureId });
        builder.HasIndex(s => new { s.CiteId, s.Status, s.UpdatedOn });
        builder.HasIndex(s => new { s.CiteId, s.Source, s.ExternalId }).IsUnique();
        builder.HasOne<Structure>().WithMany().HasForeignKey(s => s.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
