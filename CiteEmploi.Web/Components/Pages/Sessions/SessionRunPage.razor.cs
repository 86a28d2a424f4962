using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CiteEmploi.Web.Components.Pages.Sessions;

/// <summary>
/// A meeting run live, for the Cité's members: the current item with its timer (<see cref="SessionRunClock"/>), the
/// forecast end, what comes next and the agenda with each item's state; coordinators start it, move it on with
/// « Suivant » / « Précédent » (buttons, or one key each outside text fields) and close it, and hand the room display
/// its link and code. Every stored change of the session reloads it for everyone on the page (the session's live
/// topic); a press names the item the person saw as current, so two coordinators pressing together move the session
/// one item and the second one reads why nothing else happened.
/// </summary>
public partial class SessionRunPage : IAsyncDisposable
{
    private SessionRun? _run;
    private Guid? _loaded;
    private string? _error;
    private string? _said;
    private string? _displayCode;
    private bool _busy;
    private IJSObjectReference? _keys;
    private DotNetObjectReference<SessionRunPage>? _self;

    [Parameter]
    public Guid SessionId { get; set; }

    [Inject]
    private SessionService Sessions { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    /// <summary>The room display's link is shown to be opened elsewhere: on the public address (decision 0025).</summary>
    [Inject]
    private PublicLinks Links { get; set; } = default!;

    /// <summary>Whether this person drives the session now (the view's right, re-read with every change).</summary>
    private bool CanRun => _run?.View is { } view && Access is not null && (view.State == SessionState.Prevue ? view.CanPrepare : view.CanRun);

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Access is not null && _loaded != SessionId)
        {
            await OpenAsync();
        }
    }

    protected override Task OnCiteLoadedAsync() => Access is not null && _loaded != SessionId ? OpenAsync() : Task.CompletedTask;

    protected override Task OnMembersChangedAsync() => ReloadAsync();

    private async Task OpenAsync()
    {
        if (_loaded is { } previous)
        {
            Unwatch(LiveTopics.Session(previous));
        }
        _loaded = SessionId;
        _error = null;
        await ReloadAsync();
        if (_run is null)
        {
            Navigation.NotFound();
            return;
        }
        Watch(LiveTopics.Session(SessionId), _ => ReloadAsync(), immediate: true);
    }

    // Reads the session again: on a live event, after a command, and when the member's role changed.
    private async Task ReloadAsync()
    {
        if (Access is null)
        {
            return;
        }
        var before = _run?.View;
        _run = await Sessions.GetRunAsync(Access, SessionId);
        _displayCode = _run?.DisplayCode; // from the same copy, for those who run it
        if (before is not null && _run?.View is { } after && after.Schedule.Current?.Id != before.Schedule.Current?.Id)
        {
            _said = after.Schedule.Current is { } current ? $"Point en cours : {current.Title}." : after.State == SessionState.Close ? "La séance est close." : "L'ordre du jour est terminé.";
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_keys is null && RendererInfo.IsInteractive && _run is not null)
        {
            _self = DotNetObjectReference.Create(this);
            var module = await Js.InvokeAsync<IJSObjectReference>("import", "./js/session-run.js");
            _keys = await module.InvokeAsync<IJSObjectReference>("watchKeys", _self);
            await module.DisposeAsync();
        }
    }

    /// <summary>A key pressed outside text fields (session-run.js): "next" or "previous".</summary>
    [JSInvokable]
    public Task OnRunKey(string key) => InvokeAsync(async () =>
    {
        if (!CanRun || _busy || _run?.View.State != SessionState.EnCours)
        {
            return;
        }
        await (key == "next" ? NextAsync() : key == "previous" ? PreviousAsync() : Task.CompletedTask);
        StateHasChanged();
    });

    private bool IsFirst(AgendaItem current)
    {
        if (_run is not { } run)
        {
            return true;
        }
        var items = run.View.Schedule.Items;
        return items.FirstOrDefault(i => !items.Any(c => c.Item.ParentId == i.Item.Id))?.Item.Id == current.Id;
    }

    private Task StartAsync() => RunAsync(() => Sessions.StartAsync(Access!, SessionId));

    private Task NextAsync() => RunAsync(() => Sessions.NextAsync(Access!, SessionId, _run?.View.Schedule.Current?.Id));

    private Task PreviousAsync() => RunAsync(() => Sessions.PreviousAsync(Access!, SessionId, _run?.View.Schedule.Current?.Id));

    private Task CloseAsync() => RunAsync(() => Sessions.CloseAsync(Access!, SessionId));

    private Task NewDisplayCodeAsync() => RunAsync(() => Sessions.OpenDisplayAsync(Access!, SessionId));

    private Task CloseDisplayAsync() => RunAsync(() => Sessions.CloseDisplayAsync(Access!, SessionId));

    private async Task RunAsync(Func<Task<CommandResult>> command)
    {
        if (Access is null || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await command();
            _error = result.Succeeded ? null : result.Describe();
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Duration(SessionView view)
    {
        if (view is not { StartedAt: { } started, ClosedAt: { } closed })
        {
            return "";
        }
        var minutes = (int)Math.Round((closed - started).TotalMinutes);
        return minutes >= 60 ? $"{minutes / 60} h {minutes % 60:00}" : $"{minutes} min";
    }

    public async ValueTask DisposeAsync()
    {
        if (_keys is not null)
        {
            try
            {
                await _keys.InvokeVoidAsync("dispose");
                await _keys.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // the circuit is gone with its page: nothing left to remove
            }
            _keys = null;
        }
        _self?.Dispose();
        Dispose();
    }
}
