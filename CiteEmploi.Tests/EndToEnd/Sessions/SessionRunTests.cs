using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// A session run live as a COPIL would: the coordinator starts it and moves it on by button and by key; a member's page
/// and the room display (a browser without an account, opened by its code) follow without refresh; the display comes
/// back by itself after a reload; overtime shows; the last item prompts to close; axe at 1280 and 360 px.
/// The server's clock can be moved forward (<see cref="ShiftedClock"/>) so overtime shows without waiting minutes.
/// </summary>
public sealed partial class SessionRunTests(SessionRunTests.Room fixture) : IClassFixture<SessionRunTests.Room>
{
    public sealed class Room : AppFixture
    {
        public ShiftedClock Clock { get; } = new();

        public string Slug { get; private set; } = string.Empty;

        /// <summary>The app's live bus, whose session messages the test can hold back for a moment.</summary>
        public HeldSessionBus? Bus { get; private set; }

        protected override CiteEmploiApp CreateApp() => new(testServices: services =>
        {
            services.AddSingleton<ILiveBus>(sp => Bus = new HeldSessionBus(sp.GetRequiredService<InProcessLiveBus>()));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SessionService>(sp, (TimeProvider)Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SessionDisplayService>(sp, (TimeProvider)Clock));
        });

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Quimper");
            await CreatePersonAsync("coord.quimper@tests.invalid", Slug, CiteRole.Coordinateur, "Camille Coordination");
            await CreatePersonAsync("membre.quimper@tests.invalid", Slug, CiteRole.Partenaire, "Samia Partenaire");
            await CreatePersonAsync("coord2.quimper@tests.invalid", Slug, CiteRole.Coordinateur, "Dominique Coordination");
        }

