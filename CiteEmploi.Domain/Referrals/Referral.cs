using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Referrals;

/// <summary>What the person recording a referral says about it: from which structure, for which barrier, on which day, and an optional note.</summary>
public sealed record ReferralFacts(Guid? FromStructureId, string? FreinCode, DateOnly? Date, string? Note);

/// <summary>The service a referral goes to, as the directory knows it when the referral is recorded.</summary>
public sealed record ReferredService(Guid Id, string Name, Guid StructureId, IReadOnlyCollection<string> FreinCodes);

/// <summary>
/// A referral (« orientation », issue 16, docs/decisions/0035): a member of a Cité says a structure sent someone towards
/// a service of the directory for a barrier, on a day. Nothing about the resident is kept — no name, no contact, no
/// situation: the note is the professional's, and the form says so. Counted on the « Orientations » page, in the
/// cooperation map (a link from the structure that orients to the service's structure) and as a counted indicator.
/// </summary>
public sealed class Referral : AggregateRoot, ICiteOwned
{
    public const int NoteMaxLength = 500;
    public const int NameMaxLength = 150;

    /// <summary>A referral older than this is history, not a mistake being corrected: it is no longer recorded.</summary>
    public const int MaxAgeDays = 365;

    public const string FromField = nameof(FromStructureId);
    public const string FreinField = nameof(FreinCode);
    public const string DateField = nameof(Date);
    public const string NoteField = nameof(Note);

    // EF Core materialisation
    private Referral()
    {
        ServiceName = RecordedByName = Note = string.Empty;
    }

    public Guid CiteId { get; private set; }

    /// <summary>The directory structure that oriented the person.</summary>
    public Guid FromStructureId { get; private set; }

    public Guid ServiceId { get; private set; }

    /// <summary>The service's name when recorded (the service may be renamed or archived later).</summary>
    public string ServiceName { get; private set; }

    /// <summary>The structure of the service, when recorded: the receiving end of the link.</summary>
    public Guid ToStructureId { get; private set; }

    /// <summary>The barrier the person was oriented for; null only for a service coded with no barrier.</summary>
    public string? FreinCode { get; private set; }

    /// <summary>The day the person was oriented (French calendar day).</summary>
    public DateOnly Date { get; private set; }

    /// <summary>A short note by the professional; never anything about the person.</summary>
    public string Note { get; private set; }

    public string? RecordedByUserId { get; private set; }

