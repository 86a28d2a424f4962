using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Diagnostic;

/// <summary>What partners say of a cell of the coverage matrix in a workshop.</summary>
public enum GapStatus
{
    /// <summary>« confirmé »: the gap is real.</summary>
    Confirme,

    /// <summary>« à nuancer »: partly real (hours, publics, waiting lists…).</summary>
    ANuancer,

    /// <summary>« couvert autrement »: answered by something the directory does not list.</summary>
    CouvertAutrement,
}

/// <summary>
/// A shared finding on one cell of a Cité's coverage matrix (a place × a barrier): its status and comment as last marked,
/// by whom and when, and the action of the feuille de route it became. One per cell; each mark replaces the previous
/// one (the last one is what the workshop agreed).
/// </summary>
public sealed class GapFinding : AggregateRoot, ICiteOwned
{
    public const int CommentMaxLength = 1_000;
    public const int PlaceCodeMaxLength = 10;
    public const int NameMaxLength = 120;

    // EF Core materialisation
    private GapFinding()
    {
        PlaceCode = FreinCode = Comment = MarkedByName = string.Empty;
    }

    public Guid CiteId { get; private set; }

    /// <summary>The code of the matrix's row: a QPV code or a commune's INSEE code.</summary>
    public string PlaceCode { get; private set; }

    public string FreinCode { get; private set; }

    public GapStatus Status { get; private set; }

    public string Comment { get; private set; }

    public string MarkedByName { get; private set; }

    public DateTimeOffset MarkedAt { get; private set; }

    /// <summary>The feuille de route and action this gap became, once it did.</summary>
    public Guid? PlanId { get; private set; }

    public Guid? ActionId { get; private set; }

    /// <summary>French labels of the statuses, as the page shows them.</summary>
    public static string Label(GapStatus status) => status switch
    {
        GapStatus.Confirme => "confirmé",
        GapStatus.ANuancer => "à nuancer",
        _ => "couvert autrement",
    };

    /// <summary>A first mark on a cell.</summary>
    /// <exception cref="DomainValidationException">An unknown barrier or status, a comment too long.</exception>
    public static GapFinding Mark(Guid citeId, string placeCode, string freinCode, GapStatus status, string? comment, string byName, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (Freins.Find(freinCode) is null)
        {
            errors.Add(nameof(FreinCode), $"Le frein « {freinCode} » n'existe pas.");
        }
        if (string.IsNullOrWhiteSpace(placeCode) || placeCode.Length > PlaceCodeMaxLength)
        {
            errors.Add(nameof(PlaceCode), "Ce lieu n'est pas une ligne du diagnostic.");
        }
        errors.ThrowIfAny();
        var finding = new GapFinding { CiteId = citeId, PlaceCode = placeCode, FreinCode = freinCode };
        finding.Remark(status, comment, byName, now);
        return finding;
    }

    /// <summary>Marks the cell again: the status and comment become these.</summary>
    public void Remark(GapStatus status, string? comment, string byName, DateTimeOffset now)
    {
        var clean = Text.Clean(comment);
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(status))
        {
            errors.Add(nameof(Status), "Choisissez : confirmé, à nuancer ou couvert autrement.");
        }
        if (clean.Length > CommentMaxLength)
        {
            errors.Add(nameof(Comment), $"Le commentaire compte au plus {CommentMaxLength} caractères (actuellement {clean.Length}).");
        }
        if (ActionId is not null && status != GapStatus.Confirme)
        {
            errors.Add(nameof(Status), "Ce manque est devenu une action de la feuille de route : il reste « confirmé ».");
        }
        errors.ThrowIfAny();
        Status = status;
        Comment = clean;
        MarkedByName = byName.Length > NameMaxLength ? byName[..NameMaxLength] : byName;
        MarkedAt = now;
        Raise(new GapFindingChanged(CiteId, PlaceCode, FreinCode));
    }

    /// <summary>Refuses, before an action is made of it, a gap that is not confirmed or is already an action.</summary>
    public void CheckMayBecomeAnAction()
    {
        if (ActionId is not null)
        {
            ValidationErrors.Refuse(nameof(ActionId), "Ce manque est déjà une action de la feuille de route.");
        }
        if (Status != GapStatus.Confirme)
        {
            ValidationErrors.Refuse(nameof(Status), "Seul un manque « confirmé » devient une action.");
        }
    }

    /// <summary>Records the action this gap became (in the same commit as the action).</summary>
    public void LinkAction(Guid planId, Guid actionId)
    {
        CheckMayBecomeAnAction();
        PlanId = planId;
        ActionId = actionId;
        Raise(new GapFindingChanged(CiteId, PlaceCode, FreinCode));
    }
}

/// <summary>A cell of a Cité's coverage was marked, or became an action.</summary>
public sealed record GapFindingChanged(Guid CiteId, string PlaceCode, string FreinCode) : IDomainEvent;