        /// <summary>A planned COPIL of three items, today, made through the service as the prepare page would.</summary>
        public async Task<Guid> NewCopilAsync(string title)
        {
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var sessions = App.Get<SessionService>();
            var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
            var created = await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, title, today, new TimeOnly(9, 0), new TimeOnly(12, 0), "Salle du conseil"));
            Assert.True(created.Succeeded, created.Describe());
            var id = Guid.Parse(created.Value!);
            foreach (var (item, minutes, presenter) in new[] { ("Accueil et tour de table", 5, "Camille"), ("Bilan des actions", 10, "Samia"), ("Décisions", 5, "") })
            {
                var added = await sessions.AddItemAsync(access, id, null, new AgendaItemContent(item, minutes, "Point **important**", presenter));
                Assert.True(added.Succeeded, added.Describe());
            }
            return id;
        }
    }

    /// <summary>The real clock, moved forward by <see cref="Shift"/>: timers computed from it jump, nothing else changes.</summary>
    public sealed class ShiftedClock : TimeProvider
    {
        private long _shiftTicks;

        public TimeSpan Shift
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));
            set => Interlocked.Exchange(ref _shiftTicks, value.Ticks);
        }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }

    /// <summary>
    /// The live bus, except that while <see cref="Hold"/> is on, messages of session topics wait before reaching their
    /// subscribers: a page then still shows the item it showed, as in the instant between two coordinators' presses.
    /// </summary>
    public sealed class HeldSessionBus(ILiveBus inner) : ILiveBus
    {
        private TaskCompletionSource? _held;

        public void Hold() => Volatile.Write(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

        public void Publish(string topic, object message) => inner.Publish(topic, message);

        public IDisposable Subscribe(string topic, Func<IReadOnlyList<object>, Task> handler) => inner.Subscribe(topic, Held(topic, handler));

        public IDisposable SubscribeUnbatched(string topic, Func<IReadOnlyList<object>, Task> handler) => inner.SubscribeUnbatched(topic, Held(topic, handler));

        public IDisposable Observe(Action<string, object> observer) => inner.Observe(observer);

        private Func<IReadOnlyList<object>, Task> Held(string topic, Func<IReadOnlyList<object>, Task> handler) =>
            !topic.StartsWith("session:", StringComparison.Ordinal) ? handler : async messages =>
            {
                if (Volatile.Read(ref _held) is { } held)
                {
                    await held.Task;
                }
                await handler(messages);
            };
    }

    private static async Task ExpectCurrentAsync(IPage runPage, IPage member, IPage display, string title)
    {
        await Expect(runPage.Locator("#run-current-title")).ToHaveTextAsync(title);
        await Expect(member.Locator("#run-current-title")).ToHaveTextAsync(title);
        await Expect(display.Locator("#display-current")).ToHaveTextAsync(title);
    }

    [Fact]
    public async Task Coordinator_RunsTheSession_AMemberAndTheRoomDisplayFollow_TheDisplayRecovers_OvertimeShows_AndClosingIsPrompted()
    {
        var id = await fixture.NewCopilAsync("COPIL de décembre");
        var url = fixture.Url($"/c/{fixture.Slug}/seances/{id}/direct");
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
            contexts.Add(coordContext);
            await coord.GotoInteractiveAsync(url);
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "COPIL de décembre", Level = 1 })).ToBeVisibleAsync();
            await Expect(coord.GetByText("La séance n'a pas commencé")).ToBeVisibleAsync();

            // the room display's link, made from the coordinator's panel
            await coord.GetByRole(AriaRole.Button, new() { Name = "Créer le lien d'affichage" }).ClickAsync();
            await Expect(coord.Locator("#display-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-HJKMNP-Z2-9]{8}$"));
            var displayUrl = (await coord.Locator("#display-link").GetAttributeAsync("href"))!;
            Assert.EndsWith($"/affichage/{fixture.Slug}/{await coord.Locator("#display-code").TextContentAsync()}", displayUrl, StringComparison.Ordinal);
            await coord.AssertAccessibleAsync();

            // the projector: a browser without any account
            var displayContext = await Browser.NewContextAsync(1280, 720);
            contexts.Add(displayContext);
            var display = await displayContext.NewPageAsync();
            await display.GotoAsync(displayUrl);
            await Expect(display.Locator("#display-title")).ToHaveTextAsync("COPIL de décembre");
            await Expect(display.Locator("#display-before")).ToContainTextAsync("La séance va commencer.");
            await Expect(display.Locator("#display-banner")).ToBeHiddenAsync();
            await display.AssertAccessibleAsync();

            var (memberContext, member) = await fixture.SignInAsync("membre.quimper@tests.invalid");
            contexts.Add(memberContext);
            await member.GotoInteractiveAsync(url);
            await Expect(member.GetByText("La coordination la démarrera")).ToBeVisibleAsync();
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Démarrer la séance" })).ToHaveCountAsync(0);
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Affichage en salle" })).ToHaveCountAsync(0);

            await coord.GetByRole(AriaRole.Button, new() { Name = "Démarrer la séance" }).ClickAsync();
            await ExpectCurrentAsync(coord, member, display, "Accueil et tour de table");
            await Expect(coord.Locator("#run-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[45]:[0-5][0-9]$"));
            await Expect(display.Locator("#display-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[45]:[0-5][0-9]$"));
            await Expect(member.Locator("#run-next")).ToContainTextAsync("Bilan des actions");
            await Expect(display.Locator("#display-next")).ToContainTextAsync("Bilan des actions (Samia)");
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Suivant" })).ToHaveCountAsync(0);
            await coord.AssertAccessibleAsync();
            await member.AssertAccessibleAsync();
            await display.AssertAccessibleAsync();

            // « Suivant » by button, then by key (focus outside any text field)
            await coord.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
            await ExpectCurrentAsync(coord, member, display, "Bilan des actions");
            await Expect(display.Locator("#display-presenter")).ToHaveTextAsync("Par Samia");
            await coord.Keyboard.PressAsync("ArrowRight");
            await ExpectCurrentAsync(coord, member, display, "Décisions");
            await Expect(coord.Locator("li[data-item-state='Fait']")).ToHaveCountAsync(2);
            await Expect(member.Locator("li[data-item-state='EnCours']")).ToContainTextAsync("Décisions");

            // « Précédent » by key comes back to the item before, and « Suivant » again
            await coord.Keyboard.PressAsync("PageUp");
            await ExpectCurrentAsync(coord, member, display, "Bilan des actions");
            await coord.Keyboard.PressAsync("PageDown");
            await ExpectCurrentAsync(coord, member, display, "Décisions");

            // the display reloaded (a projector's browser restarted): back on the right item by itself
            await display.ReloadAsync();
            await Expect(display.Locator("#display-current")).ToHaveTextAsync("Décisions");
            await Expect(display.Locator("#display-banner")).ToBeHiddenAsync();

            // eight minutes pass on the server's clock: « Décisions » (5 min) is over by about three
            fixture.Clock.Shift = TimeSpan.FromMinutes(8);
            await Expect(coord.Locator("#run-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+[23]:[0-5][0-9]$"));
            await Expect(coord.Locator("[data-timer-over='true']")).ToBeVisibleAsync();
            await Expect(member.Locator("#run-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+[23]:[0-5][0-9]$"));
            await Expect(coord.Locator("#run-forecast")).ToContainTextAsync("fin estimée");
            // the display counts from the server's time it is sent, not from the projector's clock (which did not move)
            await display.ReloadAsync();
            await Expect(display.Locator("#display-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+[23]:[0-5][0-9]$"));
            await Expect(display.Locator("#display-timer.over")).ToBeVisibleAsync();
            await coord.AssertAccessibleAsync();
            await display.AssertAccessibleAsync();

            // the last item ends: closing is prompted
            await coord.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "L'ordre du jour est terminé" })).ToBeVisibleAsync();
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "L'ordre du jour est terminé" })).ToBeVisibleAsync();
            await Expect(display.GetByRole(AriaRole.Heading, new() { Name = "Ordre du jour terminé" })).ToBeVisibleAsync();
            await Expect(coord.Locator("#run-close")).ToBeVisibleAsync();

            // at 360 px (a phone), the run page and the display read without sideways scrolling
            await coord.SetViewportSizeAsync(360, 740);
            await display.SetViewportSizeAsync(360, 740);
            await coord.AssertAccessibleAsync();
            await display.AssertAccessibleAsync();
            Assert.False(await coord.HasHorizontalScrollAsync(), await coord.OverflowingElementsAsync());
            Assert.False(await display.HasHorizontalScrollAsync(), await display.OverflowingElementsAsync());

            await coord.Locator("#run-close").ClickAsync();
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "Séance close" })).ToBeVisibleAsync();
            await Expect(coord.GetByText("3 point(s) traité(s) sur 3")).ToBeVisibleAsync();
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Séance close" })).ToBeVisibleAsync();
            await Expect(display.GetByRole(AriaRole.Heading, new() { Name = "Séance close" })).ToBeVisibleAsync();
            await coord.AssertAccessibleAsync();
        }
        finally
        {
            fixture.Clock.Shift = TimeSpan.Zero;
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task NotesAndOutcomes_TypedByTheCoordinator_AppearLiveForAMember_AndAnActionOutcomeBecomesAnActionOfThePlan()
    {
        var id = await fixture.NewCopilAsync("COPIL des résultats");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var plans = fixture.App.Get<PlanService>();
        var planId = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026", 2026, 2026, 50_000m)).Value!);
        Assert.True((await plans.AddActionAsync(access, planId, null, new PlanActionContent { Title = "Lever les freins périphériques" })).Succeeded);
        Assert.True((await fixture.App.Get<SessionService>().StartAsync(access, id)).Succeeded);
        var url = fixture.Url($"/c/{fixture.Slug}/seances/{id}/direct");
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
            contexts.Add(coordContext);
            var (memberContext, member) = await fixture.SignInAsync("membre.quimper@tests.invalid");
            contexts.Add(memberContext);
            await coord.GotoInteractiveAsync(url);
            await member.GotoInteractiveAsync(url);
            await Expect(member.Locator("#run-current-title")).ToHaveTextAsync("Accueil et tour de table");
            await Expect(member.GetByText("Pas de notes pour ce point.")).ToBeVisibleAsync();
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les notes" })).ToHaveCountAsync(0);

            // notes in Markdown, with something hostile in them: shown formatted to the member at once, no script run
            await coord.GetByLabel("Notes (Markdown)").FillAsync("**12** personnes accompagnées\n\n<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les notes" }).ClickAsync();
            await Expect(member.Locator("[data-notes] strong")).ToHaveTextAsync("12");
            await Expect(member.Locator("[data-notes]")).ToContainTextAsync("Notes de Camille Coordination");
            Assert.Equal(0, await member.Locator("[data-notes] script, [data-notes] img[onerror]").CountAsync());
            Assert.True(await member.EvaluateAsync<bool>("() => window.__pwned === undefined"));

            // a decision, then an outcome too long: refused next to its field, nothing added
            await coord.GetByLabel("Résultat", new() { Exact = true }).FillAsync("Le forum emploi aura lieu en juin");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Ajouter le résultat" }).ClickAsync();
            await Expect(member.Locator("li[data-outcome='Decision']")).ToContainTextAsync("Le forum emploi aura lieu en juin");
            // the member may see it before the coordinator's own page has finished reloading (its « Ajouter » ignores a press until then)
            await Expect(coord.GetByLabel("Résultat", new() { Exact = true })).ToHaveValueAsync("");
            await coord.GetByLabel("Résultat", new() { Exact = true }).FillAsync(new string('a', 1001));
            await coord.GetByRole(AriaRole.Button, new() { Name = "Ajouter le résultat" }).ClickAsync();
            await Expect(coord.GetByText("Un résultat ne dépasse pas 1000 caractères (actuellement 1001).")).ToBeVisibleAsync();
            await Expect(member.Locator("li[data-outcome]")).ToHaveCountAsync(1);

            // an action, made an action of the feuille de route in one gesture
            await coord.ChooseAsync("Type de résultat", "Action");
            await coord.GetByLabel("Résultat", new() { Exact = true }).FillAsync("Ouvrir une permanence mobilité au centre social");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Ajouter le résultat" }).ClickAsync();
            await Expect(member.Locator("li[data-outcome='Action']")).ToContainTextAsync("Ouvrir une permanence mobilité au centre social");
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "En faire une action" })).ToHaveCountAsync(0);
            await coord.AssertAccessibleAsync();
            await member.AssertAccessibleAsync();
            await coord.GetByRole(AriaRole.Button, new() { Name = "En faire une action" }).ClickAsync();
            var dialog = coord.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "Placer sous" })).ToHaveTextAsync("1 Lever les freins périphériques");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Créer l'action" }).ClickAsync();
            await Expect(coord.GetByText("Le résultat est devenu l'action 1.1 « Ouvrir une permanence mobilité au centre social ».")).ToBeVisibleAsync();
            var link = member.GetByRole(AriaRole.Link, new() { Name = "Voir l'action de la feuille de route" });
            await Expect(link).ToBeVisibleAsync();

            // « Suivant »: the next item's record is empty, the first one's stays with it
            await coord.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
            await Expect(member.Locator("#run-current-title")).ToHaveTextAsync("Bilan des actions");
            await Expect(coord.GetByLabel("Notes (Markdown)")).ToHaveValueAsync("");
            await Expect(member.Locator("li[data-outcome]")).ToHaveCountAsync(0);
            await coord.SetViewportSizeAsync(360, 740);
            Assert.False(await coord.HasHorizontalScrollAsync(), await coord.OverflowingElementsAsync());
            await coord.AssertAccessibleAsync();

            // back on the first item, the member follows its action, which leads back to the session
            await coord.GetByRole(AriaRole.Button, new() { Name = "Précédent" }).ClickAsync();
            await member.GetByRole(AriaRole.Link, new() { Name = "Voir l'action de la feuille de route" }).ClickAsync();
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Ouvrir une permanence mobilité au centre social" })).ToBeVisibleAsync();
            await Expect(member.Locator(".action-origin")).ToContainTextAsync("Décidée en séance « COPIL des résultats », point « Accueil et tour de table »");
            await member.AssertAccessibleAsync();

            // the decisions log across sessions, from the list of sessions
            await member.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances"));
            await member.GetByRole(AriaRole.Link, new() { Name = "Relevé de décisions de toutes les séances" }).ClickAsync();
            await Expect(member.Locator("li[data-decision='Decision']").Filter(new() { HasText = "Le forum emploi aura lieu en juin" })).ToContainTextAsync("COPIL des résultats");
            var made = member.Locator("li[data-decision='Action']").Filter(new() { HasText = "Ouvrir une permanence mobilité au centre social" });
            await Expect(made.GetByRole(AriaRole.Link, new() { Name = "l'action de la feuille de route" })).ToBeVisibleAsync();
            await member.GetByLabel("Rechercher dans les décisions").FillAsync("forum");
            await Expect(member.Locator("li[data-decision]").Filter(new() { HasText = "COPIL des résultats" })).ToHaveCountAsync(1);
            await member.AssertAccessibleAsync();

            // the minutes, made from what was recorded: printable, and the same in Markdown
            await member.GotoAsync(fixture.Url($"/c/{fixture.Slug}/seances/{id}/compte-rendu"));
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Compte rendu — COPIL des résultats" })).ToBeVisibleAsync();
            var first = member.Locator("[data-minutes-item='Accueil et tour de table']");
            await Expect(first.Locator("strong").First).ToHaveTextAsync("12");
            await Expect(first).ToContainTextAsync("Décision : Le forum emploi aura lieu en juin");
            await Expect(member.Locator("[data-decisions]")).ToContainTextAsync("Action : Ouvrir une permanence mobilité au centre social");
            await member.AssertAccessibleAsync();
            var download = await member.RunAndWaitForDownloadAsync(() => member.GetByRole(AriaRole.Link, new() { Name = "Télécharger en Markdown" }).ClickAsync());
            Assert.EndsWith(".md", download.SuggestedFilename, StringComparison.Ordinal);
            var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("# Compte rendu — COPIL des résultats", markdown, StringComparison.Ordinal);
            Assert.Contains("- **Action** : Ouvrir une permanence mobilité au centre social _(action de la feuille de route)_", markdown, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Participants_TheCoordinatorInvites_AMemberAnswersOnAPhone_TheDoorListMarksArrivals_LiveForBoth_AndTheSheetTotalsByStructure()
    {
        var id = await fixture.NewCopilAsync("COPIL des présences");
        var url = fixture.Url($"/c/{fixture.Slug}/seances/{id}/participants");
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
            contexts.Add(coordContext);
            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances/{id}"));
            await coord.GetByRole(AriaRole.Link, new() { Name = "Participants et émargement" }).ClickAsync();
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "Participants", Level = 1 })).ToBeVisibleAsync();
            await Expect(coord.GetByText("Personne n'est encore invité·e")).ToBeVisibleAsync();
            await coord.AssertAccessibleAsync();

            // a member of the Cité, then a person from outside (a bad address first: refused next to its field)
            await coord.ChooseAsync("Membre de la Cité", "Samia Partenaire");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Inviter ce membre" }).ClickAsync();
            await Expect(coord.Locator("li[data-participant='Samia Partenaire']")).ToContainTextAsync("Pas encore répondu");
            await coord.GetByLabel("Nom *").FillAsync("Paul Martin");
            await coord.GetByLabel("Adresse e-mail *").FillAsync("paul.martin@caf");
            await coord.GetByLabel("Structure", new() { Exact = true }).FillAsync("CAF du Finistère");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Inviter cette personne" }).ClickAsync();
            await Expect(coord.Locator("#outsider-Email-error")).ToContainTextAsync("Adresse e-mail invalide « paul.martin@caf »");
            await Expect(coord.Locator("li[data-participant]")).ToHaveCountAsync(1);
            await coord.GetByLabel("Adresse e-mail *").FillAsync("paul.martin@caf.fr");
            await coord.GetByRole(AriaRole.Button, new() { Name = "Inviter cette personne" }).ClickAsync();
            await Expect(coord.Locator("li[data-participant='Paul Martin']")).ToContainTextAsync("CAF du Finistère");

            // the member answers on a phone; the coordinator's list shows it at once
            var (memberContext, member) = await fixture.SignInAsync("membre.quimper@tests.invalid");
            contexts.Add(memberContext);
            await member.SetViewportSizeAsync(360, 740);
            await member.GotoInteractiveAsync(url);
            await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Votre réponse" })).ToBeVisibleAsync();
            await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Arrivé·e" })).ToHaveCountAsync(0);
            await member.GetByRole(AriaRole.Group, new() { Name = "Votre réponse à l'invitation" }).GetByRole(AriaRole.Button, new() { Name = "Oui" }).ClickAsync();
            await Expect(coord.Locator("li[data-participant='Samia Partenaire']")).ToContainTextAsync("Réponse : oui");
            await Expect(member.Locator("[data-attendance-summary]")).ToContainTextAsync("1 place(s) confirmée(s)");
            Assert.False(await member.HasHorizontalScrollAsync(), await member.OverflowingElementsAsync());
            await member.AssertAccessibleAsync();

            // the door's list: search, mark an arrival, seen live on the member's phone
            await coord.GetByLabel("Rechercher une personne ou une structure").FillAsync("caf");
            await Expect(coord.Locator("li[data-participant]")).ToHaveCountAsync(1);
            await coord.GetByRole(AriaRole.Button, new() { Name = "Arrivé·e : Paul Martin" }).ClickAsync();
            await Expect(coord.Locator("li[data-participant='Paul Martin']")).ToHaveAttributeAsync("data-arrived", "true");
            await Expect(member.Locator("[data-attendance-summary]")).ToContainTextAsync("1 arrivé·e(s)");
            await Expect(member.Locator("[data-by-structure] tfoot")).ToContainTextAsync("Total (2 structures)");

            // self check-in by QR code: the coordination opens it
            await coord.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'émargement par QR code" }).ClickAsync();
            await Expect(coord.Locator("#checkin-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-HJKMNP-Z2-9]{8}$"));
            var checkInCode = (await coord.Locator("#checkin-code").TextContentAsync())!;
            Assert.EndsWith($"/emargement/{fixture.Slug}/{checkInCode}", QrCodes.DecodeDataUri(await coord.Locator("[data-checkin-qr] img").GetAttributeAsync("src") ?? ""), StringComparison.Ordinal);
            await coord.AssertAccessibleAsync();

            // the printable sheet: everyone by structure, arrival times, a column to sign, the totals
            await coord.GetByRole(AriaRole.Link, new() { Name = "Feuille d'émargement (à imprimer)" }).ClickAsync();
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "Feuille d'émargement — COPIL des présences" })).ToBeVisibleAsync();
            var rows = coord.Locator("[data-sheet] tbody tr");
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(0)).ToContainTextAsync("CAF du Finistère");
            await Expect(rows.Nth(0)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d\d:\d\d"));
            await Expect(coord.Locator("[data-by-structure] tfoot")).ToContainTextAsync("Total (2 structures)");
            await coord.AssertAccessibleAsync();
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TwoCoordinatorsPressingSuivantTogether_MoveTheSessionOneItem_AndTheSecondReadsWhyInFrench()
    {
        var id = await fixture.NewCopilAsync("COPIL à deux voix");
        var url = fixture.Url($"/c/{fixture.Slug}/seances/{id}/direct");
        var contexts = new List<IBrowserContext>();
        try
        {
            var (firstContext, first) = await fixture.SignInAsync("coord.quimper@tests.invalid");
            contexts.Add(firstContext);
            var (secondContext, second) = await fixture.SignInAsync("coord2.quimper@tests.invalid");
            contexts.Add(secondContext);
            await first.GotoInteractiveAsync(url);
            await second.GotoInteractiveAsync(url);
            await first.GetByRole(AriaRole.Button, new() { Name = "Démarrer la séance" }).ClickAsync();
            await Expect(first.Locator("#run-current-title")).ToHaveTextAsync("Accueil et tour de table");
            await Expect(second.Locator("#run-current-title")).ToHaveTextAsync("Accueil et tour de table");

            // both press « Suivant » having seen « Accueil »: the second press reaches the server before its page heard of the first
            fixture.Bus!.Hold();
            try
            {
                await first.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
                await Expect(first.Locator("#run-current-title")).ToHaveTextAsync("Bilan des actions");
                await Expect(second.Locator("#run-current-title")).ToHaveTextAsync("Accueil et tour de table");
                await second.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
                await Expect(second.Locator("#run-error")).ToContainTextAsync("La séance vient de passer au point « Bilan des actions » : rien d'autre n'a été changé.");
            }
            finally
            {
                fixture.Bus.Release();
            }
            // one item, not two
            await Expect(second.Locator("#run-current-title")).ToHaveTextAsync("Bilan des actions");
            await Expect(first.Locator("#run-current-title")).ToHaveTextAsync("Bilan des actions");
            var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
            Assert.Equal("Bilan des actions", (await fixture.App.Get<SessionService>().GetAsync(access, id))!.Schedule.Current!.Title);
            await second.AssertAccessibleAsync();
        }
        finally
        {
            fixture.Bus?.Release();
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task NouveauCode_StopsTheDisplayOpenedWithTheOldOne_WithAFrenchMessage_AndAForgedLinkShowsOnlyThat()
    {
        var id = await fixture.NewCopilAsync("Comité technique");
        var contexts = new List<IBrowserContext>();
        try
        {
            var (coordContext, coord) = await fixture.SignInAsync("coord.quimper@tests.invalid");
            contexts.Add(coordContext);
            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances/{id}/direct"));
            await coord.GetByRole(AriaRole.Button, new() { Name = "Créer le lien d'affichage" }).ClickAsync();
            await Expect(coord.Locator("#display-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{8}$"));
            var oldCode = (await coord.Locator("#display-code").TextContentAsync())!;

            var displayContext = await Browser.NewContextAsync(1280, 720);
            contexts.Add(displayContext);
            var display = await displayContext.NewPageAsync();
            await display.GotoAsync((await coord.Locator("#display-link").GetAttributeAsync("href"))!);
            await Expect(display.Locator("#display-title")).ToHaveTextAsync("Comité technique");

            await coord.GetByRole(AriaRole.Button, new() { Name = "Nouveau code" }).ClickAsync();
            await Expect(coord.Locator("#display-code")).Not.ToHaveTextAsync(oldCode);
            await Expect(display.GetByRole(AriaRole.Heading, new() { Name = "Affichage impossible" })).ToBeVisibleAsync();
            await Expect(display.Locator("#display-refused-message")).ToHaveTextAsync(SessionDisplayService.RefusedMessage);
            await Expect(display.Locator("#display-title")).ToBeHiddenAsync();

            // a forged link: the same message, and nothing of any session
            var forged = await displayContext.NewPageAsync();
            await forged.GotoAsync(fixture.Url($"/affichage/{fixture.Slug}/ABCDEFGH"));
            await Expect(forged.Locator("#display-refused-message")).ToHaveTextAsync(SessionDisplayService.RefusedMessage);
            Assert.DoesNotContain("Comité technique", await forged.ContentAsync(), StringComparison.Ordinal);
            await forged.AssertAccessibleAsync();
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }
}
