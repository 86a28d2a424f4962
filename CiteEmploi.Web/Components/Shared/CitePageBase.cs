using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CiteEmploi.Web.Components.Shared;

/// <summary>
/// Base of every page under <c>/c/{Slug}</c>: passes the wall (<see cref="CiteAccessService"/>) — a Cité that does not
/// exist, one the person does not belong to, and a page their role does not allow all answer the same 404 —, makes
/// the Cité the current one, and reloads it when someone else changes it.
/// <para>
/// Prerendered, then started again interactively: the Cité and the role the prerendered page was shown with are handed
/// to the interactive start (<see cref="Prerendered"/>, Blazor's persisted component state), so its first render equals
/// the prerendered HTML instead of going blank while the wall and the database answer. The <see cref="CiteAccess"/> is
/// never persisted: the wall runs again on the interactive start, every command waits for it (<see cref="Access"/>
/// stays null until then), and a refusal still ends in the same 404. What is restored only draws the first render.
/// </para>
/// </summary>
public abstract class CitePageBase : LiveComponentBase, IHandleEvent
{
    private string? _watchedTopic;
    private string? _watchedMembersTopic;

    [Parameter]
    public string Slug { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private CiteAccessService Wall { get; set; } = default!;

    [Inject]
    protected CiteService Cites { get; set; } = default!;

    [Inject]
    protected CurrentCite Current { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>What the page needs; the default is reading the Cité's content.</summary>
    protected virtual CitePermission RequiredPermission => CitePermission.Read;

    /// <summary>The person's access to this Cité (role, permissions); set once the wall is passed.</summary>
    protected CiteAccess? Access { get; private set; }

    /// <summary>The Cité as last loaded; null only before the first load or when not found.</summary>
    protected CiteDetails? Cite { get; private set; }

    /// <summary>
    /// The Cité and role this page was last shown with, persisted at the end of the prerender and restored on the
    /// interactive start (public because Blazor's <see cref="PersistentStateAttribute"/> binds public properties; its key is
    /// the concrete page type, so each page has its own).
    /// </summary>
    [PersistentState]
    public CitePageSnapshot? Prerendered { get; set; }

    /// <summary>
    /// The role to draw the page for: the wall's, or, on the interactive start until the wall has answered, the one the
    /// prerendered page was drawn for. For showing and hiding only: commands take <see cref="Access"/>.
    /// </summary>
    protected CiteRole? ShownRole => Access?.Role ?? _restoredRole;

    private CiteRole? _restoredRole;

    /// <summary>The wall's answer being awaited on the interactive start; events wait for it (see HandleEventAsync).</summary>
    private Task<bool>? _wall;

    protected override async Task OnParametersSetAsync()
    {
        if (Cite?.Slug == Slug && Access is not null)
        {
            return;
        }
        if (Access is null && RendererInfo.IsInteractive && Prerendered is { } shown && shown.Cite.Slug == Slug)
        {
            // drawn before the first await: the first interactive render is the prerendered page
            Cite = shown.Cite;
            _restoredRole = shown.Role;
            Current.Show(shown.Cite, shown.Role);
            OnRestored();
        }
        _wall = PassWallAsync();
        var passed = await _wall;
        _restoredRole = null;
        if (!passed)
        {
            return;
        }
        await ReloadCiteAsync();
        foreach (var topic in new[] { _watchedTopic, _watchedMembersTopic })
        {
            if (topic is not null)
            {
                Unwatch(topic);
            }
        }
        _watchedTopic = LiveTopics.Cite(Access!.CiteId);
        Watch(_watchedTopic, async _ =>
        {
            await ReloadCiteAsync();
            await OnCiteChangedAsync();
        });
        // A role changed or a member removed: the wall is passed again, so a removed person loses the page at once.
        _watchedMembersTopic = LiveTopics.CiteMembers(Access.CiteId);
        Watch(_watchedMembersTopic, async _ =>
        {
            if (await PassWallAsync())
            {
                Current.Set(Cite, Access);
                await OnMembersChangedAsync();
            }
        });
        await OnCiteLoadedAsync();
    }

    private async Task<bool> PassWallAsync()
    {
        var user = (await AuthenticationState).User;
        Access = await Wall.ResolveAsync(user, Slug);
        if (Access is null || !Access.Can(RequiredPermission))
        {
            Access = null;
            Cite = null;
            Prerendered = null;
            _restoredRole = null;
            Current.Set(null);
            Navigation.NotFound();
            return false;
        }
        return true;
    }

    /// <summary>
    /// Called on the interactive start when the prerender's state was restored, before the wall answers: the page takes
    /// its own restored data (its <see cref="PersistentStateAttribute"/> properties) so its first render equals the
    /// prerendered one. <see cref="OnCiteLoadedAsync"/> follows once the wall has passed, and reloads as usual.
    /// </summary>
    protected virtual void OnRestored()
    {
    }

    /// <summary>
    /// True at once, except on the interactive start while the page is drawn from the prerender's state: then when the
    /// wall has answered, true if it let the person in. For event handling that does not go through the page's own.
    /// </summary>
    protected Task<bool> WallAnsweredAsync() => _wall is { IsCompleted: false } wall ? wall : Task.FromResult(true);

    /// <summary>
    /// ComponentBase's handling of an event (run it, render, and render again when it ends), except that an event
    /// arriving while the page is drawn from the prerender's state waits for the wall's answer, and is dropped if the
    /// wall refuses: a click in that moment would otherwise run a command without any <see cref="Access"/>.
    /// </summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem item, object? arg)
    {
        if (!await WallAnsweredAsync())
        {
            return;
        }
        var task = item.InvokeAsync(arg);
        var pending = task.Status is not (TaskStatus.RanToCompletion or TaskStatus.Canceled);
        StateHasChanged();
        if (pending)
        {
            try
            {
                await task;
            }
            catch when (task.IsCanceled)
            {
                // like ComponentBase: a cancelled handler is not an error, and nothing more is rendered
                return;
            }
            StateHasChanged();
        }
    }

    /// <summary>Called after the Cité's members or invitations changed (the wall already passed again).</summary>
    protected virtual Task OnMembersChangedAsync() => Task.CompletedTask;

    /// <summary>Called once the Cité of a new slug is loaded.</summary>
    protected virtual Task OnCiteLoadedAsync() => Task.CompletedTask;

    /// <summary>Called after someone else changed the Cité (already reloaded).</summary>
    protected virtual Task OnCiteChangedAsync() => Task.CompletedTask;

    protected async Task ReloadCiteAsync()
    {
        Cite = Access is null ? null : await Cites.GetAsync(Access);
        Prerendered = Cite is null || Access is null ? null : PrerenderState.Keep(new CitePageSnapshot(Cite, Access.Role), RendererInfo);
        Current.Set(Cite, Access);
    }
}

/// <summary>What a Cité page is drawn from before its wall answers: the Cité and the role it was shown with (never the access).</summary>
public sealed record CitePageSnapshot(CiteDetails Cite, CiteRole Role);
