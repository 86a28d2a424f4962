using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Tests.Features.Annuaire.Near;
using CiteEmploi.Tests.Live;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Diagnostic;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Tests.Features.Diagnostic;

/// <summary>
/// Partners mark a cell of the coverage in a workshop; everyone's page hears it; a confirmed gap becomes an action of the
/// feuille de route, linked both ways. On the real app (the Cité and directory of <see cref="NearSearchTests.NearFixture"/>).
/// </summary>
public sealed class GapFindingTests(NearSearchTests.NearFixture fixture) : IClassFixture<NearSearchTests.NearFixture>
{
    private const string Qpv = NearSearchTests.NearFixture.Qpv;

    private DiagnosticService Diagnostic => fixture.App.Get<DiagnosticService>();

    private CiteAccess As(CiteRole role) => new(fixture.Access.CiteId, fixture.Access.Slug, fixture.Access.UserId, role);

    [Fact]
    public async Task APartnerMarksAGap_EveryPageHearsIt_AndTheNextMarkReplacesIt()
    {
        var heard = new BusRecorder();
        using var _ = fixture.App.Get<ILiveBus>().Subscribe(LiveTopics.Diagnostic(fixture.Access.CiteId), heard.Handle);

        var marked = await Diagnostic.MarkGapAsync(As(CiteRole.Partenaire), Qpv, "garde-denfants", GapStatus.Confirme, "  Aucune crèche à moins de 5 km ");
        Assert.True(marked.Succeeded, marked.Describe());
        await heard.WaitForCountAsync(1);
        Assert.Equal(new GapFindingChanged(fixture.Access.CiteId, Qpv, "garde-denfants"), heard.All.Single());

        Assert.True((await Diagnostic.MarkGapAsync(As(CiteRole.Partenaire), Qpv, "garde-denfants", GapStatus.ANuancer, "Une halte-garderie le samedi")).Succeeded);

        var finding = (await Diagnostic.FindingsAsync(As(CiteRole.Observateur))).Single(f => f.FreinCode == "garde-denfants");
        Assert.Equal((GapStatus.ANuancer, "Une halte-garderie le samedi"), (finding.Status, finding.Comment));
    }

    [Fact]
    public async Task BadMarks_AreRefusedWithTheirReason_AndChangeNothing()
    {
        var partner = As(CiteRole.Partenaire);

        var tooLong = await Diagnostic.MarkGapAsync(partner, Qpv, "sante", GapStatus.Confirme, new string('x', GapFinding.CommentMaxLength + 1));
        Assert.Contains("au plus 1000 caractères", tooLong.Errors.For(nameof(GapFinding.Comment)).Single(), StringComparison.Ordinal);
        var unknownPlace = await Diagnostic.MarkGapAsync(partner, "QN07501M", "sante", GapStatus.Confirme, null);
        Assert.Equal("« QN07501M » n'est pas un lieu du diagnostic de cette Cité.", unknownPlace.Errors.For(nameof(GapFinding.PlaceCode)).Single());
        var unknownFrein = await Diagnostic.MarkGapAsync(partner, Qpv, "teleportation", GapStatus.Confirme, null);
        Assert.Equal("Le frein « teleportation » n'existe pas.", unknownFrein.Errors.For(nameof(GapFinding.FreinCode)).Single());
        Assert.True((await Diagnostic.MarkGapAsync(As(CiteRole.Observateur), Qpv, "sante", GapStatus.Confirme, null)).IsForbidden);

        Assert.DoesNotContain(await Diagnostic.FindingsAsync(partner), f => f.FreinCode is "sante" or "teleportation");
    }

    [Fact]
    public async Task AnotherCitesMember_NeitherReadsNorMarksThisCitesGaps()
    {
        Assert.True((await Diagnostic.MarkGapAsync(As(CiteRole.Partenaire), Qpv, "numerique", GapStatus.Confirme, "Rien près du quartier")).Succeeded);
        var cites = fixture.App.Get<CiteService>();
        var other = await cites.CreateAsync(new CiteProfile { Name = "Cité voisine (manques)", TerritoryName = "Ailleurs", BudgetYear = 2026 });
        var outsider = (await cites.OperatorAccessAsync(other.Value!))!;

        Assert.Empty(await Diagnostic.FindingsAsync(outsider));
        var crossing = await Diagnostic.MarkGapAsync(outsider, Qpv, "numerique", GapStatus.CouvertAutrement, "pris");
        Assert.False(crossing.Succeeded);
        Assert.Equal(GapStatus.Confirme, (await Diagnostic.FindingsAsync(As(CiteRole.Partenaire))).Single(f => f.FreinCode == "numerique").Status);
    }

    [Fact]
    public async Task AConfirmedGap_BecomesAnActionInOneGesture_LinkedBothWays_AndOnlyOnce()
    {
        var coordinator = As(CiteRole.Coordinateur);
        var plans = fixture.App.Get<PlanService>();
        var planId = Guid.Parse((await plans.CreateAsync(coordinator, "Feuille de route des manques", 2026, 2027, 50_000m)).Value!);
        Assert.True((await Diagnostic.MarkGapAsync(coordinator, Qpv, "addictions", GapStatus.ANuancer, "À voir")).Succeeded);
        var gap = (await Diagnostic.FindingsAsync(coordinator)).Single(f => f.FreinCode == "addictions");

        var refused = await plans.AddActionFromGapAsync(coordinator, planId, null, gap.Id);
        Assert.Equal("Seul un manque « confirmé » devient une action.", refused.Errors.For(nameof(GapFinding.Status)).Single());
        Assert.Empty((await plans.GetAsync(coordinator, planId))!.Actions);

        Assert.True((await Diagnostic.MarkGapAsync(coordinator, Qpv, "addictions", GapStatus.Confirme, "Aucune consultation jeunes consommateurs")).Succeeded);
        Assert.True((await plans.AddActionFromGapAsync(As(CiteRole.Partenaire), planId, null, gap.Id)).IsForbidden);
        var made = await plans.AddActionFromGapAsync(coordinator, planId, null, gap.Id);
        Assert.True(made.Succeeded, made.Describe());

        var actionId = Guid.Parse(made.Value!);
        var action = (await plans.GetAsync(coordinator, planId))!.Actions.Single(a => a.Id == actionId);
        Assert.StartsWith("Addictions : combler le manque près de QPV Franc-Moisin Bel-Air", action.Title, StringComparison.Ordinal);
        var linked = (await Diagnostic.FindingsAsync(coordinator)).Single(f => f.FreinCode == "addictions");
        Assert.Equal((planId, actionId), (linked.PlanId, linked.ActionId));
        var origin = await plans.OriginAsync(coordinator, new ActionOrigin(OriginKind.Manque, gap.Id));
        Assert.Equal("Issue du diagnostic", origin!.Lead);
        Assert.Equal($"diagnostic?lieu={Qpv}&frein=addictions", origin.Path);

        // once: a second action, or taking back « confirmé », is refused
        Assert.Equal("Ce manque est déjà une action de la feuille de route.",
            (await plans.AddActionFromGapAsync(coordinator, planId, null, gap.Id)).Errors.For(nameof(GapFinding.ActionId)).Single());
        Assert.Contains("il reste « confirmé »",
            (await Diagnostic.MarkGapAsync(coordinator, Qpv, "addictions", GapStatus.CouvertAutrement, null)).Errors.For(nameof(GapFinding.Status)).Single(), StringComparison.Ordinal);
    }
}
