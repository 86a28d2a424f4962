using Bunit;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Components.Pages.Members;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Xunit.Abstractions;

namespace CiteEmploi.Tests.Components.Pages.Members;

/// <summary>The members page's role change dialog: the current role preselected, every role explained, the chosen one returned.</summary>
public sealed class RoleChangeDialogTests(ITestOutputHelper output) : MudTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(CiteRole current)
    {
        var provider = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await service.ShowAsync<RoleChangeDialog>("Rôle de Samia Benali", new DialogParameters<RoleChangeDialog>
        {
            { d => d.MemberName, "Samia Benali" },
            { d => d.Current, current },
        }));
        return (provider, dialog!);
    }

    [Fact]
    public async Task ShowsEveryRoleWithWhatItAllows_TheCurrentOneChosen_AndSavingItUnchangedIsNotOffered()
    {
        var (provider, _) = await OpenAsync(CiteRole.Partenaire);
        output.WriteLine(provider.Markup);

        Assert.Contains("Rôle de Samia Benali", provider.Markup, StringComparison.Ordinal);
        var radios = provider.FindAll("input[type='radio']");
        Assert.Equal(Enum.GetValues<CiteRole>().Length, radios.Count);
        foreach (var role in Enum.GetValues<CiteRole>())
        {
            Assert.Contains(role.Label(), provider.Markup, StringComparison.Ordinal);
            Assert.Contains(role.Description(), provider.Markup, StringComparison.Ordinal);
        }
        Assert.Single(radios, r => r.HasAttribute("checked"));
        var save = provider.FindAll("button").Single(b => b.TextContent.Contains("Enregistrer le rôle", StringComparison.Ordinal));
        Assert.True(save.HasAttribute("disabled"));
    }

    [Fact]
    public async Task ChoosingAnotherRole_AndSaving_ReturnsIt()
    {
        var (provider, dialog) = await OpenAsync(CiteRole.Partenaire);

        var observer = provider.FindAll("input[type='radio']")[Array.IndexOf(Enum.GetValues<CiteRole>(), CiteRole.Observateur)];
        observer.Click();
        provider.FindAll("button").Single(b => b.TextContent.Contains("Enregistrer le rôle", StringComparison.Ordinal)).Click();

        var result = await dialog.Result;
        Assert.NotNull(result);
        Assert.False(result.Canceled);
        Assert.Equal(CiteRole.Observateur, result.Data);
    }

    [Fact]
    public async Task Cancelling_ReturnsNothing()
    {
        var (provider, dialog) = await OpenAsync(CiteRole.Coordinateur);

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Annuler").Click();

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
    }
}
