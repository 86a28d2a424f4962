using CiteEmploi.Domain.Cooperation;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Tests.Domain.Cooperation;

public sealed class CooperationGraphTests
{
    private static readonly CooperationStructure Caf = new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "CAF");
    private static readonly CooperationStructure Ccas = new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "CCAS");
    private static readonly CooperationStructure Ml = new(Guid.Parse("00000000-0000-0000-0000-000000000003"), "Mission Locale");
    private static readonly CooperationStructure Ft = new(Guid.Parse("00000000-0000-0000-0000-000000000004"), "France Travail");
    private static readonly CooperationStructure[] All = [Ml, Caf, Ft, Ccas];

    private static CooperationOccasion Action(params CooperationStructure[] s) => new(LinkKind.Action, [.. s.Select(x => x.Id)]);

    private static CooperationOccasion Meeting(DateOnly day, params CooperationStructure[] s) => new(LinkKind.Seance, [.. s.Select(x => x.Id)], day, day);

    [Fact]
    public void Build_LinksEveryPairOfAnOccasion_WeighsEdgesByKind_AndCountsEachStructuresPartners()
    {
        var graph = CooperationGraph.Build(All,
        [
            Action(Ml, Caf, Ft),
            Action(Ml, Caf),
            Meeting(new DateOnly(2026, 3, 1), Ml, Caf),
            Meeting(new DateOnly(2026, 3, 2), Ft), // alone: links nobody
        ]);

        Assert.Equal(["CAF", "CCAS", "France Travail", "Mission Locale"], graph.Nodes.Select(n => n.Name)); // by name, French order
        Assert.Equal(3, graph.Edges.Count);
        var mlCaf = graph.Between(Caf.Id, Ml.Id)!;
        Assert.Same(mlCaf, graph.Between(Ml.Id, Caf.Id));
        Assert.Equal((2, 1, 3, LinkKind.Action), (mlCaf.Weights[LinkKind.Action], mlCaf.Weights[LinkKind.Seance], mlCaf.Weight, mlCaf.MainKind));
        Assert.Equal((1, 0), (graph.Between(Ml.Id, Ft.Id)!.Weights[LinkKind.Action], graph.Between(Ml.Id, Ft.Id)!.Weights[LinkKind.Seance]));
        Assert.Null(graph.Between(Ccas.Id, Ml.Id));

        var ml = graph.Nodes.Single(n => n.Id == Ml.Id);
        Assert.Equal((2, 2, 1, 4), (ml.Partners, ml.Occasions[LinkKind.Action], ml.Occasions[LinkKind.Seance], ml.Weight));
        var ft = graph.Nodes.Single(n => n.Id == Ft.Id);
        Assert.Equal((2, 1, 0), (ft.Partners, ft.Occasions[LinkKind.Action], ft.Occasions[LinkKind.Seance])); // its lone session is no joint one
        Assert.Equal([Ccas.Id], graph.Isolated.Select(n => n.Id));
        Assert.Equal(0.5, graph.Density); // 3 pairs linked of 6 possible
    }

    [Fact]
    public void Build_LeavesOutStructuresNoLongerInTheDirectory_AndAnEmptyCiteHasNoDensity()
    {
        var gone = Guid.NewGuid();
        var graph = CooperationGraph.Build([Ml, Caf], [new CooperationOccasion(LinkKind.Action, [Ml.Id, gone]), Action(Ml, Caf, Ml)]);

        Assert.Equal((Ml.Id, 1), (graph.Nodes.Single(n => n.Name == "Mission Locale").Id, graph.Nodes.Single(n => n.Name == "Mission Locale").Partners));
        Assert.Equal(1, Assert.Single(graph.Edges).Weight); // the same structure twice in an action is one
        Assert.Equal(1.0, graph.Density);
        Assert.Equal(0, CooperationGraph.Build([], []).Density);
        Assert.Equal(0, CooperationGraph.Build([Ml], []).Density);
    }

    [Fact]
    public void For_KeepsTheOccasionsOfThePeriod_DatedOrOpenEnded()
    {
        var occasions = new[]
        {
            Meeting(new DateOnly(2026, 2, 10), Ml, Caf),
            Meeting(new DateOnly(2026, 5, 10), Ml, Ft),
            new CooperationOccasion(LinkKind.Action, [Caf.Id, Ccas.Id], new DateOnly(2025, 9, 1), new DateOnly(2026, 1, 15)),
            new CooperationOccasion(LinkKind.Action, [Ft.Id, Ccas.Id], Start: new DateOnly(2026, 6, 1)), // no due date
            new CooperationOccasion(LinkKind.Action, [Ml.Id, Ccas.Id]), // no dates at all: every period
        };

        var q1 = CooperationGraph.For(Period.Quarter(2026, 1), All, occasions);
        var q2 = CooperationGraph.For(Period.Quarter(2026, 2), All, occasions);
        var q4of2025 = CooperationGraph.For(Period.Quarter(2025, 4), All, occasions);

        Assert.Equal(3, q1.Edges.Count);
        Assert.NotNull(q1.Between(Caf.Id, Ml.Id));
        Assert.NotNull(q1.Between(Caf.Id, Ccas.Id));
        Assert.NotNull(q2.Between(Ft.Id, Ml.Id));
        Assert.NotNull(q2.Between(Ft.Id, Ccas.Id));
        Assert.Null(q2.Between(Caf.Id, Ml.Id));
        Assert.Equal(2, q4of2025.Edges.Count);
    }

    [Fact]
    public void Evolution_SaysTheNewTheLostAndTheKeptLinks_AndBothDensities()
    {
        var before = CooperationGraph.Build(All, [Action(Ml, Caf), Action(Ft, Ccas)]);
        var now = CooperationGraph.Build(All, [Action(Ml, Caf), Action(Ml, Ft), Meeting(new DateOnly(2026, 1, 1), Caf, Ccas)]);

        var evolution = CooperationEvolution.Between(now, before);

        Assert.Equal(2, evolution.New.Count);
        Assert.Contains(now.Between(Ml.Id, Ft.Id)!.Pair, evolution.New);
        Assert.Equal([before.Between(Ft.Id, Ccas.Id)!.Pair], evolution.Lost);
        Assert.Equal(1, evolution.Kept);
        Assert.Equal((0.5, 2 / 6.0), (evolution.Density, evolution.PreviousDensity));
    }

    [Fact]
    public void ASessionLinks_ThePeopleCheckedIn_OrWithoutAttendanceSheetThoseInvitedWhoDidNotDecline()
    {
        var actor = new SessionActor("coord", "Camille");
        var day = new DateOnly(2026, 3, 3);
        Session Workshop() => Session.Create(Guid.NewGuid(), new SessionDetails(SessionKind.Atelier, "Atelier", day, new TimeOnly(9, 0), new TimeOnly(11, 0)), actor,
            new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var at = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);

        var sheet = Workshop();
        var samia = sheet.Invite(new InviteeDetails("Samia", "samia@ml.invalid", StructureId: Ml.Id), actor);
        sheet.Invite(new InviteeDetails("Yanis", "yanis@caf.invalid", StructureId: Caf.Id), actor);
        sheet.Invite(new InviteeDetails("Invitée", "x@dehors.invalid", StructureName: "Association hors annuaire"), actor);
        sheet.AddItem(null, new AgendaItemContent("Tour de table", 30), actor);
        sheet.Start(actor, at);
        sheet.CheckIn(samia, actor, at);

        var noSheet = Workshop();
        noSheet.Invite(new InviteeDetails("Samia", "samia@ml.invalid", StructureId: Ml.Id), actor);
        var declined = noSheet.Invite(new InviteeDetails("Léo", "leo@ft.invalid", StructureId: Ft.Id), actor);
        noSheet.Answer(declined, InvitationAnswer.Non, actor, at.AddDays(-3));
        noSheet.Invite(new InviteeDetails("Yanis", "yanis@caf.invalid", StructureId: Caf.Id), actor);

        Assert.Equal([Ml.Id], CooperationOccasion.Of(sheet).Structures);
        Assert.Equal([Ml.Id, Caf.Id], CooperationOccasion.Of(noSheet).Structures);
        Assert.Equal((LinkKind.Seance, (DateOnly?)day, (DateOnly?)day), (CooperationOccasion.Of(noSheet).Kind, CooperationOccasion.Of(noSheet).Start, CooperationOccasion.Of(noSheet).End));
    }

    [Fact]
    public void Referrals_LinkTheTwoStructures_CountedPerKind_WithWhoSentHowMany_AndAReferralWithinOneStructureLinksNothing()
    {
        var day = new DateOnly(2026, 3, 10);
        var graph = CooperationGraph.For(Period.Quarter(2026, 1), All,
        [
            CooperationOccasion.Referral(Ml.Id, Caf.Id, day),
            CooperationOccasion.Referral(Ml.Id, Caf.Id, day.AddDays(1)),
            CooperationOccasion.Referral(Caf.Id, Ml.Id, day),
            CooperationOccasion.Referral(Ft.Id, Ft.Id, day), // inside one structure: no link
            CooperationOccasion.Referral(Ccas.Id, Ml.Id, new DateOnly(2026, 4, 1)), // next quarter
            Action(Ml, Caf),
        ]);

        var link = Assert.Single(graph.Edges);
        Assert.Equal((1, 3, 4, LinkKind.Orientation), (link.Weights[LinkKind.Action], link.Weights[LinkKind.Orientation], link.Weight, link.MainKind));
        Assert.Equal((2, 1), (link.SentBy(Ml.Id), link.SentBy(Caf.Id)));
        Assert.Equal(3, graph.Nodes.Single(n => n.Id == Ml.Id).Occasions[LinkKind.Orientation]);
        Assert.Equal(0, graph.Nodes.Single(n => n.Id == Ft.Id).Occasions[LinkKind.Orientation]);
        Assert.Equal("Orientations", LinkKind.Orientation.Label());
    }
}
