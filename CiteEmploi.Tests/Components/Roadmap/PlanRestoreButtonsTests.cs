using Bunit;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>« Annuler la suppression » on the plan after a deletion, and « Rétablir » in the history's « Actions supprimées ».</summary>
public sealed class PlanRestoreButtonsTests : MudTestContext
{
    private static readonly DeletedActionView Forum =
        new(Guid.NewGuid(), "Forum de l'emploi", "Aller-vers", new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero), "Camille");

    private readonly List<Guid> _restored = [];

    private Func<Guid, Task<CommandResult>> Answer(CommandResult result) => id =>
    {
        _restored.Add(id);
        return Task.FromResult(result);
    };

    [Fact]
    public void TheAlert_NamesTheAction_AndItsButtonRestoresIt()
    {
        var cut = Render<PlanDeletedAlert>(p => p.Add(a => a.Action, Forum).Add(a => a.Restore, Answer(CommandResult.Ok())));

        Assert.Contains("« Forum de l'emploi » a été supprimée.", cut.Find("[data-deleted-alert]").TextContent);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Annuler la suppression", StringComparison.Ordinal)).Click();

        Assert.Equal([Forum.Id], _restored);
        Assert.Empty(cut.FindAll("[role='alert']"));
    }

    [Fact]
    public void TheAlert_ShowsTheRefusalInFrench_WhenTheActionCannotComeBack()
    {
        var refusal = CommandResult.Invalid("ParentId", "Le niveau supérieur de « Forum de l'emploi » a été supprimé : rétablissez-le d'abord.");
        var cut = Render<PlanDeletedAlert>(p => p.Add(a => a.Action, Forum).Add(a => a.Restore, Answer(refusal)));

        cut.FindAll("button").Single(b => b.TextContent.Contains("Annuler la suppression", StringComparison.Ordinal)).Click();

        Assert.Contains("rétablissez-le d'abord", cut.Find("[role='alert']").TextContent);
    }

    [Fact]
    public void TheDeletedList_SaysWhatWhenAndWho_AndOffersRestoreOnlyToThoseWhoMay()
    {
        var cut = Render<PlanDeletedActions>(p => p.Add(d => d.Items, [Forum]).Add(d => d.CanRestore, true).Add(d => d.Restore, Answer(CommandResult.Ok())));

        var item = cut.Find($"[data-deleted='{Forum.Id}']");
        Assert.Contains("« Forum de l'emploi » (sous « Aller-vers »)", item.TextContent);
        Assert.Contains("par Camille", item.TextContent);
        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Rétablir « Forum de l'emploi »").Click();
        Assert.Equal([Forum.Id], _restored);

        var reader = Render<PlanDeletedActions>(p => p.Add(d => d.Items, [Forum]).Add(d => d.CanRestore, false).Add(d => d.Restore, Answer(CommandResult.Ok())));
        Assert.Empty(reader.FindAll("button"));
        var none = Render<PlanDeletedActions>(p => p.Add(d => d.Items, []).Add(d => d.CanRestore, true).Add(d => d.Restore, Answer(CommandResult.Ok())));
        Assert.Contains("Aucune action supprimée.", none.Markup);
    }
}
