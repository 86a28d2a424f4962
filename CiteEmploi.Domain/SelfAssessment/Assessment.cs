using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;

namespace CiteEmploi.Domain.SelfAssessment;

/// <summary>Who fills the assessment in: the coordination alone, or everyone together (each member rates, the level is agreed).</summary>
public enum AssessmentMode
{
    Coordination,
    Collective,
}

/// <summary>An assessment being filled in, or closed (it then no longer changes).</summary>
public enum AssessmentState
{
    EnCours,
    Clos,
}

/// <summary>The level agreed for one condition, with why, who recorded it and when.</summary>
public sealed record AgreedLevel(string ConditionCode, int Level, string Justification, string RecordedByName, DateTimeOffset RecordedAt);

/// <summary>
/// A Cité's self-assessment for one semester on the conditions of success (<see cref="ConditionGrid"/>, the version it
/// was opened with): per condition the agreed level and its justification. Opened by the coordination, alone or in
/// collective mode (members rate, <see cref="ConditionRating"/>); closed, it no longer changes. One per Cité and semester.
/// </summary>
public sealed class Assessment : AggregateRoot, ICiteOwned
{
    // EF Core materialisation
    private Assessment()
    {
        GridVersion = OpenedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    /// <summary>A semester (« 2026-S1 »).</summary>
    public Period Period { get; private set; }

    public string GridVersion { get; private set; }

    public AssessmentMode Mode { get; private set; }

    public AssessmentState State { get; private set; }

    public List<AgreedLevel> Agreed { get; private set; } = [];

    public string OpenedByName { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public string? ClosedByName { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public ConditionGrid Grid => ConditionGrid.OfVersion(GridVersion) ?? throw new InvalidOperationException($"Grille inconnue : {GridVersion}.");

    public bool IsClosed => State == AssessmentState.Clos;

    /// <summary>The agreed levels by condition code.</summary>
    public IReadOnlyDictionary<string, int> Levels => Agreed.ToDictionary(a => a.ConditionCode, a => a.Level, StringComparer.Ordinal);

    /// <summary>The score of the agreed levels (see <see cref="ConditionGrid.Score"/>); null before any.</summary>
    public decimal? Score => Grid.Score(Levels);

    public AgreedLevel? AgreedFor(string code) => Agreed.FirstOrDefault(a => a.ConditionCode == code);

    /// <summary>Opens the assessment of a semester that has begun, with the current grid.</summary>
    /// <exception cref="DomainValidationException">Not a semester, a semester not begun, or one already assessed.</exception>
    public static Assessment Open(Guid citeId, string? semester, AssessmentMode mode, IReadOnlyCollection<Period> existing, string byName, DateTimeOffset now)
    {
        var period = SelfAssessmentRules.Semester(semester);
        if (!Enum.IsDefined(mode))
        {
            ValidationErrors.Refuse(SelfAssessmentRules.ModeField, "Choisissez qui remplit l'auto-évaluation : la coordination seule, ou tous ensemble.");
        }
        var today = DateOnly.FromDateTime(FrenchTime.Local(now));
        if (period.Start > today)
        {
            ValidationErrors.Refuse(Period.Field, $"Le semestre {period.Code} n'a pas commencé : il s'évalue à partir du {period.Start:dd/MM/yyyy}.");
        }
        if (existing.Contains(period))
        {
            ValidationErrors.Refuse(Period.Field, $"L'auto-évaluation du semestre {period.Code} existe déjà.");
        }
        var assessment = new Assessment
        {
            CiteId = citeId,
            Period = period,
            GridVersion = ConditionGrid.Current.Version,
            Mode = mode,
            State = AssessmentState.EnCours,
            OpenedByName = SelfAssessmentRules.Name(byName),
            OpenedAt = now,
        };
        assessment.Raise(new SelfAssessmentChanged(citeId, period.Code));
        return assessment;
    }

    /// <summary>Records (or replaces) the level agreed for a condition, with its required justification.</summary>
    /// <exception cref="DomainValidationException">Closed, unknown condition, level outside the grid, justification missing or too long.</exception>
    public void Agree(string? conditionCode, int? level, string? justification, string byName, DateTimeOffset now)
    {
        EnsureOpen();
        var errors = new ValidationErrors();
        SelfAssessmentRules.CheckLevel(Grid, conditionCode, level, errors);
        var text = (justification ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            errors.Add(SelfAssessmentRules.JustificationField, "Justifiez le niveau retenu : ce qui, dans la Cité, le montre.");
        }
        SelfAssessmentRules.CheckLength(text, SelfAssessmentRules.JustificationMaxLength, SelfAssessmentRules.JustificationField, "La justification", errors);
        errors.ThrowIfAny();
        var code = Grid.Find(conditionCode)!.Code;
        Agreed = [.. Agreed.Where(a => a.ConditionCode != code), new AgreedLevel(code, level!.Value, text, SelfAssessmentRules.Name(byName), now)];
        Agreed.Sort((x, y) => string.CompareOrdinal(x.ConditionCode, y.ConditionCode));
        Raise(new SelfAssessmentChanged(CiteId, Period.Code, code));
    }

    /// <summary>Closes the assessment once every condition has its agreed level; it no longer changes.</summary>
    /// <exception cref="DomainValidationException">Already closed, or a condition without an agreed level.</exception>
    public void Close(string byName, DateTimeOffset now)
    {
        EnsureOpen();
        var missing = Grid.Conditions.Where(c => AgreedFor(c.Code) is null).Select(c => c.Code).ToList();
        if (missing.Count > 0)
        {
            ValidationErrors.Refuse(SelfAssessmentRules.StateField,
                $"Retenez un niveau pour chaque condition avant de clore : il en manque {missing.Count} ({string.Join(", ", missing)}).");
        }
        State = AssessmentState.Clos;
        ClosedByName = SelfAssessmentRules.Name(byName);
        ClosedAt = now;
        Raise(new SelfAssessmentChanged(CiteId, Period.Code));
    }

    /// <summary>
    /// Reopens a closed assessment (the coordination), for a reason that is kept apart (the Cité's log): its levels stay,
    /// it can change and must be closed again. Who closed it and when are no longer on it, so are returned for the record.
    /// </summary>
    /// <exception cref="DomainValidationException">Not closed (<see cref="SelfAssessmentRules.StateField"/>), reason missing or too long (<see cref="SelfAssessmentRules.ReasonField"/>).</exception>
    public (string ClosedBy, DateTimeOffset ClosedAt) Reopen(string? reason)
    {
        if (!IsClosed || ClosedByName is not { } closedBy || ClosedAt is not { } closedAt)
        {
            ValidationErrors.Refuse(SelfAssessmentRules.StateField, $"L'auto-évaluation du semestre {Period.Code} n'est pas close : il n'y a rien à rouvrir.");
            return default;
        }
        var errors = new ValidationErrors();
        var text = (reason ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            errors.Add(SelfAssessmentRules.ReasonField, "Dites pourquoi vous rouvrez l'auto-évaluation : la raison est gardée dans le journal de la Cité.");
        }
        SelfAssessmentRules.CheckLength(text, SelfAssessmentRules.ReasonMaxLength, SelfAssessmentRules.ReasonField, "La raison", errors);
        errors.ThrowIfAny();
        State = AssessmentState.EnCours;
        ClosedByName = null;
        ClosedAt = null;
        Raise(new SelfAssessmentChanged(CiteId, Period.Code));
        return (closedBy, closedAt);
    }

    /// <exception cref="DomainValidationException">Closed, on <see cref="SelfAssessmentRules.StateField"/>.</exception>
    public void EnsureOpen()
    {
        if (IsClosed)
        {
            ValidationErrors.Refuse(SelfAssessmentRules.StateField, SelfAssessmentRules.ClosedMessage(Period));
        }
    }
}

/// <summary>An assessment was opened, a level agreed (<paramref name="ConditionCode"/>), or it was closed.</summary>
public sealed record SelfAssessmentChanged(Guid CiteId, string Period, string? ConditionCode = null) : IDomainEvent;
