using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;

namespace CiteEmploi.Tests.Domain.Roadmap;

public class PlanActionTests
{
    internal static readonly Guid CiteId = Guid.NewGuid();
    internal static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    internal static readonly PlanActor Camille = new("coord", "Camille");
    internal static readonly PlanActor Samia = new("part", "Samia");
    internal static readonly Guid MissionLocale = Guid.NewGuid();
    internal static readonly Guid FranceTravail = Guid.NewGuid();
    internal static readonly Guid Caf = Guid.NewGuid();
    internal static readonly PlanReferences References = new(new HashSet<Guid> { MissionLocale, FranceTravail, Caf }, new HashSet<string> { "QN09001M", "QP090002" });

    private readonly Plan _plan = NewPlan();
    private readonly List<PlanAction> _actions = [];

    internal static Plan NewPlan() => Plan.Create(CiteId, "Feuille de route 2025-2027", 2025, 2027, 100_000m, Camille, Now);

    private static DomainValidationException Refused(Action action) => Assert.Throws<DomainValidationException>(action);

    private PlanAction AddAction(string title, PlanAction? parent = null, PlanActionContent? content = null, double? position = null)
    {
        var action = PlanAction.Add(_plan, parent?.Id, position ?? (_actions.Count + 1) * 1024, (content ?? new PlanActionContent()) with { Title = title },
            References, _actions, origin: null, Camille, Now);
        _actions.Add(action);
        return action;
    }

    private static PlanActionContent Full() => new()
    {
        Title = "  Forum  emploi des   quartiers ",
        Description = "Un **forum** par an.\r\n",
        PilotStructureId = MissionLocale,
        Partners = [new ActionPartner(FranceTravail, PartnerRole.Pilote), new ActionPartner(Caf, PartnerRole.Financeur)],
        Contact = "Yasmina, chargée de projet",
        FreinCodes = ["mobilite", " mobilite "],
        PublicCodes = ["demandeurs-emploi"],
        QpvCodes = ["qn09001m"],
        StartDate = new DateOnly(2026, 1, 1),
        DueDate = new DateOnly(2026, 6, 30),
        StatusCode = "en-cours",
        Milestones = [new Milestone(Guid.Empty, "Salle réservée", new DateOnly(2026, 2, 1), true)],
        BudgetLines = [new BudgetLine("Cité de l'emploi", BudgetKind.EnveloppeCite, 2026, 5_000.50m, 2_000m, 0m)],
        ExternalId = "FR-1",
    };

    [Fact]
    public void Add_CleansEverythingAndRaisesAdded()
    {
        var action = AddAction("x", content: Full() with { Title = "x" });

        Assert.Equal("x", action.Title);
        Assert.Equal("Un **forum** par an.", action.Description);
        Assert.Equal(["mobilite"], action.FreinCodes);
        Assert.Equal(["QN09001M"], action.QpvCodes);
        Assert.NotEqual(Guid.Empty, Assert.Single(action.Milestones).Id);
        Assert.Equal(5_000.50m, Assert.Single(action.BudgetLines).Planned);
        Assert.Contains(FranceTravail, action.PilotingStructures);
        Assert.DoesNotContain(Caf, action.PilotingStructures);
        var added = Assert.IsType<PlanActionAdded>(Assert.Single(action.DomainEvents));
        Assert.Equal((action.Id, "x", "Camille"), (added.ActionId, added.Title, added.ByName));
        Assert.Equal(1, action.Version);
    }

    [Fact]
    public void Add_EmptyStatus_TakesTheListsFirst()
    {
        Assert.Equal("a-lancer", AddAction("Recenser").StatusCode);
    }

