using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Cites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CiteEmploi.Web.Data.Configurations;

public sealed class BoardConfiguration : IEntityTypeConfiguration<Board>
{
    public void Configure(EntityTypeBuilder<Board> builder)
    {
        builder.ToTable("Boards");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.Ignore(b => b.DomainEvents);
        builder.Ignore(b => b.OpenColumns);
        builder.Property(b => b.Title).HasMaxLength(Board.TitleMaxLength).IsRequired();
        builder.Property(b => b.Description).HasMaxLength(Board.DescriptionMaxLength).IsRequired();
        builder.Property(b => b.CreatedByName).HasMaxLength(Board.CreatedByMaxLength).IsRequired();
        builder.HasIndex(b => b.CiteId);
        builder.HasOne<Cite>().WithMany().HasForeignKey(b => b.CiteId).OnDelete(DeleteBehavior.Cascade);

        // Columns have an identity but live and die with their board, and are always read with it: one JSON document.
        // (their title's limit, Board.ColumnTitleMaxLength, is the domain's to keep: JSON members have no column length)
        builder.ComplexCollection(b => b.Columns, c => c.ToJson());
    }
}

public sealed class CardConfiguration : IEntityTypeConfiguration<Card>
{
    public void Configure(EntityTypeBuilder<Card> builder)
    {
        builder.ToTable("Cards");
        builder.HasKey(c => c.Id);
        // Every change bumps the version: two writers racing on one card meet a concurrency error, then the field merge.
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.DomainEvents);
        builder.Ignore(c => c.Content);
        builder.Ignore(c => c.IsDeleted);
        builder.Property(c => c.Text).HasMaxLength(Card.MaxTextLength).IsRequired();
        builder.Property(c => c.AuthorKey).HasMaxLength(Card.AuthorKeyMaxLength).IsRequired();
        builder.Property(c => c.AuthorName).HasMaxLength(Card.AuthorNameMaxLength).IsRequired();
        builder.Property(c => c.EditedByName).HasMaxLength(Card.AuthorNameMaxLength);
        builder.Property(c => c.DeletedByName).HasMaxLength(Card.AuthorNameMaxLength);
        builder.Property(c => c.FreinCode).HasMaxLength(Card.CodeMaxLength);
        builder.Property(c => c.PublicCode).HasMaxLength(Card.CodeMaxLength);
        builder.HasIndex(c => new { c.BoardId, c.ColumnId, c.Position });
        builder.HasIndex(c => c.CiteId);
        // A retried add finds its card by this key; unique per board (cards added without a key leave it null).
        builder.HasIndex(c => new { c.BoardId, c.ClientKey }).IsUnique();
        builder.HasOne<Board>().WithMany().HasForeignKey(c => c.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BoardActivityConfiguration : IEntityTypeConfiguration<BoardActivity>
{
    public void Configure(EntityTypeBuilder<BoardActivity> builder)
    {
        builder.ToTable("BoardActivities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.ActorName).HasMaxLength(Card.AuthorNameMaxLength).IsRequired();
        builder.Property(a => a.Summary).HasMaxLength(BoardActivity.SummaryMaxLength).IsRequired();
        builder.HasIndex(a => new { a.BoardId, a.Id });
        builder.HasIndex(a => a.CiteId);
        builder.HasOne<Board>().WithMany().HasForeignKey(a => a.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BoardGuestCodeConfiguration : IEntityTypeConfiguration<BoardGuestCode>
{
    public void Configure(EntityTypeBuilder<BoardGuestCode> builder)
    {
        builder.ToTable("BoardGuestCodes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.DomainEvents);
        builder.Property(c => c.Code).HasMaxLength(BoardGuestCode.CodeLength).IsRequired();
        builder.Property(c => c.OpenedByName).HasMaxLength(BoardGuestCode.OpenedByNameMaxLength).IsRequired();
        // Codes are never reused: a code names one opening of one board, across all Cités (the join page has no Cité).
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => new { c.BoardId, c.ClosedAt });
        builder.HasIndex(c => c.CiteId);
        builder.HasOne<Board>().WithMany().HasForeignKey(c => c.BoardId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BoardGuestConfiguration : IEntityTypeConfiguration<BoardGuest>
{
    public void Configure(EntityTypeBuilder<BoardGuest> builder)
    {
        builder.ToTable("BoardGuests");
        builder.HasKey(g => g.Id);
        builder.Ignore(g => g.Actor);
        builder.Property(g => g.DisplayName).HasMaxLength(BoardGuest.DisplayNameMaxLength).IsRequired();
        builder.Property(g => g.SecretHash).HasMaxLength(BoardGuest.SecretHashLength).IsRequired();
        builder.HasIndex(g => g.SecretHash).IsUnique();
        builder.HasIndex(g => g.CodeId);
        builder.HasIndex(g => g.CiteId);
        builder.HasOne<BoardGuestCode>().WithMany().HasForeignKey(g => g.CodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
