using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Boards;

/// <summary>
/// A live board of a Cité: its ordered columns and the facilitation state (lock, votes, timer). Cards are aggregates of
/// their own (<see cref="Card"/>) so that two people editing two cards never conflict on the board's version; every
/// card rule that depends on the board (open column, lock, frozen timer, vote allowance) asks the board.
/// </summary>
public sealed class Board : AggregateRoot, ICiteOwned
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;
    public const int ColumnTitleMaxLength = 60;
    public const int MaxColumns = 12;
    public const int DefaultVotesPerPerson = 3;
    public const int MaxVotesPerPerson = 20;
    public const int CreatedByMaxLength = 120;

    /// <summary>
    /// The most cards a board holds (deleted ones not counted): a workshop wall, not a database. Beyond a few thousand the
    /// board no longer reads in a room, and each viewer's page grows with it (issue 15: 25,000 cards took 3.3 s to open).
    /// </summary>
    public const int MaxCards = 2000;

    /// <summary>The most cards one guest adds to a board: a guest has no account to answer for a flood.</summary>
    public const int MaxCardsPerGuest = 100;

    /// <summary>The longest countdown a facilitator may set (a half-day workshop).</summary>
    public static readonly TimeSpan MaxTimer = TimeSpan.FromHours(4);

    /// <summary>The columns of a shared diagnostic, in the order the national method presents them.</summary>
    public static readonly IReadOnlyList<string> DiagnosticColumns =
        ["Constats", "Besoins non couverts", "Ressources existantes", "Publics prioritaires"];

    // EF Core materialisation
    private Board()
    {
        Title = Description = CreatedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public BoardKind Kind { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown, stored as written; rendering must sanitise it.</summary>
    public string Description { get; private set; }

    /// <summary>Every column in display order, removed ones included (see <see cref="OpenColumns"/>).</summary>
    public List<BoardColumn> Columns { get; private set; } = [];

    public int VotesPerPerson { get; private set; } = DefaultVotesPerPerson;

    public bool VotesAreRevealed { get; private set; }

    /// <summary>When locked, only a facilitator moves, edits or deletes other people's cards.</summary>
    public bool IsLocked { get; private set; }

    public TimeSpan? TimerDuration { get; private set; }

    /// <summary>When the running countdown reaches zero; null when idle or paused.</summary>
    public DateTimeOffset? TimerEndsAt { get; private set; }

    /// <summary>What was left when the countdown was paused; null unless paused.</summary>
    public TimeSpan? TimerPausedRemaining { get; private set; }

    public bool TimerFreezesWhenOver { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedByName { get; private set; }

    public IReadOnlyList<BoardColumn> OpenColumns => [.. Columns.Where(c => !c.IsRemoved)];

    /// <summary>Creates a board; a diagnostic gets its four columns, a workshop the ones its facilitator gives (at least one).</summary>
    /// <exception cref="DomainValidationException">Title or columns invalid; nothing is created.</exception>
    public static Board Create(Guid citeId, BoardKind kind, string title, string? description, IEnumerable<string>? columnTitles, BoardActor by, DateTimeOffset now)
    {
        EnsureFacilitator(by, "créer un tableau");
        var cleanTitle = Text.Clean(title);
        var cleanDescription = CleanDescription(description);
        var errors = new ValidationErrors();
        ValidateTitle(cleanTitle, errors);
        ValidateDescription(cleanDescription, errors);
        if (!Enum.IsDefined(kind))
        {
            errors.Add(nameof(Kind), "Choisissez le type de tableau : diagnostic partagé ou atelier.");
        }
        var titles = (columnTitles ?? []).Select(Text.Clean).Where(t => t.Length > 0).ToList();
        if (kind == BoardKind.Diagnostic && titles.Count == 0)
        {
            titles = [.. DiagnosticColumns];
        }
        if (titles.Count == 0)
        {
            errors.Add(nameof(Columns), "Un atelier a besoin d'au moins une colonne : indiquez leurs titres.");
        }
        if (titles.Count > MaxColumns)
        {
            errors.Add(nameof(Columns), $"Un tableau compte au plus {MaxColumns} colonnes.");
        }
        foreach (var t in titles.Where(t => t.Length > ColumnTitleMaxLength))
        {
            errors.Add(nameof(Columns), $"Le titre de colonne « {t[..20]}… » dépasse {ColumnTitleMaxLength} caractères.");
        }
        foreach (var duplicate in titles.GroupBy(Text.Fold).Where(g => g.Count() > 1))
        {
            errors.Add(nameof(Columns), $"La colonne « {duplicate.First()} » figure deux fois.");
        }
        errors.ThrowIfAny();

        var board = new Board
        {
            CiteId = citeId,
            Kind = kind,
            Title = cleanTitle,
            Description = cleanDescription,
            Columns = [.. titles.Select(t => new BoardColumn(Guid.NewGuid(), t))],
            CreatedAt = now,
            CreatedByName = Truncate(by.Name, CreatedByMaxLength),
        };
        board.Raise(new BoardCreated(citeId, board.Id, kind, cleanTitle));
        return board;
    }

    public void ChangeDetails(string title, string? description, BoardActor by)
    {
        EnsureFacilitator(by, "modifier le titre ou la description");
        var cleanTitle = Text.Clean(title);
        var cleanDescription = CleanDescription(description);
        var errors = new ValidationErrors();
        ValidateTitle(cleanTitle, errors);
        ValidateDescription(cleanDescription, errors);
        errors.ThrowIfAny();
        if (cleanTitle == Title && cleanDescription == Description)
        {
            return;
        }
        Title = cleanTitle;
        Description = cleanDescription;
        Raise(new BoardDetailsChanged(CiteId, Id, Title));
    }

    public BoardColumn AddColumn(string title, BoardActor by)
    {
        EnsureFacilitator(by, "ajouter une colonne");
        var clean = ValidColumnTitle(title, exceptId: null);
        if (OpenColumns.Count >= MaxColumns)
        {
            ValidationErrors.Refuse(nameof(Columns), $"Un tableau compte au plus {MaxColumns} colonnes : supprimez-en une d'abord.");
        }
        var column = new BoardColumn(Guid.NewGuid(), clean);
        Columns = [.. Columns, column];
        Raise(new ColumnAdded(CiteId, Id, column.Id, clean));
        return column;
    }

    public void RenameColumn(Guid columnId, string title, BoardActor by)
    {
        EnsureFacilitator(by, "renommer une colonne");
        var column = OpenColumn(columnId);
        var clean = ValidColumnTitle(title, exceptId: columnId);
        if (clean == column.Title)
        {
            return;
        }
        Replace(column with { Title = clean });
        Raise(new ColumnRenamed(CiteId, Id, columnId, column.Title, clean));
    }

    /// <summary>Moves a column to <paramref name="newIndex"/> among the open columns (0 = first).</summary>
    public void MoveColumn(Guid columnId, int newIndex, BoardActor by)
    {
        EnsureFacilitator(by, "réordonner les colonnes");
        var column = OpenColumn(columnId);
        var open = OpenColumns.ToList();
        var target = Math.Clamp(newIndex, 0, open.Count - 1);
        if (open.IndexOf(column) == target)
        {
            return;
        }
        open.Remove(column);
        open.Insert(target, column);
        // removed columns keep no meaningful place: they go after the open ones
        Columns = [.. open, .. Columns.Where(c => c.IsRemoved)];
        Raise(new ColumnMoved(CiteId, Id, columnId, column.Title, target));
    }

    /// <summary>Removes a column; its cards go with it, and both come back with <see cref="RestoreColumn"/>.</summary>
    public void RemoveColumn(Guid columnId, BoardActor by, DateTimeOffset now)
    {
        EnsureFacilitator(by, "supprimer une colonne");
        var column = OpenColumn(columnId);
        if (OpenColumns.Count == 1)
        {
            ValidationErrors.Refuse(nameof(Columns), "Un tableau garde au moins une colonne : ajoutez-en une autre avant de supprimer celle-ci.");
        }
        Replace(column with { RemovedAt = now });
        Raise(new ColumnRemoved(CiteId, Id, columnId, column.Title));
    }

    public void RestoreColumn(Guid columnId, BoardActor by)
    {
        EnsureFacilitator(by, "rétablir une colonne");
        var column = Columns.FirstOrDefault(c => c.Id == columnId);
        if (column is null)
        {
            ValidationErrors.Refuse(nameof(Columns), "Cette colonne n'existe pas sur ce tableau.");
            return;
        }
        if (!column.IsRemoved)
        {
            return;
        }
        if (OpenColumns.Count >= MaxColumns)
        {
            ValidationErrors.Refuse(nameof(Columns), $"Un tableau compte au plus {MaxColumns} colonnes : supprimez-en une d'abord.");
        }
        var restored = column with { RemovedAt = null, Title = UniqueTitle(column.Title) };
        Columns = [.. OpenColumns, restored, .. Columns.Where(c => c.IsRemoved && c.Id != columnId)];
        Raise(new ColumnRestored(CiteId, Id, columnId, restored.Title));
    }

    /// <summary>The open column a card may go to; a removed or unknown one is refused with a message saying which.</summary>
    public BoardColumn OpenColumn(Guid columnId)
    {
        var column = Columns.FirstOrDefault(c => c.Id == columnId);
        if (column is null)
        {
            ValidationErrors.Refuse(nameof(Columns), "Cette colonne n'existe pas sur ce tableau.");
        }
        if (column!.IsRemoved)
        {
            ValidationErrors.Refuse(nameof(Columns), $"La colonne « {column.Title} » a été supprimée : choisissez une autre colonne.");
        }
        return column;
    }

    public void Lock(BoardActor by)
    {
        EnsureFacilitator(by, "verrouiller le tableau");
        if (!IsLocked)
        {
            IsLocked = true;
            Raise(new BoardLocked(CiteId, Id));
        }
    }

    public void Unlock(BoardActor by)
    {
        EnsureFacilitator(by, "déverrouiller le tableau");
        if (IsLocked)
        {
            IsLocked = false;
            Raise(new BoardUnlocked(CiteId, Id));
        }
    }

    public void SetVoteAllowance(int votesPerPerson, BoardActor by)
    {
        EnsureFacilitator(by, "changer le nombre de votes");
        if (votesPerPerson < 1 || votesPerPerson > MaxVotesPerPerson)
        {
            ValidationErrors.Refuse(nameof(VotesPerPerson), $"Chaque personne dispose de 1 à {MaxVotesPerPerson} votes.");
        }
        if (votesPerPerson != VotesPerPerson)
        {
            VotesPerPerson = votesPerPerson;
            Raise(new VoteAllowanceChanged(CiteId, Id, votesPerPerson));
        }
    }

    public void RevealVotes(BoardActor by)
    {
        EnsureFacilitator(by, "révéler les votes");
        if (!VotesAreRevealed)
        {
            VotesAreRevealed = true;
            Raise(new VotesRevealed(CiteId, Id));
        }
    }

    public void HideVotes(BoardActor by)
    {
        EnsureFacilitator(by, "masquer les votes");
        if (VotesAreRevealed)
        {
            VotesAreRevealed = false;
            Raise(new VotesHidden(CiteId, Id));
        }
    }

    /// <summary>Refuses a vote beyond the allowance; <paramref name="votesAlreadyCast"/> counts the voter's votes on this board.</summary>
    public void EnsureVoteAllowed(int votesAlreadyCast)
    {
        if (votesAlreadyCast >= VotesPerPerson)
        {
            ValidationErrors.Refuse("Votes", VotesPerPerson == 1
                ? "Vous avez déjà utilisé votre vote : retirez-le pour voter ailleurs."
                : $"Vous avez déjà utilisé vos {VotesPerPerson} votes : retirez-en un pour voter ailleurs.");
        }
    }

    // ---- timer ----

    public void StartTimer(TimeSpan duration, bool freezesWhenOver, BoardActor by, DateTimeOffset now)
    {
        EnsureFacilitator(by, "lancer le minuteur");
        SetTimer(Countdown.Start(duration, freezesWhenOver, now, MaxTimer));
        Raise(new TimerStarted(CiteId, Id, duration, freezesWhenOver));
    }

    public void PauseTimer(BoardActor by, DateTimeOffset now)
    {
        EnsureFacilitator(by, "mettre le minuteur en pause");
        var paused = Timer().Pause(now);
        SetTimer(paused);
        Raise(new TimerPaused(CiteId, Id, paused.PausedRemaining!.Value));
    }

    public void ResumeTimer(BoardActor by, DateTimeOffset now)
    {
        EnsureFacilitator(by, "relancer le minuteur");
        var remaining = TimerPausedRemaining;
        SetTimer(Timer().Resume(now));
        Raise(new TimerResumed(CiteId, Id, remaining!.Value));
    }

    /// <summary>Adds time to a running, paused or just-ended countdown (an ended one starts again from now).</summary>
    public void AddTime(TimeSpan added, BoardActor by, DateTimeOffset now)
    {
        EnsureFacilitator(by, "ajouter du temps");
        SetTimer(Timer().AddTime(added, now, MaxTimer));
        Raise(new TimerExtended(CiteId, Id, added));
    }

    public void StopTimer(BoardActor by)
    {
        EnsureFacilitator(by, "arrêter le minuteur");
        if (TimerDuration is null)
        {
            return;
        }
        SetTimer(Countdown.None);
        Raise(new TimerStopped(CiteId, Id));
    }

    /// <summary>The timer as it stands at <paramref name="now"/>.</summary>
    public BoardTimer TimerAt(DateTimeOffset now)
    {
        var reading = Timer().At(now);
        if (reading.State == CountdownState.Idle)
        {
            return BoardTimer.Idle;
        }
        var state = reading.State switch
        {
            CountdownState.Running => TimerState.Running,
            CountdownState.Paused => TimerState.Paused,
            _ => TimerState.Ended,
        };
        return new BoardTimer(state, reading.Remaining, reading.Duration, reading.EndsAt, reading.FreezesWhenOver);
    }

    // The timer's four stored columns are the countdown's fields; methods, not a property, so EF Core maps only the columns.
    private Countdown Timer() => new(TimerDuration, TimerEndsAt, TimerPausedRemaining, TimerFreezesWhenOver);

    private void SetTimer(Countdown countdown) =>
        (TimerDuration, TimerEndsAt, TimerPausedRemaining, TimerFreezesWhenOver) =
            (countdown.Duration, countdown.EndsAt, countdown.PausedRemaining, countdown.FreezesWhenOver);

    /// <summary>False once a countdown set to freeze the board has ended: contributions wait for the facilitator.</summary>
    public bool IsFrozenAt(DateTimeOffset now) => TimerAt(now) is { State: TimerState.Ended, FreezesWhenOver: true };

    /// <summary>Refuses a contribution (add, edit, move, delete, vote) while the board is frozen, except from a facilitator.</summary>
    public void EnsureOpenForContributions(BoardActor by, DateTimeOffset now)
    {
        if (!by.IsFacilitator && IsFrozenAt(now))
        {
            ValidationErrors.Refuse("Timer", "Le temps est écoulé : le tableau n'accepte plus de contributions pour l'instant.");
        }
    }

    /// <summary>
    /// Refuses a new card when the board is full (<see cref="MaxCards"/>) or when a guest has added their share
    /// (<see cref="MaxCardsPerGuest"/>); <paramref name="cardsOnBoard"/> counts the board's cards that are not deleted,
    /// <paramref name="cardsByAuthor"/> those of <paramref name="by"/>.
    /// </summary>
    public void EnsureRoomForCard(int cardsOnBoard, int cardsByAuthor, BoardActor by)
    {
        if (cardsOnBoard >= MaxCards)
        {
            ValidationErrors.Refuse("Cards", $"Ce tableau compte déjà {MaxCards} cartes, le maximum : regroupez ou supprimez des cartes, ou poursuivez sur un autre tableau.");
        }
        if (BoardGuest.IsGuestKey(by.Key) && cardsByAuthor >= MaxCardsPerGuest)
        {
            ValidationErrors.Refuse("Cards", $"Vous avez déjà ajouté {MaxCardsPerGuest} cartes à ce tableau, le maximum pour un·e invité·e.");
        }
    }

    /// <summary>Refuses a change to someone else's card while the board is locked, except from a facilitator.</summary>
    public void EnsureMayChangeCardOf(string authorKey, BoardActor by, string what)
    {
        if (IsLocked && !by.IsFacilitator && !string.Equals(authorKey, by.Key, StringComparison.Ordinal))
        {
            ValidationErrors.Refuse("Lock", $"Le tableau est verrouillé : seul·e l'animateur·rice peut {what} les cartes des autres.");
        }
    }

    private static void EnsureFacilitator(BoardActor by, string what)
    {
        if (!by.IsFacilitator)
        {
            ValidationErrors.Refuse("Facilitation", $"Seul·e l'animateur·rice peut {what}.");
        }
    }

    private string ValidColumnTitle(string title, Guid? exceptId)
    {
        var clean = Text.Clean(title);
        if (clean.Length == 0)
        {
            ValidationErrors.Refuse(nameof(Columns), "Le titre de la colonne est obligatoire.");
        }
        if (clean.Length > ColumnTitleMaxLength)
        {
            ValidationErrors.Refuse(nameof(Columns), $"Le titre d'une colonne ne peut pas dépasser {ColumnTitleMaxLength} caractères (actuellement {clean.Length}).");
        }
        if (OpenColumns.Any(c => c.Id != exceptId && Text.Fold(c.Title) == Text.Fold(clean)))
        {
            ValidationErrors.Refuse(nameof(Columns), $"Une colonne « {clean} » existe déjà sur ce tableau.");
        }
        return clean;
    }

    // A restored column may meet a newer namesake: it comes back as « Titre (rétablie) ».
    private string UniqueTitle(string title) =>
        OpenColumns.Any(c => Text.Fold(c.Title) == Text.Fold(title))
            ? Truncate(title, ColumnTitleMaxLength - 11) + " (rétablie)"
            : title;

    private void Replace(BoardColumn column) =>
        Columns = [.. Columns.Select(c => c.Id == column.Id ? column : c)];

    private static void ValidateTitle(string title, ValidationErrors errors)
    {
        if (title.Length == 0)
        {
            errors.Add(nameof(Title), "Le titre du tableau est obligatoire.");
        }
        else if (title.Length > TitleMaxLength)
        {
            errors.Add(nameof(Title), $"Le titre du tableau ne peut pas dépasser {TitleMaxLength} caractères (actuellement {title.Length}).");
        }
    }

    private static void ValidateDescription(string description, ValidationErrors errors)
    {
        if (description.Length > DescriptionMaxLength)
        {
            errors.Add(nameof(Description), $"La description ne peut pas dépasser {DescriptionMaxLength} caractères (actuellement {description.Length}).");
        }
    }

    // Markdown keeps its line breaks: only the ends are trimmed.
    private static string CleanDescription(string? description) => (description ?? string.Empty).Trim().ReplaceLineEndings("\n");

    internal static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