    [Fact]
    public void Add_RefusesEachBadInputNamingTheField()
    {
        void refusedOn(string field, string contains, PlanActionContent content)
        {
            var ex = Refused(() => PlanAction.Add(_plan, null, 1, content, References, _actions, null, Camille, Now));
            Assert.Contains(contains, string.Join(" ", ex.Errors.For(field)));
        }
        var ok = Full();
        refusedOn("Title", "Donnez un titre", ok with { Title = "   " });
        refusedOn("Title", $"{PlanAction.TitleMaxLength} caractères", ok with { Title = new string('a', PlanAction.TitleMaxLength + 1) });
        refusedOn("DueDate", "précède le début", ok with { StartDate = new DateOnly(2026, 5, 1), DueDate = new DateOnly(2026, 4, 30) });
        refusedOn("StatusCode", "Statut inconnu « fini »", ok with { StatusCode = "fini" });
        refusedOn("ManualProgress", "de 0 à 100 %", ok with { ProgressMode = ProgressMode.Manuel, ManualProgress = 101 });
        refusedOn("ManualProgress", "de 0 à 100 %", ok with { ManualProgress = -1 });
        refusedOn("PilotStructureId", "annuaire de la Cité", ok with { PilotStructureId = Guid.NewGuid() });
        refusedOn("Partners", "annuaire de la Cité", ok with { Partners = [new ActionPartner(Guid.NewGuid(), PartnerRole.Contributeur)] });
        refusedOn("Partners", "structure pilote figure aussi", ok with { Partners = [new ActionPartner(MissionLocale, PartnerRole.Contributeur)] });
        refusedOn("FreinCodes", "Frein inconnu « teleportation »", ok with { FreinCodes = ["teleportation"] });
        refusedOn("PublicCodes", "« martiens »", ok with { PublicCodes = ["martiens"] });
        refusedOn("QpvCodes", "« QP999999 » n'est pas un quartier de la Cité", ok with { QpvCodes = ["QP999999"] });
        refusedOn("BudgetLines[0].Planned", "ne peut pas être négatif", ok with { BudgetLines = [new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, -1m, 0, 0)] });
        refusedOn("BudgetLines[0].Committed", "deux décimales au plus (10.005)", ok with { BudgetLines = [new BudgetLine("CAF", BudgetKind.Cofinancement, 2026, 20m, 10.005m, 0)] });
        refusedOn("BudgetLines[0].Funder", "nommez le financeur", ok with { BudgetLines = [new BudgetLine(" ", BudgetKind.Cofinancement, 2026, 1m, 0, 0)] });
        refusedOn("BudgetLines[0].Year", "l'année va de", ok with { BudgetLines = [new BudgetLine("CAF", BudgetKind.Cofinancement, 1999, 1m, 0, 0)] });
        refusedOn("Milestones[0].Title", "Jalon 1", ok with { Milestones = [new Milestone(Guid.Empty, "", new DateOnly(2026, 1, 1), false)] });
        Assert.Empty(_actions);
    }

    [Fact]
    public void Add_BeyondThePlansLevels_IsRefused()
    {
        var axis = AddAction("Aller-vers");
        var objective = AddAction("Raccrocher au droit commun", axis);
        var action = AddAction("Permanences en pied d'immeuble", objective);

        var ex = Refused(() => AddAction("Trop profond", action));
        Assert.Contains("3 niveaux (Axe / Objectif / Action)", ex.Errors.For("ParentId").Single());
        Assert.Equal(3, _actions.Count);
    }

    [Fact]
    public void Add_UnderAnActionOfAnotherPlan_IsRefused()
    {
        var other = NewPlan();
        var foreign = PlanAction.Add(other, null, 1, new PlanActionContent { Title = "Ailleurs" }, References, [], null, Camille, Now);

        var ex = Refused(() => PlanAction.Add(_plan, foreign.Id, 1, new PlanActionContent { Title = "Ici" }, References, [foreign], null, Camille, Now));
        Assert.Contains("n'est pas une action de cette feuille de route", ex.Errors.For("ParentId").Single());
    }

    [Fact]
    public void Move_UnderItsOwnDescendant_IsRefusedAsACycle_AndNothingChanges()
    {
        var axis = AddAction("Axe 1");
        var objective = AddAction("Objectif", axis);

        var ex = Refused(() => axis.Move(_plan, objective.Id, 1, _actions, Camille, Now));
        Assert.Contains("sous elle-même", ex.Errors.For("ParentId").Single());
        Refused(() => axis.Move(_plan, axis.Id, 1, _actions, Camille, Now));
        Assert.Null(axis.ParentId);
    }

    [Fact]
    public void Move_ASubtreeThatWouldGoTooDeep_IsRefused_AndAFittingMoveIsRaised()
    {
        var axis1 = AddAction("Axe 1");
        var axis2 = AddAction("Axe 2");
        var objective = AddAction("Objectif", axis2);
        AddAction("Action", objective);

        Refused(() => axis2.Move(_plan, axis1.Id, 1, _actions, Camille, Now));
        objective.ClearDomainEvents();
        objective.Move(_plan, axis1.Id, 5, _actions, Camille, Now);

        Assert.Equal(axis1.Id, objective.ParentId);
        Assert.Equal(new PlanActionMoved(CiteId, _plan.Id, objective.Id, axis1.Id, 5, "Camille"), Assert.Single(objective.DomainEvents));
    }

    [Fact]
    public void Edit_FromTheCurrentVersion_ChangesAndNamesTheFields()
    {
        var action = AddAction("Forum", content: Full());
        var basis = action.Content;

        var fields = action.Edit(_plan, basis with { Title = "Forum 2026", DueDate = new DateOnly(2026, 7, 1) }, basis, action.Version, References, Samia, Now);

        Assert.Equal(["Title", "DueDate"], fields);
        Assert.Equal(new PlanActionEdited(CiteId, _plan.Id, action.Id, "Title,DueDate", "Samia"), action.DomainEvents[^1]);
        Assert.Equal(("Forum 2026", new DateOnly(2026, 7, 1), "Samia"), (action.Title, action.DueDate, action.EditedByName));
        Assert.Empty(action.Edit(_plan, action.Content, action.Content, action.Version, References, Samia, Now));
    }

    [Fact]
    public void Edit_ConcurrentEditsOfDifferentFields_AreMergedFieldByField()
    {
        var action = AddAction("Forum", content: Full());
        var basis = action.Content;
        var basisVersion = action.Version;
        action.Edit(_plan, basis with { Contact = "Paul" }, basis, basisVersion, References, Camille, Now);

        action.Edit(_plan, basis with { StatusCode = "realisee" }, basis, basisVersion, References, Samia, Now);

        Assert.Equal(("Paul", "realisee"), (action.Contact, action.StatusCode));
    }

    [Fact]
    public void Edit_ConcurrentEditsOfTheSameField_IsAConflict_KeepingBoth()
    {
        var action = AddAction("Forum", content: Full());
        var basis = action.Content;
        var basisVersion = action.Version;
        action.Edit(_plan, basis with { Title = "Forum de printemps" }, basis, basisVersion, References, Camille, Now);
        var version = action.Version;

        var ex = Assert.Throws<PlanActionEditConflictException>(() =>
            action.Edit(_plan, basis with { Title = "Forum d'automne", Contact = "Paul" }, basis, basisVersion, References, Samia, Now));

        Assert.Equal(["titre"], ex.Fields);
        Assert.Equal("Forum d'automne", ex.Yours.Title);
        Assert.Equal(("Forum de printemps", version), (action.Title, action.Version));
        Assert.NotEqual("Paul", action.Contact);
    }

    [Fact]
    public void Edit_MergedDatesThatCross_AreRefused()
    {
        var action = AddAction("Forum", content: Full());
        var basis = action.Content;
        var basisVersion = action.Version;
        action.Edit(_plan, basis with { StartDate = new DateOnly(2026, 6, 1) }, basis, basisVersion, References, Camille, Now);

        var ex = Refused(() => action.Edit(_plan, basis with { DueDate = new DateOnly(2026, 3, 1) }, basis, basisVersion, References, Samia, Now));

        Assert.Contains("précède le début", ex.Errors.For("DueDate").Single());
        Assert.Equal(new DateOnly(2026, 6, 30), action.DueDate);
    }

    [Fact]
    public void ChangeStatus_InManualMode_TakesTheStatusProgress_AndRefusesAnUnknownStatus()
    {
        var action = AddAction("Forum", content: new PlanActionContent { ProgressMode = ProgressMode.Manuel, ManualProgress = 30 });

        action.ChangeStatus(_plan, "realisee", Samia, Now);

        Assert.Equal(("realisee", 100), (action.StatusCode, action.ManualProgress));
        Assert.Contains("Statut inconnu", Refused(() => action.ChangeStatus(_plan, "fini", Samia, Now)).Errors.For("StatusCode").Single());
        Assert.Equal("realisee", action.StatusCode);
    }

    [Fact]
    public void Delete_WithLiveChildren_IsRefused_AndADeletedActionRefusesEdits()
    {
        var axis = AddAction("Axe");
        var child = AddAction("Objectif", axis);

        Assert.Contains("1 sous-action", Refused(() => axis.Delete(_actions, Camille, Now)).Errors.For("ParentId").Single());
        child.Delete(_actions, Camille, Now);
        axis.Delete(_actions, Camille, Now);

        Assert.True(axis.IsDeleted);
        Assert.Contains("Camille l'a supprimée", Refused(() => axis.ChangeStatus(_plan, "en-cours", Samia, Now)).Message);
    }
}
