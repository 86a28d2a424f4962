using System.Globalization;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Diagnostic;

/// <summary>A service counted in a frozen cell: its id and names as they were, its distance from the place, and where it was (for the printed map).</summary>
public sealed record FrozenService(Guid Id, string Name, string StructureName, int Metres, double? Latitude = null, double? Longitude = null);

/// <summary>A row of a frozen matrix: a QPV or a commune of the perimeter, its position (null: none, nothing counted) and radius.</summary>
public sealed record FrozenPlace(string Code, string Name, bool IsQpv, double? Latitude, double? Longitude, double RadiusKm);

/// <summary>One place × one barrier as it was: the services within the radius (nearest first) and how many came to the person.</summary>
public sealed record FrozenCell(string PlaceCode, string FreinCode, IReadOnlyList<FrozenService> Services, int ComesToPerson)
{
    public int Count => Services.Count;
}

/// <summary>A gap finding as it was marked.</summary>
public sealed record FrozenFinding(string PlaceCode, string FreinCode, GapStatus Status, string Comment, string MarkedByName, DateTimeOffset MarkedAt, Guid? ActionId);

/// <summary>The reader's filters the matrix was counted with (none for a frozen diagnostic: the Cité's settings alone).</summary>
public sealed record FrozenFilters(string? PublicCode = null, bool FreeOnly = false, bool OpenOnSaturday = false, bool OpenInTheEvening = false, int? VerifiedWithinMonths = null)
{
    public static FrozenFilters None { get; } = new();

    /// <summary>The filters in words (« gratuits, ouverts le samedi »), empty without any.</summary>
    public string Describe() => string.Join(", ", new[]
    {
        PublicCode is null ? null : $"public « {PublicCode} »",
        FreeOnly ? "gratuits" : null,
        OpenOnSaturday ? "ouverts le samedi" : null,
        OpenInTheEvening ? "ouverts après 18 h" : null,
        VerifiedWithinMonths is { } months ? $"vérifiés depuis moins de {months} mois" : null,
    }.OfType<string>());
}

/// <summary>
/// What the diagnostic showed at one moment: its settings (the Cité's radius, each place's, the filters), the cells of its
/// placed rows, the gap findings, the territorial figures, and the services no cell could count. Placed rows have one
/// cell per barrier; a row without a position has none.
/// </summary>
public sealed record DiagnosticState(
    double RadiusKm,
    FrozenFilters Filters,
    IReadOnlyList<FrozenPlace> Places,
    IReadOnlyList<string> FreinCodes,
    IReadOnlyList<FrozenCell> Cells,
    IReadOnlyList<FrozenFinding> Findings,
    IReadOnlyList<TerritorialFigure> Figures,
    int Unplaced)
{
    /// <summary>The cell of a place and a barrier, or null (a place without position, an unknown barrier).</summary>
    public FrozenCell? Cell(string placeCode, string freinCode) => Cells.FirstOrDefault(c => c.PlaceCode == placeCode && c.FreinCode == freinCode);
}

/// <summary>
/// The Cité's diagnostic frozen « as of » a date (a COPIL's), with a label: what the matrix, the gap findings and the
/// figures showed when it was frozen, to compare with today. Frozen once, never changed; the coordination may delete it.
/// </summary>
public sealed class DiagnosticSnapshot : AggregateRoot, ICiteOwned
{
    public const int LabelMaxLength = 120;
    public const int NameMaxLength = 120;

    /// <summary>
    /// How many frozen diagnostics a Cité keeps at most: one per COPIL for decades, while each copy holds the matrix's
    /// services (up to a few hundred KB) and the list is shown whole on the diagnostic page.
    /// </summary>
    public const int MaxPerCite = 100;

    /// <summary>The key of the error said beside the freeze form when the Cité already keeps <see cref="MaxPerCite"/>.</summary>
    public const string KeptField = "Kept";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    // EF Core materialisation
    private DiagnosticSnapshot()
    {
        Label = FrozenByName = string.Empty;
        State = null!;
    }

