using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Boards;

/// <summary>
/// A board opened to guests: a short code (shown large and as a QR code in the room) that lets people without an
/// account join this one board, until the facilitator closes it or it expires. Codes are never reused (one row per
/// opening, unique code), so an old code on a photo or in a browser history cannot open a later session.
/// </summary>
public sealed class BoardGuestCode : AggregateRoot, ICiteOwned
{
    public const int CodeLength = 6;

    /// <summary>See <see cref="AccessCode"/>.</summary>
    public const string Alphabet = AccessCode.Alphabet;

    public const int OpenedByNameMaxLength = Card.AuthorNameMaxLength;

    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(4);

    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(15);

    /// <summary>A workshop day at most: a code is for a session in a room, not a standing door into the Cité.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    // EF Core materialisation
    private BoardGuestCode()
    {
        Code = OpenedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public Guid BoardId { get; private set; }

    /// <summary><see cref="CodeLength"/> characters of <see cref="Alphabet"/>, unique among all codes ever opened.</summary>
    public string Code { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public string OpenedByName { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Whether guests may still join and act with this code.</summary>
    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && now < ExpiresAt;

    /// <summary>A fresh random code (cryptographic randomness: the code is the only thing between a passer-by and the board).</summary>
    public static string NewCode() => AccessCode.New(CodeLength);

    /// <summary>
    /// The code as typed (spaces, dashes, lower case tolerated), or null when it cannot be a code at all: such input
    /// never reaches the database.
    /// </summary>
    public static string? Normalize(string? typed) => AccessCode.Normalize(typed, CodeLength);

    /// <summary>Opens <paramref name="board"/> to guests with <paramref name="code"/> for <paramref name="duration"/>.</summary>
    /// <exception cref="DomainValidationException">Not a facilitator, a duration out of bounds, a malformed code.</exception>
    public static BoardGuestCode Open(Board board, string code, TimeSpan duration, BoardActor by, DateTimeOffset now)
    {
        if (!by.IsFacilitator)
        {
            ValidationErrors.Refuse("Facilitation", "Seul·e l'animateur·rice peut ouvrir le tableau aux invités.");
        }
        if (duration < MinDuration || duration > MaxDuration)
        {
            ValidationErrors.Refuse("Duree", $"L'accès invité dure entre {MinDuration.TotalMinutes:0} minutes et {MaxDuration.TotalHours:0} heures.");
        }
        if (Normalize(code) != code)
        {
            throw new ArgumentException("A guest code is made by NewCode().", nameof(code));
        }
        var opened = new BoardGuestCode
        {
            CiteId = board.CiteId,
            BoardId = board.Id,
            Code = code,
            OpenedAt = now,
            OpenedByName = Board.Truncate(by.Name, OpenedByNameMaxLength),
            ExpiresAt = now + duration,
        };
        opened.Raise(new GuestAccessOpened(board.CiteId, board.Id, opened.ExpiresAt));
        return opened;
    }

    /// <summary>Ends the code now: nobody joins with it any more and its guests are cut off. Closing twice changes nothing.</summary>
    public void Close(BoardActor by, DateTimeOffset now)
    {
        if (!by.IsFacilitator)
        {
            ValidationErrors.Refuse("Facilitation", "Seul·e l'animateur·rice peut fermer l'accès invité.");
        }
        if (ClosedAt is not null)
        {
            return;
        }
        ClosedAt = now;
        Raise(new GuestAccessClosed(CiteId, BoardId));
    }

    /// <summary>A guest joins with this code under <paramref name="displayName"/>; <paramref name="secretHash"/> is the hash of their session secret.</summary>
    /// <exception cref="DomainValidationException">The code is closed or expired, or the name is empty or too long.</exception>
    public BoardGuest Join(string? displayName, string secretHash, DateTimeOffset now)
    {
        if (!IsOpenAt(now))
        {
            ValidationErrors.Refuse(BoardGuest.CodeField, BoardGuest.CodeRefused);
        }
        return BoardGuest.Create(this, displayName, secretHash, now);
    }
}

/// <summary>
/// A guest on one board: a display name and the hash of the secret held by their browser. Nothing more is known or
/// kept about them; their rights end with the code they joined with.
/// </summary>
public sealed class BoardGuest : ICiteOwned
{
    public const int DisplayNameMaxLength = 40;

    /// <summary>A SHA-256 in hexadecimal.</summary>
    public const int SecretHashLength = 64;

    /// <summary>The field names of the join form.</summary>
    public const string CodeField = "Code";

    public const string NameField = "Nom";

    /// <summary>One message for a code that never existed, expired or was closed: a guesser learns nothing from it.</summary>
    public const string CodeRefused = "Ce code n'ouvre aucun tableau : il est inconnu, expiré ou fermé. Demandez le code affiché dans la salle.";

    /// <summary>Prefix of a guest's <see cref="BoardActor.Key"/>: their cards and votes are told apart from members'.</summary>
    public const string KeyPrefix = "invite:";

    /// <summary>Whether a <see cref="BoardActor.Key"/> is a guest's.</summary>
    public static bool IsGuestKey(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    // EF Core materialisation
    private BoardGuest()
    {
        DisplayName = SecretHash = string.Empty;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid CiteId { get; private set; }

    public Guid BoardId { get; private set; }

    public Guid CodeId { get; private set; }

    public string DisplayName { get; private set; }

    public string SecretHash { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>The guest as an actor on their board: never a facilitator.</summary>
    public BoardActor Actor => new(KeyPrefix + Id.ToString("N"), DisplayName, IsFacilitator: false);

    /// <summary>The display name, cleaned, or the French message saying what is wrong with it.</summary>
    public static (string? Name, string? Error) ValidateName(string? displayName)
    {
        var name = Text.Clean(displayName);
        if (name.Length == 0)
        {
            return (null, "Indiquez le nom que les autres verront (un prénom suffit).");
        }
        if (name.Length > DisplayNameMaxLength)
        {
            return (null, $"Le nom affiché fait au plus {DisplayNameMaxLength} caractères (ici {name.Length}).");
        }
        if (name.Any(char.IsControl))
        {
            return (null, "Le nom affiché contient des caractères invisibles : retapez-le.");
        }
        return (name, null);
    }

    internal static BoardGuest Create(BoardGuestCode code, string? displayName, string secretHash, DateTimeOffset now)
    {
        var (name, error) = ValidateName(displayName);
        if (error is not null)
        {
            ValidationErrors.Refuse(NameField, error);
        }
        if (secretHash.Length != SecretHashLength)
        {
            throw new ArgumentException("The secret's SHA-256 in hexadecimal.", nameof(secretHash));
        }
        return new BoardGuest
        {
            CiteId = code.CiteId,
            BoardId = code.BoardId,
            CodeId = code.Id,
            DisplayName = name!,
            SecretHash = secretHash,
            JoinedAt = now,
        };
    }
}

/// <summary>The facilitator opened the board to guests (the code itself is not in the event: it goes to no log).</summary>
public sealed record GuestAccessOpened(Guid CiteId, Guid BoardId, DateTimeOffset ExpiresAt) : IBoardEvent;

/// <summary>The facilitator closed the guest code: guests on the board are cut off.</summary>
public sealed record GuestAccessClosed(Guid CiteId, Guid BoardId) : IBoardEvent;
