using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain;

public class CiteTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    internal static CiteProfile ValidProfile(string name = "Cité de l'emploi de Belfort") => new()
    {
        Name = name,
        PerimeterType = PerimeterType.Commune,
        TerritoryName = "Belfort",
        Qpvs = [new Qpv("QN09001M", "Les Résidences"), new Qpv("QP090002", "Glacis du Château")],
        BudgetYear = 2026,
        BudgetAmount = 100_000m,
        CoFunders = [new CoFunder("Préfecture", 50_000m), new CoFunder("Ville de Belfort", 10_000m)],
        Coordinator = new CoordinatorContact("Camille Martin", "camille.martin@belfort.fr", "03 84 54 24 24"),
    };

    private static DomainValidationException Refused(CiteProfile profile, string? slug = null) =>
        Assert.Throws<DomainValidationException>(() => Cite.Create(profile, slug, Now));

    // ---- creation ----

    [Fact]
    public void Create_WithValidProfile_RaisesCiteCreatedAndDerivesSlugFromName()
    {
        var cite = Cite.Create(ValidProfile(), slug: null, Now);

        Assert.Equal("cite-de-l-emploi-de-belfort", cite.Slug);
        var created = Assert.IsType<CiteCreated>(Assert.Single(cite.DomainEvents));
        Assert.Equal(new CiteCreated(cite.Id, "cite-de-l-emploi-de-belfort", "Cité de l'emploi de Belfort"), created);
        Assert.NotEqual(Guid.Empty, cite.Id);
        Assert.Equal(Now, cite.CreatedAt);
        Assert.False(cite.IsArchived);
        Assert.False(cite.IsDemonstration);
        Assert.Equal(1, cite.Version);
    }

    [Fact]
    public void Create_WithValidProfile_KeepsTheWholeProfile()
    {
        var profile = ValidProfile();

        var cite = Cite.Create(profile, slug: null, Now);

        Assert.Equal("Cité de l'emploi de Belfort", cite.Name);
        Assert.Equal("cite de l emploi de belfort", cite.NormalizedName);
        Assert.Equal(PerimeterType.Commune, cite.PerimeterType);
        Assert.Equal("Belfort", cite.TerritoryName);
        Assert.Equal(profile.Qpvs, cite.Qpvs);
        Assert.Equal(2026, cite.BudgetYear);
        Assert.Equal(100_000m, cite.BudgetAmount);
        Assert.Equal(profile.CoFunders, cite.CoFunders);
        Assert.Equal(60_000m, cite.CoFundedAmount);
        Assert.Equal(profile.Coordinator, cite.Coordinator);
        Assert.Equal(profile.Qpvs, cite.ToProfile().Qpvs);
        Assert.Equal(profile.Name, cite.ToProfile().Name);
    }

    [Fact]
    public void Create_WithExplicitSlug_UsesItTrimmed()
    {
        var cite = Cite.Create(ValidProfile(), "  belfort-centre ", Now);

        Assert.Equal("belfort-centre", cite.Slug);
    }

    [Fact]
    public void Create_AsDemonstration_IsMarkedAsSuch()
    {
        var cite = Cite.Create(ValidProfile(), null, Now, isDemonstration: true);

        Assert.True(cite.IsDemonstration);
    }

    [Fact]
    public void Create_CleansWhiteSpaceAndUpperCasesQpvCodes()
    {
        var profile = ValidProfile("  Cité   de  Belfort ") with
        {
            TerritoryName = " Belfort  ",
            Qpvs = [new Qpv(" qn09001m ", "  Les   Résidences ")],
            Coordinator = new CoordinatorContact(" Camille ", " camille@belfort.fr ", "   "),
        };

        var cite = Cite.Create(profile, null, Now);

        Assert.Equal("Cité de Belfort", cite.Name);
        Assert.Equal("Belfort", cite.TerritoryName);
        Assert.Equal(new Qpv("QN09001M", "Les Résidences"), Assert.Single(cite.Qpvs));
        Assert.Equal(new CoordinatorContact("Camille", "camille@belfort.fr", null), cite.Coordinator);
    }

    [Fact]
    public void Create_WithAllBlankCoordinator_HasNoCoordinator()
    {
        var cite = Cite.Create(ValidProfile() with { Coordinator = new CoordinatorContact(" ", "", null) }, null, Now);

        Assert.Null(cite.Coordinator);
    }

    [Fact]
    public void Create_WithLongName_TruncatesDerivedSlugWithoutTrailingHyphen()
    {
        var cite = Cite.Create(ValidProfile("Cité de l'emploi de la communauté d'agglomération du Grand Belfort"), null, Now);

        Assert.Equal("cite-de-l-emploi-de-la-communaute-d-aggl", cite.Slug);
        Assert.True(cite.Slug.Length <= Cite.SlugMaxLength);
    }

    // ---- name ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n ")]
    public void Create_WithEmptyOrBlankName_IsRefusedWithFrenchMessageOnName(string name)
    {
        var ex = Refused(ValidProfile(name));

        Assert.Equal(["Le nom de la Cité est obligatoire."], ex.Errors.For("Name"));
        Assert.Empty(ex.Errors.For("Slug")); // the name error says it all
    }

    [Fact]
    public void Create_WithNullName_IsRefusedOnName()
    {
        var ex = Refused(ValidProfile() with { Name = null! });

        Assert.Single(ex.Errors.For("Name"));
    }

    [Fact]
    public void Create_WithNameOf121Characters_IsRefusedWithFrenchMessageOnName()
    {
        var ex = Refused(ValidProfile(new string('a', Cite.NameMaxLength + 1)));

        var message = Assert.Single(ex.Errors.For("Name"));
        Assert.Contains("ne peut pas dépasser 120 caractères", message);
        Assert.Contains("121", message);
        Assert.Empty(ex.Errors.For("Slug"));
    }

    [Fact]
    public void Create_WithNameOf120Characters_IsAccepted()
    {
        var cite = Cite.Create(ValidProfile(new string('a', Cite.NameMaxLength)), null, Now);

        Assert.Equal(Cite.NameMaxLength, cite.Name.Length);
        Assert.Equal(Cite.SlugMaxLength, cite.Slug.Length);
    }

    [Fact]
    public void Create_WithNameWithoutLetterOrDigit_IsRefusedOnName()
    {
        var ex = Refused(ValidProfile("« — ! »"));

        Assert.Equal(["Le nom de la Cité doit contenir au moins une lettre ou un chiffre."], ex.Errors.For("Name"));
    }

    [Fact]
    public void Create_WhenRefused_ReportsEveryInvalidFieldAtOnce()
    {
        var ex = Refused(ValidProfile("") with { BudgetAmount = -1m, BudgetYear = 1999, TerritoryName = "" });

        Assert.NotEmpty(ex.Errors.For("Name"));
        Assert.NotEmpty(ex.Errors.For("BudgetAmount"));
        Assert.NotEmpty(ex.Errors.For("BudgetYear"));
        Assert.NotEmpty(ex.Errors.For("TerritoryName"));
        Assert.Contains("- Le nom de la Cité est obligatoire.", ex.Message);
    }

    // ---- territory and perimeter ----

    [Fact]
    public void Create_WithoutTerritory_IsRefusedOnTerritoryName()
    {
        var ex = Refused(ValidProfile() with { TerritoryName = "  " });

        Assert.Equal(["Indiquez le nom du territoire (ex. : Belfort, Caen la mer)."], ex.Errors.For("TerritoryName"));
    }

    [Fact]
    public void Create_WithTooLongTerritory_IsRefusedOnTerritoryName()
    {
        var ex = Refused(ValidProfile() with { TerritoryName = new string('t', Cite.TerritoryMaxLength + 1) });

        Assert.Contains("160", Assert.Single(ex.Errors.For("TerritoryName")));
    }

    [Fact]
    public void Create_WithUndefinedPerimeter_IsRefusedOnPerimeterType()
    {
        var ex = Refused(ValidProfile() with { PerimeterType = (PerimeterType)42 });

        Assert.Single(ex.Errors.For("PerimeterType"));
    }

    // ---- budget ----

    [Fact]
    public void Create_WithNegativeBudget_IsRefusedWithFrenchMessageOnBudget()
    {
        var ex = Refused(ValidProfile() with { BudgetAmount = -0.01m });

        Assert.Equal(["Le budget ne peut pas être négatif."], ex.Errors.For("BudgetAmount"));
        Assert.Single(ex.Errors.ByField);
    }

    [Fact]
    public void Create_WithBudgetAboveMaximum_IsRefusedOnBudget()
    {
        var ex = Refused(ValidProfile() with { BudgetAmount = Cite.MaxBudgetAmount + 1m });

        Assert.Contains("100 000 000", Assert.Single(ex.Errors.For("BudgetAmount")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000_000)]
    public void Create_WithBudgetAtBounds_IsAccepted(int value)
    {
        var amount = (decimal)value;
        var cite = Cite.Create(ValidProfile() with { BudgetAmount = amount }, null, Now);

        Assert.Equal(amount, cite.BudgetAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2019)]
    [InlineData(2101)]
    public void Create_WithBudgetYearOutOfRange_IsRefusedOnBudgetYear(int year)
    {
        var ex = Refused(ValidProfile() with { BudgetYear = year });

        Assert.Equal(["L'année du budget doit être comprise entre 2020 et 2100."], ex.Errors.For("BudgetYear"));
    }

    [Theory]
    [InlineData(Cite.MinBudgetYear)]
    [InlineData(Cite.MaxBudgetYear)]
    public void Create_WithBudgetYearAtBounds_IsAccepted(int year)
    {
        var cite = Cite.Create(ValidProfile() with { BudgetYear = year }, null, Now);

        Assert.Equal(year, cite.BudgetYear);
    }

    // ---- co-funders ----

    [Fact]
    public void Create_WithNegativeCoFunderAmount_IsRefusedOnCoFunders()
    {
        var ex = Refused(ValidProfile() with { CoFunders = [new CoFunder("DREETS", -5m)] });

        Assert.Equal(["Le montant de « DREETS » ne peut pas être négatif."], ex.Errors.For("CoFunders"));
        Assert.Single(ex.Errors.ByField);
    }

    [Fact]
    public void Create_WithUnnamedCoFunder_IsRefusedOnCoFunders()
    {
        var ex = Refused(ValidProfile() with { CoFunders = [new CoFunder("  ", 5m)] });

        Assert.Equal(["Chaque cofinanceur doit avoir un nom."], ex.Errors.For("CoFunders"));
    }

    [Fact]
    public void Create_WithTooManyCoFunders_IsRefusedOnCoFunders()
    {
        var many = Enumerable.Range(1, Cite.MaxCoFunders + 1).Select(i => new CoFunder($"Financeur {i}", 1m)).ToList();

        var ex = Refused(ValidProfile() with { CoFunders = many });

        Assert.Equal(["Au plus 20 cofinanceurs."], ex.Errors.For("CoFunders"));
    }

    [Fact]
    public void Create_WithNullLists_TreatsThemAsEmpty()
    {
        var cite = Cite.Create(ValidProfile() with { Qpvs = null!, CoFunders = null! }, null, Now);

        Assert.Empty(cite.Qpvs);
        Assert.Empty(cite.CoFunders);
        Assert.Equal(0m, cite.CoFundedAmount);
    }

    // ---- QPV ----

    [Theory]
    [InlineData("QP09001")]
    [InlineData("QP0900011")]
    [InlineData("QN090011")]
    [InlineData("QX090001")]
    [InlineData("090001")]
    [InlineData("QN09001-")]
    public void Create_WithInvalidQpvCode_IsRefusedWithMessageNamingTheCode(string code)
    {
        var ex = Refused(ValidProfile() with { Qpvs = [new Qpv(code, "Quartier")] });

        var message = Assert.Single(ex.Errors.For("Qpvs"));
        Assert.Contains($"« {code} »", message);
        Assert.StartsWith("Code QPV inconnu", message);
    }

    [Theory]
    [InlineData("QP090001")]
    [InlineData("QN09001M")]
    [InlineData("qn09001m")]
    public void Create_WithValidQpvCode_IsAccepted(string code)
    {
        var cite = Cite.Create(ValidProfile() with { Qpvs = [new Qpv(code, "Quartier")] }, null, Now);

        Assert.Equal(code.ToUpperInvariant(), Assert.Single(cite.Qpvs).Code);
    }

    [Fact]
    public void Create_WithSameQpvTwice_IsRefusedOnQpvs()
    {
        var ex = Refused(ValidProfile() with { Qpvs = [new Qpv("QP090001", "Un"), new Qpv("qp090001", "Deux")] });

        Assert.Equal(["Le QPV QP090001 figure deux fois."], ex.Errors.For("Qpvs"));
    }

    [Fact]
    public void Create_WithUnnamedQpv_IsRefusedOnQpvs()
    {
        var ex = Refused(ValidProfile() with { Qpvs = [new Qpv("QP090001", " ")] });

        Assert.Equal(["Indiquez le nom du quartier pour le code QP090001."], ex.Errors.For("Qpvs"));
    }

    [Fact]
    public void Create_WithTooManyQpvs_IsRefusedOnQpvs()
    {
        var many = Enumerable.Range(1, Cite.MaxQpvs + 1).Select(i => new Qpv($"QP{i:000000}", $"Quartier {i}")).ToList();

        var ex = Refused(ValidProfile() with { Qpvs = many });

        Assert.Equal(["Une Cité couvre au plus 60 QPV."], ex.Errors.For("Qpvs"));
    }

    // ---- slug ----

    [Theory]
    [InlineData("Bad Slug")]
    [InlineData("Belfort")]
    [InlineData("bélfort")]
    [InlineData("-belfort")]
    [InlineData("belfort-")]
    [InlineData("bel--fort")]
    [InlineData("bel_fort")]
    [InlineData("bel/fort")]
    public void Create_WithSlugOfInvalidFormat_IsRefusedWithFrenchMessageOnSlug(string slug)
    {
        var ex = Refused(ValidProfile(), slug);

        var message = Assert.Single(ex.Errors.For("Slug"));
        Assert.StartsWith("L'identifiant court ne peut contenir que des lettres minuscules", message);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefgh")] // 41
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij")]
    public void Create_WithSlugOfInvalidLength_IsRefusedOnSlug(string slug)
    {
        Assert.True(slug.Length is < Cite.SlugMinLength or > Cite.SlugMaxLength);

        var ex = Refused(ValidProfile(), slug);

        Assert.Equal(["L'identifiant court doit compter entre 3 et 40 caractères."], ex.Errors.For("Slug"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("belfort-2")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefg")] // 40
    public void Create_WithSlugOfValidFormatAndLength_IsAccepted(string slug)
    {
        Assert.InRange(slug.Length, Cite.SlugMinLength, Cite.SlugMaxLength);
        Assert.Equal(slug, Cite.Create(ValidProfile(), slug, Now).Slug);
    }

    [Fact]
    public void Create_WithShortNameWhoseSlugWouldBeTooShort_IsRefusedOnSlug()
    {
        // the name itself is valid, but the derived slug "eu" is below the minimum: the person must give one
        var ex = Refused(ValidProfile("Eu"));

        Assert.Empty(ex.Errors.For("Name"));
        Assert.Single(ex.Errors.For("Slug"));
        Assert.Equal("eu-centre", Cite.Create(ValidProfile("Eu"), "eu-centre", Now).Slug);
    }

    // ---- coordinator ----

    [Theory]
    [InlineData("pas-un-email")]
    [InlineData("a@b")]
    [InlineData("prenom nom@ville.fr")]
    [InlineData("a@@ville.fr")]
    [InlineData("@ville.fr")]
    public void Create_WithInvalidCoordinatorEmail_IsRefusedOnCoordinatorEmail(string email)
    {
        var ex = Refused(ValidProfile() with { Coordinator = new CoordinatorContact("Camille", email, null) });

        Assert.Equal(["Adresse e-mail invalide (ex. : prenom.nom@ville.fr)."], ex.Errors.For("CoordinatorEmail"));
    }

    [Fact]
    public void Create_WithCoordinatorWithoutEmail_IsRefusedOnCoordinatorEmail()
    {
        var ex = Refused(ValidProfile() with { Coordinator = new CoordinatorContact("Camille", "", null) });

        Assert.Equal(["Indiquez l'adresse e-mail du coordinateur ou de la coordinatrice."], ex.Errors.For("CoordinatorEmail"));
    }

    [Fact]
    public void Create_WithCoordinatorWithoutName_IsRefusedOnCoordinatorName()
    {
        var ex = Refused(ValidProfile() with { Coordinator = new CoordinatorContact("", "camille@belfort.fr", null) });

        Assert.Single(ex.Errors.For("CoordinatorName"));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("zéro trois")]
    [InlineData("03 84 54 24 24 03 84 54 24 24")]
    public void Create_WithInvalidCoordinatorPhone_IsRefusedOnCoordinatorPhone(string phone)
    {
        var ex = Refused(ValidProfile() with { Coordinator = new CoordinatorContact("Camille", "camille@belfort.fr", phone) });

        Assert.Single(ex.Errors.For("CoordinatorPhone"));
    }

    [Theory]
    [InlineData("03 84 54 24 24")]
    [InlineData("+33 3 84 54 24 24")]
    [InlineData("03.84.54.24.24")]
    public void Create_WithValidCoordinatorPhone_IsAccepted(string phone)
    {
        var cite = Cite.Create(ValidProfile() with { Coordinator = new CoordinatorContact("Camille", "camille@belfort.fr", phone) }, null, Now);

        Assert.Equal(phone, cite.Coordinator?.Phone);
    }

    // ---- rename ----

    private static Cite Created(string name = "Cité de l'emploi de Belfort")
    {
        var cite = Cite.Create(ValidProfile(name), null, Now);
        cite.ClearDomainEvents();
        return cite;
    }

    [Fact]
    public void Rename_ToNewName_RaisesCiteRenamedAndKeepsSlug()
    {
        var cite = Created();
        var slug = cite.Slug;

        cite.Rename("  Cité de l'emploi du Grand Belfort ");

        Assert.Equal("Cité de l'emploi du Grand Belfort", cite.Name);
        Assert.Equal("cite de l emploi du grand belfort", cite.NormalizedName);
        Assert.Equal(slug, cite.Slug);
        var renamed = Assert.IsType<CiteRenamed>(Assert.Single(cite.DomainEvents));
        Assert.Equal(new CiteRenamed(cite.Id, slug, "Cité de l'emploi de Belfort", "Cité de l'emploi du Grand Belfort"), renamed);
    }

    [Theory]
    [InlineData("Cité de l'emploi de Belfort")]
    [InlineData("  Cité  de l'emploi de   Belfort ")]
    public void Rename_ToSameName_RaisesNothingAndKeepsVersion(string sameName)
    {
        var cite = Created();
        var version = cite.Version;

        cite.Rename(sameName);

        Assert.Empty(cite.DomainEvents);
        Assert.Equal(version, cite.Version);
    }

    [Fact]
    public void Rename_ChangingOnlyCase_IsARename()
    {
        var cite = Created();

        cite.Rename("CITÉ DE L'EMPLOI DE BELFORT");

        Assert.IsType<CiteRenamed>(Assert.Single(cite.DomainEvents));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Rename_ToBlankName_IsRefusedAndChangesNothing(string? name)
    {
        var cite = Created();

        var ex = Assert.Throws<DomainValidationException>(() => cite.Rename(name!));

        Assert.Equal(["Le nom de la Cité est obligatoire."], ex.Errors.For("Name"));
        Assert.Equal("Cité de l'emploi de Belfort", cite.Name);
        Assert.Empty(cite.DomainEvents);
    }

    [Fact]
    public void Rename_ToTooLongName_IsRefusedAndChangesNothing()
    {
        var cite = Created();
        var version = cite.Version;

        Assert.Throws<DomainValidationException>(() => cite.Rename(new string('x', 121)));

        Assert.Equal("Cité de l'emploi de Belfort", cite.Name);
        Assert.Equal(version, cite.Version);
    }

    // ---- archive / restore ----

    [Fact]
    public void Archive_RaisesCiteArchivedOnceAndKeepsFirstDate()
    {
        var cite = Created();
        var later = Now.AddDays(1);

        cite.Archive(Now);
        cite.Archive(later);

        Assert.True(cite.IsArchived);
        Assert.Equal(Now, cite.ArchivedAt);
        Assert.Equal(new CiteArchived(cite.Id, cite.Slug), Assert.Single(cite.DomainEvents));
    }

    [Fact]
    public void Restore_OfArchivedCite_RaisesCiteRestoredOnce()
    {
        var cite = Created();
        cite.Archive(Now);
        cite.ClearDomainEvents();

        cite.Restore();
        cite.Restore();

        Assert.False(cite.IsArchived);
        Assert.Null(cite.ArchivedAt);
        Assert.Equal(new CiteRestored(cite.Id, cite.Slug), Assert.Single(cite.DomainEvents));
    }

    [Fact]
    public void Restore_OfActiveCite_DoesNothing()
    {
        var cite = Created();
        var version = cite.Version;

        cite.Restore();

        Assert.Empty(cite.DomainEvents);
        Assert.Equal(version, cite.Version);
    }

    // ---- version ----

    [Fact]
    public void Version_IncrementsOnEveryChangeAndNotOnNoOps()
    {
        var cite = Cite.Create(ValidProfile(), null, Now);
        Assert.Equal(1, cite.Version);

        cite.Rename("Cité de Belfort");
        Assert.Equal(2, cite.Version);

        cite.Rename("Cité de Belfort");
        Assert.Equal(2, cite.Version);

        cite.Archive(Now);
        cite.Archive(Now);
        Assert.Equal(3, cite.Version);

        cite.Restore();
        cite.Restore();
        Assert.Equal(4, cite.Version);

        cite.ClearDomainEvents();
        Assert.Equal(4, cite.Version); // clearing dispatched events is not a change
    }

    // ---- update profile ----

    [Fact]
    public void UpdateProfile_WithoutNameChange_RaisesOnlyProfileUpdated()
    {
        var cite = Created();

        cite.UpdateProfile(ValidProfile() with { BudgetAmount = 120_000m, Qpvs = [new Qpv("QP090003", "Les Forges")] });

        Assert.Equal(120_000m, cite.BudgetAmount);
        Assert.Equal(new Qpv("QP090003", "Les Forges"), Assert.Single(cite.Qpvs));
        Assert.Equal([new CiteProfileUpdated(cite.Id, cite.Slug)], cite.DomainEvents);
        Assert.Equal(2, cite.Version);
    }

    [Fact]
    public void UpdateProfile_WithNewName_RaisesRenamedThenProfileUpdatedAndKeepsSlug()
    {
        var cite = Created();
        var slug = cite.Slug;

        cite.UpdateProfile(ValidProfile("Cité de l'emploi du Territoire de Belfort"));

        Assert.Equal(slug, cite.Slug);
        Assert.Equal("cite de l emploi du territoire de belfort", cite.NormalizedName);
        Assert.Collection(cite.DomainEvents,
            e => Assert.Equal(new CiteRenamed(cite.Id, slug, "Cité de l'emploi de Belfort", "Cité de l'emploi du Territoire de Belfort"), e),
            e => Assert.Equal(new CiteProfileUpdated(cite.Id, slug), e));
        Assert.Equal(3, cite.Version);
    }

    [Fact]
    public void UpdateProfile_WithInvalidProfile_IsRefusedAndChangesNothing()
    {
        var cite = Created();
        var before = cite.ToProfile();

        var ex = Assert.Throws<DomainValidationException>(() =>
            cite.UpdateProfile(ValidProfile("Autre nom") with { BudgetAmount = -1m, Qpvs = [new Qpv("XX", "Quartier")] }));

        Assert.NotEmpty(ex.Errors.For("BudgetAmount"));
        Assert.NotEmpty(ex.Errors.For("Qpvs"));
        Assert.Equal(before.Name, cite.Name);
        Assert.Equal(before.BudgetAmount, cite.BudgetAmount);
        Assert.Equal(before.Qpvs, cite.Qpvs);
        Assert.Empty(cite.DomainEvents);
        Assert.Equal(1, cite.Version);
    }

    [Fact]
    public void UpdateProfile_DoesNotShareListsWithTheCaller()
    {
        var cite = Created();
        var qpvs = new List<Qpv> { new("QP090001", "Un") };

        cite.UpdateProfile(ValidProfile() with { Qpvs = qpvs });
        qpvs.Add(new Qpv("QP090002", "Deux"));

        Assert.Single(cite.Qpvs);
    }

    // ---- slug helpers ----

    [Theory]
    [InlineData("Cité de l'emploi de Belfort", "cite-de-l-emploi-de-belfort")]
    [InlineData("Saint-Étienne Métropole", "saint-etienne-metropole")]
    [InlineData("  Œuvre — Cœur de ville ! ", "oeuvre-coeur-de-ville")]
    [InlineData("Caen la mer (14)", "caen-la-mer-14")]
    public void SlugFromName_FoldsAccentsCaseAndPunctuationIntoHyphens(string name, string expected) =>
        Assert.Equal(expected, Cite.SlugFromName(name));

    [Fact]
    public void ValidateSlug_OfValidSlug_AddsNothing()
    {
        var errors = new ValidationErrors();

        Cite.ValidateSlug("belfort-centre", errors);

        Assert.True(errors.IsEmpty);
    }
}
