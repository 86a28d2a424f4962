using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// Issue 13's « done when », as a COPIL would run: an agenda of eight items prepared; twelve people of six structures
/// invited (two members, ten from outside); ten of them check in on phones at 360 px from the QR code on the room
/// display; the coordinator runs the session item by item and the display follows each one; two decisions become
/// actions of the feuille de route; when the session closes, its minutes carry the attendance by structure and both
/// actions. axe on every page visited, at 1280 px and 360 px. (The display coming back after the server is killed and
/// restarted is <see cref="SessionDisplayRestartTests"/>.)
/// </summary>
public sealed class SessionCopilDoneWhenTests(SessionCopilDoneWhenTests.Copil fixture) : IClassFixture<SessionCopilDoneWhenTests.Copil>
{
    private const string Coordinator = "coord.copil@tests.invalid";
    private const string Title = "COPIL de la Cité — décembre";

    /// <summary>The agenda: eight items, 10 minutes each but the welcome and the close.</summary>
    private static readonly string[] Agenda =
    [
        "Accueil et tour de table", "Bilan du semestre", "Mobilité : point d'étape", "Garde d'enfants",
        "Numérique : ateliers", "Forum emploi de juin", "Budget et cofinancements", "Décisions et prochaines étapes",
    ];

    /// <summary>Who is invited: name, e-mail, structure; the first two are members with an account, the others come from outside.</summary>
    private static readonly (string Name, string Email, string Structure)[] Invited =
    [
        ("Samia Haddad", "samia.copil@tests.invalid", "Mission Locale"),
        ("Paul Girard", "paul.copil@tests.invalid", "France Travail"),
        ("Léa Dumas", "lea.dumas@ml.invalid", "Mission Locale"),
        ("Hugo Petit", "hugo.petit@ft.invalid", "France Travail"),
        ("Nora Benali", "nora.benali@ccas.invalid", "CCAS"),
        ("Marc Olivier", "marc.olivier@ccas.invalid", "CCAS"),
        ("Inès Robert", "ines.robert@caf.invalid", "CAF"),
        ("Yann Le Goff", "yann.legoff@caf.invalid", "CAF"),
        ("Aïcha Diallo", "aicha.diallo@cs.invalid", "Centre social"),
        ("Tom Mercier", "tom.mercier@cs.invalid", "Centre social"),
        ("Julie Bernard", "julie.bernard@leroy.invalid", "Transports Leroy"),
        ("Karim Saïdi", "karim.saidi@leroy.invalid", "Transports Leroy"),
    ];

    /// <summary>The two who do not come: one of the CAF, one of the company.</summary>
    private static readonly string[] Absent = ["yann.legoff@caf.invalid", "karim.saidi@leroy.invalid"];

    public sealed class Copil : AppFixture
    {
        public string Slug { get; private set; } = string.Empty;

        public Guid SessionId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Slug = await CreateCiteAsync("Cité de Saint-Brieuc");
            await CreatePersonAsync(Coordinator, Slug, CiteRole.Coordinateur, "Camille Coordination");
            var access = (await App.Get<CiteService>().OperatorAccessAsync(Slug))!;
            var plans = App.Get<PlanService>();
            var plan = Guid.Parse((await plans.CreateAsync(access, "Feuille de route 2026", 2026, 2026, 100_000m)).Value!);
            Assert.True((await plans.AddActionAsync(access, plan, null, new PlanActionContent { Title = "Lever les freins périphériques" })).Succeeded);

            // prepared as the preparation page would: a COPIL today from 9:00 to 11:30, eight items
            var sessions = App.Get<SessionService>();
            var today = DateOnly.FromDateTime(FrenchTime.Local(DateTimeOffset.UtcNow));
            var created = await sessions.CreateAsync(access, new SessionDetails(SessionKind.ComitePilotage, Title, today, new TimeOnly(9, 0), new TimeOnly(11, 30), "Salle du conseil", Capacity: 20));
            Assert.True(created.Succeeded, created.Describe());
            SessionId = Guid.Parse(created.Value!);
            foreach (var (item, index) in Agenda.Select((t, i) => (t, i)))
            {
                var added = await sessions.AddItemAsync(access, SessionId, null, new AgendaItemContent(item, index is 0 or 7 ? 5 : 10, "", "Camille"));
                Assert.True(added.Succeeded, added.Describe());
            }

