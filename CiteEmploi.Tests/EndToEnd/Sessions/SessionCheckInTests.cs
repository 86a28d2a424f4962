using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CiteEmploi.Tests.EndToEnd.Sessions;

/// <summary>
/// Self check-in at the door, on the run tests' app (<see cref="Room"/>): the room display shows the check-in QR code
/// before the start; two phones at 360 px check in from it, a member signed in with one button and a person from outside
/// with the e-mail of their invitation; a forged link and an e-mail not on the list get their French messages; a new
/// code reaches the display live and the old link stops; once the session starts the display no longer shows it.
/// </summary>
public sealed partial class SessionRunTests
{
    [Fact]
    public async Task TwoPhones_CheckInFromTheRoomDisplaysQrCode_AForgedLinkAndAnUnknownEmailAreRefused_AndANewCodeReplacesTheOldOnTheDisplay()
    {
        var id = await fixture.NewCopilAsync("Interconnaissance de décembre");
        var access = (await fixture.App.Get<CiteService>().OperatorAccessAsync(fixture.Slug))!;
        var sessions = fixture.App.Get<SessionService>();
        var samiaId = await fixture.CreatePersonAsync("membre.quimper@tests.invalid");
        Assert.True((await sessions.InviteMemberAsync(access, id, samiaId)).Succeeded);
        Assert.True((await sessions.InviteOutsiderAsync(access, id, new InviteeDetails("Léa Dumas", "lea.dumas@epide.invalid", StructureName: "EPIDE"))).Succeeded);
        var code = (await sessions.OpenCheckInAsync(access, id)).Value!;
        var displayCode = (await sessions.OpenDisplayAsync(access, id)).Value!;
        var checkInUrl = fixture.Url($"/emargement/{fixture.Slug}/{code}");
        var contexts = new List<IBrowserContext>();
        try
        {
            // the room display, before the start: the QR code of the check-in page, and its address
            var displayContext = await Browser.NewContextAsync(1280, 720);
            contexts.Add(displayContext);
            var display = await displayContext.NewPageAsync();
            await display.GotoAsync(fixture.Url($"/affichage/{fixture.Slug}/{displayCode}"));
            await Expect(display.Locator("#display-checkin")).ToBeVisibleAsync();
            await Expect(display.Locator("#display-checkin")).ToContainTextAsync("Émargez en scannant ce code");
            await Expect(display.Locator("#display-checkin-link")).ToHaveTextAsync(SessionCheckInLinks.Readable(checkInUrl));
            var qr = display.Locator("#display-checkin-qr");
            await Expect(qr).ToHaveAttributeAsync("alt", $"QR code d'émargement : {SessionCheckInLinks.Readable(checkInUrl)}");
            Assert.Equal(checkInUrl, QrCodes.DecodeDataUri((await qr.GetAttributeAsync("src"))!));
            await display.AssertAccessibleAsync();

            // a member's phone, signed in and invited by her account: one button
            var (samiaContext, samia) = await fixture.SignInAsync("membre.quimper@tests.invalid", 360, 740);
            contexts.Add(samiaContext);
            await samia.GotoAsync(checkInUrl);
            await Expect(samia.GetByRole(AriaRole.Heading, new() { Name = "Interconnaissance de décembre", Level = 1 })).ToBeVisibleAsync();
            await Expect(samia.Locator("#checkin-when")).ToContainTextAsync("09:00 – 12:00");
            await Expect(samia.GetByLabel("Votre adresse e-mail")).ToHaveCountAsync(0);
            await samia.AssertAccessibleAsync();
            Assert.False(await samia.HasHorizontalScrollAsync(), await samia.OverflowingElementsAsync());
            await samia.GetByRole(AriaRole.Button, new() { Name = "J'émarge" }).ClickAsync();
            await Expect(samia.Locator("#checkin-welcome")).ToContainTextAsync("Bienvenue Samia Partenaire : votre arrivée est notée à ");
            await samia.AssertAccessibleAsync();

            // a phone without an account: a forged link first, which shows nothing of any session
            var leaContext = await Browser.NewContextAsync(360, 740);
            contexts.Add(leaContext);
            var lea = await leaContext.NewPageAsync();
            await lea.GotoAsync(fixture.Url($"/emargement/{fixture.Slug}/{(code == "ABCDEFGH" ? "HGFEDCBA" : "ABCDEFGH")}"));
            await Expect(lea.GetByRole(AriaRole.Heading, new() { Name = "Émargement impossible" })).ToBeVisibleAsync();
            await Expect(lea.Locator("#checkin-refused")).ToContainTextAsync(SessionCheckInService.RefusedMessage);
            Assert.DoesNotContain("Interconnaissance de décembre", await lea.ContentAsync(), StringComparison.Ordinal);
            await lea.AssertAccessibleAsync();

            // the right link, an e-mail not on the list, then hers
            await lea.GotoAsync(checkInUrl);
            await lea.GetByLabel("Votre adresse e-mail").FillAsync("quelquun@ailleurs.invalid");
            await lea.GetByRole(AriaRole.Button, new() { Name = "J'émarge" }).ClickAsync();
            await Expect(lea.Locator("#checkin-Email-error")).ToHaveTextAsync(SessionCheckInService.NotInvitedMessage);
            await Expect(lea.GetByLabel("Votre adresse e-mail")).ToHaveAttributeAsync("aria-invalid", "true");
            await lea.AssertAccessibleAsync();
            Assert.False(await lea.HasHorizontalScrollAsync(), await lea.OverflowingElementsAsync());
            await lea.GetByLabel("Votre adresse e-mail").FillAsync("Lea.Dumas@epide.invalid");
            await lea.GetByRole(AriaRole.Button, new() { Name = "J'émarge" }).ClickAsync();
            await Expect(lea.Locator("#checkin-welcome")).ToContainTextAsync("Bienvenue Léa Dumas : votre arrivée est notée à ");
            await lea.AssertAccessibleAsync();

            // both arrivals are on the attendance, at the times the phones were told
            var attendance = (await sessions.AttendanceAsync(access, id))!;
            foreach (var (name, page) in new[] { ("Samia Partenaire", samia), ("Léa Dumas", lea) })
            {
                var arrived = attendance.Participants.Single(p => p.Name == name).ArrivedAt;
                Assert.NotNull(arrived);
                await Expect(page.Locator("#checkin-welcome")).ToContainTextAsync($"notée à {SessionRunTexts.Clock(arrived.Value)}.");
            }

            // « Nouveau code »: the display follows live, and the old link no longer opens anything
            var newCode = (await sessions.OpenCheckInAsync(access, id)).Value!;
            var newUrl = fixture.Url($"/emargement/{fixture.Slug}/{newCode}");
            await Expect(display.Locator("#display-checkin-link")).ToHaveTextAsync(SessionCheckInLinks.Readable(newUrl));
            Assert.Equal(newUrl, QrCodes.DecodeDataUri((await qr.GetAttributeAsync("src"))!));
            await lea.GotoAsync(checkInUrl);
            await Expect(lea.Locator("#checkin-refused")).ToContainTextAsync(SessionCheckInService.RefusedMessage);

            // the session starts: the code stays at the door, off the screen
            Assert.True((await sessions.StartAsync(access, id)).Succeeded);
            await Expect(display.Locator("#display-current")).ToHaveTextAsync("Accueil et tour de table");
            await Expect(display.Locator("#display-checkin")).ToBeHiddenAsync();
            Assert.DoesNotContain(newCode, await display.ContentAsync(), StringComparison.Ordinal);
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
