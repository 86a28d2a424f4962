using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Sessions;

/// <summary>
/// A meeting of the Cité (COPIL, comité technique, interconnaissance, atelier) and its agenda, prepared then run live:
/// one item is current for everyone, its timer computed from the server's clock (never stored as ticking), the
/// session's forecast end following the items' real lengths (see <see cref="AgendaSchedule"/>). Refusals are French
/// and name the field; nothing is changed by a refused command.
/// </summary>
public sealed partial class Session : AggregateRoot, ICiteOwned
{
    public const int TitleMaxLength = 200;
    public const int PlaceMaxLength = 300;
    public const int VideoLinkMaxLength = 500;
    public const int MaxCapacity = 2000;
    public const int ItemTitleMaxLength = 200;
    public const int ItemDescriptionMaxLength = 4000;
    public const int PresenterMaxLength = 160;
    public const int MaxItems = 60;
    public const int ActorNameMaxLength = 120;
    public const int NotesMaxLength = 20_000;
    public const int OutcomeTextMaxLength = 1_000;
    public const int MaxOutcomesPerItem = 40;

    /// <summary>A room display's code: eight characters of <see cref="AccessCode.Alphabet"/> (31^8 ≈ 850 billion).</summary>
    public const int DisplayCodeLength = 8;

    private Session()
    {
        Title = Place = VideoLink = CreatedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    public SessionKind Kind { get; private set; }

    public string Title { get; private set; }

    /// <summary>The day, French time.</summary>
    public DateOnly Date { get; private set; }

    public TimeOnly StartTime { get; private set; }

    public TimeOnly EndTime { get; private set; }

    public string Place { get; private set; }

    public string VideoLink { get; private set; }

    public int? Capacity { get; private set; }

    public SessionState State { get; private set; }

    /// <summary>The agenda in order: each top-level item followed by its sub-items.</summary>
    public List<AgendaItem> Items { get; private set; } = [];

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Incremented at each change of date, time, place or state that invitations carry (ICS SEQUENCE).</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedByName { get; private set; }

    /// <summary>
    /// The code a room display (a projector, no account) opens the session with; null when none is open. Made on demand by
    /// a coordinator; « Nouveau code » replaces it and the displays opened with the old one stop.
    /// </summary>
    public string? DisplayCode { get; private set; }

    /// <summary>The notes taken on the items (one per item that has some).</summary>
    public List<AgendaNote> Notes { get; private set; } = [];

    /// <summary>The items' outcomes (informations, decisions, actions), in the order they were recorded.</summary>
    public List<AgendaOutcome> Outcomes { get; private set; } = [];

    /// <summary>The planned length, from its start to its end time.</summary>
    public int DurationMinutes => (int)(EndTime - StartTime).TotalMinutes;

    /// <summary>The item everyone is on, while the session runs.</summary>
    public AgendaItem? Current => Items.FirstOrDefault(i => i.State == AgendaItemState.EnCours);

    public static Session Create(Guid citeId, SessionDetails details, SessionActor by, DateTimeOffset now)
    {
        var clean = Validate(details, items: []);
        var session = new Session { CiteId = citeId, CreatedAt = now, CreatedByName = Truncate(by.Name, ActorNameMaxLength), State = SessionState.Prevue };
        session.Apply(clean);
        session.Raise(new SessionCreated(citeId, session.Id, session.Title));
        return session;
    }

    public void ChangeDetails(SessionDetails details, SessionActor by)
    {
        EnsureNotOver("modifier");
        var clean = Validate(details, Items);
        var before = Details;
        if (clean == before)
        {
            return;
        }
        if (clean.Date != before.Date || clean.StartTime != before.StartTime || clean.EndTime != before.EndTime || clean.Place != before.Place
            || clean.VideoLink != before.VideoLink || clean.Title != before.Title)
        {
            Sequence++;
        }
        Apply(clean);
        Raise(new SessionDetailsChanged(CiteId, Id, Title, Truncate(by.Name, ActorNameMaxLength)));
    }

    public SessionDetails Details => new(Kind, Title, Date, StartTime, EndTime, Place, VideoLink, Capacity);

    // ---- the agenda ----

    /// <summary>Adds an item at the end of the agenda, or of <paramref name="parentId"/>'s sub-items; returns its id.</summary>
    public Guid AddItem(Guid? parentId, AgendaItemContent content, SessionActor by)
    {
        EnsureNotOver("modifier l'ordre du jour de");
        if (Items.Count >= MaxItems)
        {
            ValidationErrors.Refuse(nameof(Items), $"Un ordre du jour compte au plus {MaxItems} points.");
        }
        if (parentId is { } p)
        {
            EnsureMayHoldSubItems(p);
        }
        var clean = ValidateItem(content);
        var item = new AgendaItem(Guid.NewGuid(), parentId, clean.Title, clean.Description, clean.PlannedMinutes, clean.PresenterName, clean.PresenterStructureId);
        var index = parentId is { } parent ? LastIndexOfFamily(parent) + 1 : Items.Count;
        Items.Insert(index, item);
        Raise(new AgendaChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
        return item.Id;
    }

    public void EditItem(Guid itemId, AgendaItemContent content, SessionActor by)
    {
        EnsureNotOver("modifier l'ordre du jour de");
        var index = IndexOf(itemId);
        var clean = ValidateItem(content);
        var item = Items[index];
        if (item.Content == clean)
        {
            return;
        }
        Items[index] = item with
        {
            Title = clean.Title, Description = clean.Description, PlannedMinutes = clean.PlannedMinutes,
            PresenterName = clean.PresenterName, PresenterStructureId = clean.PresenterStructureId,
        };
        Raise(new AgendaChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>
    /// Moves an item (with its sub-items) under <paramref name="parentId"/> (null: the top level) at <paramref name="index"/>
    /// among its new siblings.
    /// </summary>
    public void MoveItem(Guid itemId, Guid? parentId, int index, SessionActor by)
    {
        EnsureNotOver("modifier l'ordre du jour de");
        var item = Items[IndexOf(itemId)];
        if (parentId is { } p)
        {
            if (p == itemId)
            {
                ValidationErrors.Refuse(nameof(AgendaItem.ParentId), $"« {item.Title} » ne peut pas être rangé sous lui-même.");
            }
            EnsureMayHoldSubItems(p);
            if (Items.Any(i => i.ParentId == itemId))
            {
                ValidationErrors.Refuse(nameof(AgendaItem.ParentId), $"« {item.Title} » a des sous-points : un ordre du jour n'a qu'un niveau de sous-points.");
            }
        }
        var family = Items.Where(i => i.Id == itemId || i.ParentId == itemId).ToList();
        var rest = Items.Where(i => !family.Contains(i)).ToList();
        family[0] = family[0] with { ParentId = parentId };
        var siblings = rest.Where(i => i.ParentId == parentId).ToList();
        var at = Math.Clamp(index, 0, siblings.Count);
        int insertAt;
        if (at < siblings.Count)
        {
            insertAt = rest.IndexOf(siblings[at]);
        }
        else if (parentId is { } parent)
        {
            insertAt = rest.FindLastIndex(i => i.Id == parent || i.ParentId == parent) + 1;
        }
        else
        {
            insertAt = rest.Count;
        }
        rest.InsertRange(insertAt, family);
        if (rest.Select(i => (i.Id, i.ParentId)).SequenceEqual(Items.Select(i => (i.Id, i.ParentId))))
        {
            return;
        }
        Items = rest;
        Raise(new AgendaChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Removes an item and its sub-items; not the one the session is on.</summary>
    public void RemoveItem(Guid itemId, SessionActor by)
    {
        EnsureNotOver("modifier l'ordre du jour de");
        var item = Items[IndexOf(itemId)];
        if (Items.Any(i => (i.Id == itemId || i.ParentId == itemId) && i.State == AgendaItemState.EnCours))
        {
            ValidationErrors.Refuse(nameof(Items), $"« {item.Title} » est en cours : passez au point suivant avant de le retirer.");
        }
        var removed = Items.Where(i => i.Id == itemId || i.ParentId == itemId).Select(i => i.Id).ToHashSet();
        if (Outcomes.Any(o => removed.Contains(o.ItemId) && o.ActionId is not null))
        {
            ValidationErrors.Refuse(nameof(Items), $"Un résultat de « {item.Title} » est devenu une action de la feuille de route : le point reste à l'ordre du jour.");
        }
        Items.RemoveAll(i => removed.Contains(i.Id));
        Notes.RemoveAll(n => removed.Contains(n.ItemId));
        Outcomes.RemoveAll(o => removed.Contains(o.ItemId));
        Raise(new AgendaChanged(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>The items the session runs through, in order: the sub-items of an item with some, the item itself otherwise.</summary>
    public IReadOnlyList<AgendaItem> Steps => [.. Items.Where(i => !Items.Any(c => c.ParentId == i.Id))];

    // ---- running ----

    /// <summary>Starts the session on its first item.</summary>
    public void Start(SessionActor by, DateTimeOffset now)
    {
        if (State != SessionState.Prevue)
        {
            ValidationErrors.Refuse(nameof(State), State == SessionState.EnCours ? "La séance est déjà en cours." : "Cette séance est terminée ou annulée.");
        }
        if (Steps.Count == 0)
        {
            ValidationErrors.Refuse(nameof(Items), "Ajoutez au moins un point à l'ordre du jour avant de commencer la séance.");
        }
        State = SessionState.EnCours;
        StartedAt = now;
        Raise(new SessionStarted(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
        Begin(Steps[0], now);
    }

    /// <summary>« Suivant » : the current item is done, the next one starts; after the last, the agenda is finished.</summary>
    public void Next(DateTimeOffset now)
    {
        EnsureRunning();
        var steps = Steps.ToList();
        if (Current is not { } current)
        {
            ValidationErrors.Refuse(nameof(Items), "L'ordre du jour est terminé : vous pouvez clore la séance.");
            return;
        }
        var from = steps.FindIndex(s => s.Id == current.Id);
        Replace(current with { State = AgendaItemState.Fait, EndedAt = now });
        if (steps.Skip(from + 1).FirstOrDefault(s => s.State == AgendaItemState.AVenir) is { } next)
        {
            Begin(next, now);
        }
        else
        {
            Raise(new AgendaFinished(CiteId, Id));
        }
    }

    /// <summary>
    /// « Précédent » : the current item goes back to « à venir » and the one before resumes where it stopped (its timer
    /// counts on from the time it had already taken).
    /// </summary>
    public void Previous(DateTimeOffset now)
    {
        EnsureRunning();
        var steps = Steps.ToList();
        var current = Current;
        var from = current is null ? steps.Count : steps.FindIndex(s => s.Id == current.Id);
        if (from == 0)
        {
            ValidationErrors.Refuse(nameof(Items), "La séance est sur son premier point.");
        }
        var previous = steps[from - 1];
        if (current is not null)
        {
            Replace(current with { State = AgendaItemState.AVenir, StartedAt = null, EndedAt = null });
        }
        var taken = previous is { StartedAt: { } s, EndedAt: { } e } ? e - s : TimeSpan.Zero;
        Replace(previous with { State = AgendaItemState.EnCours, StartedAt = now - taken, EndedAt = null });
        Raise(new AgendaItemStarted(CiteId, Id, previous.Id, previous.Title));
    }

    /// <summary>Closes the session: the current item is done, those not reached are marked passed.</summary>
    public void Close(SessionActor by, DateTimeOffset now)
    {
        EnsureRunning();
        for (var i = 0; i < Items.Count; i++)
        {
            Items[i] = Items[i].State switch
            {
                AgendaItemState.EnCours => Items[i] with { State = AgendaItemState.Fait, EndedAt = now },
                AgendaItemState.AVenir => Items[i] with { State = AgendaItemState.Passe },
                _ => Items[i],
            };
        }
        State = SessionState.Close;
        ClosedAt = now;
        Sequence++;
        Raise(new SessionClosed(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Cancels a planned session (its invitations are withdrawn: ICS METHOD:CANCEL).</summary>
    public void Cancel(SessionActor by)
    {
        if (State != SessionState.Prevue)
        {
            ValidationErrors.Refuse(nameof(State), "Seule une séance prévue peut être annulée.");
        }
        State = SessionState.Annulee;
        Sequence++;
        Raise(new SessionCancelled(CiteId, Id, Truncate(by.Name, ActorNameMaxLength)));
    }

    // ---- notes and outcomes ----

    /// <summary>The notes of an item (empty when none).</summary>
    public string NotesOf(Guid itemId) => Notes.FirstOrDefault(n => n.ItemId == itemId)?.Text ?? string.Empty;

    /// <summary>
    /// Replaces the notes of an item with <paramref name="text"/> (Markdown; empty removes them), written from
    /// <paramref name="basis"/>, the notes the writer saw: when someone saved other notes since, nothing is changed and
    /// the refusal says who, so the writer can read them and merge (their text stays in their field).
    /// </summary>
    public void WriteNotes(Guid itemId, string? text, string? basis, SessionActor by, DateTimeOffset now)
    {
        EnsureMayRecord();
        IndexOf(itemId);
        var clean = (text ?? string.Empty).Trim();
        if (clean.Length > NotesMaxLength)
        {
            ValidationErrors.Refuse(nameof(Notes), $"Les notes d'un point ne dépassent pas {NotesMaxLength} caractères (actuellement {clean.Length}).");
        }
        var current = Notes.FirstOrDefault(n => n.ItemId == itemId);
        if ((current?.Text ?? string.Empty) == clean)
        {
            return;
        }
        if ((current?.Text ?? string.Empty) != (basis ?? string.Empty).Trim())
        {
            ValidationErrors.Refuse(nameof(Notes),
                $"{current?.ByName ?? "Quelqu'un"} vient de modifier les notes de ce point : votre texte est gardé dans le champ ; relisez leurs notes, reprenez ce qui manque, puis enregistrez à nouveau.");
        }
        Notes.RemoveAll(n => n.ItemId == itemId);
        if (clean.Length > 0)
        {
            Notes.Add(new AgendaNote(itemId, clean, now, Truncate(by.Name, ActorNameMaxLength)));
        }
        Raise(new AgendaItemRecordChanged(CiteId, Id, itemId, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Records an outcome of an item (an information, a decision, an action to carry out); returns its id.</summary>
    public Guid AddOutcome(Guid itemId, OutcomeKind kind, string? text, SessionActor by, DateTimeOffset now)
    {
        EnsureMayRecord();
        IndexOf(itemId);
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(nameof(AgendaOutcome.Kind), "Choisissez le type : information, décision ou action.");
        }
        var clean = (text ?? string.Empty).Trim();
        if (clean.Length == 0)
        {
            errors.Add(nameof(AgendaOutcome.Text), "Écrivez le résultat.");
        }
        else if (clean.Length > OutcomeTextMaxLength)
        {
            errors.Add(nameof(AgendaOutcome.Text), $"Un résultat ne dépasse pas {OutcomeTextMaxLength} caractères (actuellement {clean.Length}).");
        }
        if (Outcomes.Count(o => o.ItemId == itemId) >= MaxOutcomesPerItem)
        {
            errors.Add(nameof(AgendaOutcome.Text), $"Un point compte au plus {MaxOutcomesPerItem} résultats.");
        }
        errors.ThrowIfAny();
        var outcome = new AgendaOutcome(Guid.NewGuid(), itemId, kind, clean, now, Truncate(by.Name, ActorNameMaxLength));
        Outcomes.Add(outcome);
        Raise(new AgendaItemRecordChanged(CiteId, Id, itemId, outcome.ByName));
        return outcome.Id;
    }

    /// <summary>Removes an outcome, unless it became an action of the feuille de route (the action keeps its origin).</summary>
    public void RemoveOutcome(Guid outcomeId, SessionActor by)
    {
        EnsureMayRecord();
        var outcome = Outcome(outcomeId);
        if (outcome.ActionId is not null)
        {
            ValidationErrors.Refuse(nameof(Outcomes), "Ce résultat est devenu une action de la feuille de route : il reste au compte rendu.");
        }
        Outcomes.Remove(outcome);
        Raise(new AgendaItemRecordChanged(CiteId, Id, outcome.ItemId, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>The outcome <paramref name="outcomeId"/>, refused in French when it is no longer there.</summary>
    public AgendaOutcome Outcome(Guid outcomeId)
    {
        var outcome = Outcomes.FirstOrDefault(o => o.Id == outcomeId);
        if (outcome is null)
        {
            ValidationErrors.Refuse(nameof(Outcomes), "Ce résultat n'existe plus : quelqu'un l'a retiré entre-temps.");
        }
        return outcome!;
    }

    /// <summary>Records that an « action » outcome became the action <paramref name="actionId"/> of the plan <paramref name="planId"/> (once).</summary>
    public void LinkOutcomeToAction(Guid outcomeId, Guid planId, Guid actionId, SessionActor by)
    {
        var outcome = OutcomeThatMayBecomeAnAction(outcomeId);
        Outcomes[Outcomes.IndexOf(outcome)] = outcome with { PlanId = planId, ActionId = actionId };
        Raise(new AgendaItemRecordChanged(CiteId, Id, outcome.ItemId, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>The outcome <paramref name="outcomeId"/> when it may become an action (an « action » not yet made one); refused in French otherwise.</summary>
    public AgendaOutcome OutcomeThatMayBecomeAnAction(Guid outcomeId)
    {
        var outcome = Outcome(outcomeId);
        if (outcome.Kind != OutcomeKind.Action)
        {
            ValidationErrors.Refuse(nameof(Outcomes), "Seul un résultat de type « action » devient une action de la feuille de route.");
        }
        if (outcome.ActionId is not null)
        {
            ValidationErrors.Refuse(nameof(Outcomes), "Ce résultat est déjà devenu une action de la feuille de route.");
        }
        return outcome;
    }

    // ---- the room display ----

    /// <summary>Opens the session to room displays with <paramref name="code"/>, replacing any code before it (those displays stop).</summary>
    public void OpenDisplay(string code, SessionActor by)
    {
        if (State == SessionState.Annulee)
        {
            ValidationErrors.Refuse(nameof(DisplayCode), "Une séance annulée ne s'affiche pas en salle.");
        }
        if (AccessCode.Normalize(code, DisplayCodeLength) != code)
        {
            ValidationErrors.Refuse(nameof(DisplayCode), $"Un code d'affichage a {DisplayCodeLength} caractères, lettres et chiffres.");
        }
        DisplayCode = code;
        Raise(new SessionDisplayChanged(CiteId, Id, Open: true, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>Withdraws the display code: the displays opened with it are told and stop.</summary>
    public void CloseDisplay(SessionActor by)
    {
        if (DisplayCode is null)
        {
            return;
        }
        DisplayCode = null;
        Raise(new SessionDisplayChanged(CiteId, Id, Open: false, Truncate(by.Name, ActorNameMaxLength)));
    }

    /// <summary>The agenda's schedule and, while it runs, where it stands at <paramref name="now"/>.</summary>
    public AgendaSchedule ScheduleAt(DateTimeOffset now) => AgendaSchedule.Of(this, now);

    // ---- plumbing ----

    private void Begin(AgendaItem item, DateTimeOffset now)
    {
        Replace(item with { State = AgendaItemState.EnCours, StartedAt = now, EndedAt = null });
        Raise(new AgendaItemStarted(CiteId, Id, item.Id, item.Title));
    }

    private void Replace(AgendaItem item) => Items[IndexOf(item.Id)] = item;

    private int IndexOf(Guid itemId)
    {
        var index = Items.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            ValidationErrors.Refuse(nameof(Items), "Ce point n'est plus à l'ordre du jour : quelqu'un l'a retiré entre-temps.");
        }
        return index;
    }

    private int LastIndexOfFamily(Guid parentId) => Items.FindLastIndex(i => i.Id == parentId || i.ParentId == parentId);

    private void EnsureMayHoldSubItems(Guid parentId)
    {
        var parent = Items[IndexOf(parentId)];
        if (parent.ParentId is not null)
        {
            ValidationErrors.Refuse(nameof(AgendaItem.ParentId), "Un ordre du jour n'a qu'un niveau de sous-points.");
        }
    }

    private void EnsureRunning()
    {
        if (State != SessionState.EnCours)
        {
            ValidationErrors.Refuse(nameof(State), State == SessionState.Prevue ? "La séance n'a pas commencé." : "La séance est terminée.");
        }
    }

    // Notes and outcomes are taken before, during and after the session (the minutes are finished once it closed), not on a cancelled one.
    private void EnsureMayRecord()
    {
        if (State == SessionState.Annulee)
        {
            ValidationErrors.Refuse(nameof(State), "Une séance annulée n'a ni notes ni résultats.");
        }
    }

    private void EnsureNotOver(string what)
    {
        if (State is SessionState.Close or SessionState.Annulee)
        {
            ValidationErrors.Refuse(nameof(State), $"Impossible de {what} une séance {(State == SessionState.Close ? "close" : "annulée")}.");
        }
    }

    private void Apply(SessionDetails d)
    {
        (Kind, Title, Date, StartTime, EndTime, Place, VideoLink, Capacity) = (d.Kind, d.Title, d.Date, d.StartTime, d.EndTime, d.Place, d.VideoLink, d.Capacity);
    }

    private static SessionDetails Validate(SessionDetails d, IReadOnlyList<AgendaItem> items)
    {
        var errors = new ValidationErrors();
        var title = Text.Clean(d.Title);
        if (title.Length == 0)
        {
            errors.Add(nameof(Title), "Donnez un titre à la séance.");
        }
        else if (title.Length > TitleMaxLength)
        {
            errors.Add(nameof(Title), $"Le titre ne dépasse pas {TitleMaxLength} caractères.");
        }
        if (!Enum.IsDefined(d.Kind))
        {
            errors.Add(nameof(Kind), "Choisissez le type de séance dans la liste.");
        }
        if (d.EndTime <= d.StartTime)
        {
            errors.Add(nameof(EndTime), "L'heure de fin doit suivre l'heure de début.");
        }
        else if (items.Where(i => !items.Any(c => c.ParentId == i.Id)).Select(i => i.PlannedMinutes).DefaultIfEmpty().Max() is var longest
                 && longest > (d.EndTime - d.StartTime).TotalMinutes)
        {
            errors.Add(nameof(EndTime), $"Un point de l'ordre du jour dure {longest} min, plus que la séance ainsi raccourcie.");
        }
        var place = Text.Clean(d.Place);
        if (place.Length > PlaceMaxLength)
        {
            errors.Add(nameof(Place), $"Le lieu ne dépasse pas {PlaceMaxLength} caractères.");
        }
        var link = (d.VideoLink ?? string.Empty).Trim();
        if (link.Length > VideoLinkMaxLength)
        {
            errors.Add(nameof(VideoLink), $"Le lien ne dépasse pas {VideoLinkMaxLength} caractères.");
        }
        else if (link.Length > 0 && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            errors.Add(nameof(VideoLink), "Le lien de visioconférence doit être une adresse web complète (https://…).");
        }
        if (d.Capacity is { } capacity && (capacity < 1 || capacity > MaxCapacity))
        {
            errors.Add(nameof(Capacity), $"La capacité est un nombre de places de 1 à {MaxCapacity}, ou vide pour ne pas limiter.");
        }
        errors.ThrowIfAny();
        return d with { Title = title, Place = place, VideoLink = link };
    }

    private AgendaItemContent ValidateItem(AgendaItemContent c)
    {
        var errors = new ValidationErrors();
        var title = Text.Clean(c.Title);
        if (title.Length == 0)
        {
            errors.Add(nameof(AgendaItem.Title), "Donnez un intitulé au point.");
        }
        else if (title.Length > ItemTitleMaxLength)
        {
            errors.Add(nameof(AgendaItem.Title), $"L'intitulé ne dépasse pas {ItemTitleMaxLength} caractères.");
        }
        if (c.PlannedMinutes < 1)
        {
            errors.Add(nameof(AgendaItem.PlannedMinutes), "La durée prévue est d'au moins une minute.");
        }
        else if (c.PlannedMinutes > DurationMinutes)
        {
            errors.Add(nameof(AgendaItem.PlannedMinutes), $"Ce point dure {c.PlannedMinutes} min, plus que la séance entière ({DurationMinutes} min).");
        }
        var description = (c.Description ?? string.Empty).Trim();
        if (description.Length > ItemDescriptionMaxLength)
        {
            errors.Add(nameof(AgendaItem.Description), $"La description ne dépasse pas {ItemDescriptionMaxLength} caractères.");
        }
        var presenter = Text.Clean(c.PresenterName);
        if (presenter.Length > PresenterMaxLength)
        {
            errors.Add(nameof(AgendaItem.PresenterName), $"Le nom de l'intervenant ne dépasse pas {PresenterMaxLength} caractères.");
        }
        errors.ThrowIfAny();
        return c with { Title = title, Description = description, PresenterName = presenter };
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
