using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Tests.Domain.Annuaire;

public class StructureTests
{
    internal static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    internal static readonly Guid CiteId = Guid.NewGuid();

    internal static StructureDetails ValidDetails(string name = "Mission Locale du Territoire de Belfort") => new()
    {
        Name = name,
        Description = "Accompagne les jeunes de 16 à 25 ans vers l'emploi, la formation et l'autonomie.",
        Siret = "130 030 133 00016",
        Address = new PostalAddress
        {
            Street = "  2 rue de l'Étang ",
            Postcode = "90000",
            Commune = "Belfort",
            InseeCode = "90010",
            Latitude = 47.638,
            Longitude = 6.862,
        },
        Phone = "03 84 28 00 00",
        Email = "accueil@ml-belfort.fr",
        Website = "https://www.ml-belfort.fr",
        OpeningHours = "Mo-Fr 08:30-12:30,13:30-17:30; PH off",
        Networks = ["mission-locale"],
        QpvCodes = ["qn09001m"],
    };

    private static DomainValidationException Refused(StructureDetails details) =>
        Assert.Throws<DomainValidationException>(() => Structure.Create(CiteId, details, Now));

    [Fact]
    public void Create_WithValidDetails_RaisesStructureCreatedAndKeepsCleanedDetails()
    {
        var structure = Structure.Create(CiteId, ValidDetails(), Now);

        var created = Assert.IsType<StructureCreated>(Assert.Single(structure.DomainEvents));
        Assert.Equal(new StructureCreated(structure.Id, CiteId, "Mission Locale du Territoire de Belfort"), created);
        Assert.Equal(CiteId, structure.CiteId);
        Assert.Equal("mission locale du territoire de belfort", structure.NormalizedName);
        Assert.Equal("13003013300016", structure.Siret);
        Assert.Equal("2 rue de l'Étang", structure.Address!.Street);
        Assert.Equal(["mission-locale"], structure.Networks);
        Assert.Equal(["QN09001M"], structure.QpvCodes);
        Assert.Equal(new DateOnly(2026, 3, 2), structure.UpdatedOn);
        Assert.Equal(Now, structure.CreatedAt);
        Assert.False(structure.IsImported);
        Assert.Null(structure.Source);
        Assert.Equal(1, structure.Version);
    }

    [Fact]
    public void Create_WithOnlyAName_IsAccepted()
    {
        var structure = Structure.Create(CiteId, new StructureDetails { Name = "CCAS" }, Now);

        Assert.Null(structure.Siret);
        Assert.Null(structure.Address);
        Assert.Empty(structure.Networks);
    }

