using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CiteEmploi.Web.Data.Configurations;

/// <summary>A period is stored as its code (« 2026-T1 »): readable, and what people type and files carry.</summary>
internal static class PeriodColumn
{
    public static readonly ValueConverter<Period, string> Code = new(p => p.Code, code => Period.Parse(code));
}

public sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.ToTable("IndicatorValues");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.DomainEvents);
        builder.Ignore(v => v.Shown);
        builder.Property(v => v.IndicatorCode).HasMaxLength(LocalIndicator.CodeMaxLength).IsRequired();
        builder.Property(v => v.Period).HasConversion(PeriodColumn.Code).HasMaxLength(Period.CodeMaxLength).IsRequired();
        builder.Property(v => v.Text).HasMaxLength(IndicatorRules.TextMaxLength).IsRequired();
        builder.Property(v => v.Note).HasMaxLength(IndicatorRules.NoteMaxLength).IsRequired();
        builder.Property(v => v.EnteredByName).HasMaxLength(IndicatorValue.NameMaxLength).IsRequired();
        builder.ComplexProperty(v => v.Breakdown);
        // one value per Cité, indicator and period
        builder.HasIndex(v => new { v.CiteId, v.IndicatorCode, v.Period }).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(v => v.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PeriodLockConfiguration : IEntityTypeConfiguration<PeriodLock>
{
    public void Configure(EntityTypeBuilder<PeriodLock> builder)
    {
        builder.ToTable("IndicatorPeriodLocks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.Ignore(l => l.DomainEvents);
        builder.Property(l => l.Period).HasConversion(PeriodColumn.Code).HasMaxLength(Period.CodeMaxLength).IsRequired();
        builder.Property(l => l.LockedByName).HasMaxLength(IndicatorValue.NameMaxLength).IsRequired();
        builder.HasIndex(l => new { l.CiteId, l.Period }).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(l => l.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LocalIndicatorConfiguration : IEntityTypeConfiguration<LocalIndicator>
{
    public void Configure(EntityTypeBuilder<LocalIndicator> builder)
    {
        builder.ToTable("LocalIndicators");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.DomainEvents);
        builder.Ignore(i => i.Definition);
        builder.Property(i => i.Code).HasMaxLength(LocalIndicator.CodeMaxLength).IsRequired();
        builder.Property(i => i.Label).HasMaxLength(LocalIndicator.LabelMaxLength).IsRequired();
        builder.Property(i => i.Unit).HasMaxLength(LocalIndicator.UnitMaxLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(LocalIndicator.DescriptionMaxLength).IsRequired();
        builder.Property(i => i.NumeratorLabel).HasMaxLength(LocalIndicator.LabelMaxLength);
        builder.Property(i => i.DenominatorLabel).HasMaxLength(LocalIndicator.LabelMaxLength);
        builder.Property(i => i.CreatedByName).HasMaxLength(IndicatorValue.NameMaxLength).IsRequired();
        builder.HasIndex(i => new { i.CiteId, i.Code }).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(i => i.CiteId).OnDelete(DeleteBehavior.Cascade);
        builder.ComplexCollection(i => i.Targets, t => t.ToJson());
    }
}
