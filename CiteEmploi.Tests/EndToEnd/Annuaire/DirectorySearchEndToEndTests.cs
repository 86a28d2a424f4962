using System.Net;
using System.Security.Claims;
using System.Text.Json;
using CiteEmploi.Domain.Members;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Annuaire;

/// <summary>A field worker on a phone looks up who can help, and prepares a referral; the read API gives the same answers.</summary>
public sealed class DirectorySearchEndToEndTests(DirectorySearchEndToEndTests.DemoDirectoryFixture fixture)
    : IClassFixture<DirectorySearchEndToEndTests.DemoDirectoryFixture>
{
    private const string FieldWorker = "conseillere.annuaire@tests.invalid";
    private const string Coordinator = "coord.annuaire.e2e@tests.invalid";
    private const string Outsider = "ailleurs.annuaire@tests.invalid";

    public sealed class DemoDirectoryFixture : AppFixture
    {
        public string CoordinatorId { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await LoadDemoAsync();
            await CreatePersonAsync(FieldWorker, DemoLoader.Slug, CiteRole.Observateur, "Conseillère des tests");
            CoordinatorId = await CreatePersonAsync(Coordinator, DemoLoader.Slug, CiteRole.Coordinateur, "Coordination des tests");
            var other = await CreateCiteAsync("Cité voisine de l'annuaire");
            await CreatePersonAsync(Outsider, other, CiteRole.Coordinateur);
        }

        public async Task<CiteAccess> CoordinatorAccessAsync() =>
            (await App.Get<CiteAccessService>().ResolveAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, CoordinatorId)], "test")), DemoLoader.Slug))!;
    }

    [Fact]
    public async Task WordsNoServiceHoldsTogether_ShowTheClosest_AndWordsThatCannotBeSearched_OfferTheBarriers()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker, width: 360, height: 740);
        await using var _ = context;

        // « crèche samedi »: no crèche opens on Saturday in the demonstration, the crèches come first, and the page says so.
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?q=cr%C3%A8che%20samedi"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("Aucun service ne contient tous les mots ; voici les plus proches");
        await Expect(page.Locator(".service-card").First.GetByRole(AriaRole.List, new() { Name = "Freins" })).ToContainTextAsync("Garde d'enfants");
        await page.AssertAccessibleAsync();

        // A typing mistake is read as the nearest word, and the page says which.
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?q=mobilt%C3%A9"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("Recherche faite avec « mobilite » pour « mobilte »");
        await Expect(page.Locator(".service-card").First.GetByRole(AriaRole.List, new() { Name = "Freins" })).ToContainTextAsync("Mobilité");

        // Only words too common to search: a French notice, no error, and the barriers to choose from.
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?q=de%20la"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("ne contient que des mots trop courants");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Chercher par frein" }).GetByRole(AriaRole.Link, new() { Name = "Mobilité" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        // with a barrier chosen, the barrier still finds its services under the notice
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?q=de%20la&frein=mobilite"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("ne contient que des mots trop courants");
        await Expect(page.Locator(".results-status")).ToContainTextAsync("services trouvés");
        await Expect(page.Locator(".service-card").First.GetByRole(AriaRole.List, new() { Name = "Freins" })).ToContainTextAsync("Mobilité");

        // A word found nowhere: nothing, said plainly, with the barriers still offered.
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?q=xylophone"));
        await Expect(page.Locator(".results-status")).ToContainTextAsync("Aucun service ne correspond.");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Chercher par frein" }).GetByRole(AriaRole.Link, new() { Name = "Garde d'enfants" })).ToBeVisibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());
    }

    [Fact]
    public async Task FieldWorkerOnAPhone_FindsTheRightServicesFirst_AndASearchCanBeShared()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker, width: 360, height: 740);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Annuaire des structures", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "publiés dans l'annuaire" })).ToBeVisibleAsync();
        var barriers = page.GetByRole(AriaRole.Navigation, new() { Name = "Chercher par frein" });
        await Expect(barriers.GetByRole(AriaRole.Link, new() { Name = "Mobilité" })).ToBeVisibleAsync();
        // On the phone, before any scrolling: the title, the search box and its button, and every barrier.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Annuaire des structures", Level = 1 })).ToBeInViewportAsync();
        await Expect(page.GetByLabel("Rechercher un service")).ToBeInViewportAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true })).ToBeInViewportAsync();
        await Expect(barriers.GetByRole(AriaRole.Link).First).ToBeInViewportAsync();
        await Expect(barriers.GetByRole(AriaRole.Link).Last).ToBeInViewportAsync();
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());

        // Each of these words puts a service about the right barrier in the first results, with the words marked.
        foreach (var (typed, barrier) in new[] { ("creche", "Garde d'enfants"), ("permis", "Mobilité"), ("addiction", "Addictions"), ("logement jeune", "Logement") })
        {
            var box = page.GetByLabel("Rechercher un service");
            await box.FillAsync(typed);
            await box.PressAsync("Enter");
            // The address follows the search (client-side navigation: polled, no page load to wait for).
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q=" + System.Text.RegularExpressions.Regex.Escape(Uri.EscapeDataString(typed)).Replace("%20", "(%20|\\+)", StringComparison.Ordinal) + "(&|$)"));
            var first = page.Locator(".service-card").First;
            await Expect(first.GetByRole(AriaRole.List, new() { Name = "Freins" })).ToContainTextAsync(barrier);
            await Expect(page.Locator(".service-card mark").First).ToBeVisibleAsync();
        }
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());
        await page.AssertAccessibleAsync();

        // The address carries the search: opened elsewhere, it shows the same first result.
        var firstName = await page.Locator(".service-card h2").First.TextContentAsync();
        var shared = await context.NewPageAsync();
        await shared.GotoInteractiveAsync(page.Url);
        await Expect(shared.Locator(".service-card h2").First).ToHaveTextAsync(firstName!);
    }

    [Fact]
    public async Task Filters_GoInTheAddress_AndAnEmptySearchSuggestsWhatToRelax()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "publiés dans l'annuaire" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtres" }).ClickAsync();
        await page.GetByLabel("Frein", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Garde d'enfants" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]frein=garde-denfants(&|$)"));
        await Expect(page.Locator(".service-card").First.GetByRole(AriaRole.List, new() { Name = "Freins" })).ToContainTextAsync("Garde d'enfants");
        var withBarrier = await page.Locator(".service-card").CountAsync();
        Assert.True(withBarrier >= 2, $"{withBarrier} résultats");

        // A word that exists only outside this barrier: nothing, and the page offers to drop the barrier.
        var box = page.GetByLabel("Rechercher un service");
        await box.FillAsync("addiction");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status)).ToContainTextAsync("Aucun service ne correspond.");
        var relax = page.GetByRole(AriaRole.Link, new() { Name = "sans le frein « Garde d'enfants »" });
        await Expect(relax).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await relax.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("frein="));
        await Expect(page.Locator(".service-card").First).ToBeVisibleAsync();

        // An unknown code typed into the address is named, next to its field.
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?frein=teleportation"));
        await Expect(page.Locator("#f-frein-error, [id^='f-frein']").Filter(new() { HasText = "Frein inconnu « teleportation »" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Orienter_PreparesTheStepsContactAndMessage_AndEditsArriveLive()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker, width: 360, height: 740);
        await using var _ = context;
        await page.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire?q=permis"));
        var card = page.Locator(".service-card").First;
        var name = (await card.Locator("h2").TextContentAsync())!.Trim();
        await card.GetByRole(AriaRole.Link, new() { Name = "Orienter vers " + name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        var referral = page.GetByRole(AriaRole.Region, new() { Name = "Orienter une personne" });
        await Expect(referral.GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Expect(referral.GetByLabel("Message d'orientation (à compléter avant l'envoi)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape($"« {name} »")));
        await Expect(referral.GetByText("Rien de ce que vous écrivez ici n'est enregistré")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        Assert.False(await page.HasHorizontalScrollAsync(), await page.OverflowingElementsAsync());

        // Someone of the structure renames the service: this screen follows, without a reload.
        var coordinator = await fixture.CoordinatorAccessAsync();
        var id = Guid.Parse(page.Url.Split('/')[^1].Split('#')[0]);
        var directory = fixture.App.Get<DirectoryService>();
        var view = (await directory.GetServiceAsync(coordinator, id))!;
        var renamed = view.Service.ToDetails() with { Name = name + " (nouvelle formule)" };
        Assert.True((await directory.UpdateServiceAsync(coordinator, id, renamed, view.Service.Version)).Succeeded);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name + " (nouvelle formule)");

        // Archived: the page says so instead of showing stale information.
        Assert.True((await directory.ArchiveServiceAsync(coordinator, id)).Succeeded);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Service archivé", Level = 1 })).ToBeVisibleAsync();
        Assert.True((await directory.ServiceBackToDraftAsync(coordinator, id)).Succeeded);
        Assert.True((await directory.UpdateServiceAsync(coordinator, id, view.Service.ToDetails(), (await directory.GetServiceAsync(coordinator, id))!.Service.Version)).Succeeded);
        Assert.True((await directory.PublishServiceAsync(coordinator, id)).Succeeded);
    }

    [Fact]
    public async Task ReadApi_AnswersMembers_RefusesOthers_AndOpensWhenTheCoordinatorSaysSo()
    {
        var (context, page) = await fixture.SignInAsync(FieldWorker);
        await using var _ = context;
        var member = await context.APIRequest.GetAsync(fixture.Url("/api/cites/demo/services?q=creche&taille=5"));
        Assert.Equal(200, member.Status);
        using (var json = JsonDocument.Parse(await member.TextAsync()))
        {
            Assert.True(json.RootElement.GetProperty("total").GetInt32() >= 2);
            var first = json.RootElement.GetProperty("items")[0];
            Assert.Contains("garde-denfants", first.GetProperty("freins").EnumerateArray().Select(e => e.GetString()));
            Assert.True(json.RootElement.GetProperty("items").GetArrayLength() <= 5);
            Assert.False(json.RootElement.GetProperty("closest").GetBoolean());
        }
        // no service holds both words: the closest, and the API says so
        var closest = await context.APIRequest.GetAsync(fixture.Url("/api/cites/demo/services?q=cr%C3%A8che%20samedi"));
        using (var json = JsonDocument.Parse(await closest.TextAsync()))
        {
            Assert.True(json.RootElement.GetProperty("closest").GetBoolean());
            Assert.True(json.RootElement.GetProperty("total").GetInt32() >= 1);
        }
        var bad = await context.APIRequest.GetAsync(fixture.Url("/api/cites/demo/services?frein=teleportation"));
        Assert.Equal(400, bad.Status);
        Assert.Contains("Frein inconnu", await bad.TextAsync(), StringComparison.Ordinal);
        // malformed numbers and flags: French problem details in JSON, naming each parameter, never a page or an empty 400
        var malformed = await context.APIRequest.GetAsync(fixture.Url("/api/cites/demo/services?q=creche&page=deux&taille=0&gratuit=peut-etre"));
        Assert.Equal(400, malformed.Status);
        Assert.StartsWith("application/problem+json", malformed.Headers["content-type"], StringComparison.Ordinal);
        using (var problem = JsonDocument.Parse(await malformed.TextAsync()))
        {
            var errors = problem.RootElement.GetProperty("errors");
            Assert.Equal("Le numéro de page est un nombre entier à partir de 1 (reçu « deux »).", errors.GetProperty("page")[0].GetString());
            Assert.StartsWith("La taille de page est un nombre entier de 1 à", errors.GetProperty("taille")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal("« gratuit » vaut true ou false (reçu « peut-etre »).", errors.GetProperty("gratuit")[0].GetString());
        }
        Assert.Equal(400, (await context.APIRequest.GetAsync(fixture.Url("/api/cites/demo/services?page=99999999999"))).Status);

        var (outsiderContext, _) = await fixture.SignInAsync(Outsider);
        await using (outsiderContext)
        {
            Assert.Equal(404, (await outsiderContext.APIRequest.GetAsync(fixture.Url("/api/cites/demo/services?q=creche"))).Status);
        }
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/cites/demo/services", UriKind.Relative))).StatusCode);

        // The coordinator opens it from the directory page.
        var coordinator = await fixture.CoordinatorAccessAsync();
        var directory = fixture.App.Get<DirectoryService>();
        var (coordinatorContext, coordinatorPage) = await fixture.SignInAsync(Coordinator);
        await using (coordinatorContext)
        {
            await coordinatorPage.GotoInteractiveAsync(fixture.Url("/c/demo/annuaire"));
            await coordinatorPage.GetByText("Ouverture de l'annuaire (API de lecture)").ClickAsync();
            await coordinatorPage.GetByLabel("Annuaire publié lisible par tous, sans compte").CheckAsync();
            await Expect(coordinatorPage.GetByText("L'annuaire publié est désormais lisible par tous.")).ToBeVisibleAsync();
            await coordinatorPage.AssertAccessibleAsync();
        }
        try
        {
            var open = await anonymous.GetAsync(new Uri("/api/cites/demo/services?frein=mobilite", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            using var json = JsonDocument.Parse(await open.Content.ReadAsStringAsync());
            Assert.All(json.RootElement.GetProperty("items").EnumerateArray(), i => Assert.Contains("mobilite", i.GetProperty("freins").EnumerateArray().Select(e => e.GetString())));
        }
        finally
        {
            await directory.SetPublicAsync(coordinator, false);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/cites/demo/services", UriKind.Relative))).StatusCode);
    }
}
