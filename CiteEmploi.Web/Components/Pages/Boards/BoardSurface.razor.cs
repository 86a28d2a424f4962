using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CiteEmploi.Web.Components.Pages.Boards;

/// <summary>
/// The board as everyone on it sees it, shared by the member page (<see cref="BoardPage"/>) and the guest page
/// (<see cref="Guests.GuestBoardPage"/>). It shows <see cref="Model"/>; its commands run on the model, whose events go to
/// the page. Drag and drop runs in the browser (app.js <c>boardDragAndDrop</c>: no round trip per dragover); only the
/// drop comes to <see cref="BoardSurfaceModel.DropCardAsync"/>.
/// </summary>
public partial class BoardSurface : IAsyncDisposable
{
    private ElementReference _columnsElement;
    private DotNetObjectReference<BoardSurfaceModel>? _dropTarget;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>The board and its commands, owned by the page.</summary>
    [Parameter, EditorRequired]
    public BoardSurfaceModel Model { get; set; } = default!;

    /// <summary>Whether this person may ever edit, move or delete cards (guests may not: they add and vote).</summary>
    [Parameter]
    public bool CardsChangeable { get; set; } = true;

    /// <summary>Whether the cards show their barrier and public.</summary>
    [Parameter]
    public bool ShowTags { get; set; } = true;

    /// <summary>What the page shows between the status line and the columns (the facilitation panel).</summary>
    [Parameter]
    public RenderFragment? BeforeColumns { get; set; }

    /// <summary>What the page adds to a column's heading (the facilitator's column menu).</summary>
    [Parameter]
    public RenderFragment<ColumnSlot>? ColumnTools { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Model.View is not null && RendererInfo.IsInteractive)
        {
            if (_dropTarget?.Value != Model)
            {
                // once per model; the script wires a columns element only once
                _dropTarget?.Dispose();
                _dropTarget = DotNetObjectReference.Create(Model);
                await Js.InvokeVoidAsync("citeEmploi.boardDragAndDrop", _columnsElement, _dropTarget);
            }
            if (Model.FocusCard is { } id)
            {
                Model.FocusCard = null;
                await Js.InvokeVoidAsync("citeEmploi.focusCard", id.ToString());
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _dropTarget?.Dispose();
        _dropTarget = null;
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A column of the board, its place and how many there are (for « Déplacer vers la gauche / droite »).</summary>
public sealed record ColumnSlot(Features.Boards.ColumnView Column, int Index, int Count);
