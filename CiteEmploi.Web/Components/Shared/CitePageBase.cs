using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Shared;

/// <summary>
/// Base of every page under <c>/c/{Slug}</c>: loads the Cité, makes it the current one, answers the same 404 as any
/// missing page when the slug is unknown, and reloads it when someone else changes it.
/// </summary>
public abstract class CitePageBase : LiveComponentBase
{
    private string? _watchedTopic;

    [Parameter]
    public string Slug { get; set; } = string.Empty;

    [Inject]
    protected CiteService Cites { get; set; } = default!;

    [Inject]
    protected CurrentCite Current { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The Cité as last loaded; null only before the first load or when not found.</summary>
    protected CiteDetails? Cite { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        if (Cite?.Slug == Slug)
        {
            return;
        }
        await ReloadCiteAsync();
        if (Cite is null)
        {
            Navigation.NotFound();
            return;
        }
        if (_watchedTopic is not null)
        {
            Unwatch(_watchedTopic);
        }
        _watchedTopic = LiveTopics.Cite(Cite.Id);
        Watch(_watchedTopic, async _ =>
        {
            await ReloadCiteAsync();
            await OnCiteChangedAsync();
        });
        await OnCiteLoadedAsync();
    }

    /// <summary>Called once the Cité of a new slug is loaded.</summary>
    protected virtual Task OnCiteLoadedAsync() => Task.CompletedTask;

    /// <summary>Called after someone else changed the Cité (already reloaded).</summary>
    protected virtual Task OnCiteChangedAsync() => Task.CompletedTask;

    protected async Task ReloadCiteAsync()
    {
        Cite = await Cites.GetAsync(Slug);
        Current.Set(Cite);
    }
}