    public string RecordedByName { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The earliest day a referral recorded on <paramref name="today"/> may carry.</summary>
    public static DateOnly EarliestDate(DateOnly today) => today.AddDays(-MaxAgeDays);

    /// <summary>Records a referral; every field is checked before anything is made.</summary>
    /// <param name="structures">The structures of the Cité's directory: the orienting one must be one of them.</param>
    /// <exception cref="DomainValidationException">A French message per field at fault.</exception>
    public static Referral Record(Guid citeId, ReferralFacts facts, ReferredService service, IReadOnlyCollection<Guid> structures,
        string? userId, string byName, DateTimeOffset now) =>
        Make(citeId, facts, service, structures, userId, byName, now, oldest: EarliestDate(DateOnly.FromDateTime(FrenchTime.Local(now))));

    /// <summary>
    /// A referral of the demonstration Cité's invented past (two years): the same checks, except the age limit, which is
    /// about people recording what they did, not about invented history.
    /// </summary>
    public static Referral Demonstration(Guid citeId, ReferralFacts facts, ReferredService service, IReadOnlyCollection<Guid> structures, string byName, DateTimeOffset now) =>
        Make(citeId, facts, service, structures, null, byName, now, oldest: DateOnly.MinValue);

    private static Referral Make(Guid citeId, ReferralFacts facts, ReferredService service, IReadOnlyCollection<Guid> structures,
        string? userId, string byName, DateTimeOffset now, DateOnly oldest)
    {
        var today = DateOnly.FromDateTime(FrenchTime.Local(now));
        var errors = new ValidationErrors();
        if (facts.FromStructureId is not { } from || !structures.Contains(from))
        {
            errors.Add(FromField, facts.FromStructureId is null
                ? "Choisissez la structure qui a orienté la personne."
                : "Cette structure n'est pas dans l'annuaire de la Cité : choisissez-en une de la liste.");
        }
        var frein = string.IsNullOrWhiteSpace(facts.FreinCode) ? null : facts.FreinCode.Trim();
        if (service.FreinCodes.Count > 0 && (frein is null || !service.FreinCodes.Contains(frein)))
        {
            errors.Add(FreinField, frein is null
                ? "Choisissez le frein pour lequel la personne a été orientée."
                : "Ce frein n'est pas traité par ce service : choisissez un des freins du service.");
        }
        else if (service.FreinCodes.Count == 0 && frein is not null)
        {
            errors.Add(FreinField, "Ce service n'indique aucun frein : laissez le frein vide.");
        }
        if (facts.Date is not { } date)
        {
            errors.Add(DateField, "Indiquez la date de l'orientation.");
        }
        else if (date > today)
        {
            errors.Add(DateField, "La date de l'orientation ne peut pas être dans le futur.");
        }
        else if (date < oldest)
        {
            errors.Add(DateField, $"Une orientation de plus d'un an ne s'enregistre pas : choisissez une date à partir du {oldest.ToString("d MMMM yyyy", FrenchDates)}.");
        }
        var note = Text.Clean(facts.Note);
        if (note.Length > NoteMaxLength)
        {
            errors.Add(NoteField, $"La note fait au plus {NoteMaxLength} caractères ({note.Length} ici). Aucune donnée personnelle sur la personne.");
        }
        errors.ThrowIfAny();

        var name = Text.Clean(byName);
        var referral = new Referral
        {
            CiteId = citeId,
            FromStructureId = facts.FromStructureId!.Value,
            ServiceId = service.Id,
            ServiceName = Cut(Text.Clean(service.Name)),
            ToStructureId = service.StructureId,
            FreinCode = frein,
            Date = facts.Date!.Value,
            Note = note,
            RecordedByUserId = userId,
            RecordedByName = Cut(name.Length == 0 ? "Membre" : name),
            RecordedAt = now,
        };
        referral.Raise(new ReferralRecorded(citeId, referral.Id));
        return referral;
    }

    /// <summary>
    /// Whether this person may delete it: the one who recorded it, on the day they recorded it (a mistake), or the
    /// coordination at any time.
    /// </summary>
    public bool CanBeDeletedBy(string? userId, bool isCoordination, DateTimeOffset now) =>
        isCoordination || IsOwnMistake(userId, now);

    /// <summary>Recorded by this person earlier today (French day).</summary>
    public bool IsOwnMistake(string? userId, DateTimeOffset now) =>
        userId is not null && userId == RecordedByUserId
        && DateOnly.FromDateTime(FrenchTime.Local(RecordedAt)) == DateOnly.FromDateTime(FrenchTime.Local(now));

    /// <summary>Checks the deletion is allowed and records it; the caller deletes the row.</summary>
    /// <exception cref="DomainValidationException">Neither the recorder on the same day nor the coordination.</exception>
    public void Delete(string? userId, bool isCoordination, DateTimeOffset now)
    {
        if (!CanBeDeletedBy(userId, isCoordination, now))
        {
            ValidationErrors.Refuse(nameof(RecordedByUserId),
                "Seule la personne qui a enregistré l'orientation peut la supprimer, le jour même ; ensuite, demandez à la coordination.");
        }
        Raise(new ReferralDeleted(CiteId, Id));
    }

    private static readonly System.Globalization.CultureInfo FrenchDates = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");

    private static string Cut(string text) => text.Length > NameMaxLength ? text[..NameMaxLength] : text;
}

public sealed record ReferralRecorded(Guid CiteId, Guid ReferralId) : IDomainEvent;

public sealed record ReferralDeleted(Guid CiteId, Guid ReferralId) : IDomainEvent;

/// <summary>One referral as counted: its barrier and its two structures.</summary>
public sealed record ReferralLine(string? FreinCode, Guid From, Guid To);

/// <summary>Counts over a set of referrals (the « Orientations » page), deterministic: largest first, then by code or pair.</summary>
public static class ReferralCounts
{
    /// <summary>How many per barrier (null: a service without barrier), most first.</summary>
    public static IReadOnlyList<(string? FreinCode, int Count)> ByFrein(IEnumerable<ReferralLine> lines) =>
        [.. lines.GroupBy(l => l.FreinCode).Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)];

    /// <summary>How many per directed pair of structures (from → to), most first.</summary>
    public static IReadOnlyList<(Guid From, Guid To, int Count)> ByPair(IEnumerable<ReferralLine> lines) =>
        [.. lines.GroupBy(l => (l.From, l.To)).Select(g => (g.Key.From, g.Key.To, g.Count()))
            .OrderByDescending(g => g.Item3).ThenBy(g => g.From).ThenBy(g => g.To)];
}
