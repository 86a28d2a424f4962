using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>
/// An agenda item's notes and outcomes. The notes field keeps what the writer typed across live changes: while they have
/// not touched it, it follows the stored notes; once they have, a newer save by someone else is announced and their
/// text stays, and saving over it is refused by the session (it names who), so nothing typed is lost.
/// </summary>
public partial class AgendaItemRecord
{
    private string? _notes = string.Empty;
    private string _basis = string.Empty;
    private bool _notesChangedElsewhere;
    private ValidationErrors _notesErrors = new();
    private ValidationErrors _outcomeErrors = new();
    private OutcomeKind _kind = OutcomeKind.Decision;
    private string? _outcomeText = string.Empty;
    private bool _busy;
    private Guid _itemShown;

    [Inject]
    private SessionService Sessions { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public SessionView View { get; set; } = default!;

    [Parameter, EditorRequired]
    public AgendaItem Item { get; set; } = default!;

    [Parameter, EditorRequired]
    public CiteAccess Access { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Slug { get; set; } = string.Empty;

    [Parameter]
    public string Heading { get; set; } = "Notes et résultats";

    /// <summary>Called after a change this person made (the page reads the session again).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private bool Editable => View.CanRecord;

    private bool CanMakeActions => PlanService.CanEditPlan(Access);

    private string Prefix => $"record-{Item.Id:N}";

    private IReadOnlyList<AgendaOutcome> Outcomes => [.. View.OutcomesOf(Item.Id)];

    protected override void OnParametersSet()
    {
        var stored = View.NotesOf(Item.Id);
        if (_itemShown != Item.Id)
        {
            // another item became current: its own notes, nothing carried over
            (_itemShown, _notes, _basis, _notesChangedElsewhere) = (Item.Id, stored, stored, false);
            _notesErrors = new();
            _outcomeErrors = new();
            return;
        }
        if (stored == _basis)
        {
            return;
        }
        if ((_notes ?? string.Empty).Trim() == _basis.Trim())
        {
            // untouched here: follow what was saved
            (_notes, _basis) = (stored, stored);
        }
        else if ((_notes ?? string.Empty).Trim() != stored)
        {
            _notesChangedElsewhere = true;
        }
    }

    private async Task SaveNotesAsync()
    {
        var text = _notes ?? string.Empty;
        var result = await RunAsync(() => Sessions.WriteNotesAsync(Access, View.Id, Item.Id, text, _basis));
        if (result is null)
        {
            return;
        }
        _notesErrors = result.Errors;
        if (result.Succeeded)
        {
            (_basis, _notesChangedElsewhere) = (text.Trim(), false);
            Snackbar.Add("Notes enregistrées : les participants les voient.", Severity.Success);
        }
        else if (result.Errors.IsEmpty)
        {
            _notesErrors = ValidationErrors.Of(nameof(Session.Notes), result.Describe());
        }
        else
        {
            // the refusal names who saved in between: from now on, this writer works from their notes
            _basis = View.NotesOf(Item.Id);
        }
    }

    private async Task AddOutcomeAsync()
    {
        var result = await RunAsync(() => Sessions.AddOutcomeAsync(Access, View.Id, Item.Id, _kind, _outcomeText ?? string.Empty));
        if (result is null)
        {
            return;
        }
        _outcomeErrors = result.Succeeded ? new() : result.Errors.IsEmpty ? ValidationErrors.Of(nameof(Session.Outcomes), result.Describe()) : result.Errors;
        if (result.Succeeded)
        {
            _outcomeText = string.Empty;
        }
    }

    private async Task RemoveAsync(AgendaOutcome outcome)
    {
        var result = await RunAsync(() => Sessions.RemoveOutcomeAsync(Access, View.Id, outcome.Id));
        if (result is { Succeeded: false })
        {
            _outcomeErrors = ValidationErrors.Of(nameof(Session.Outcomes), result.Describe());
        }
    }

    private async Task MakeActionAsync(AgendaOutcome outcome)
    {
        var parameters = new DialogParameters<CardToActionDialog>
        {
            { d => d.Access, Access },
            { d => d.Outcome, (View.Id, outcome.Id) },
            { d => d.CardExcerpt, outcome.Text.Length > 80 ? outcome.Text[..79] + "…" : outcome.Text },
        };
        var dialog = await Dialogs.ShowAsync<CardToActionDialog>("En faire une action", parameters);
        if (await dialog.Result is not { Canceled: false, Data: CardActionMade made })
        {
            return;
        }
        Snackbar.Add($"Le résultat est devenu l'action {made.Code} « {made.Title} ».", Severity.Success);
        await Changed.InvokeAsync();
    }

    private async Task<CommandResult?> RunAsync(Func<Task<CommandResult>> command)
    {
        if (_busy)
        {
            return null;
        }
        _busy = true;
        try
        {
            var result = await command();
            if (result.Succeeded)
            {
                await Changed.InvokeAsync();
            }
            return result;
        }
        finally
        {
            _busy = false;
        }
    }
}