            // twelve people of six structures: two members (each linked to their structure), ten from outside
            foreach (var (name, email, structure) in Invited)
            {
                CommandResult invited;
                if (email.EndsWith("@tests.invalid", StringComparison.Ordinal))
                {
                    var member = await CreatePersonAsync(email, Slug, CiteRole.Partenaire, name);
                    await LinkToNewStructureAsync(Slug, member, structure);
                    invited = await sessions.InviteMemberAsync(access, SessionId, member);
                }
                else
                {
                    invited = await sessions.InviteOutsiderAsync(access, SessionId, new InviteeDetails(name, email, StructureName: structure));
                }
                Assert.True(invited.Succeeded, invited.Describe());
            }
            Assert.True((await sessions.OpenCheckInAsync(access, SessionId)).Succeeded);
        }
    }

    [Fact]
    public async Task ACopil_TenCheckInByQrOnPhones_TheDisplayFollowsEachItem_TwoDecisionsBecomeActions_AndTheMinutesCountAttendanceByStructure()
    {
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var sessions = fixture.App.Get<SessionService>();
        var contexts = new List<IBrowserContext>();
        try
        {
            // the coordinator's preparation page: eight items, their planned starts, within the session's time
            var (coordContext, coord) = await fixture.SignInAsync(Coordinator);
            contexts.Add(coordContext);
            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances/{fixture.SessionId}"));
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
            await Expect(coord.Locator("[data-agenda-item] .agenda-item__title")).ToHaveTextAsync(Agenda.Select((t, i) => $"{i + 1} {t}").ToArray());
            await Expect(coord.Locator("[data-agenda-total]")).ToContainTextAsync("Total : 1 h 10 · fin prévue à 10:10");
            await coord.AssertAccessibleAsync();

            // the room display, opened from the run page's panel, shows the check-in QR code before the start
            await coord.GotoInteractiveAsync(fixture.Url($"/c/{fixture.Slug}/seances/{fixture.SessionId}/direct"));
            await coord.GetByRole(AriaRole.Button, new() { Name = "Créer le lien d'affichage" }).ClickAsync();
            var displayUrl = (await coord.Locator("#display-link").GetAttributeAsync("href"))!;
            var displayContext = await Browser.NewContextAsync(1280, 720);
            contexts.Add(displayContext);
            var display = await displayContext.NewPageAsync();
            await display.GotoAsync(displayUrl);
            await Expect(display.Locator("#display-title")).ToHaveTextAsync(Title);
            var qr = display.Locator("#display-checkin-qr");
            await Expect(qr).ToBeVisibleAsync();
            var checkInUrl = QrCodes.DecodeDataUri((await qr.GetAttributeAsync("src"))!);
            await display.AssertAccessibleAsync();

            // ten phones scan it: the two members sign in and press one button, the others type their invitation's e-mail
            foreach (var (name, email, _) in Invited.Where(p => !Absent.Contains(p.Email)))
            {
                var isMember = email.EndsWith("@tests.invalid", StringComparison.Ordinal);
                var (context, phone) = isMember ? await fixture.SignInAsync(email, 360, 740) : (await Browser.NewContextAsync(360, 740), null);
                contexts.Add(context);
                phone ??= await context.NewPageAsync();
                await phone.GotoAsync(checkInUrl);
                if (!isMember)
                {
                    await phone.GetByLabel("Votre adresse e-mail").FillAsync(email);
                }
                await phone.GetByRole(AriaRole.Button, new() { Name = "J'émarge" }).ClickAsync();
                await Expect(phone.Locator("#checkin-welcome")).ToContainTextAsync($"Bienvenue {name} : votre arrivée est notée à ");
                if (name == "Samia Haddad" || name == "Léa Dumas")
                {
                    await phone.AssertAccessibleAsync();
                    Assert.False(await phone.HasHorizontalScrollAsync(), await phone.OverflowingElementsAsync());
                }
                await context.CloseAsync();
                contexts.Remove(context);
            }
            var attendance = (await sessions.AttendanceAsync(access, fixture.SessionId))!;
            Assert.Equal(10, attendance.Participants.Count(p => p.ArrivedAt is not null));

            // the session runs item by item; the display follows each one
            await coord.GetByRole(AriaRole.Button, new() { Name = "Démarrer la séance" }).ClickAsync();
            await Expect(display.Locator("#display-current")).ToHaveTextAsync(Agenda[0]);
            await Expect(display.Locator("#display-checkin")).ToBeHiddenAsync();
            await coord.AssertAccessibleAsync();
            await display.AssertAccessibleAsync();
            for (var i = 1; i < Agenda.Length; i++)
            {
                if (Agenda[i - 1] is "Mobilité : point d'étape" or "Forum emploi de juin")
                {
                    // the mobility item and the forum's each end with a decision that becomes an action of the feuille de route
                    var decided = Agenda[i - 1].StartsWith("Mobilité", StringComparison.Ordinal)
                        ? "Ouvrir une permanence mobilité au centre social" : "Réserver la salle du forum emploi avec la Mission Locale";
                    await DecideAnActionAsync(coord, decided);
                }
                await coord.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
                await Expect(coord.Locator("#run-current-title")).ToHaveTextAsync(Agenda[i]);
                await Expect(display.Locator("#display-current")).ToHaveTextAsync(Agenda[i]);
            }
            await coord.GetByRole(AriaRole.Button, new() { Name = "Suivant" }).ClickAsync();
            await Expect(display.GetByRole(AriaRole.Heading, new() { Name = "Ordre du jour terminé" })).ToBeVisibleAsync();
            await coord.SetViewportSizeAsync(360, 740);
            await display.SetViewportSizeAsync(360, 740);
            await coord.AssertAccessibleAsync();
            await display.AssertAccessibleAsync();
            Assert.False(await coord.HasHorizontalScrollAsync(), await coord.OverflowingElementsAsync());
            await coord.Locator("#run-close").ClickAsync();
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = "Séance close" })).ToBeVisibleAsync();
            await Expect(coord.GetByText("8 point(s) traité(s) sur 8")).ToBeVisibleAsync();
            await Expect(display.GetByRole(AriaRole.Heading, new() { Name = "Séance close" })).ToBeVisibleAsync();

            // the minutes, ready at once: attendance by structure with its totals, and the two actions
            await coord.SetViewportSizeAsync(1280, 800);
            await coord.GotoAsync(fixture.Url($"/c/{fixture.Slug}/seances/{fixture.SessionId}/compte-rendu"));
            await Expect(coord.GetByRole(AriaRole.Heading, new() { Name = $"Compte rendu — {Title}" })).ToBeVisibleAsync();
            await Expect(coord.GetByText("10 présent·e(s) sur 12 invité·e(s)")).ToBeVisibleAsync();
            var byStructure = coord.Locator("[data-by-structure]");
            foreach (var (structure, arrived) in new[] { ("Mission Locale", 2), ("France Travail", 2), ("CCAS", 2), ("CAF", 1), ("Centre social", 2), ("Transports Leroy", 1) })
            {
                var row = byStructure.Locator("tbody tr", new() { Has = coord.Locator("th", new() { HasTextString = structure }) });
                await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("2");
                await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(arrived.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await Expect(byStructure.Locator("tfoot")).ToContainTextAsync("Total (6 structures)");
            await Expect(byStructure.Locator("tfoot td").Nth(2)).ToHaveTextAsync("10");
            var decisions = coord.Locator("[data-decisions]");
            await Expect(decisions).ToContainTextAsync("Action : Ouvrir une permanence mobilité au centre social");
            await Expect(decisions).ToContainTextAsync("Action : Réserver la salle du forum emploi avec la Mission Locale");
            await coord.AssertAccessibleAsync();
            await coord.SetViewportSizeAsync(360, 740);
            await coord.AssertAccessibleAsync();

            // both are actions of the feuille de route, with their origin
            var plan = (await fixture.App.Get<PlanService>().ListAsync(access)).Single();
            var actions = (await fixture.App.Get<PlanService>().GetAsync(access, plan.Id))!.Actions.Select(a => a.Title).ToList();
            Assert.Contains("Ouvrir une permanence mobilité au centre social", actions);
            Assert.Contains("Réserver la salle du forum emploi avec la Mission Locale", actions);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>The coordinator records an « Action » outcome on the current item and makes it an action of the plan.</summary>
    private static async Task DecideAnActionAsync(IPage coord, string text)
    {
        await coord.ChooseAsync("Type de résultat", "Action");
        await coord.GetByLabel("Résultat", new() { Exact = true }).FillAsync(text);
        await coord.GetByRole(AriaRole.Button, new() { Name = "Ajouter le résultat" }).ClickAsync();
        var outcome = coord.Locator("li[data-outcome='Action']").Filter(new() { HasText = text });
        await Expect(outcome).ToBeVisibleAsync();
        await outcome.GetByRole(AriaRole.Button, new() { Name = "En faire une action" }).ClickAsync();
        var dialog = coord.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Créer l'action" }).ClickAsync();
        await Expect(coord.GetByText(new System.Text.RegularExpressions.Regex($"^Le résultat est devenu l'action [0-9.]+ « {System.Text.RegularExpressions.Regex.Escape(text)} »"))).ToBeVisibleAsync();
        await Expect(outcome.GetByRole(AriaRole.Button, new() { Name = "En faire une action" })).ToHaveCountAsync(0);
    }
}
