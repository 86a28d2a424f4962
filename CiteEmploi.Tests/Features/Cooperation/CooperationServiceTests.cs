using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Cooperation;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Referrals;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cooperation;
using CiteEmploi.Web.Features.Referrals;
using CiteEmploi.Web.Features.Roadmap;

namespace CiteEmploi.Tests.Features.Cooperation;

/// <summary>
/// The cooperation map on a real SQLite file: links counted from the feuille de route's actions and the sessions held,
/// per period and against the previous one, and the wall between Cités.
/// </summary>
public sealed class CooperationServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TheMap_LinksCoPilotsAndJointSessionsOfThePeriod_ComparesWithThePreviousOne_AndStaysBehindTheWall()
    {
        var (a, b) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("obs", "Léa"), ("dehors", "Intrus"));
        var coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        var observer = new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur);
        var outsider = new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur);
        var ml = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale du quartier"), _clock.Now);
        var caf = Structure.Create(a.Id, StructureTests.ValidDetails("CAF du département"), _clock.Now);
        var ccas = Structure.Create(a.Id, StructureTests.ValidDetails("CCAS de la ville"), _clock.Now);
        var epide = Structure.Create(a.Id, StructureTests.ValidDetails("EPIDE"), _clock.Now);
        var actor = new SessionActor("coord", "Camille");
        // 2025-S2: a workshop without attendance sheet, the Mission Locale and the CCAS invited; the CAF declined
        var workshop = Session.Create(a.Id, new SessionDetails(SessionKind.Atelier, "Atelier freins", new DateOnly(2025, 11, 4), new TimeOnly(14, 0), new TimeOnly(16, 0)), actor, _clock.Now);
        workshop.Invite(new InviteeDetails("Samia", "samia@ml.invalid", StructureId: ml.Id), actor);
        workshop.Invite(new InviteeDetails("Inès", "ines@ccas.invalid", StructureId: ccas.Id), actor);
        workshop.Answer(workshop.Invite(new InviteeDetails("Yanis", "yanis@caf.invalid", StructureId: caf.Id), actor), InvitationAnswer.Non, actor, _clock.Now);
        // 2026-S1: a COPIL held, the Mission Locale and the CAF checked in (the CCAS invited, absent); a session cancelled, one to come
        var copil = Session.Create(a.Id, new SessionDetails(SessionKind.ComitePilotage, "COPIL", new DateOnly(2026, 2, 10), new TimeOnly(9, 0), new TimeOnly(11, 0)), actor, _clock.Now);
        copil.AddItem(null, new AgendaItemContent("Bilan", 30), actor);
        var samia = copil.Invite(new InviteeDetails("Samia", "samia@ml.invalid", StructureId: ml.Id), actor);
        var yanis = copil.Invite(new InviteeDetails("Yanis", "yanis@caf.invalid", StructureId: caf.Id), actor);
        copil.Invite(new InviteeDetails("Inès", "ines@ccas.invalid", StructureId: ccas.Id), actor);
        var day = FrenchTime.At(new DateOnly(2026, 2, 10), new TimeOnly(9, 5));
        copil.Start(actor, day);
        copil.CheckIn(samia, actor, day);
        copil.CheckIn(yanis, actor, day);
        var cancelled = Session.Create(a.Id, new SessionDetails(SessionKind.Atelier, "Annulé", new DateOnly(2026, 3, 5), new TimeOnly(9, 0), new TimeOnly(10, 0)), actor, _clock.Now);
        cancelled.Invite(new InviteeDetails("Samia", "samia@ml.invalid", StructureId: ml.Id), actor);
        cancelled.Invite(new InviteeDetails("Léo", "leo@epide.invalid", StructureId: epide.Id), actor);
        cancelled.Cancel(actor);
        var coming = Session.Create(a.Id, new SessionDetails(SessionKind.Atelier, "À venir", new DateOnly(2026, 6, 20), new TimeOnly(9, 0), new TimeOnly(10, 0)), actor, _clock.Now);
        coming.Invite(new InviteeDetails("Inès", "ines@ccas.invalid", StructureId: ccas.Id), actor);
        coming.Invite(new InviteeDetails("Léo", "leo@epide.invalid", StructureId: epide.Id), actor);
        await using (var db = database.NewContext())
        {
            db.Structures.AddRange(ml, caf, ccas, epide);
            db.Sessions.AddRange(workshop, copil, cancelled, coming);
            await db.SaveChangesAsync();
        }
        // the feuille de route, made in January: the CCAS pilots an action with the CAF (2026), and one in 2025 with the Mission Locale, ended
        var plans = new PlanService(new CiteDbContextFactory(new TestDbContextFactory(database)), _clock);
        _clock.Now = new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero);
        var planId = Guid.Parse((await plans.CreateAsync(coordinator, "Feuille de route", 2025, 2026, 100_000m)).Value!);
        var axis = Guid.Parse((await plans.AddActionAsync(coordinator, planId, null, new PlanActionContent { Title = "Coordination" })).Value!);
        Assert.True((await plans.AddActionAsync(coordinator, planId, axis, new PlanActionContent
        {
            Title = "CAF et CCAS au comité technique", PilotStructureId = ccas.Id, Partners = [new ActionPartner(caf.Id, PartnerRole.Pilote)],
            StartDate = new DateOnly(2026, 1, 1),
        })).Succeeded);
        Assert.True((await plans.AddActionAsync(coordinator, planId, axis, new PlanActionContent
        {
            Title = "Permanences 2025", PilotStructureId = ml.Id, Partners = [new ActionPartner(ccas.Id, PartnerRole.Contributeur)],
            StartDate = new DateOnly(2025, 9, 1), DueDate = new DateOnly(2025, 12, 31),
        })).Succeeded);
        _clock.Now = new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero);
        var service = new CooperationService(new CiteDbContextFactory(new TestDbContextFactory(database)), _clock);

        var s1 = (await service.ViewAsync(observer, Period.Semester(2026, 1)))!;

        Assert.Equal(("2026-S1", "2025-S2", false, 4), (s1.PeriodCode, s1.PreviousCode, s1.NotBegun, s1.Structures));
        Assert.Equal(["CAF du département", "CCAS de la ville", "Mission Locale du quartier"], s1.Linked.Select(n => n.Name));
        Assert.Equal(["EPIDE"], s1.Isolated); // its sessions were cancelled or are still to come
        var cafNode = s1.Linked.Single(n => n.Id == caf.Id);
        Assert.Equal((2, 1, 1), (cafNode.Partners, cafNode.Actions, cafNode.Sessions));
        Assert.Equal(2, s1.Edges.Count);
        Assert.Equal(2 / 6.0, s1.Density);
        Assert.Equal(["CCAS de la ville", "Mission Locale du quartier"], s1.PartnersOf(caf.Id));
        Assert.Equal(["CAF du département"], s1.PartnersOf(ml.Id));

        // 2025-S2 had the Mission Locale and the CCAS (an action and a workshop): that link is lost, CAF–CCAS and CAF–Mission Locale are new
        Assert.Equal((1, 1 / 6.0), (s1.PreviousLinks, s1.PreviousDensity));
        Assert.Equal([new CooperationLinkChange("CAF du département", "CCAS de la ville"), new CooperationLinkChange("CAF du département", "Mission Locale du quartier")], s1.NewLinks);
        Assert.Equal([new CooperationLinkChange("CCAS de la ville", "Mission Locale du quartier")], s1.LostLinks);
        Assert.Equal(0, s1.KeptLinks);

        var s2of2025 = (await service.ViewAsync(observer, Period.Semester(2025, 2)))!;
        var link = Assert.Single(s2of2025.Edges);
        Assert.Equal((0, 1), (link.Actions, link.Sessions)); // the workshop; the plan did not exist at the end of 2025, so neither did its 2025 action

        var notBegun = (await service.ViewAsync(observer, Period.Semester(2026, 2)))!;
        Assert.True(notBegun.NotBegun);
        Assert.Empty(notBegun.Edges);

        // another Cité's member sees none of it
        var outside = (await service.ViewAsync(outsider, Period.Semester(2026, 1)))!;
        Assert.Equal((0, 0), (outside.Structures, outside.Edges.Count));
    }

    [Fact]
    public async Task Referrals_AreAThirdKindOfLink_InTheEvolutionToo_AndAnActionGivenUp_LinksNobody()
    {
        var (a, _) = await database.SeedTwoCitesAsync(("coord", "Camille"));
        var coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        var ml = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale du quartier"), _clock.Now);
        var caf = Structure.Create(a.Id, StructureTests.ValidDetails("CAF du département"), _clock.Now);
        var ccas = Structure.Create(a.Id, StructureTests.ValidDetails("CCAS de la ville"), _clock.Now);
        var permis = Service.Create(caf, new ServiceDetails
        {
            Name = "Aide à la mobilité", Description = "Une aide de la CAF pour les tests de la carte.", Type = "aide-financiere",
            Thematiques = ["mobilite--financer-ma-mobilite"], ModesAccueil = ["en-presentiel"], ModesMobilisation = ["telephoner"], MobilisablePar = ["professionnels"],
            Contact = new ServiceContact("Sam", "03 84 00 00 00", "sam@caf.invalid"),
        }, _clock.Now);
        permis.Publish();
        await using (var db = database.NewContext())
        {
            db.Structures.AddRange(ml, caf, ccas);
            db.Services.Add(permis);
            await db.SaveChangesAsync();
        }
        var dbs = new CiteDbContextFactory(new TestDbContextFactory(database));
        var referrals = new ReferralService(dbs, _clock);
        // two referrals from the Mission Locale to the CAF in 2026-T2, one from the CCAS in 2026-T1
        foreach (var (from, day) in new[] { (ml.Id, new DateOnly(2026, 4, 10)), (ml.Id, new DateOnly(2026, 5, 2)), (ccas.Id, new DateOnly(2026, 2, 3)) })
        {
            Assert.True((await referrals.RecordAsync(coordinator, permis.Id, new ReferralFacts(from, "mobilite", day, null))).Succeeded);
        }
        // an action piloted by the CCAS with the Mission Locale, given up before the quarter: no link
        var plans = new PlanService(dbs, _clock);
        var planId = Guid.Parse((await plans.CreateAsync(coordinator, "Feuille de route", 2026, 2026, 10_000m)).Value!);
        var axis = Guid.Parse((await plans.AddActionAsync(coordinator, planId, null, new PlanActionContent { Title = "Coordination" })).Value!);
        Assert.True((await plans.AddActionAsync(coordinator, planId, axis, new PlanActionContent
        {
            Title = "Permanence commune abandonnée", PilotStructureId = ccas.Id, Partners = [new ActionPartner(ml.Id, PartnerRole.Contributeur)], StatusCode = "abandonnee",
        })).Succeeded);
        var service = new CooperationService(dbs, _clock);

        var t2 = (await service.ViewAsync(coordinator, Period.Quarter(2026, 2)))!;

        var link = Assert.Single(t2.Edges); // the Mission Locale and the CAF; the CCAS's action was given up
        Assert.Equal((0, 0, 2, LinkKind.Orientation), (link.Actions, link.Sessions, link.Orientations, link.MainKind));
        Assert.Equal(2, link.From == ml.Id ? link.Forward : link.Backward);
        var mlNode = t2.Linked.Single(n => n.Id == ml.Id);
        var cafNode = t2.Linked.Single(n => n.Id == caf.Id);
        Assert.Equal((2, 0, 0, 2), (mlNode.Sent, mlNode.Received, cafNode.Sent, cafNode.Received));
        Assert.Equal(["CCAS de la ville"], t2.Isolated);
        // against 2026-T1 (the CCAS to the CAF): one link new, one lost
        Assert.Equal([new CooperationLinkChange("CAF du département", "Mission Locale du quartier")], t2.NewLinks);
        Assert.Equal([new CooperationLinkChange("CAF du département", "CCAS de la ville")], t2.LostLinks);
    }
}
