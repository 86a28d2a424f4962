using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Boards;

/// <summary>
/// A card on a board: a short Markdown text with its author, colour, optional barrier and public tags, place and votes.
/// Every change states who makes it and is checked against the board (open column, lock, frozen timer). Deletion is
/// soft so it can be undone; a deleted card refuses every other change.
/// </summary>
public sealed class Card : AggregateRoot, ICiteOwned
{
    /// <summary>A card is a sticky note, not a document: long enough for a finding with its source, short enough to read from afar.</summary>
    public const int MaxTextLength = 500;
    public const int AuthorKeyMaxLength = 80;
    public const int AuthorNameMaxLength = 120;
    public const int CodeMaxLength = 80;

    // EF Core materialisation
    private Card()
    {
        Text = AuthorKey = AuthorName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public Guid BoardId { get; private set; }

    public Guid ColumnId { get; private set; }

    /// <summary>Markdown, stored as written; rendering must sanitise it.</summary>
    public string Text { get; private set; }

    /// <summary>The <see cref="BoardActor.Key"/> of the person who added the card.</summary>
    public string AuthorKey { get; private set; }

    public string AuthorName { get; private set; }

    public CardColour Colour { get; private set; }

    /// <summary>A barrier code of <see cref="Freins"/>, or none.</summary>
    public string? FreinCode { get; private set; }

    /// <summary>A public code of data·inclusion's <see cref="Referentiels.Publics"/>, or none.</summary>
    public string? PublicCode { get; private set; }

    /// <summary>Order inside the column: cards are shown by increasing position; a move lands between two neighbours.</summary>
    public double Position { get; private set; }

    /// <summary>One entry per vote cast (a person may put several of their votes on the same card).</summary>
    public List<string> Voters { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    public string? EditedByName { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public string? DeletedByName { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>The feuille de route this card became an action of (see <see cref="LinkToAction"/>), or none.</summary>
    public Guid? PlanId { get; private set; }

    /// <summary>The action this card became, or none: a card becomes one action at most, so a workshop never doubles one.</summary>
    public Guid? PlanActionId { get; private set; }

    /// <summary>
    /// The key the client made for the request that added this card (unique on the board), or none: a client that
    /// sends the same key again after a lost acknowledgement gets this card back instead of a duplicate.
    /// </summary>
    public Guid? ClientKey { get; private set; }

    public CardContent Content => new(Text, Colour, FreinCode, PublicCode);

    /// <summary>Adds a card to an open column of <paramref name="board"/>.</summary>
    /// <exception cref="DomainValidationException">Empty or too long text, unknown tag, removed column, frozen board.</exception>
    public static Card Add(Board board, Guid columnId, CardContent content, double position, BoardActor by, DateTimeOffset now, Guid? clientKey = null)
    {
        board.EnsureOpenForContributions(by, now);
        board.OpenColumn(columnId);
        var clean = Validate(content);
        var card = new Card
        {
            CiteId = board.CiteId,
            BoardId = board.Id,
            ColumnId = columnId,
            AuthorKey = Board.Truncate(by.Key, AuthorKeyMaxLength),
            AuthorName = Board.Truncate(by.Name, AuthorNameMaxLength),
            Position = position,
            CreatedAt = now,
            ClientKey = clientKey,
        };
        card.Apply(clean);
        card.Raise(new CardAdded(card.CiteId, card.BoardId, card.Id, columnId, card.AuthorName, card.Text));
        return card;
    }

    /// <summary>
    /// Applies <paramref name="yours"/>, written from <paramref name="basis"/> as it was at <paramref name="basisVersion"/>
    /// (ARCHITECTURE.md, principle 7). When someone else changed the card meanwhile, fields are merged one by one: a field
    /// only one side changed takes that side's value; a field both changed differently is a conflict, and nothing is
    /// changed — the exception carries the stored card and the person's text, so neither is lost.
    /// </summary>
    /// <exception cref="CardEditConflictException">Both changed the same field differently.</exception>
    public void Edit(Board board, CardContent yours, CardContent basis, int basisVersion, BoardActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("modifier");
        board.EnsureOpenForContributions(by, now);
        board.EnsureMayChangeCardOf(AuthorKey, by, "modifier");
        var clean = Validate(yours);
        var current = Content;
        var merged = clean;
        if (basisVersion != Version)
        {
            var merge = new FieldMerge();
            merged = new CardContent(
                merge.Field("texte", current.Text, Text2(basis.Text), clean.Text),
                merge.Field("couleur", current.Colour, basis.Colour, clean.Colour),
                merge.Field("frein", current.FreinCode, Empty(basis.FreinCode), clean.FreinCode),
                merge.Field("public", current.PublicCode, Empty(basis.PublicCode), clean.PublicCode));
            if (merge.Conflicts.Count > 0)
            {
                throw new CardEditConflictException(this, clean, merge.Conflicts);
            }
        }
        if (merged == current)
        {
            return;
        }
        Apply(merged);
        EditedAt = now;
        EditedByName = Board.Truncate(by.Name, AuthorNameMaxLength);
        Raise(new CardEdited(CiteId, BoardId, Id, EditedByName, Text));
    }

    /// <summary>
    /// Records that this card became the action <paramref name="actionId"/> of the plan <paramref name="planId"/>, so the
    /// card leads to its action and the action back to its card. Done by the coordination, whatever the board's lock.
    /// </summary>
    /// <exception cref="DomainValidationException">The card is deleted or already became an action.</exception>
    public void LinkToAction(Guid planId, Guid actionId, string byName)
    {
        EnsureNotDeleted("transformer en action");
        if (PlanActionId is not null)
        {
            ValidationErrors.Refuse(nameof(PlanActionId), "Cette carte est déjà devenue une action de la feuille de route.");
        }
        PlanId = planId;
        PlanActionId = actionId;
        Raise(new CardLinkedToAction(CiteId, BoardId, Id, planId, actionId, Board.Truncate(byName, AuthorNameMaxLength), Text));
    }

    /// <summary>Moves the card to an open column at <paramref name="position"/> (see <see cref="PositionBetween"/>).</summary>
    public void Move(Board board, Guid columnId, double position, BoardActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("déplacer");
        board.EnsureOpenForContributions(by, now);
        board.EnsureMayChangeCardOf(AuthorKey, by, "déplacer");
        board.OpenColumn(columnId);
        if (columnId == ColumnId && position.Equals(Position))
        {
            return;
        }
        var from = ColumnId;
        ColumnId = columnId;
        Position = position;
        Raise(new CardMoved(CiteId, BoardId, Id, from, columnId, position, Board.Truncate(by.Name, AuthorNameMaxLength)));
    }

    /// <summary>Changes only the order key, to make room between neighbours; nobody sees a difference, so nothing is raised.</summary>
    public void Renumber(double position) => Position = position;

    public void Delete(Board board, BoardActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("supprimer");
        board.EnsureOpenForContributions(by, now);
        board.EnsureMayChangeCardOf(AuthorKey, by, "supprimer");
        DeletedAt = now;
        DeletedByName = Board.Truncate(by.Name, AuthorNameMaxLength);
        Raise(new CardDeleted(CiteId, BoardId, Id, DeletedByName, Text));
    }

    /// <summary>Undoes a deletion; the card returns to its column, or to the first open one if its column was removed.</summary>
    public void Restore(Board board, BoardActor by, DateTimeOffset now)
    {
        if (!IsDeleted)
        {
            return;
        }
        board.EnsureOpenForContributions(by, now);
        board.EnsureMayChangeCardOf(AuthorKey, by, "rétablir");
        if (board.Columns.FirstOrDefault(c => c.Id == ColumnId) is not { IsRemoved: false })
        {
            ColumnId = board.OpenColumns[0].Id;
        }
        DeletedAt = null;
        DeletedByName = null;
        Raise(new CardRestored(CiteId, BoardId, Id, Board.Truncate(by.Name, AuthorNameMaxLength), Text));
    }

    /// <summary>Casts one of <paramref name="by"/>'s votes; <paramref name="votesAlreadyCast"/> counts their votes on the whole board.</summary>
    public void Vote(Board board, BoardActor by, int votesAlreadyCast, DateTimeOffset now)
    {
        EnsureNotDeleted("voter pour");
        board.EnsureOpenForContributions(by, now);
        board.EnsureVoteAllowed(votesAlreadyCast);
        Voters = [.. Voters, by.Key];
        Raise(new CardVoted(CiteId, BoardId, Id));
    }

    public void WithdrawVote(Board board, BoardActor by, DateTimeOffset now)
    {
        EnsureNotDeleted("retirer un vote de");
        board.EnsureOpenForContributions(by, now);
        var index = Voters.IndexOf(by.Key);
        if (index < 0)
        {
            ValidationErrors.Refuse("Votes", "Vous n'avez pas voté pour cette carte.");
        }
        var voters = Voters.ToList();
        voters.RemoveAt(index);
        Voters = voters;
        Raise(new CardVoteWithdrawn(CiteId, BoardId, Id));
    }

    public int VotesOf(string voterKey) => Voters.Count(v => string.Equals(v, voterKey, StringComparison.Ordinal));

    /// <summary>
    /// The order key for a card placed between <paramref name="before"/> and <paramref name="after"/> (either may be absent).
    /// Null when the two are too close to split: the caller renumbers the column first.
    /// </summary>
    public static double? PositionBetween(double? before, double? after)
    {
        const double step = 1024;
        var position = (before, after) switch
        {
            (null, null) => step,
            (null, { } a) => a - step,
            ({ } b, null) => b + step,
            ({ } b, { } a) => b + ((a - b) / 2),
        };
        var tooClose = (before is { } x && !(position > x)) || (after is { } y && !(position < y))
            || (before is { } p && after is { } q && q - p < 1e-6);
        return tooClose ? null : position;
    }

    /// <summary>The evenly spaced order key of the card at <paramref name="index"/> when a column is renumbered.</summary>
    public static double SpacedPosition(int index) => (index + 1) * 1024d;

    /// <summary>Cleans and checks a card's content; the messages name what is wrong.</summary>
    public static CardContent Validate(CardContent content)
    {
        var text = (content.Text ?? string.Empty).Trim().ReplaceLineEndings("\n");
        var frein = Empty(content.FreinCode);
        var publicCode = Empty(content.PublicCode);
        var errors = new ValidationErrors();
        if (text.Length == 0)
        {
            errors.Add(nameof(Text), "Une carte vide n'apporte rien : écrivez quelques mots.");
        }
        else if (text.Length > MaxTextLength)
        {
            errors.Add(nameof(Text), $"Une carte ne peut pas dépasser {MaxTextLength} caractères (actuellement {text.Length}) : raccourcissez-la ou faites-en deux.");
        }
        if (!Enum.IsDefined(content.Colour))
        {
            errors.Add(nameof(Colour), "Couleur inconnue.");
        }
        if (frein is not null && Freins.Find(frein) is null)
        {
            errors.Add(nameof(FreinCode), $"Frein inconnu « {frein} ».");
        }
        if (publicCode is not null && !Referentiels.Publics.Contains(publicCode))
        {
            errors.Add(nameof(PublicCode), Referentiels.Publics.UnknownCodeMessage(publicCode));
        }
        errors.ThrowIfAny();
        return new CardContent(text, content.Colour, frein, publicCode);
    }

    private void EnsureNotDeleted(string what)
    {
        if (IsDeleted)
        {
            ValidationErrors.Refuse("Card", $"Impossible de {what} cette carte : {DeletedByName ?? "quelqu'un"} l'a supprimée entre-temps.");
        }
    }

    private void Apply(CardContent content)
    {
        Text = content.Text;
        Colour = content.Colour;
        FreinCode = content.FreinCode;
        PublicCode = content.PublicCode;
    }

    private static string Text2(string? text) => (text ?? string.Empty).Trim().ReplaceLineEndings("\n");

    private static string? Empty(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();
}

/// <summary>
/// Someone else changed the same fields of a card while a person was editing it. Nothing was changed; both versions are
/// here so the person can choose (principle 7: no silent loss).
/// </summary>
public sealed class CardEditConflictException(Card current, CardContent yours, IReadOnlyList<string> fields)
    : Exception($"Quelqu'un d'autre a modifié cette carte ({string.Join(", ", fields)}) pendant que vous l'éditiez. Vos modifications sont conservées : choisissez le texte à garder.")
{
    /// <summary>The card as stored now (text, version, who edited it last).</summary>
    public Card Current { get; } = current;

    public CardContent Yours { get; } = yours;

    /// <summary>The fields both sides changed differently, in French (« texte », « couleur »…).</summary>
    public IReadOnlyList<string> Fields { get; } = fields;
}
