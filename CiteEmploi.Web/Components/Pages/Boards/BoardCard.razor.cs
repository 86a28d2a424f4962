using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Boards;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Boards;

/// <summary>
/// One card of a board page (members' and guests'). Every change on a board makes each viewer's page render again; a
/// card renders again only when what it shows changed — its <see cref="CardView"/> (compared by value) or one of the
/// plain values below — so one new card costs each viewer one card, not the whole board.
/// <para>
/// Its parameters are plain values and one stable <see cref="Host"/> on purpose: a <c>RenderFragment</c> or an
/// <c>EventCallback</c> parameter counts as changed on every render of the page. Its buttons call the host through
/// callbacks whose receiver is the host, so the page (status, error, reload) renders after them, as before.
/// </para>
/// </summary>
public partial class BoardCard
{
    private Shown? _shown;

    /// <summary>The card as this viewer sees it.</summary>
    [Parameter, EditorRequired]
    public CardView Card { get; set; } = default!;

    /// <summary>The page that runs the card's commands.</summary>
    [Parameter, EditorRequired]
    public IBoardCardHost Host { get; set; } = default!;

    /// <summary>Whether this viewer may move, edit or delete the card (<see cref="BoardView.MayChange"/>).</summary>
    [Parameter]
    public bool MayChange { get; set; }

    /// <summary>Whether the +1 / −1 buttons are shown.</summary>
    [Parameter]
    public bool CanVote { get; set; }

    /// <summary>Whether +1 is disabled (no vote left, or frozen for guests).</summary>
    [Parameter]
    public bool VoteDisabled { get; set; }

    /// <summary>Whether the barrier and public tags are shown.</summary>
    [Parameter]
    public bool ShowTags { get; set; }

    /// <summary>Someone else editing this card now, named on it; null when nobody is.</summary>
    [Parameter]
    public string? EditorName { get; set; }

    /// <summary>First of its column as shown (no « Monter d'un cran »).</summary>
    [Parameter]
    public bool IsFirst { get; set; }

    /// <summary>Last of its column as shown (no « Descendre d'un cran »).</summary>
    [Parameter]
    public bool IsLast { get; set; }

    /// <summary>The board's open columns, for « Déplacer vers… » (its own column is left out); the same list while they do not change.</summary>
    [Parameter]
    public IReadOnlyList<ColumnTarget> MoveTargets { get; set; } = [];

    /// <summary>Whether « En faire une action » is offered (the coordination, on a card not yet an action).</summary>
    [Parameter]
    public bool CanMakeAction { get; set; }

    /// <summary>The page of the action this card became, for members who may follow it; null otherwise.</summary>
    [Parameter]
    public string? ActionHref { get; set; }

    /// <summary>This viewer's edit of this card, when they are editing it (then the card renders on every change of the form).</summary>
    [Parameter]
    public CardEditState? Editing { get; set; }

    protected override void OnParametersSet() => _shown ??= Now();

    protected override bool ShouldRender()
    {
        var now = Now();
        if (Editing is null && now == _shown)
        {
            return false;
        }
        _shown = now;
        return true;
    }

    private Shown Now() => new(Card, MayChange, CanVote, VoteDisabled, ShowTags, EditorName, IsFirst, IsLast, MoveTargets, Editing, CanMakeAction, ActionHref);

    // MudBlazor's small buttons, as classes (see BoardCard.razor).
    private const string Button = "mud-button-root mud-button mud-ripple";
    private const string OutlinedPrimary = $"{Button} mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small";
    private const string OutlinedDefault = $"{Button} mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small";
    private const string TextDefault = $"{Button} mud-button-text mud-button-text-default mud-button-text-size-small";
    private const string TextError = $"{Button} mud-button-text mud-button-text-error mud-button-text-size-small";

    // The host receives the event, so the page renders after the command (and this card with it if its parameters changed).
    private EventCallback On(Func<Task> action) => EventCallback.Factory.Create(Host, action);

    private EventCallback On(Action action) => EventCallback.Factory.Create(Host, action);

    /// <summary>What the card showed at its last render; <see cref="MoveTargets"/> compared by reference (the page keeps the same list).</summary>
    private sealed record Shown(CardView Card, bool MayChange, bool CanVote, bool VoteDisabled, bool ShowTags, string? EditorName, bool IsFirst, bool IsLast,
        IReadOnlyList<ColumnTarget> MoveTargets, CardEditState? Editing, bool CanMakeAction, string? ActionHref);
}

/// <summary>A column a card can be moved to.</summary>
public sealed record ColumnTarget(Guid Id, string Title);

/// <summary>What a <see cref="BoardCard"/> asks of its page. The page handles the events, so it renders after each.</summary>
public interface IBoardCardHost : IHandleEvent
{
    Task VoteAsync(CardView card);

    Task WithdrawVoteAsync(CardView card);

    void StartEdit(CardView card);

    Task DeleteAsync(CardView card);

    /// <summary>Moves the card up (−1) or down (+1) among the cards of its column as shown.</summary>
    Task MoveByAsync(CardView card, int delta);

    /// <summary>Moves the card to the end of another column.</summary>
    Task MoveToAsync(CardView card, Guid columnId);

    Task SaveEditAsync();

    /// <summary>Turns the card into an action of a feuille de route (the page asks where).</summary>
    Task MakeActionAsync(CardView card);

    Task KeepMineAsync();

    void KeepTheirs();

    void CancelEdit();
}

/// <summary>A card being edited: what the person types, and what they started from.</summary>
public sealed class CardEditState(Guid cardId, CardContent basis, int basisVersion)
{
    public Guid CardId { get; } = cardId;

    public CardContent Basis { get; private set; } = basis;

    public int BasisVersion { get; private set; } = basisVersion;

    public string Text { get; set; } = basis.Text;

    public CardColour Colour { get; set; } = basis.Colour;

    public string? FreinCode { get; set; } = basis.FreinCode;

    public string? PublicCode { get; set; } = basis.PublicCode;

    public CardConflictView? Conflict { get; set; }

    public CardContent Yours => new(Text, Colour, FreinCode, PublicCode);

    public void Rebase(CardContent basis, int version)
    {
        Basis = basis;
        BasisVersion = version;
        Conflict = null;
    }
}
