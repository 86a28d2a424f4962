using Bunit;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Features;
using CiteEmploi.Web.Components.Pages.Indicators;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Indicators;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CiteEmploi.Tests.Components.Pages.Indicators;

/// <summary>The entry dialog over a real SQLite database: messages beside their fields, the warning the person confirms.</summary>
public sealed class IndicatorEntryDialogTests : MudTestContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _database;
    private readonly IndicatorService _service;

    public IndicatorEntryDialogTests(DatabaseFixture database)
    {
        _database = database;
        _service = new IndicatorService(new CiteDbContextFactory(new TestDbContextFactory(database)), TimeProvider.System);
        Services.AddSingleton(_service);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog, CiteAccess Access)> OpenAsync(string code)
    {
        var (a, _) = await _database.SeedTwoCitesAsync(("coord", "Camille"));
        var access = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<IndicatorEntryDialog>("Saisie", new DialogParameters<IndicatorEntryDialog>
        {
            { d => d.Access, access },
            { d => d.Definition, NationalCatalogue.Find(code)! },
            { d => d.Period, Period.Quarter(2025, 4) },
            { d => d.EntersFor, IndicatorService.Coordination },
        }));
        return (provider, dialog!, access);
    }

    [Fact]
    public async Task ABreakdownAboveTheTotal_IsAWarning_ThatTheConfirmationStores()
    {
        var (provider, dialog, access) = await OpenAsync("personnes-reperees");

        provider.Find("#indicator-number").Change("10");
        provider.Find("#indicator-Femmes").Change("7");
        provider.Find("#indicator-Hommes").Change("6");
        provider.Find("form#indicator-entry-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("Femmes et hommes font 13 personnes, plus que le total (10)", provider.Find("[data-testid=indicator-warnings]").TextContent, StringComparison.Ordinal));
        Assert.Null((await _service.ViewAsync(access, Period.Quarter(2025, 4)))!.Rows.Single(r => r.Definition.Code == "personnes-reperees").Value);

        provider.FindAll("button").Single(b => b.TextContent.Contains("Confirmer et enregistrer", StringComparison.Ordinal)).Click();

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        var stored = (await _service.ViewAsync(access, Period.Quarter(2025, 4)))!.Rows.Single(r => r.Definition.Code == "personnes-reperees").Value!;
        Assert.Equal((10m, 7, 6), (stored.Number, stored.Breakdown.Femmes, stored.Breakdown.Hommes));
    }

    [Fact]
    public async Task AWordInsteadOfANumber_AndARatioOverZero_AreSaidBesideTheirFields()
    {
        var (provider, dialog, _) = await OpenAsync("sorties-emploi-formation");

        provider.Find("#indicator-numerator").Change("douze");
        provider.Find("#indicator-denominator").Change("0");
        provider.Find("form#indicator-entry-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("Écrivez un nombre", provider.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);

        provider.Find("#indicator-numerator").Change("2");
        provider.Find("form#indicator-entry-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("0 ne permet pas de calculer un taux", provider.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Écrivez un nombre", provider.Markup, StringComparison.Ordinal);
        Assert.False(dialog.Result.IsCompleted);
    }
}
