using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.Cooperation;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;

namespace CiteEmploi.Web.Components.Pages.Cooperation;

public sealed partial class CooperationPage
{
    [Inject]
    private CooperationService Cooperation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "periode")]
    public string? PeriodCode { get; set; }

    /// <summary>The map as shown, handed from the prerender to the interactive start.</summary>
    [PersistentState]
    public CooperationView? ShownView { get; set; }

    private Period _period;
    private CooperationView? _view;
    private Guid? _watched;

    /// <summary>This year and the two before, each with its semesters and quarters, none to come; and the one asked for.</summary>
    private IEnumerable<Period> Choices => PeriodChoices.Recent(Cooperation.Today, _period);

    protected override void OnRestored()
    {
        _view ??= ShownView;
        if (_view is not null)
        {
            _period = _view.Period;
        }
    }

    protected override async Task OnCiteLoadedAsync()
    {
        _period = Period.TryParse(PeriodCode, out var asked, out _) ? asked : Cooperation.DefaultPeriod;
        if (_watched != Access!.CiteId)
        {
            if (_watched is { } before)
            {
                Unwatch(LiveTopics.CiteSessions(before));
                Unwatch(LiveTopics.CitePlans(before));
                Unwatch(LiveTopics.Referrals(before));
            }
            _watched = Access.CiteId;
            // a session held, cancelled or moved, a plan adopted or revised, a referral recorded: the map follows
            Watch(LiveTopics.CiteSessions(Access.CiteId), _ => ReloadAsync());
            Watch(LiveTopics.CitePlans(Access.CiteId), _ => ReloadAsync());
            Watch(LiveTopics.Referrals(Access.CiteId), _ => ReloadAsync());
        }
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (Access is null)
        {
            return;
        }
        _view = await Cooperation.ViewAsync(Access, _period);
        ShownView = PrerenderState.Keep(_view, RendererInfo);
    }

    private async Task OnPeriodChangedAsync(string code)
    {
        if (!Period.TryParse(code, out var period, out _))
        {
            return;
        }
        _period = period;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("periode", period.Code), replace: true);
        await ReloadAsync();
    }

    private static string Percent(double share) => $"{(share * 100).ToString("0.#", FrenchCulture.Culture)} %";
}
