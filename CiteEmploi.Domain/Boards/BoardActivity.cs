using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Boards;

/// <summary>
/// One line of a board's activity log: who did what, when, in French. Written in the same commit as the change it
/// describes, so the log never shows something that did not happen. Votes are not logged: they are secret.
/// </summary>
public sealed class BoardActivity : ICiteOwned
{
    public const int SummaryMaxLength = 300;
    private const int Excerpt = 60;

    // EF Core materialisation
    private BoardActivity()
    {
        ActorName = Summary = string.Empty;
    }

    /// <summary>Increasing with time: the log's order even when two changes share a timestamp.</summary>
    public long Id { get; private set; }

    public Guid CiteId { get; private set; }

    public Guid BoardId { get; private set; }

    public Guid? CardId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>What happened, as a sentence whose subject is the actor: « a ajouté une carte… ».</summary>
    public string Summary { get; private set; }

    /// <summary>The log line for an event, or null for what is not logged (votes).</summary>
    public static BoardActivity? For(IBoardEvent e, BoardActor by, DateTimeOffset at, Func<Guid, string?> columnTitle)
    {
        string? column(Guid id) => columnTitle(id) is { } t ? $"« {t} »" : "une colonne supprimée";
        var summary = e switch
        {
            BoardCreated c => $"a créé le tableau « {c.Title} ».",
            BoardDetailsChanged c => $"a modifié le titre ou la description (« {c.Title} »).",
            ColumnAdded c => $"a ajouté la colonne « {c.Title} ».",
            ColumnRenamed c => $"a renommé la colonne « {c.OldTitle} » en « {c.NewTitle} ».",
            ColumnMoved c => $"a déplacé la colonne « {c.Title} » en position {c.NewIndex + 1}.",
            ColumnRemoved c => $"a supprimé la colonne « {c.Title} ».",
            ColumnRestored c => $"a rétabli la colonne « {c.Title} ».",
            BoardLocked => "a verrouillé le tableau.",
            BoardUnlocked => "a déverrouillé le tableau.",
            VoteAllowanceChanged c => $"a fixé à {c.VotesPerPerson} le nombre de votes par personne.",
            VotesRevealed => "a révélé les votes.",
            VotesHidden => "a masqué les votes.",
            TimerStarted c => $"a lancé le minuteur ({Duration(c.Duration)}{(c.FreezesWhenOver ? ", contributions figées à la fin" : "")}).",
            TimerPaused => "a mis le minuteur en pause.",
            TimerResumed => "a relancé le minuteur.",
            TimerExtended c => $"a ajouté {Duration(c.Added)} au minuteur.",
            TimerStopped => "a arrêté le minuteur.",
            CardAdded c => $"a ajouté la carte « {Short(c.Text)} » dans {column(c.ColumnId)}.",
            CardEdited c => $"a modifié la carte « {Short(c.Text)} ».",
            CardMoved c when c.FromColumnId == c.ToColumnId => $"a réordonné une carte dans {column(c.ToColumnId)}.",
            CardMoved c => $"a déplacé une carte de {column(c.FromColumnId)} vers {column(c.ToColumnId)}.",
            CardDeleted c => $"a supprimé la carte « {Short(c.Text)} ».",
            CardRestored c => $"a rétabli la carte « {Short(c.Text)} ».",
            CardLinkedToAction c => $"a fait de la carte « {Short(c.Text)} » une action de la feuille de route.",
            GuestAccessOpened => "a ouvert le tableau aux invités avec un code.",
            GuestAccessClosed => "a fermé l'accès invité.",
            _ => null,
        };
        if (summary is null)
        {
            return null;
        }
        var cardId = e switch
        {
            CardAdded c => c.CardId,
            CardEdited c => c.CardId,
            CardMoved c => c.CardId,
            CardDeleted c => c.CardId,
            CardRestored c => c.CardId,
            CardLinkedToAction c => c.CardId,
            _ => (Guid?)null,
        };
        return new BoardActivity
        {
            CiteId = e.CiteId,
            BoardId = e.BoardId,
            CardId = cardId,
            At = at,
            ActorName = Board.Truncate(by.Name, Card.AuthorNameMaxLength),
            Summary = Board.Truncate(summary, SummaryMaxLength),
        };
    }

    private static string Short(string text)
    {
        var clean = Text.Clean(text);
        return clean.Length <= Excerpt ? clean : clean[..(Excerpt - 1)].TrimEnd() + "…";
    }

    private static string Duration(TimeSpan d) =>
        d.TotalMinutes >= 1
            ? $"{(int)d.TotalMinutes} min{(d.Seconds > 0 ? $" {d.Seconds} s" : "")}"
            : $"{d.Seconds} s";
}
