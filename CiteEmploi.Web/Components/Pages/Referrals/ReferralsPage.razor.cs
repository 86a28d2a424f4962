using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Components.Shared;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Features.Referrals;
using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CiteEmploi.Web.Components.Pages.Referrals;

public sealed partial class ReferralsPage
{
    [Inject]
    private ReferralService Referrals { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "periode")]
    public string? PeriodCode { get; set; }

    [SupplyParameterFromQuery(Name = "frein")]
    public string? Frein { get; set; }

    [SupplyParameterFromQuery(Name = "vers")]
    public Guid? Vers { get; set; }

    /// <summary>The referrals as shown, handed from the prerender to the interactive start.</summary>
    [PersistentState]
    public ReferralsView? ShownView { get; set; }

    private Period _period;
    private ReferralsView? _view;
    private Guid? _watched;
    private bool _busy;

    /// <summary>This year and the two before, each with its semesters and quarters, none to come; and the one asked for.</summary>
    private IEnumerable<Period> Choices => PeriodChoices.Recent(Referrals.Today, _period);

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
        _period = Period.TryParse(PeriodCode, out var asked, out _) ? asked : Referrals.CurrentQuarter;
        if (_watched != Access!.CiteId)
        {
            if (_watched is { } before)
            {
                Unwatch(LiveTopics.Referrals(before));
                Unwatch(LiveTopics.Directory(before));
            }
            _watched = Access.CiteId;
            // a referral recorded or deleted anywhere in the Cité; a structure renamed in the directory
            Watch(LiveTopics.Referrals(Access.CiteId), _ => ReloadAsync());
            Watch(LiveTopics.Directory(Access.CiteId), _ => ReloadAsync());
        }
        await ReloadAsync();
    }

    protected override Task OnMembersChangedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        if (Access is null)
        {
            return;
        }
        _view = await Referrals.ViewAsync(Access, _period, Frein, Vers);
        ShownView = PrerenderState.Keep(_view, RendererInfo);
    }

    private async Task OnPeriodChangedAsync(string code)
    {
        if (!Period.TryParse(code, out var period, out _))
        {
            return;
        }
        _period = period;
        await NavigateAsync();
    }

    private async Task OnFreinChangedAsync(string code)
    {
        Frein = string.IsNullOrEmpty(code) ? null : code;
        await NavigateAsync();
    }

    private async Task OnReceiverChangedAsync(string id)
    {
        Vers = Guid.TryParse(id, out var to) ? to : null;
        await NavigateAsync();
    }

    /// <summary>The period and filters in the address (a link shared opens the same list), then the list again.</summary>
    private async Task NavigateAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["periode"] = _period.Code,
            ["frein"] = Frein,
            ["vers"] = Vers?.ToString(),
        }), replace: true);
        await ReloadAsync();
    }

    private async Task DeleteAsync(ReferralRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Supprimer cette orientation ?",
            $"L'orientation du {row.Date.ToString("d MMMM yyyy", FrenchCulture.Culture)} de {row.From} vers « {row.Service} » ne sera plus comptée.",
            yesText: "Supprimer", cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Referrals.DeleteAsync(Access!, row.Id);
            Snackbar.Add(result.Succeeded ? "Orientation supprimée." : result.Describe(), result.Succeeded ? Severity.Success : Severity.Error);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Summary(ReferralsView view)
    {
        var total = FrenchCulture.Count(view.InPeriod, "orientation enregistrée", "orientations enregistrées");
        return view.Rows.Count == view.InPeriod
            ? $"{view.Period.Label} : {total}."
            : $"{view.Period.Label} : {total}, dont {view.Rows.Count} avec ces filtres.";
    }
}
