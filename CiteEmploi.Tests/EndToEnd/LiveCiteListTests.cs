using CiteEmploi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>Two people, two browsers: what one does to a Cité shows up on the other's screen without a refresh.</summary>
public sealed class LiveCiteListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CiteCreatedRenamedAndArchivedInOneBrowser_UpdatesTheOtherBrowsersListWithoutRefresh()
    {
        await using var watcherContext = await Browser.NewContextAsync();
        await using var editorContext = await Browser.NewContextAsync();
        var watcher = await watcherContext.NewPageAsync();
        var editor = await editorContext.NewPageAsync();

        await watcher.GotoInteractiveAsync(fixture.Url("/"));
        await watcher.EvaluateAsync("() => { window.__sameDocument = true; }");
        var watcherList = watcher.Locator("main");

        // Created by the editor…
        await editor.GotoInteractiveAsync(fixture.Url("/cites/nouvelle"));
        await editor.GetByLabel("Nom de la Cité").FillAsync("Cité de l'emploi de Caen la mer");
        await editor.GetByLabel("Nom du territoire").FillAsync("Caen la mer");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();
        await editor.WaitForURLAsync("**/c/cite-de-l-emploi-de-caen-la-mer");

        // …appears for the watcher, in the list and in the switcher.
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de l'emploi de Caen la mer" })).ToBeVisibleAsync();
        await Expect(watcher.Locator("#cite-switcher option", new() { HasText = "Caen la mer" })).ToHaveCountAsync(1);

        // Renamed by the editor…
        await editor.GetByRole(AriaRole.Link, new() { Name = "Modifier le profil" }).ClickAsync();
        await editor.GetByLabel("Nom de la Cité").FillAsync("Cité de l'emploi Caen Normandie");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await editor.WaitForURLAsync("**/c/cite-de-l-emploi-de-caen-la-mer");
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de l'emploi Caen Normandie" })).ToBeVisibleAsync();
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de l'emploi de Caen la mer" })).ToHaveCountAsync(0);

        // …archived by the editor (with confirmation), and gone from the watcher's list.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await editor.AssertAccessibleAsync(); // with the confirmation dialog open
        await editor.Locator(".rz-dialog-confirm-buttons").GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await Expect(editor.GetByText("Cette Cité est archivée")).ToBeVisibleAsync();
        await editor.AssertAccessibleAsync();
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de l'emploi Caen Normandie" })).ToHaveCountAsync(0);

        Assert.True(await watcher.EvaluateAsync<bool>("() => window.__sameDocument === true"), "la page de l'observateur a été rechargée");
        await watcher.AssertAccessibleAsync();

        // The archived Cité is still there for whoever asks for it.
        await watcher.GetByLabel("Afficher les Cités archivées").CheckAsync();
        var archived = watcher.Locator("li.cite-card.is-archived", new() { HasText = "Caen Normandie" });
        await Expect(archived).ToBeVisibleAsync();
        await Expect(archived).ToContainTextAsync("Archivée");
    }

    [Fact]
    public async Task ProfileEditedElsewhere_WhileSomeoneIsTyping_KeepsTheirInputAndSaysSo()
    {
        var cites = fixture.App.Get<CiteEmploi.Web.Features.Cites.CiteService>();
        var created = await cites.CreateAsync(new CiteEmploi.Domain.Cites.CiteProfile
        {
            Name = "Cité de Lorient",
            TerritoryName = "Lorient Agglomération",
            BudgetYear = 2026,
        });
        Assert.True(created.Succeeded);

        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.Url($"/c/{created.Value}/modifier"));
        await page.GetByLabel("Nom du territoire").FillAsync("Lorient Agglomération (56)");

        // Someone else renames the Cité meanwhile.
        var current = await cites.GetAsync(created.Value!);
        Assert.True((await cites.RenameAsync(created.Value!, "Cité de l'emploi de Lorient", current!.Version)).Succeeded);

        await Expect(page.GetByText("Quelqu'un vient de modifier cette Cité. Vos saisies sont conservées.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nom du territoire")).ToHaveValueAsync("Lorient Agglomération (56)");
        await page.AssertAccessibleAsync();

        // Saving knowingly over the new version keeps their territory; the first save reports the conflict.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.Locator("#form-summary")).ToContainTextAsync("Vos saisies sont conservées");
        await Expect(page.GetByLabel("Nom du territoire")).ToHaveValueAsync("Lorient Agglomération (56)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForURLAsync($"**/c/{created.Value}");
        Assert.Equal("Lorient Agglomération (56)", (await cites.GetAsync(created.Value!))!.Profile.TerritoryName);
    }
}