    [Theory]
    [InlineData("", "obligatoire")]
    [InlineData("  ", "obligatoire")]
    [InlineData("AB", "entre 3 et 150")]
    public void Create_WithBadName_IsRefusedOnTheNameField(string name, string expected)
    {
        var error = Refused(ValidDetails(name));

        Assert.Contains(expected, Assert.Single(error.Errors.For(nameof(Structure.Name))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithANameOverTheSchemaLimit_IsRefused()
    {
        var error = Refused(ValidDetails(new string('a', Structure.NameMaxLength + 1)));

        Assert.Contains("(actuellement 151)", Assert.Single(error.Errors.For(nameof(Structure.Name))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithADescriptionOverTheLimit_IsRefused()
    {
        var error = Refused(ValidDetails() with { Description = new string('x', Structure.DescriptionMaxLength + 1) });

        Assert.Single(error.Errors.For(nameof(Structure.Description)));
    }

    [Theory]
    [InlineData("13003013300016")]
    [InlineData("73282932000074")]
    [InlineData("35600000000048")]
    [InlineData("35600000049837")] // La Poste: digit sum a multiple of 5
    public void IsValidSiret_AcceptsRealChecksums(string siret)
    {
        Assert.True(DirectoryRules.IsValidSiret(siret));
    }

    [Theory]
    [InlineData("13003013300017")]
    [InlineData("1300301330001")]
    [InlineData("1300301330001A")]
    [InlineData("35600000049838")]
    public void IsValidSiret_RefusesWrongChecksumsAndFormats(string siret)
    {
        Assert.False(DirectoryRules.IsValidSiret(siret));
    }

    [Fact]
    public void Create_WithAWrongSiretKey_IsRefusedNamingTheNumber()
    {
        var error = Refused(ValidDetails() with { Siret = "13003013300017" });

        Assert.Contains("« 13003013300017 »", Assert.Single(error.Errors.For(nameof(Structure.Siret))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAnUnknownNetwork_IsRefusedNamingTheCode()
    {
        var error = Refused(ValidDetails() with { Networks = ["mission-locale", "reseau-imaginaire"] });

        Assert.Equal(["Code inconnu « reseau-imaginaire » dans les réseaux porteurs."], error.Errors.For(nameof(Structure.Networks)));
    }

    [Fact]
    public void Create_WithDuplicateNetworks_KeepsEachOnce()
    {
        var structure = Structure.Create(CiteId, ValidDetails() with { Networks = ["caf", " caf ", "ccas-cias"] }, Now);

        Assert.Equal(["caf", "ccas-cias"], structure.Networks);
    }

    [Fact]
    public void Create_WithABadQpvCode_IsRefusedNamingIt()
    {
        var error = Refused(ValidDetails() with { QpvCodes = ["QP12"] });

        Assert.Contains("« QP12 »", Assert.Single(error.Errors.For(nameof(Structure.QpvCodes))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postcode", "9000")]
    [InlineData("Postcode", "9000A")]
    [InlineData("InseeCode", "9001")]
    [InlineData("InseeCode", "2C004")]
    public void Create_WithBadAddressCodes_IsRefusedOnThatPart(string part, string value)
    {
        var address = ValidDetails().Address! with
        {
            Postcode = part == "Postcode" ? value : "90000",
            InseeCode = part == "InseeCode" ? value : "90010",
        };

        var error = Refused(ValidDetails() with { Address = address });

        Assert.Contains($"« {value} »", Assert.Single(error.Errors.For($"Address.{part}")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2A004")]
    [InlineData("2b033")]
    [InlineData("97411")]
    public void Create_WithCorsicanOrOverseasInseeCodes_IsAccepted(string insee)
    {
        var structure = Structure.Create(CiteId, ValidDetails() with { Address = new PostalAddress { InseeCode = insee } }, Now);

        Assert.Equal(insee.ToUpperInvariant(), structure.Address!.InseeCode);
    }

    [Theory]
    [InlineData(91, 6, "Address.Latitude")]
    [InlineData(-91, 6, "Address.Latitude")]
    [InlineData(47, 181, "Address.Longitude")]
    [InlineData(47, -181, "Address.Longitude")]
    public void Create_WithCoordinatesOutOfRange_IsRefused(double latitude, double longitude, string field)
    {
        var error = Refused(ValidDetails() with { Address = new PostalAddress { Latitude = latitude, Longitude = longitude } });

        Assert.Single(error.Errors.For(field));
    }

    [Fact]
    public void Create_WithOnlyOneCoordinate_IsRefused()
    {
        var error = Refused(ValidDetails() with { Address = new PostalAddress { Latitude = 47.6 } });

        Assert.Contains("ensemble", Assert.Single(error.Errors.For("Address.Latitude")), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithABlankAddress_HasNoAddress()
    {
        var structure = Structure.Create(CiteId, ValidDetails() with { Address = new PostalAddress { Street = "  ", Commune = "" } }, Now);

        Assert.Null(structure.Address);
    }

    [Theory]
    [InlineData("ftp://ml-belfort.fr")]
    [InlineData("javascript:alert(1)")]
    [InlineData("www.ml-belfort.fr")]
    [InlineData("/relative")]
    public void Create_WithAWebsiteThatIsNotHttp_IsRefused(string website)
    {
        var error = Refused(ValidDetails() with { Website = website });

        Assert.Contains("http", Assert.Single(error.Errors.For(nameof(Structure.Website))), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithAWebsiteOverTheSchemaLimit_IsRefused()
    {
        var error = Refused(ValidDetails() with { Website = "https://a.fr/" + new string('a', DirectoryRules.UrlMaxLength) });

        Assert.Single(error.Errors.For(nameof(Structure.Website)));
    }

    [Fact]
    public void Create_WithBadPhoneAndEmail_IsRefusedOnEachField()
    {
        var error = Refused(ValidDetails() with { Phone = "appelez-nous", Email = "accueil@" });

        Assert.Single(error.Errors.For(nameof(Structure.Phone)));
        Assert.Single(error.Errors.For(nameof(Structure.Email)));
    }

    [Fact]
    public void Create_WithE164Phone_IsAccepted()
    {
        var structure = Structure.Create(CiteId, ValidDetails() with { Phone = "+33384280000" }, Now);

        Assert.Equal("+33384280000", structure.Phone);
    }

    [Theory]
    [InlineData("3949")]    // France Travail
    [InlineData("3919")]    // Violences Femmes Info
    [InlineData("39 39")]   // Allô Service Public, as often written
    [InlineData("115")]     // Samu social
    [InlineData("119")]
    [InlineData("116 006")] // European harmonised numbers
    public void Create_WithAShortFrenchServiceNumber_IsAccepted(string phone)
    {
        Assert.Equal(phone, Structure.Create(CiteId, ValidDetails() with { Phone = phone }, Now).Phone);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("123")]
    [InlineData("4949")]
    [InlineData("39491")]
    [InlineData("03 84")]
    public void Create_WithAShortNumberThatIsNoServiceNumber_IsRefused(string phone)
    {
        Assert.Single(Refused(ValidDetails() with { Phone = phone }).Errors.For(nameof(Structure.Phone)));
    }

    [Fact]
    public void Create_WithOpeningHoursOverTheOsmLimit_IsRefused()
    {
        var error = Refused(ValidDetails() with { OpeningHours = "Mo " + new string('1', DirectoryRules.OpeningHoursMaxLength) });

        Assert.Single(error.Errors.For(nameof(Structure.OpeningHours)));
    }

    [Fact]
    public void Create_WithSeveralErrors_ReportsEachFieldAndCreatesNothing()
    {
        var error = Refused(new StructureDetails { Name = "", Siret = "123", Email = "x", Networks = ["nope"] });

        Assert.Equal(4, error.Errors.ByField.Count);
    }

    [Fact]
    public void Update_ChangesTheDetails_DatesThemToday_AndRaisesStructureUpdated()
    {
        var structure = Structure.Create(CiteId, ValidDetails(), Now);
        structure.ClearDomainEvents();
        var later = Now.AddDays(40);

        structure.Update(ValidDetails("Mission Locale de Belfort") with { Networks = [] }, later);

        Assert.Equal("Mission Locale de Belfort", structure.Name);
        Assert.Empty(structure.Networks);
        Assert.Equal(DateOnly.FromDateTime(later.DateTime), structure.UpdatedOn);
        Assert.Equal(new StructureUpdated(structure.Id, CiteId, "Mission Locale de Belfort"), Assert.Single(structure.DomainEvents));
        Assert.Equal(2, structure.Version);
    }

    [Fact]
    public void Update_WithInvalidDetails_ChangesNothing()
    {
        var structure = Structure.Create(CiteId, ValidDetails(), Now);

        Assert.Throws<DomainValidationException>(() => structure.Update(ValidDetails("") with { Networks = [] }, Now));

        Assert.Equal("Mission Locale du Territoire de Belfort", structure.Name);
        Assert.Equal(["mission-locale"], structure.Networks);
        Assert.Equal(1, structure.Version);
    }

    [Fact]
    public void Import_KeepsTheSourceIdAndTheProducersDate()
    {
        var structure = Structure.Import(CiteId, new ExternalReference(" dora ", "dora--42"), ValidDetails(), new DateOnly(2025, 2, 14), Now);

        Assert.True(structure.IsImported);
        Assert.Equal("dora", structure.Source);
        Assert.Equal("dora--42", structure.ExternalId);
        Assert.Equal(new DateOnly(2025, 2, 14), structure.UpdatedOn);
        Assert.True(structure.IsImportedFrom(new ExternalReference("dora", "dora--42")));
        Assert.False(structure.IsImportedFrom(new ExternalReference("dora", "dora--43")));
    }

    [Fact]
    public void Import_WithoutSourceOrId_IsRefused()
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            Structure.Import(CiteId, new ExternalReference("", " "), ValidDetails(), new DateOnly(2025, 2, 14), Now));

        Assert.Single(error.Errors.For("Source"));
        Assert.Single(error.Errors.For("ExternalId"));
    }

    [Fact]
    public void Reimport_OfTheSameRecord_UpdatesInPlace()
    {
        var origin = new ExternalReference("dora", "dora--42");
        var structure = Structure.Import(CiteId, origin, ValidDetails(), new DateOnly(2025, 2, 14), Now);
        var id = structure.Id;

        structure.Reimport(origin, ValidDetails("Mission Locale (nouveau nom)"), new DateOnly(2025, 6, 1));

        Assert.Equal(id, structure.Id);
        Assert.Equal("Mission Locale (nouveau nom)", structure.Name);
        Assert.Equal(new DateOnly(2025, 6, 1), structure.UpdatedOn);
        Assert.IsType<StructureUpdated>(structure.DomainEvents[^1]);
    }

    [Fact]
    public void Reimport_OfAnotherRecord_IsRefused()
    {
        var structure = Structure.Import(CiteId, new ExternalReference("dora", "dora--42"), ValidDetails(), new DateOnly(2025, 2, 14), Now);

        var error = Assert.Throws<DomainValidationException>(() =>
            structure.Reimport(new ExternalReference("dora", "dora--99"), ValidDetails("Autre"), new DateOnly(2025, 6, 1)));

        Assert.Contains("dora--99", Assert.Single(error.Errors.For("ExternalId")), StringComparison.Ordinal);
        Assert.Equal("Mission Locale du Territoire de Belfort", structure.Name);
    }

    [Fact]
    public void Reimport_OfAStructureCreatedHere_IsRefused()
    {
        var structure = Structure.Create(CiteId, ValidDetails(), Now);

        Assert.Throws<DomainValidationException>(() =>
            structure.Reimport(new ExternalReference("dora", "dora--42"), ValidDetails(), new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void ToDetails_RoundTripsThroughUpdate()
    {
        var structure = Structure.Create(CiteId, ValidDetails(), Now);
        var details = structure.ToDetails();

        structure.Update(details, Now);

        Assert.Equal(details.Networks, structure.ToDetails().Networks);
        Assert.Equal(details.Address, structure.ToDetails().Address);
    }
}
