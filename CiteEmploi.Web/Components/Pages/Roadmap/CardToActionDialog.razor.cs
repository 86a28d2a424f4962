using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>The place chosen for a card's action and the action made there (the dialog's result).</summary>
public sealed record CardActionMade(Guid PlanId, Guid? ParentId, Guid ActionId, string Code, string Title);

public partial class CardToActionDialog
{
    private const string TopLevel = "";
    private IReadOnlyList<PlanSummary>? _plans;
    private PlanView? _plan;
    private Guid _planId;
    private string _parent = TopLevel;
    private string? _planError;
    private string? _parentError;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PlanService Plans { get; set; } = default!;

    [Parameter, EditorRequired]
    public CiteAccess Access { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid CardId { get; set; }

    /// <summary>
    /// The session and its « action » outcome to make the action of, instead of <see cref="CardId"/> (a session's run or
    /// summary page).
    /// </summary>
    [Parameter]
    public (Guid SessionId, Guid OutcomeId)? Outcome { get; set; }

    /// <summary>A confirmed gap of the diagnostic to make the action of, instead of <see cref="CardId"/> (the diagnostic page).</summary>
    [Parameter]
    public Guid? GapId { get; set; }

    /// <summary>The card's (or the outcome's, or the gap's) text as its buttons name it.</summary>
    [Parameter]
    public string CardExcerpt { get; set; } = string.Empty;

    /// <summary>Where the previous card went on this page: a workshop turns several cards into actions of one objective.</summary>
    [Parameter]
    public CardActionMade? Previous { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _plans = await Plans.ListAsync(Access);
        if (_plans.Count == 0)
        {
            return;
        }
        var planId = Previous is { } previous && _plans.Any(p => p.Id == previous.PlanId) ? previous.PlanId : _plans[0].Id;
        await PlanChangedAsync(planId);
    }

    private async Task PlanChangedAsync(Guid planId)
    {
        _planId = planId;
        _planError = _parentError = _error = null;
        _plan = await Plans.GetAsync(Access, planId);
        if (_plan is null)
        {
            _planError = "Cette feuille de route n'existe plus.";
            return;
        }
        var actions = _plan.Actions;
        _parent = Previous is { ParentId: { } parent } && Previous.PlanId == planId && actions.Any(a => a.Id == parent)
            ? parent.ToString()
            : actions.FirstOrDefault(a => a.Depth == 1)?.Id.ToString() ?? TopLevel;
    }

    private async Task CreateAsync()
    {
        if (_plan is not { } plan || _busy)
        {
            return;
        }
        _busy = true;
        _planError = _parentError = _error = null;
        try
        {
            Guid? parentId = Guid.TryParse(_parent, out var p) ? p : null;
            var result = (Outcome, GapId) switch
            {
                ({ } outcome, _) => await Plans.AddActionFromOutcomeAsync(Access, plan.Id, parentId, outcome.SessionId, outcome.OutcomeId),
                (_, { } gap) => await Plans.AddActionFromGapAsync(Access, plan.Id, parentId, gap),
                _ => await Plans.AddActionFromCardAsync(Access, plan.Id, parentId, CardId),
            };
            if (!result.Succeeded || !Guid.TryParse(result.Value, out var actionId))
            {
                _parentError = result.Errors.For(nameof(PlanAction.ParentId)) is [var first, ..] ? first : null;
                _error = _parentError is null ? result.Describe() : null;
                return;
            }
            var made = await Plans.GetAsync(Access, plan.Id);
            var action = made?.Actions.FirstOrDefault(a => a.Id == actionId);
            Dialog.Close(DialogResult.Ok(new CardActionMade(plan.Id, parentId, actionId, action?.Code ?? string.Empty, action?.Title ?? string.Empty)));
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
