using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        // « suivant » pressed twice at once: the second meets a concurrency error, never a skipped item
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DomainEvents);
        builder.Ignore(s => s.Current);
        builder.Ignore(s => s.Steps);
        builder.Ignore(s => s.Details);
        builder.Ignore(s => s.DurationMinutes);
        builder.Property(s => s.Title).HasMaxLength(Session.TitleMaxLength).IsRequired();
        builder.Property(s => s.Place).HasMaxLength(Session.PlaceMaxLength).IsRequired();
        builder.Property(s => s.VideoLink).HasMaxLength(Session.VideoLinkMaxLength).IsRequired();
        builder.Property(s => s.CreatedByName).HasMaxLength(Session.ActorNameMaxLength).IsRequired();
        builder.HasIndex(s => new { s.CiteId, s.Date });
        // a room display opens its session by this code alone, across Cités: one session per code
        builder.Property(s => s.DisplayCode).HasMaxLength(Session.DisplayCodeLength);
        builder.HasIndex(s => s.DisplayCode).IsUnique();
        builder.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);

        // The agenda is read and changed with its session: a JSON document in its row (docs/decisions/0015).
        builder.ComplexCollection(s => s.Items, i =>
        {
            i.ToJson();
            i.Ignore(x => x.Content);
        });
        // Notes and outcomes beside the agenda, in their own JSON columns (an item's JSON stays as it was).
        builder.ComplexCollection(s => s.Notes, n => n.ToJson());
        builder.ComplexCollection(s => s.Outcomes, o => o.ToJson());
        builder.ComplexCollection(s => s.Participants, p =>
        {
            p.ToJson();
            p.Ignore(x => x.HasPlace);
        });
        // the speed-meeting rounds, drawn and shown while an interconnaissance runs (its own JSON column)
        builder.ComplexCollection(s => s.Pairings, g =>
        {
            g.ToJson();
            g.Ignore(x => x.Structures);
            g.Ignore(x => x.Label);
        });
        builder.Ignore(s => s.RoundCount);
        // the note-takers (participants' ids) and the invitations sent (issue 13: ICS), each a JSON column of the row
        builder.PrimitiveCollection(s => s.NoteTakers);
        builder.ComplexCollection(s => s.InvitationsSent, i => i.ToJson());
        // a phone checks in by this code alone, across Cités: one session per code
        builder.Property(s => s.CheckInCode).HasMaxLength(Session.CheckInCodeLength);
        builder.HasIndex(s => s.CheckInCode).IsUnique();
    }
}
