using Bunit;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Roadmap;
using MudBlazor;
using static CiteEmploi.Tests.Components.Roadmap.RoadmapViews;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>Bulk edits: the table's checkboxes and « Tout sélectionner », and the bar that applies one change to all.</summary>
public sealed class PlanBulkEditTests : MudTestContext
{
    private readonly List<PlanBulkChange> _applied = [];

    private IRenderedComponent<PlanBulkBar> RenderBar(PlanView view, int count, CommandResult answer) => Render<PlanBulkBar>(p => p
        .Add(b => b.View, view)
        .Add(b => b.Count, count)
        .Add(b => b.Apply, change =>
        {
            _applied.Add(change);
            return Task.FromResult(answer);
        }));

    [Fact]
    public void TheTable_OffersACheckbox_OnlyOnMatchingActionsThePersonMayEdit_AndSelectAllTakesThemAll()
    {
        var axis = Action("1", "Aller-vers", matches: false);
        var mine = Action("1.1", "Permanence mobile", canEdit: true);
        var notMine = Action("1.2", "Job dating", canEdit: false);
        var alsoMine = Action("1.3", "Forum", canEdit: true);
        var toggled = new List<(Guid, bool)>();
        var all = new List<bool>();
        var selected = new HashSet<Guid> { mine.Id };
        var cut = Render<PlanTreeTable>(p => p
            .Add(t => t.View, Plan([axis, mine, notMine, alsoMine], canEditPlan: false))
            .Add(t => t.ActionHref, id => $"/a/{id}")
            .Add(t => t.Selected, selected)
            .Add(t => t.Toggle, t => toggled.Add(t))
            .Add(t => t.SelectAll, on => all.Add(on)));

        Assert.Equal([mine.Id, alsoMine.Id], cut.FindAll("[data-select]").Select(c => Guid.Parse(c.GetAttribute("data-select")!)));
        Assert.Equal("Sélectionner 1.1 « Permanence mobile »", cut.Find($"[data-select='{mine.Id}']").GetAttribute("aria-label"));
        Assert.True(cut.Find($"[data-select='{mine.Id}']").HasAttribute("checked"));
        Assert.False(cut.Find($"[data-select='{alsoMine.Id}']").HasAttribute("checked"));
        Assert.Equal("Tout sélectionner (2 actions modifiables)", cut.Find("label[for='plan-select-all']").TextContent);
        Assert.False(cut.Find("#plan-select-all").HasAttribute("checked"));

        cut.Find($"[data-select='{alsoMine.Id}']").Change(true);
        cut.Find("#plan-select-all").Change(true);

        Assert.Equal([(alsoMine.Id, true)], toggled);
        Assert.Equal([true], all);
    }

    [Fact]
    public void WithoutASelection_TheTableHasNoCheckboxes()
    {
        var cut = Render<PlanTreeTable>(p => p
            .Add(t => t.View, Plan([Action("1", "Forum")]))
            .Add(t => t.ActionHref, id => $"/a/{id}"));

        Assert.Empty(cut.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public async Task TheBar_AppliesTheChosenStatusAndPilot_ToTheCountSelected()
    {
        var cut = RenderBar(Plan([]), 3, CommandResult.Ok());
        Assert.Equal("3 actions sélectionnées", cut.Find("h3").TextContent);
        Assert.Contains("Appliquer aux 3 actions", cut.Markup, StringComparison.Ordinal);
        var selects = cut.FindComponents<MudSelect<string>>();
        Assert.Equal(2, selects.Count); // status, pilot (coordination)

        await cut.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync("realisee"));
        await cut.InvokeAsync(() => selects[1].Instance.ValueChanged.InvokeAsync(MissionLocale.ToString()));
        await cut.Find("form").SubmitAsync();

        Assert.Equal([new PlanBulkChange(StatusCode: "realisee", PilotStructureId: MissionLocale)], _applied);
        Assert.Empty(cut.FindAll("[data-bulk-errors]"));
    }

    [Fact]
    public async Task TheBar_ClearsThePilotOnPurpose_AndAPartnerIsNotOfferedThePilot()
    {
        var cut = RenderBar(Plan([]), 2, CommandResult.Ok());
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync("aucune"));
        await cut.Find("form").SubmitAsync();
        Assert.Equal([new PlanBulkChange(ClearPilot: true)], _applied);

        var partner = RenderBar(Plan([], canEditPlan: false), 2, CommandResult.Ok());
        Assert.Single(partner.FindComponents<MudSelect<string>>());
    }

    [Fact]
    public async Task TheBar_SendsTheDatesChosen_AndEmptiesItsFieldsOnceApplied()
    {
        var cut = RenderBar(Plan([]), 2, CommandResult.Ok());
        var pickers = cut.FindComponents<MudDatePicker>();

        await cut.InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 4, 1)));
        await cut.InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(new DateTime(2026, 9, 30)));
        await cut.Find("form").SubmitAsync();
        await cut.Find("form").SubmitAsync(); // the fields were emptied: nothing is sent twice

        Assert.Equal([new PlanBulkChange(StartDate: new DateOnly(2026, 4, 1), DueDate: new DateOnly(2026, 9, 30))], _applied);
        Assert.Contains("Choisissez ce qui change", cut.Find("[data-bulk-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingChosen_AsksWhatChanges_WithoutCallingTheService()
    {
        var cut = RenderBar(Plan([]), 2, CommandResult.Ok());

        await cut.Find("form").SubmitAsync();

        Assert.Empty(_applied);
        Assert.Contains("Choisissez ce qui change", cut.Find("[data-bulk-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusal_ListsEveryActionRefused_AndSaysNothingChanged()
    {
        var errors = new ValidationErrors();
        errors.Add("DueDate", "« Forum » : L'échéance (01/03/2026) précède le début (01/04/2026).");
        errors.Add("DueDate", "« Job dating » : L'échéance (15/02/2026) précède le début (01/04/2026).");
        var cut = RenderBar(Plan([]), 3, CommandResult.Invalid(errors));

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("en-cours"));
        await cut.Find("form").SubmitAsync();

        var alert = cut.Find("[data-bulk-errors]");
        Assert.Contains("Rien n'a été modifié", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(["« Forum » : L'échéance (01/03/2026) précède le début (01/04/2026).", "« Job dating » : L'échéance (15/02/2026) précède le début (01/04/2026)."],
            alert.QuerySelectorAll("li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task AForbiddenAnswer_SaysWhichActionsAPersonMayChange()
    {
        var cut = RenderBar(Plan([], canEditPlan: false), 2, CommandResult.Forbidden());

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync("en-cours"));
        await cut.Find("form").SubmitAsync();

        Assert.Contains("seules la coordination et sa structure pilote la modifient", cut.Find("[data-bulk-errors]").TextContent, StringComparison.Ordinal);
    }
}
