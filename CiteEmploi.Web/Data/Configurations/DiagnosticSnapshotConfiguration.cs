using System.Text.Json;
using System.Text.Json.Serialization;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Diagnostic;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

/// <summary>
/// A frozen diagnostic: its label, date and author as columns, what it showed as one JSON text (<see cref="DiagnosticState"/>,
/// never queried inside, written once): a plain text column, the same on every database provider.
/// </summary>
public sealed class DiagnosticSnapshotConfiguration : IEntityTypeConfiguration<DiagnosticSnapshot>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<DiagnosticSnapshot> builder)
    {
        builder.ToTable("DiagnosticSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Label).HasMaxLength(DiagnosticSnapshot.LabelMaxLength).IsRequired();
        builder.Property(s => s.FrozenByName).HasMaxLength(DiagnosticSnapshot.NameMaxLength).IsRequired();
        builder.Property(s => s.State).IsRequired().HasConversion(
            state => JsonSerializer.Serialize(state, Json),
            text => JsonSerializer.Deserialize<DiagnosticState>(text, Json)!);
        builder.HasIndex(s => new { s.CiteId, s.AsOf });
        builder.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
