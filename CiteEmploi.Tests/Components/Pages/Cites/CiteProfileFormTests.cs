using Bunit;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Components.Pages.Cites;
using CiteEmploi.Web.Features.Common;
using Xunit.Abstractions;

namespace CiteEmploi.Tests.Components.Pages.Cites;

/// <summary>The Cité's profile form: the domain's limits on the fields, its French messages beside them, nothing sent while the input is unreadable.</summary>
public sealed class CiteProfileFormTests(ITestOutputHelper output) : MudTestContext
{
    private readonly List<CiteProfile> _submitted = [];

    private IRenderedComponent<CiteProfileForm> RenderForm(CiteFormModel model, Func<CiteProfile, CommandResult>? answer = null, bool allowSlug = true) =>
        Render<CiteProfileForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.SubmitLabel, "Créer la Cité")
            .Add(f => f.AllowSlug, allowSlug)
            .Add(f => f.CancelHref, "/admin")
            .Add(f => f.OnSubmit, (profile, _) =>
            {
                _submitted.Add(profile);
                return Task.FromResult(answer?.Invoke(profile) ?? CommandResult.Ok("slug"));
            }));

    [Fact]
    public void Fields_CarryTheDomainsLimits_AndTheirLabels()
    {
        var cut = RenderForm(new CiteFormModel { BudgetYear = "2026", Qpvs = [new()], CoFunders = [new()] });
        output.WriteLine(cut.Markup);

        Assert.Equal(Cite.NameMaxLength.ToString(), cut.Find("#cite-Name").GetAttribute("maxlength"));
        Assert.Equal(Cite.SlugMaxLength.ToString(), cut.Find("#cite-Slug").GetAttribute("maxlength"));
        Assert.Equal(Cite.TerritoryMaxLength.ToString(), cut.Find("#cite-TerritoryName").GetAttribute("maxlength"));
        Assert.Equal(Cite.QpvNameMaxLength.ToString(), cut.Find("#qpv-name-1").GetAttribute("maxlength"));
        Assert.Equal(Cite.CoFunderNameMaxLength.ToString(), cut.Find("#cofunder-name-1").GetAttribute("maxlength"));
        Assert.Equal(Cite.ContactNameMaxLength.ToString(), cut.Find("#cite-CoordinatorName").GetAttribute("maxlength"));
        Assert.Equal(Cite.EmailMaxLength.ToString(), cut.Find("#cite-CoordinatorEmail").GetAttribute("maxlength"));
        Assert.Equal(Cite.PhoneMaxLength.ToString(), cut.Find("#cite-CoordinatorPhone").GetAttribute("maxlength"));
        Assert.Equal("4", cut.Find("#cite-BudgetYear").GetAttribute("maxlength"));

        // every field has its label
        foreach (var id in new[] { "cite-Name", "cite-Slug", "cite-TerritoryName", "qpv-code-1", "qpv-name-1", "cite-BudgetYear", "cite-BudgetAmount",
                     "cofunder-name-1", "cofunder-amount-1", "cite-CoordinatorName", "cite-CoordinatorEmail", "cite-CoordinatorPhone" })
        {
            Assert.Single(cut.FindAll($"label[for='{id}']"));
        }
        Assert.Equal(4, cut.FindAll("input[type='radio']").Count);
        Assert.Equal("Retirer le QPV 1", cut.Find("button[aria-label^='Retirer le QPV']").GetAttribute("aria-label"));
    }

    [Fact]
    public void UnreadableAmountAndYear_AreReportedBesideTheirFields_AndNothingIsSent()
    {
        var cut = RenderForm(new CiteFormModel { Name = "Cité de Belfort", TerritoryName = "Belfort", BudgetYear = "20x6", BudgetAmount = "cent mille" });

        cut.Find("form").Submit();

        Assert.Empty(_submitted);
        Assert.Contains("2 erreurs", cut.Find("#form-summary").TextContent, StringComparison.Ordinal);
        Assert.Contains("rien n'a été enregistré", cut.Find("#form-summary").TextContent, StringComparison.Ordinal);
        output.WriteLine(cut.Markup);
        AssertFieldError(cut, "cite-BudgetAmount", "Montant invalide pour le budget");
        AssertFieldError(cut, "cite-BudgetYear", "Année invalide");
        Assert.NotEqual("true", cut.Find("#cite-Name").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void DomainMessages_AppearBesideTheirFields_InFrench()
    {
        var cut = RenderForm(new CiteFormModel { Name = "!!!", TerritoryName = "", BudgetYear = "2026", BudgetAmount = "-5", CoordinatorName = "Alex", CoordinatorEmail = "pas-un-email",
            Qpvs = [new() { Code = "ZZ123", Name = "Quartier inventé" }] },
            profile =>
            {
                // the real rules of the domain
                try
                {
                    Cite.Create(profile, null, DateTimeOffset.UtcNow);
                    return CommandResult.Ok("x");
                }
                catch (DomainValidationException ex)
                {
                    return CommandResult.Invalid(ex.Errors);
                }
            });

        cut.Find("form").Submit();

        Assert.Single(_submitted);
        AssertFieldError(cut, "cite-Name", "doit contenir au moins une lettre ou un chiffre");
        AssertFieldError(cut, "cite-TerritoryName", "Indiquez le nom du territoire");
        AssertFieldError(cut, "cite-BudgetAmount", "ne peut pas être négatif");
        AssertFieldError(cut, "cite-CoordinatorEmail", "Adresse e-mail invalide");
        Assert.Contains("Code QPV inconnu « ZZ123 »", cut.Find("#cite-Qpvs-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("rien n'a été enregistré", cut.Find("#form-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AConflict_KeepsTheInput_AndSaysSo()
    {
        var model = new CiteFormModel { Name = "Cité de Lorient", TerritoryName = "Lorient Agglomération (56)", BudgetYear = "2026", BudgetAmount = "0" };
        var cut = RenderForm(model, _ => CommandResult.Conflicted(), allowSlug: false);

        cut.Find("form").Submit();

        Assert.Contains("Vos saisies sont conservées", cut.Find("#form-summary").TextContent, StringComparison.Ordinal);
        Assert.Equal("Lorient Agglomération (56)", cut.Find("#cite-TerritoryName").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#cite-Slug"));
    }

    [Fact]
    public void RowsAreAddedAndRemoved_UpToTheDomainsMaximum()
    {
        var model = new CiteFormModel { BudgetYear = "2026" };
        var cut = RenderForm(model);

        cut.FindAll("button").Single(b => b.TextContent.Contains("Ajouter un QPV", StringComparison.Ordinal)).Click();
        cut.FindAll("button").Single(b => b.TextContent.Contains("Ajouter un cofinanceur", StringComparison.Ordinal)).Click();
        Assert.Single(model.Qpvs);
        Assert.Single(model.CoFunders);
        cut.Find("#qpv-code-1").Change("QN09001M");
        Assert.Equal("QN09001M", model.Qpvs[0].Code);

        cut.Find("button[aria-label='Retirer le QPV 1']").Click();
        Assert.Empty(model.Qpvs);

        for (var i = 0; i < Cite.MaxCoFunders - 1; i++)
        {
            model.CoFunders.Add(new());
        }
        cut.Render();
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Ajouter un cofinanceur", StringComparison.Ordinal));
    }

    private static void AssertFieldError(IRenderedComponent<CiteProfileForm> cut, string id, string message)
    {
        var input = cut.Find($"#{id}");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains($"{id}-error", input.GetAttribute("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(message, cut.Find($"#{id}-error").TextContent, StringComparison.Ordinal);
    }
}
