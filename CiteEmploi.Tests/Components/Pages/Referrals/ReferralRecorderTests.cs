using Bunit;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Referrals;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Features;
using CiteEmploi.Web.Components.Pages.Referrals;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Components.Pages.Referrals;

/// <summary>« J'ai orienté une personne vers ce service » over a real SQLite database: her structure proposed, a note too long refused beside it and nothing stored, then recorded.</summary>
public sealed class ReferralRecorderTests : MudTestContext, IClassFixture<DatabaseFixture>
{
    private readonly DatabaseFixture _database;

    public ReferralRecorderTests(DatabaseFixture database)
    {
        _database = database;
        Services.AddSingleton(new ReferralService(new CiteDbContextFactory(new TestDbContextFactory(database)), TimeProvider.System));
    }

    [Fact]
    public async Task TheForm_ProposesHerStructure_RefusesATooLongNoteBesideIt_ThenRecords()
    {
        var now = DateTimeOffset.UtcNow;
        var (a, _) = await _database.SeedTwoCitesAsync(("samia", "Samia"));
        var ml = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale du quartier"), now);
        var garage = Structure.Create(a.Id, StructureTests.ValidDetails("Garage solidaire"), now);
        var service = Service.Create(garage, new ServiceDetails
        {
            Name = "Réparations à petit prix", Description = "Un garage solidaire pour les tests du formulaire.", Type = "accompagnement",
            Thematiques = ["mobilite--entretenir-reparer-son-vehicule"], ModesAccueil = ["en-presentiel"], ModesMobilisation = ["telephoner"],
            MobilisablePar = ["professionnels"], Contact = new ServiceContact("Sam", "03 84 00 00 00", "sam@garage.invalid"),
        }, now);
        service.Publish();
        var membership = Membership.Create(a.Id, "samia", CiteRole.Partenaire, now);
        membership.LinkToStructure(ml.Id);
        await using (var db = _database.NewContext())
        {
            db.Structures.AddRange(ml, garage);
            db.Services.Add(service);
            db.Memberships.Add(membership);
            await db.SaveChangesAsync();
        }
        var partner = new CiteAccess(a.Id, a.Slug, "samia", CiteRole.Partenaire);
        var cut = Render<ReferralRecorder>(p => p.Add(r => r.Access, partner).Add(r => r.ServiceId, service.Id).Add(r => r.SearchedFrein, "mobilite"));

        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Mission Locale du quartier", cut.Find("#referral-from").GetAttribute("value")));
        Assert.Contains("Rien n'est enregistré sur la personne orientée", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Aucune donnée personnelle sur la personne", cut.Markup, StringComparison.Ordinal);
        cut.Find("#referral-note").Input(new string('x', Referral.NoteMaxLength + 1));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Enregistrer l'orientation", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("La note fait au plus 500 caractères (501 ici)", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await StoredAsync(a.Id));

        cut.Find("#referral-note").Input("Rendez-vous pris.");
        cut.FindAll("button").Single(b => b.TextContent.Contains("Enregistrer l'orientation", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("J'ai orienté une personne vers ce service", cut.Find("button").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, await StoredAsync(a.Id));
        await using var read = _database.NewContext();
        var stored = await read.Referrals.IgnoreQueryFilters().SingleAsync(r => r.CiteId == a.Id);
        Assert.Equal((ml.Id, garage.Id, "mobilite", "Rendez-vous pris."), (stored.FromStructureId, stored.ToStructureId, stored.FreinCode, stored.Note));
    }

    private async Task<int> StoredAsync(Guid citeId)
    {
        await using var db = _database.NewContext();
        return await db.Referrals.IgnoreQueryFilters().CountAsync(r => r.CiteId == citeId);
    }
}
