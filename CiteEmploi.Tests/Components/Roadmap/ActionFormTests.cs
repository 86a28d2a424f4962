using Bunit;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Pages.Roadmap;

namespace CiteEmploi.Tests.Components.Roadmap;

/// <summary>
/// The action form: the domain's refusals (from the real <see cref="PlanAction.Validate"/>) each beside their field,
/// the form's own reading of amounts and dates, and a read-only form for those who may not edit.
/// </summary>
public sealed class ActionFormTests : MudTestContext
{
    private static readonly StructureChoice MissionLocale = new(Guid.NewGuid(), "Mission Locale");

    private readonly Plan _plan = Plan.Create(Guid.NewGuid(), "Feuille de route 2026-2028", 2026, 2028, 100_000m, new PlanActor(null, "Test"), DateTimeOffset.UnixEpoch);

    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;

    private IRenderedComponent<ActionForm> RenderForm(ActionFormModel model, ValidationErrors errors, bool readOnly = false, Action? submitted = null)
    {
        _popovers ??= RenderPopovers();
        return Render<ActionForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Errors, errors)
            .Add(f => f.Statuses, _plan.Statuses)
            .Add(f => f.Structures, [MissionLocale])
            .Add(f => f.QpvEntries, [new ReferenceEntry("QN07401M", "Les Teppes (QN07401M)", null)])
            .Add(f => f.ReadOnly, readOnly)
            .Add(f => f.OnSubmit, () => submitted?.Invoke()));
    }

    /// <summary>What the domain says about <paramref name="model"/> once the form has read it.</summary>
    private ValidationErrors Judge(ActionFormModel model)
    {
        var errors = new ValidationErrors();
        var content = model.ToContent(errors);
        Assert.True(errors.IsEmpty, errors.ToString());
        try
        {
            PlanAction.Validate(_plan, content, new PlanReferences(new HashSet<Guid> { MissionLocale.Id }, new HashSet<string> { "QN07401M" }));
            return new ValidationErrors();
        }
        catch (DomainValidationException ex)
        {
            return ex.Errors;
        }
    }

    private static string ErrorBeside(IRenderedComponent<ActionForm> cut, string fieldId) =>
        cut.FindAll("[id]").Single(e => e.Id == fieldId + "-error").TextContent.Trim();

    [Fact]
    public void TheParentChoices_RenderAgainOnlyWhenTheListIsAnotherOne()
    {
        _popovers ??= RenderPopovers();
        IReadOnlyList<KeyValuePair<Guid, string>> parents = [.. Enumerable.Range(1, 300).Select(i => new KeyValuePair<Guid, string>(Guid.NewGuid(), $"1.{i} Action {i}"))];
        var model = new ActionFormModel { Title = "Forum de l'emploi", StatusCode = "en-cours" };
        var cut = Render<ActionForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Errors, new ValidationErrors())
            .Add(f => f.Statuses, _plan.Statuses)
            .Add(f => f.Structures, [MissionLocale])
            .Add(f => f.QpvEntries, [])
            .Add(f => f.Parents, parents));
        var choices = cut.FindComponent<ActionParentItems>();
        var rendered = choices.RenderCount;

        // the page renders the form again (a save, a live change of the plan) with the same choices: none of the 300 renders again
        cut.Render(p => p.Add(f => f.Errors, ValidationErrors.Of("Title", "Donnez un intitulé.")));
        Assert.Equal(rendered, choices.RenderCount);

        // another list (an action added or renamed): the choices follow it
        cut.Render(p => p.Add(f => f.Parents, [.. parents, new KeyValuePair<Guid, string>(Guid.NewGuid(), "1.301 Nouvelle action")]));
        Assert.Equal(rendered + 1, choices.RenderCount);
    }

    [Fact]
    public void BadBudgetLines_EachRefusalIsBesideItsAmount()
    {
        var model = new ActionFormModel
        {
            Title = "Forum de l'emploi",
            StatusCode = "en-cours",
            BudgetLines =
            [
                new BudgetRow { Funder = "Préfecture", Year = "2026", Planned = "-100", Committed = "0", Spent = "0" },
                new BudgetRow { Funder = "", Year = "2026", Planned = "10", Committed = "1 234,567", Spent = "0" },
            ],
        };
        var errors = Judge(model);
        var cut = RenderForm(model, errors);

        Assert.Contains("Ligne de budget 1 : le prévu ne peut pas être négatif", ErrorBeside(cut, "action-BudgetLines[0]-Planned"), StringComparison.Ordinal);
        Assert.Contains("Ligne de budget 2 : l'engagé se saisit au centime près", ErrorBeside(cut, "action-BudgetLines[1]-Committed"), StringComparison.Ordinal);
        Assert.Contains("Ligne de budget 2 : nommez le financeur", ErrorBeside(cut, "action-BudgetLines[1]-Funder"), StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("[id]"), e => e.Id is "action-BudgetLines[0]-Committed-error" or "action-Title-error");
    }

    [Fact]
    public void ADueDateBeforeTheStart_IsRefusedOnTheDueDate_InFrench()
    {
        var model = new ActionFormModel
        {
            Title = "Forum de l'emploi",
            StatusCode = "en-cours",
            StartDate = new DateTime(2026, 9, 1),
            DueDate = new DateTime(2026, 6, 30),
        };
        var errors = Judge(model);
        var cut = RenderForm(model, errors);

        Assert.Equal(["L'échéance (30/06/2026) précède le début (01/09/2026)."], errors.For(nameof(PlanActionContent.DueDate)));
        Assert.Contains("L'échéance (30/06/2026) précède le début (01/09/2026).", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("01/09/2026", cut.FindAll("input").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public void WhatCannotBeRead_IsReportedUnderTheDomainsKeys()
    {
        var model = new ActionFormModel
        {
            Title = "Forum",
            Milestones = [new MilestoneRow { Id = Guid.NewGuid(), Title = "Bilan" }],
            BudgetLines = [new BudgetRow { Funder = "CAF", Year = "vingt", Planned = "mille", Committed = "1 000,50 €", Spent = "" }],
        };
        var errors = new ValidationErrors();
        model.ToContent(errors);

        Assert.Equal(["Jalon 1 : indiquez sa date (jj/mm/aaaa)."], errors.For("Milestones[0].Date"));
        Assert.Equal(["Ligne de budget 1 : le prévu doit être un montant en euros (ex. : 12 500,00)."], errors.For("BudgetLines[0].Planned"));
        Assert.Single(errors.For("BudgetLines[0].Year"));
        Assert.Empty(errors.For("BudgetLines[0].Committed"));
    }

    [Fact]
    public void FrenchAmounts_AreReadToTheCent_AndTheContentRoundTrips()
    {
        var content = new PlanActionContent
        {
            Title = "Permanence mobile",
            PilotStructureId = MissionLocale.Id,
            StatusCode = "a-lancer",
            DueDate = new DateOnly(2027, 3, 15),
            BudgetLines = [new BudgetLine("Enveloppe Cité", BudgetKind.EnveloppeCite, 2026, 12_500.50m, 1_000m, 0m)],
            FreinCodes = ["mobilite"],
        };
        var model = ActionFormModel.From(content, id => id == MissionLocale.Id ? MissionLocale.Name : null);
        Assert.Equal("12500,50", model.BudgetLines[0].Planned);
        model.BudgetLines[0].Committed = "2 000,25";
        var errors = new ValidationErrors();
        var back = model.ToContent(errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(MissionLocale.Id, back.PilotStructureId);
        Assert.Equal(new BudgetLine("Enveloppe Cité", BudgetKind.EnveloppeCite, 2026, 12_500.50m, 2_000.25m, 0m), back.BudgetLines[0]);
        Assert.Equal(new DateOnly(2027, 3, 15), back.DueDate);
        Assert.Equal(["mobilite"], back.FreinCodes);
    }

    [Fact]
    public void ReadOnly_TheFieldsAreDisabled_AndSubmittingDoesNothing()
    {
        var submitted = 0;
        var model = new ActionFormModel { Title = "Forum", StatusCode = "en-cours" };
        model.FreinCodes.Add("mobilite");
        var cut = RenderForm(model, new ValidationErrors(), readOnly: true, submitted: () => submitted++);

        Assert.True(cut.Find("fieldset.action-form__all").HasAttribute("disabled"));
        // the code lists show what is chosen, as text, instead of long lists of disabled boxes
        Assert.Empty(cut.FindAll("#action-FreinCodes-options"));
        Assert.Equal(["Mobilité"], cut.FindAll(".code-options-read li").Select(li => li.TextContent.Trim()));
        cut.Find("form").Submit();
        Assert.Equal(0, submitted);

        var editable = RenderForm(new ActionFormModel { Title = "Forum", StatusCode = "en-cours" }, new ValidationErrors(), submitted: () => submitted++);
        Assert.False(editable.Find("fieldset.action-form__all").HasAttribute("disabled"));
        Assert.NotEmpty(editable.FindAll("#action-FreinCodes-options input[type=checkbox]"));
        editable.Find("form").Submit();
        Assert.Equal(1, submitted);
    }
}
