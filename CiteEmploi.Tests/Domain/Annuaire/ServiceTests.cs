using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

public class ServiceTests
{
    private static readonly DateTimeOffset Now = StructureTests.Now;

    private static Structure NewStructure() => Structure.Create(StructureTests.CiteId, StructureTests.ValidDetails(), Now);

    private static ServiceDetails ValidDetails() => new()
    {
        Name = "Permis de conduire accompagné",
        Description = "**Auto-école sociale** : code et conduite, à un tarif adapté, pour les personnes en parcours d'insertion.",
        Type = "accompagnement",
        Thematiques = ["mobilite--preparer-un-permis", "mobilite--financer-ma-mobilite"],
        Publics = ["jeunes", "beneficiaires-des-minimas-sociaux"],
        PublicsDetails = "Jeunes de 18 à 25 ans suivis par la Mission Locale.",
        Frais = "payant",
        FraisDetails = "Reste à charge de 10 % du coût du permis.",
        AccessConditions = "Être orienté par un ou une professionnelle.",
        ModesAccueil = ["en-presentiel"],
        ModesMobilisation = ["telephoner", "utiliser-lien-mobilisation"],
        MobilisablePar = ["professionnels"],
        MobilisationLink = "https://auto-ecole-sociale.fr/orienter",
        MobilisationDetails = "Appeler le lundi matin.",
        Contact = new ServiceContact("Sam Durand", "03 84 00 00 00", "sam@auto-ecole-sociale.fr"),
        WeeklyHours = 6m,
        NumberOfWeeks = 12,
        OpeningHours = "Mo-Fr 09:00-17:00",
        EligibilityZone = ["90", "90010", "2a"],
    };

    private static Service NewService(ServiceDetails? details = null) => Service.Create(NewStructure(), details ?? ValidDetails(), Now);

    private static DomainValidationException Refused(ServiceDetails details) =>
        Assert.Throws<DomainValidationException>(() => NewService(details));

    // ---- creation ----

    [Fact]
    public void Create_WithValidDetails_IsADraftOfTheStructureInItsCite()
    {
        var structure = NewStructure();

        var service = Service.Create(structure, ValidDetails(), Now);

        Assert.Equal(structure.Id, service.StructureId);
        Assert.Equal(structure.CiteId, service.CiteId);
        Assert.Equal(ServiceStatus.Brouillon, service.Status);
        Assert.False(service.IsPublished);
        Assert.Equal(new DateOnly(2026, 3, 2), service.UpdatedOn);
        var created = Assert.IsType<ServiceCreated>(Assert.Single(service.DomainEvents));
        Assert.Equal(new ServiceCreated(service.Id, structure.CiteId, structure.Id, "Permis de conduire accompagné"), created);
    }

    [Fact]
    public void Create_KeepsEveryField()
    {
        var service = NewService();

        Assert.Equal("permis de conduire accompagne", service.NormalizedName);
        Assert.StartsWith("**Auto-école sociale**", service.Description, StringComparison.Ordinal);
        Assert.Equal("accompagnement", service.Type);
        Assert.Equal(["jeunes", "beneficiaires-des-minimas-sociaux"], service.Publics);
        Assert.Equal("payant", service.Frais);
        Assert.False(service.IsFree);
        Assert.Equal(["en-presentiel"], service.ModesAccueil);
        Assert.Equal(["professionnels"], service.MobilisablePar);
        Assert.Equal("Sam Durand", service.Contact!.Name);
        Assert.Equal(6m, service.WeeklyHours);
        Assert.Equal(12, service.NumberOfWeeks);
        Assert.Equal(["90", "90010", "2A"], service.EligibilityZone);
        Assert.Null(service.Address);
    }

    [Fact]
    public void Create_KeepsTheMarkdownLineBreaks()
    {
        var service = NewService(ValidDetails() with { Description = "  Première ligne\r\n\r\n- point un\n- point deux  " });

        Assert.Equal("Première ligne\n\n- point un\n- point deux", service.Description);
    }

