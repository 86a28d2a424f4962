using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Roadmap;

/// <summary>The bar of a bulk edit: what to change for the selected actions, and what the service answered.</summary>
public partial class PlanBulkBar
{
    private const string NoPilot = "aucune";

    private string _status = string.Empty;
    private string _pilot = string.Empty;
    private DateTime? _start;
    private DateTime? _due;
    private IReadOnlyList<string> _errors = [];
    private bool _busy;

    [Parameter, EditorRequired]
    public PlanView View { get; set; } = default!;

    /// <summary>How many actions are selected.</summary>
    [Parameter, EditorRequired]
    public int Count { get; set; }

    /// <summary>Applies the change to the selected actions; the answer is shown here when refused.</summary>
    [Parameter, EditorRequired]
    public Func<PlanBulkChange, Task<CommandResult>> Apply { get; set; } = default!;

    [Parameter]
    public EventCallback OnClear { get; set; }

    private string CountText => Count == 1 ? "1 action sélectionnée" : $"{Count} actions sélectionnées";

    private string ApplyText => Count == 1 ? "Appliquer à l'action" : $"Appliquer aux {Count} actions";

    private IEnumerable<KeyValuePair<Guid, string>> Structures =>
        View.StructureNames.OrderBy(s => s.Value, StringComparer.Create(Theme.FrenchCulture.Culture, true));

    /// <summary>The change as chosen; null when nothing is chosen.</summary>
    internal PlanBulkChange? Change()
    {
        var change = new PlanBulkChange(
            StatusCode: _status.Length == 0 ? null : _status,
            PilotStructureId: Guid.TryParse(_pilot, out var pilot) ? pilot : null,
            ClearPilot: _pilot == NoPilot,
            StartDate: _start is { } s ? DateOnly.FromDateTime(s) : null,
            DueDate: _due is { } d ? DateOnly.FromDateTime(d) : null);
        return change == new PlanBulkChange() ? null : change;
    }

    private async Task ApplyAsync()
    {
        if (_busy)
        {
            return;
        }
        if (Change() is not { } change)
        {
            _errors = ["Choisissez ce qui change : un statut, une structure pilote ou des dates."];
            return;
        }
        _busy = true;
        try
        {
            var result = await Apply(change);
            if (result.Succeeded)
            {
                (_status, _pilot, _start, _due, _errors) = (string.Empty, string.Empty, null, null, []);
                return;
            }
            _errors = result.IsForbidden
                ? ["Une des actions choisies ne vous est pas ouverte : seules la coordination et sa structure pilote la modifient, et seule la coordination change une structure pilote."]
                : result.Errors.IsEmpty ? [result.Describe()] : [.. result.Errors.ByField.SelectMany(f => f.Value)];
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ClearAsync()
    {
        _errors = [];
        await OnClear.InvokeAsync();
    }
}
