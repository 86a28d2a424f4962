using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Referrals;
using CiteEmploi.Tests.Domain.Annuaire;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.Referrals;
using CiteEmploi.Web.Features.Security;
using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Referrals;

/// <summary>
/// Referrals on a real database: recorded from a service (the member's structure proposed), refused with a message beside
/// the field and nothing stored, listed and counted per period and filter, exported, counted as an indicator, deleted by
/// their recorder the same day or by the coordination (then logged), and the wall between Cités.
/// </summary>
public sealed class ReferralServiceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // 15 May 2026, 11:00 in Paris
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.Zero));

    private static ServiceDetails Details(string name, params string[] thematiques) => new()
    {
        Name = name,
        Description = "Un service de démonstration pour les tests des orientations.",
        Type = "accompagnement",
        Thematiques = [.. thematiques],
        ModesAccueil = ["en-presentiel"],
        ModesMobilisation = ["telephoner"],
        MobilisablePar = ["professionnels"],
        Contact = new ServiceContact("Sam Durand", "03 84 00 00 00", "sam@exemple.invalid"),
    };

    private async Task<Fixture> SeedAsync()
    {
        var (a, b) = await database.SeedTwoCitesAsync(("samia", "Samia Benali"), ("coord", "Camille"), ("obs", "Léa"), ("dehors", "Intrus"));
        var ml = Structure.Create(a.Id, StructureTests.ValidDetails("Mission Locale du quartier"), _clock.Now);
        var ccas = Structure.Create(a.Id, StructureTests.ValidDetails("CCAS de la ville"), _clock.Now);
        var autoEcole = Structure.Create(a.Id, StructureTests.ValidDetails("Auto-école sociale"), _clock.Now);
        var elsewhere = Structure.Create(b.Id, StructureTests.ValidDetails("Structure de Besançon"), _clock.Now);
        var permis = Service.Create(autoEcole, Details("Permis accompagné", "mobilite--preparer-un-permis", "numerique--acceder-a-des-services-en-ligne"), _clock.Now);
        permis.Publish();
        var draft = Service.Create(ccas, Details("Brouillon du CCAS", "mobilite--preparer-un-permis"), _clock.Now);
        var membership = Membership.Create(a.Id, "samia", CiteRole.Partenaire, _clock.Now);
        membership.LinkToStructure(ml.Id);
        await using (var db = database.NewContext())
        {
            db.Structures.AddRange(ml, ccas, autoEcole, elsewhere);
            db.Services.AddRange(permis, draft);
            db.Memberships.Add(membership);
            await db.SaveChangesAsync();
        }
        return new Fixture(a.Id, b.Id, new CiteAccess(a.Id, a.Slug, "samia", CiteRole.Partenaire), new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur),
            new CiteAccess(a.Id, a.Slug, "obs", CiteRole.Observateur), new CiteAccess(b.Id, b.Slug, "dehors", CiteRole.Coordinateur),
            ml.Id, ccas.Id, autoEcole.Id, elsewhere.Id, permis.Id, draft.Id);
    }

    private sealed record Fixture(Guid A, Guid B, CiteAccess Partner, CiteAccess Coordinator, CiteAccess Observer, CiteAccess Outsider,
        Guid Ml, Guid Ccas, Guid AutoEcole, Guid Elsewhere, Guid Permis, Guid Draft);

    private ReferralService NewService() => new(new CiteDbContextFactory(new TestDbContextFactory(database)), _clock);

    private async Task<int> StoredAsync(Guid citeId)
    {
        await using var db = database.NewContext();
        return await db.Referrals.IgnoreQueryFilters().CountAsync(r => r.CiteId == citeId);
    }

    [Fact]
    public async Task APartner_RecordsFromTheServicesForm_ItsStructureProposed_ThenTheListCountsFiltersAndExportsIt()
    {
        var f = await SeedAsync();
        var service = NewService();

        var form = (await service.FormAsync(f.Partner, f.Permis))!;
        Assert.Equal((f.Ml, new DateOnly(2026, 5, 15), new DateOnly(2025, 5, 15)), (form.OwnStructureId, form.Today, form.Earliest));
        Assert.Equal(["mobilite", "numerique"], form.Freins.Select(c => c.Value).Order());
        Assert.Equal(["Auto-école sociale", "CCAS de la ville", "Mission Locale du quartier"], form.Structures.Select(s => s.Label)); // the Cité's only
        Assert.Null(await service.FormAsync(f.Observer, f.Permis)); // reads, does not record
        Assert.Null(await service.FormAsync(f.Partner, f.Draft)); // not published

        var recorded = await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 14), "Premier rendez-vous pris."));
        Assert.True(recorded.Succeeded, recorded.Describe());
        Assert.True((await service.RecordAsync(f.Coordinator, f.Permis, new ReferralFacts(f.Ccas, "numerique", new DateOnly(2026, 4, 2), null))).Succeeded);
        Assert.True((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 3, 30), null))).Succeeded); // the quarter before
        Assert.True((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.AutoEcole, "mobilite", new DateOnly(2026, 4, 20), null))).Succeeded); // within one structure

        var t2 = (await service.ViewAsync(f.Observer, Period.Quarter(2026, 2)))!;
        Assert.Equal((3, 3), (t2.InPeriod, t2.Rows.Count));
        Assert.Equal([new DateOnly(2026, 5, 14), new DateOnly(2026, 4, 20), new DateOnly(2026, 4, 2)], t2.Rows.Select(r => r.Date)); // latest first
        var first = t2.Rows[0];
        Assert.Equal(("Mobilité", "Mission Locale du quartier", "Auto-école sociale", "Permis accompagné", "Premier rendez-vous pris.", "Samia Benali"),
            (first.Frein, first.From, first.To, first.Service, first.Note, first.RecordedBy));
        Assert.Equal([new ReferralFreinCount("Mobilité", 2), new ReferralFreinCount("Numérique", 1)], t2.ByFrein);
        Assert.Equal(3, t2.ByPair.Count);
        Assert.All(t2.Rows, r => Assert.False(r.CanDelete)); // an observer deletes nothing
        Assert.Equal(["Mobilité", "Numérique"], t2.FreinChoices.Select(c => c.Label));
        Assert.Equal(["Auto-école sociale"], t2.ReceivingChoices.Select(c => c.Label));

        var filtered = (await service.ViewAsync(f.Observer, Period.Quarter(2026, 2), frein: "numerique", to: f.AutoEcole))!;
        Assert.Equal((3, 1), (filtered.InPeriod, filtered.Rows.Count));
        Assert.Equal([new ReferralPairCount("CCAS de la ville", "Auto-école sociale", 1)], filtered.ByPair);
        Assert.Empty((await service.ViewAsync(f.Observer, Period.Quarter(2026, 2), to: f.Ccas))!.Rows);

        var file = System.Text.Encoding.UTF8.GetString(SheetFiles.Csv(ReferralExport.Columns, ReferralExport.Rows(filtered)));
        Assert.Contains("date;frein;structure_qui_oriente;structure_qui_recoit;service;note;enregistree_par", file, StringComparison.Ordinal);
        Assert.Contains("2026-04-02;Numérique;CCAS de la ville;Auto-école sociale;Permis accompagné;;Camille", file, StringComparison.Ordinal);
        Assert.Equal("/c/x/orientations/export.csv?periode=2026-T2&frein=numerique&vers=" + f.AutoEcole, ReferralExport.Url("x", "2026-T2", "numerique", f.AutoEcole));

        // counted as the Cité's indicator, by barrier
        await using (var db = database.NewContext())
        {
            db.CiteScope = f.A;
            var counted = (await CountedValues.CountAsync(db, Period.Quarter(2026, 2), _clock.Now, default))[CountedIndicator.OrientationsEnregistrees];
            Assert.Equal(3m, counted.Value);
            Assert.Equal([("Mobilité", 2m), ("Numérique", 1m)], counted.Details.Select(d => (d.Label, d.Value)));
        }
        Assert.Equal(CountedIndicator.OrientationsEnregistrees, NationalCatalogue.Find("orientations-enregistrees")!.CountedBy);

        // an empty period says so
        Assert.Equal(0, (await service.ViewAsync(f.Observer, Period.Quarter(2025, 4)))!.InPeriod);
    }

    [Fact]
    public async Task BadInput_IsRefusedBesideTheField_AndNothingIsStored()
    {
        var f = await SeedAsync();
        var service = NewService();

        var future = await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 16), null));
        var unknownFrein = await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "logement", new DateOnly(2026, 5, 15), null));
        var tooLong = await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), new string('a', Referral.NoteMaxLength + 1)));
        var otherCite = await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Elsewhere, "mobilite", new DateOnly(2026, 5, 15), null));
        var unknown = await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(Guid.NewGuid(), "mobilite", new DateOnly(2026, 5, 15), null));

        Assert.Contains("futur", Assert.Single(future.Errors.For(Referral.DateField)), StringComparison.Ordinal);
        Assert.Contains("pas traité par ce service", Assert.Single(unknownFrein.Errors.For(Referral.FreinField)), StringComparison.Ordinal);
        Assert.Contains("500 caractères", Assert.Single(tooLong.Errors.For(Referral.NoteField)), StringComparison.Ordinal);
        Assert.Contains("pas dans l'annuaire de la Cité", Assert.Single(otherCite.Errors.For(Referral.FromField)), StringComparison.Ordinal);
        Assert.Contains("pas dans l'annuaire de la Cité", Assert.Single(unknown.Errors.For(Referral.FromField)), StringComparison.Ordinal);
        Assert.True((await service.RecordAsync(f.Observer, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), null))).IsForbidden);
        Assert.True((await service.RecordAsync(f.Partner, f.Draft, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), null))).NotFound);
        Assert.Equal(0, await StoredAsync(f.A));
    }

    [Fact]
    public async Task TheWall_AnotherCitesMember_NeitherRecordsIntoItsServices_NorReadsItsReferrals()
    {
        var f = await SeedAsync();
        var service = NewService();
        Assert.True((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), null))).Succeeded);

        // B's coordinator names A's service and A's structure: the service is not found behind B's wall
        var crossing = await service.RecordAsync(f.Outsider, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), null));
        Assert.True(crossing.NotFound);
        Assert.Null(await service.FormAsync(f.Outsider, f.Permis));
        Assert.Equal((1, 0), (await StoredAsync(f.A), await StoredAsync(f.B)));

        var seen = (await service.ViewAsync(f.Outsider, Period.Quarter(2026, 2)))!;
        Assert.Equal((0, 0), (seen.InPeriod, seen.Rows.Count));
        var referralId = (await service.ViewAsync(f.Observer, Period.Quarter(2026, 2)))!.Rows.Single().Id;
        Assert.True((await service.DeleteAsync(f.Outsider, referralId)).NotFound);
        Assert.Equal(1, await StoredAsync(f.A));
    }

    [Fact]
    public async Task Delete_ByItsRecorderTheSameDay_ThenOnlyByTheCoordination_WhoseDeletionIsLogged()
    {
        var f = await SeedAsync();
        var service = NewService();
        var mistake = Guid.Parse((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), null))).Value!);
        var kept = Guid.Parse((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "numerique", new DateOnly(2026, 5, 12), null))).Value!);

        var view = (await service.ViewAsync(f.Partner, Period.Quarter(2026, 2)))!;
        Assert.All(view.Rows, r => Assert.True(r.CanDelete));
        Assert.True((await service.DeleteAsync(f.Observer, mistake)).IsForbidden);
        Assert.True((await service.DeleteAsync(f.Partner, mistake)).Succeeded); // her mistake, the same day: not logged

        _clock.Now = _clock.Now.AddDays(1);
        Assert.False((await service.ViewAsync(f.Partner, Period.Quarter(2026, 2)))!.Rows.Single().CanDelete);
        Assert.True((await service.DeleteAsync(f.Partner, kept)).IsForbidden);
        Assert.True((await service.ViewAsync(f.Coordinator, Period.Quarter(2026, 2)))!.Rows.Single().CanDelete);
        Assert.True((await service.DeleteAsync(f.Coordinator, kept)).Succeeded);
        Assert.Equal(0, await StoredAsync(f.A));

        await using var db = database.NewContext();
        var logged = await db.SecurityEvents.Where(e => e.CiteId == f.A && e.Kind == SecurityEventKind.ReferralDeleted).ToListAsync();
        var line = Assert.Single(logged);
        Assert.Equal(("coord", "samia"), (line.ActorUserId, line.UserId));
        Assert.Equal("Orientation du 12/05/2026 (Mission Locale du quartier → Auto-école sociale, « Permis accompagné », Numérique) enregistrée par Samia Benali, supprimée par Camille.", line.Detail);
    }

    [Fact]
    public async Task ARecordingAndADeletion_AreAnnouncedOnTheirCitesReferralsTopic_Only_AfterCommit()
    {
        var f = await SeedAsync();
        using var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
        var mine = new BusRecorder();
        var theirs = new BusRecorder();
        using var a = bus.Subscribe(LiveTopics.Referrals(f.A), mine.Handle);
        using var b = bus.Subscribe(LiveTopics.Referrals(f.B), theirs.Handle);
        var service = new ReferralService(new CiteDbContextFactory(new TestDbContextFactory(database, bus)), _clock);

        var id = Guid.Parse((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 5, 15), null))).Value!);
        Assert.False((await service.RecordAsync(f.Partner, f.Permis, new ReferralFacts(f.Ml, "mobilite", new DateOnly(2026, 6, 1), null))).Succeeded); // refused: nothing announced
        Assert.True((await service.DeleteAsync(f.Partner, id)).Succeeded);

        await mine.WaitForCountAsync(2);
        Assert.Equal([new ReferralRecorded(f.A, id), new ReferralDeleted(f.A, id)], mine.All);
        Assert.Empty(theirs.All);
    }
}