    [Fact]
    public void Create_WithUnknownThematique_IsRefusedNamingTheCode()
    {
        var error = Refused(ValidDetails() with { Thematiques = ["mobilite--preparer-un-permis", "mobilite--xyz"] });

        Assert.Equal(["Code inconnu « mobilite--xyz » dans les thématiques."], error.Errors.For(nameof(Service.Thematiques)));
    }

    [Theory]
    [InlineData(nameof(Service.Type), "conseil", "les types de services")]
    [InlineData(nameof(Service.Frais), "presque-gratuit", "les frais")]
    [InlineData(nameof(Service.Publics), "martiens", "les publics")]
    [InlineData(nameof(Service.ModesAccueil), "par-pigeon", "les modes d'accueil")]
    [InlineData(nameof(Service.ModesMobilisation), "telepathie", "les modes de mobilisation")]
    [InlineData(nameof(Service.MobilisablePar), "voisins", "les personnes mobilisatrices")]
    public void Create_WithAnUnknownCode_IsRefusedNamingTheCodeAndTheList(string field, string code, string list)
    {
        var details = field switch
        {
            nameof(Service.Type) => ValidDetails() with { Type = code },
            nameof(Service.Frais) => ValidDetails() with { Frais = code },
            nameof(Service.Publics) => ValidDetails() with { Publics = [code] },
            nameof(Service.ModesAccueil) => ValidDetails() with { ModesAccueil = [code] },
            nameof(Service.ModesMobilisation) => ValidDetails() with { ModesMobilisation = [code], MobilisationLink = null },
            _ => ValidDetails() with { MobilisablePar = [code] },
        };

        var error = Refused(details);

        Assert.Equal([$"Code inconnu « {code} » dans {list}."], error.Errors.For(field));
    }