    public Guid CiteId { get; private set; }

    /// <summary>What the frozen diagnostic is called (« COPIL de mars 2026 »).</summary>
    public string Label { get; private set; }

    /// <summary>The date the diagnostic is frozen « as of » (the COPIL's).</summary>
    public DateOnly AsOf { get; private set; }

    public DateTimeOffset FrozenAt { get; private set; }

    public string FrozenByName { get; private set; }

    public DiagnosticState State { get; private set; }

    /// <summary>
    /// What is wrong with a label and a date, by field (<see cref="Label"/>, <see cref="AsOf"/>): a label is required and at
    /// most <see cref="LabelMaxLength"/> characters; the date is neither after today nor before the Cité was created; the
    /// Cité, which already keeps <paramref name="kept"/>, keeps at most <see cref="MaxPerCite"/> (<see cref="KeptField"/>).
    /// </summary>
    public static ValidationErrors Check(string? label, DateOnly? asOf, DateOnly today, DateOnly citeCreatedOn, int kept)
    {
        var errors = new ValidationErrors();
        if (kept >= MaxPerCite)
        {
            errors.Add(KeptField, $"Cette Cité garde déjà {MaxPerCite} diagnostics figés : supprimez-en un avant d'en figer un autre.");
        }
        var clean = Text.Clean(label);
        if (clean.Length == 0)
        {
            errors.Add(nameof(Label), "Donnez un nom au diagnostic figé (par exemple « COPIL de mars 2026 »).");
        }
        else if (clean.Length > LabelMaxLength)
        {
            errors.Add(nameof(Label), $"Le nom compte au plus {LabelMaxLength} caractères (actuellement {clean.Length}).");
        }
        if (asOf is not { } date)
        {
            errors.Add(nameof(AsOf), "Indiquez la date du diagnostic (celle du COPIL).");
        }
        else if (date > today)
        {
            errors.Add(nameof(AsOf), $"Le {Day(date)} est dans le futur : un diagnostic se fige au plus tard aujourd'hui ({Day(today)}).");
        }
        else if (date < citeCreatedOn)
        {
            errors.Add(nameof(AsOf), $"La Cité n'existait pas encore le {Day(date)} : elle a été créée le {Day(citeCreatedOn)}.");
        }
        return errors;
    }

    /// <summary>Freezes the diagnostic as <paramref name="state"/> shows it.</summary>
    /// <exception cref="DomainValidationException">A missing or too long label, a date in the future or before the Cité, or already <see cref="MaxPerCite"/> kept.</exception>
    public static DiagnosticSnapshot Freeze(Guid citeId, string? label, DateOnly? asOf, DateOnly today, DateOnly citeCreatedOn, int kept, DiagnosticState state,
        string byName, DateTimeOffset now)
    {
        Check(label, asOf, today, citeCreatedOn, kept).ThrowIfAny();
        var snapshot = new DiagnosticSnapshot
        {
            CiteId = citeId,
            Label = Text.Clean(label),
            AsOf = asOf!.Value,
            FrozenAt = now,
            FrozenByName = byName.Length > NameMaxLength ? byName[..NameMaxLength] : byName,
            State = state,
        };
        snapshot.Raise(new DiagnosticSnapshotChanged(citeId, snapshot.Id));
        return snapshot;
    }

    /// <summary>Records the deletion (before the row is removed), so the diagnostic pages hear it.</summary>
    public void MarkDeleted() => Raise(new DiagnosticSnapshotChanged(CiteId, Id));

    /// <summary>« 12 mars 2026 ».</summary>
    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", French);
}

/// <summary>A frozen diagnostic was added to a Cité's list, or deleted from it.</summary>
public sealed record DiagnosticSnapshotChanged(Guid CiteId, Guid SnapshotId) : IDomainEvent;
