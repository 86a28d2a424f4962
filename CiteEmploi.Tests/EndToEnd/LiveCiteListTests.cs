using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd;

/// <summary>Two people, two browsers: what one does to a Cité shows up on the other's screen without a refresh.</summary>
public sealed class LiveCiteListTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CiteCreatedByOneAdministrator_AppearsOnTheOtherAdministratorsPageWithoutRefresh()
    {
        await fixture.CreatePersonAsync("admin2@tests.invalid");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CiteEmploi.Web.Data.AppUser>>();
            var admin2 = await users.FindByEmailAsync("admin2@tests.invalid");
            admin2!.PlatformRole = CiteEmploi.Web.Data.PlatformRole.Administrateur;
            await users.UpdateAsync(admin2);
        }
        var (watcherContext, watcher) = await fixture.SignInAsync(AppFixture.AdminEmail);
        var (editorContext, editor) = await fixture.SignInAsync("admin2@tests.invalid");
        await using var _ = watcherContext;
        await using var __ = editorContext;

        await watcher.GotoInteractiveAsync(fixture.Url("/admin"));
        await watcher.EvaluateAsync("() => { window.__sameDocument = true; }");

        await editor.GotoInteractiveAsync(fixture.Url("/cites/nouvelle"));
        await editor.GetByLabel("Nom de la Cité").FillAsync("Cité de l'emploi de Caen la mer");
        await editor.GetByLabel("Nom du territoire").FillAsync("Caen la mer");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Créer la Cité" }).ClickAsync();
        await editor.WaitForInPageNavigationAsync("**/admin?cite=cite-de-l-emploi-de-caen-la-mer");

        await Expect(watcher.AdminCites()).ToContainTextAsync("Cité de l'emploi de Caen la mer");
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.__sameDocument === true"), "la page de l'observateur a été rechargée");
        await watcher.AssertAccessibleAsync();
    }

    [Fact]
    public async Task CiteRenamedAndArchivedByACoordinator_UpdatesAnotherMembersListWithoutRefresh()
    {
        var slug = await fixture.CreateCiteAsync("Cité de Brest");
        await fixture.CreatePersonAsync("coord.brest@tests.invalid", slug, CiteRole.Coordinateur);
        await fixture.CreatePersonAsync("partenaire.brest@tests.invalid", slug, CiteRole.Partenaire);
        var (watcherContext, watcher) = await fixture.SignInAsync("partenaire.brest@tests.invalid");
        var (editorContext, editor) = await fixture.SignInAsync("coord.brest@tests.invalid");
        await using var _ = watcherContext;
        await using var __ = editorContext;

        await watcher.GotoInteractiveAsync(fixture.Url("/"));
        await watcher.EvaluateAsync("() => { window.__sameDocument = true; }");
        var watcherList = watcher.Locator("main");
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de Brest" })).ToBeVisibleAsync();

        await editor.GotoInteractiveAsync(fixture.Url($"/c/{slug}"));
        await editor.GetByRole(AriaRole.Link, new() { Name = "Modifier le profil" }).ClickAsync();
        await editor.GetByLabel("Nom de la Cité").FillAsync("Cité de l'emploi Brest Métropole");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await editor.WaitForInPageNavigationAsync($"**/c/{slug}");
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de l'emploi Brest Métropole" })).ToBeVisibleAsync();
        await watcher.GetByRole(AriaRole.Button, new() { Name = "Changer de Cité" }).ClickAsync();
        await Expect(watcher.GetByRole(AriaRole.Menuitem, new() { Name = "Brest Métropole" })).ToHaveCountAsync(1);
        await watcher.Keyboard.PressAsync("Escape");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Archiver" }).ClickAsync();
        await editor.AssertAccessibleAsync(); // with the confirmation dialog open
        await editor.DialogButton("Archiver").ClickAsync();
        await Expect(editor.GetByText("Cité archivée.")).ToBeVisibleAsync();
        await Expect(editor.GetByText("Cette Cité est archivée")).ToBeVisibleAsync();
        await Expect(watcherList.GetByRole(AriaRole.Link, new() { Name = "Cité de l'emploi Brest Métropole" })).ToHaveCountAsync(0);
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.__sameDocument === true"), "la page de l'observateur a été rechargée");
        await watcher.AssertAccessibleAsync();

        await watcher.GetByLabel("Afficher les Cités archivées").CheckAsync();
        var archived = watcher.Locator("li.home-cite.is-archived", new() { HasText = "Brest Métropole" });
        await Expect(archived).ToBeVisibleAsync();
        await Expect(archived).ToContainTextAsync("Archivée");
    }

    [Fact]
    public async Task ProfileEditedElsewhere_WhileSomeoneIsTyping_KeepsTheirInputAndSaysSo()
    {
        var cites = fixture.App.Get<CiteEmploi.Web.Features.Cites.CiteService>();
        var slug = await fixture.CreateCiteAsync("Cité de Lorient");
        await fixture.CreatePersonAsync("coord.lorient@tests.invalid", slug, CiteRole.Coordinateur);
        var (context, page) = await fixture.SignInAsync("coord.lorient@tests.invalid");
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url($"/c/{slug}/modifier"));
        await page.GetByLabel("Nom du territoire").FillAsync("Lorient Agglomération (56)");

        // Someone else renames the Cité meanwhile.
        var current = await cites.GetAsync(slug);
        Assert.True((await cites.RenameAsync(slug, "Cité de l'emploi de Lorient", current!.Version)).Succeeded);

        await Expect(page.GetByText("Quelqu'un vient de modifier cette Cité. Vos saisies sont conservées.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nom du territoire")).ToHaveValueAsync("Lorient Agglomération (56)");
        await page.AssertAccessibleAsync();

        // The first save reports the conflict and keeps their text; the second applies it knowingly.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Expect(page.Locator("#form-summary")).ToContainTextAsync("Vos saisies sont conservées");
        await Expect(page.GetByLabel("Nom du territoire")).ToHaveValueAsync("Lorient Agglomération (56)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForInPageNavigationAsync($"**/c/{slug}");
        Assert.Equal("Lorient Agglomération (56)", (await cites.GetAsync(slug))!.Profile.TerritoryName);
    }
}