    [Fact]
    public void Create_WithTousPublicsAndAnotherPublic_IsRefused()
    {
        var error = Refused(ValidDetails() with { Publics = ["tous-publics", "jeunes"] });

        Assert.Contains("Tous publics", Assert.Single(error.Errors.For(nameof(Service.Publics))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithTousPublicsAlone_IsAccepted()
    {
        Assert.Equal(["tous-publics"], NewService(ValidDetails() with { Publics = ["tous-publics"] }).Publics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    public void Create_WithoutAUsableDescription_IsRefused(string description)
    {
        var error = Refused(ValidDetails() with { Description = description });

        Assert.Single(error.Errors.For(nameof(Service.Description)));
    }

    [Fact]
    public void Create_WithADescriptionOverTheSchemaLimit_IsRefused()
    {
        var error = Refused(ValidDetails() with { Description = new string('x', Service.DescriptionMaxLength + 1) });

        Assert.Contains("10000", Assert.Single(error.Errors.For(nameof(Service.Description))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithTooLongPrecisions_IsRefusedOnEachField()
    {
        var tooLong = new string('x', Service.DetailsMaxLength + 1);

        var error = Refused(ValidDetails() with { PublicsDetails = tooLong, FraisDetails = tooLong, AccessConditions = tooLong, MobilisationDetails = tooLong });

        Assert.Single(error.Errors.For(nameof(Service.PublicsDetails)));
        Assert.Single(error.Errors.For(nameof(Service.FraisDetails)));
        Assert.Single(error.Errors.For(nameof(Service.AccessConditions)));
        Assert.Single(error.Errors.For(nameof(Service.MobilisationDetails)));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(169)]
    public void Create_WithWeeklyHoursOutOfRange_IsRefused(double hours)
    {
        var error = Refused(ValidDetails() with { WeeklyHours = (decimal)hours });

        Assert.Single(error.Errors.For(nameof(Service.WeeklyHours)));
    }

    [Fact]
    public void Create_WithZeroWeeklyHours_IsAccepted()
    {
        Assert.Equal(0m, NewService(ValidDetails() with { WeeklyHours = 0m }).WeeklyHours);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(521)]
    public void Create_WithANumberOfWeeksOutOfRange_IsRefused(int weeks)
    {
        var error = Refused(ValidDetails() with { NumberOfWeeks = weeks });

        Assert.Single(error.Errors.For(nameof(Service.NumberOfWeeks)));
    }

    [Theory]
    [InlineData("france")]
    [InlineData("FRANCE")]
    [InlineData("99100")]
    [InlineData("974")]
    [InlineData("2B")]
    [InlineData("2B033")]
    [InlineData("200069052")]
    public void Create_WithSchemaEligibilityCodes_IsAccepted(string code)
    {
        Assert.Single(NewService(ValidDetails() with { EligibilityZone = [code] }).EligibilityZone);
    }

    [Theory]
    [InlineData("Belfort")]
    [InlineData("9")]
    [InlineData("1234")]
    [InlineData("12345678")]
    public void Create_WithAnUnknownEligibilityCode_IsRefusedNamingIt(string code)
    {
        var error = Refused(ValidDetails() with { EligibilityZone = [code] });

        Assert.Contains($"« {code} »", Assert.Single(error.Errors.For(nameof(Service.EligibilityZone))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithLinkModeButNoLink_IsRefused()
    {
        var error = Refused(ValidDetails() with { MobilisationLink = null });

        Assert.Single(error.Errors.For(nameof(Service.MobilisationLink)));
    }

    [Fact]
    public void Create_WithANonHttpLink_IsRefused()
    {
        var error = Refused(ValidDetails() with { MobilisationLink = "javascript:alert(1)" });

        Assert.Single(error.Errors.For(nameof(Service.MobilisationLink)));
    }

    [Fact]
    public void Create_WithABadContact_IsRefusedOnEachPart()
    {
        var error = Refused(ValidDetails() with { Contact = new ServiceContact(new string('n', 151), "123", "sam@") });

        Assert.Single(error.Errors.For("ContactName"));
        Assert.Single(error.Errors.For("ContactPhone"));
        Assert.Single(error.Errors.For("ContactEmail"));
    }

    [Fact]
    public void Create_WithABlankContact_HasNoContact()
    {
        Assert.Null(NewService(ValidDetails() with { Contact = new ServiceContact(" ", "", null) }).Contact);
    }

    [Fact]
    public void Create_WithItsOwnAddress_ValidatesIt()
    {
        var error = Refused(ValidDetails() with { Address = new PostalAddress { Postcode = "ABCDE" } });

        Assert.Single(error.Errors.For("Address.Postcode"));
    }

    // ---- barriers ----

    [Fact]
    public void Freins_AreDerivedFromTheThematiques()
    {
        var service = NewService(ValidDetails() with { Thematiques = ["mobilite--preparer-un-permis", "famille--garde-denfants"] });

        Assert.Equal(["mobilite", "garde-denfants"], service.Freins.Select(f => f.Code));
    }

    [Fact]
    public void Freins_FollowAnUpdateOfTheThematiques()
    {
        var service = NewService();

        service.Update(ValidDetails() with { Thematiques = ["sante--addictions"] }, Now);

        Assert.Equal(["sante", "addictions"], service.Freins.Select(f => f.Code));
    }

    // ---- status ----

    [Fact]
    public void Publish_ADraft_RaisesServicePublished()
    {
        var service = NewService();
        service.ClearDomainEvents();

        service.Publish();

        Assert.Equal(ServiceStatus.Publie, service.Status);
        Assert.Equal(new ServicePublished(service.Id, service.CiteId, service.StructureId), Assert.Single(service.DomainEvents));
    }

    [Fact]
    public void Publish_WithoutThematique_IsRefused()
    {
        var service = NewService(ValidDetails() with { Thematiques = [] });

        var error = Assert.Throws<DomainValidationException>(service.Publish);

        Assert.Single(error.Errors.For(nameof(Service.Thematiques)));
        Assert.Equal(ServiceStatus.Brouillon, service.Status);
    }

    [Fact]
    public void Publish_Twice_RaisesOnce()
    {
        var service = NewService();
        service.Publish();
        service.ClearDomainEvents();

        service.Publish();

        Assert.Empty(service.DomainEvents);
    }

    [Fact]
    public void Publish_AnArchivedService_IsRefused()
    {
        var service = NewService();
        service.Archive();

        var error = Assert.Throws<DomainValidationException>(service.Publish);

        Assert.Contains("brouillon", Assert.Single(error.Errors.For(nameof(Service.Status))), StringComparison.Ordinal);
    }

    [Fact]
    public void Archive_APublishedService_RaisesServiceArchived()
    {
        var service = NewService();
        service.Publish();
        service.ClearDomainEvents();

        service.Archive();

        Assert.Equal(ServiceStatus.Archive, service.Status);
        Assert.IsType<ServiceArchived>(Assert.Single(service.DomainEvents));
        service.ClearDomainEvents();
        service.Archive();
        Assert.Empty(service.DomainEvents);
    }

    [Fact]
    public void BackToDraft_FromArchived_AllowsEditingAndPublishingAgain()
    {
        var service = NewService();
        service.Archive();
        service.ClearDomainEvents();

        service.BackToDraft();
        service.Update(ValidDetails() with { Name = "Permis solidaire" }, Now);
        service.Publish();

        Assert.Equal(new ServiceReturnedToDraft(service.Id, service.CiteId, service.StructureId, ServiceStatus.Archive), service.DomainEvents[0]);
        Assert.Equal("Permis solidaire", service.Name);
        Assert.Equal(ServiceStatus.Publie, service.Status);
    }

    [Fact]
    public void BackToDraft_OfADraft_DoesNothing()
    {
        var service = NewService();
        service.ClearDomainEvents();

        service.BackToDraft();

        Assert.Empty(service.DomainEvents);
    }

    [Fact]
    public void StatusLabels_AreFrench()
    {
        Assert.Equal("Publié", ServiceStatus.Publie.Label());
        Assert.Equal("Archivé", ServiceStatus.Archive.Label());
        Assert.Equal("Brouillon", ServiceStatus.Brouillon.Label());
    }

    // ---- editing ----

    [Fact]
    public void Update_ChangesTheDetails_DatesThemToday_AndRaisesServiceUpdated()
    {
        var service = NewService();
        service.ClearDomainEvents();
        var later = Now.AddDays(10);

        service.Update(ValidDetails() with { Frais = "gratuit", FraisDetails = null }, later);

        Assert.True(service.IsFree);
        Assert.Null(service.FraisDetails);
        Assert.Equal(new DateOnly(2026, 3, 12), service.UpdatedOn);
        Assert.Equal(new ServiceUpdated(service.Id, service.CiteId, service.StructureId), Assert.Single(service.DomainEvents));
    }

    [Fact]
    public void Update_AnArchivedService_IsRefused()
    {
        var service = NewService();
        service.Archive();

        Assert.Throws<DomainValidationException>(() => service.Update(ValidDetails(), Now));
    }

    [Fact]
    public void Update_APublishedServiceToNoThematique_IsRefused()
    {
        var service = NewService();
        service.Publish();

        var error = Assert.Throws<DomainValidationException>(() => service.Update(ValidDetails() with { Thematiques = [] }, Now));

        Assert.Single(error.Errors.For(nameof(Service.Thematiques)));
        Assert.Equal(2, service.Thematiques.Count);
    }

    [Fact]
    public void Update_WithInvalidDetails_ChangesNothing()
    {
        var service = NewService();
        var version = service.Version;

        Assert.Throws<DomainValidationException>(() => service.Update(ValidDetails() with { Name = "x", Thematiques = ["sante--addictions"] }, Now));

        Assert.Equal("Permis de conduire accompagné", service.Name);
        Assert.Equal("mobilite--preparer-un-permis", service.Thematiques[0]);
        Assert.Equal(version, service.Version);
    }

    // ---- freshness ----

    [Fact]
    public void IsStale_AfterSixMonthsWithoutUpdate()
    {
        var service = NewService();

        Assert.False(service.IsStale(Now));
        Assert.False(service.IsStale(Now.AddMonths(6).AddDays(-1)));
        Assert.True(service.IsStale(Now.AddMonths(6)));
    }

    [Fact]
    public void ConfirmStillAccurate_DatesTheServiceToday_AndRaisesTheEvent()
    {
        var service = NewService();
        service.Publish();
        service.ClearDomainEvents();
        var later = Now.AddMonths(7);
        Assert.True(service.IsStale(later));

        service.ConfirmStillAccurate(later);

        Assert.False(service.IsStale(later));
        Assert.Equal(DateOnly.FromDateTime(later.DateTime), service.UpdatedOn);
        Assert.Equal(new ServiceConfirmedAccurate(service.Id, service.CiteId, service.StructureId, service.UpdatedOn), Assert.Single(service.DomainEvents));
        Assert.Equal(ServiceStatus.Publie, service.Status);
    }

    [Fact]
    public void ConfirmStillAccurate_OfAnArchivedService_IsRefused()
    {
        var service = NewService();
        service.Archive();

        Assert.Throws<DomainValidationException>(() => service.ConfirmStillAccurate(Now));
    }

    [Fact]
    public void AnImportedService_IsStaleAccordingToTheProducersDate()
    {
        var service = Service.Import(NewStructure(), new ExternalReference("dora", "dora--svc-1"), ValidDetails(), new DateOnly(2025, 6, 1), Now);

        Assert.True(service.IsStale(Now));
        Assert.Equal(ServiceStatus.Brouillon, service.Status);
    }

    // ---- re-import ----

    [Fact]
    public void Reimport_OfTheSameRecord_UpdatesInPlace_EvenWhenPublished()
    {
        var origin = new ExternalReference("dora", "dora--svc-1");
        var service = Service.Import(NewStructure(), origin, ValidDetails(), new DateOnly(2025, 6, 1), Now);
        service.Publish();
        var id = service.Id;

        service.Reimport(origin, ValidDetails() with { Name = "Permis (mis à jour)" }, new DateOnly(2026, 1, 5));

        Assert.Equal(id, service.Id);
        Assert.Equal("Permis (mis à jour)", service.Name);
        Assert.Equal(new DateOnly(2026, 1, 5), service.UpdatedOn);
        Assert.IsType<ServiceUpdated>(service.DomainEvents[^1]);
    }

    [Fact]
    public void Reimport_OfAnotherRecord_IsRefused()
    {
        var service = Service.Import(NewStructure(), new ExternalReference("dora", "dora--svc-1"), ValidDetails(), new DateOnly(2025, 6, 1), Now);

        var error = Assert.Throws<DomainValidationException>(() =>
            service.Reimport(new ExternalReference("soliguide", "dora--svc-1"), ValidDetails(), new DateOnly(2026, 1, 5)));

        Assert.Contains("soliguide", Assert.Single(error.Errors.For("ExternalId")), StringComparison.Ordinal);
    }

    [Fact]
    public void ToDetails_RoundTripsThroughUpdate()
    {
        var service = NewService();
        var before = service.ToDetails();

        service.Update(before, Now);

        var after = service.ToDetails();
        Assert.Equal(before.Thematiques, after.Thematiques);
        Assert.Equal(before.EligibilityZone, after.EligibilityZone);
        Assert.Equal(before.Contact, after.Contact);
        Assert.Equal(before.Description, after.Description);
    }
}
