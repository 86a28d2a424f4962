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
/// </summary>
public abstract class CitePageBase : LiveComponentBase
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

    protected override async Task OnParametersSetAsync()
    {
        if (Cite?.Slug == Slug && Access is not null)
        {
            return;
        }
        if (!await PassWallAsync())
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
            Current.Set(null);
            Navigation.NotFound();
            return false;
        }
        return true;
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
        Current.Set(Cite, Access);
    }
}
