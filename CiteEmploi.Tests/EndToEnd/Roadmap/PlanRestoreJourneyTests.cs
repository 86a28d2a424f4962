using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Roadmap;

/// <summary>
/// A coordinator deletes an action from its page, lands on the plan and undoes it with « Annuler la suppression »; a
/// second deletion is undone from the history's « Actions supprimées » with « Rétablir »; the history says « action
/// rétablie ». The pages stay accessible.
/// </summary>
public sealed class PlanRestoreJourneyTests(PlanRestoreJourneyTests.Vannes fixture) : IClassFixture<PlanRestoreJourneyTests.Vannes>
{
    private const string Coordinator = "coord.vannes@tests.invalid";

    public sealed class Vannes : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;
        public Guid PlanId { get; private set; }
        public Guid ActionId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Vannes");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var plans = App.Get<PlanService>();
            PlanId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026", 2026, 2026, 100_000m)).Value!);
            var axis = await plans.AddActionAsync(access, PlanId, null, new PlanActionContent { Title = "Aller vers les publics" });
            var action = await plans.AddActionAsync(access, PlanId, Guid.Parse(axis.Value!), new PlanActionContent { Title = "Forum de l'emploi" });
            Assert.True(action.Succeeded, action.Describe());
            ActionId = Guid.Parse(action.Value!);
        }
    }

    [Fact]
    public async Task DeleteThenUndo_FromThePlan_ThenRestore_FromTheHistory()
    {
        var (context, page) = await fixture.SignInAsync(Coordinator);
        await using var _ = context;
        var planUrl = fixture.Url($"/c/{fixture.Slug}/feuille-de-route/{fixture.PlanId}");
        var forum = page.GetByRole(AriaRole.Link, new() { Name = "Forum de l'emploi" });

        await page.GotoInteractiveAsync($"{planUrl}/actions/{fixture.ActionId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).ClickAsync();
        await Expect(page.Locator("[data-deleted-alert]")).ToContainTextAsync("« Forum de l'emploi » a été supprimée.");
        await Expect(forum).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler la suppression" }).ClickAsync();
        await Expect(page.GetByText("Action rétablie.")).ToBeVisibleAsync();
        await Expect(forum).ToBeVisibleAsync();
        await Expect(page.Locator("[data-deleted-alert]")).ToHaveCountAsync(0);

        // deleted again, restored from the history page this time
        await page.GotoInteractiveAsync($"{planUrl}/actions/{fixture.ActionId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Supprimer" }).ClickAsync();
        await Expect(page.Locator("[data-deleted-alert]")).ToBeVisibleAsync();
        await page.GotoInteractiveAsync($"{planUrl}/historique");
        await Expect(page.Locator($"[data-deleted='{fixture.ActionId}']")).ToContainTextAsync("« Forum de l'emploi » (sous « Aller vers les publics »)");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rétablir « Forum de l'emploi »" }).ClickAsync();
        await Expect(page.Locator($"[data-deleted='{fixture.ActionId}']")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Aucune action supprimée.")).ToBeVisibleAsync();
        await Expect(page.Locator(".plan-history")).ToContainTextAsync("Forum de l'emploi » : action rétablie");
    }
}
