using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire;

namespace CiteEmploi.Tests.Features.Annuaire;

/// <summary>« Enregistrer et publier » on an existing draft: one step, so a refused publication stores nothing.</summary>
public sealed class DirectoryServiceSaveAndPublishTests(DirectoryFixture fixture) : IClassFixture<DirectoryFixture>
{
    private DirectoryService Directory => fixture.App.Get<DirectoryService>();

    [Fact]
    public async Task UpdateAndPublish_RefusedForWantOfAThematique_KeepsTheStoredDraftUnchanged_ThenPublishesOnceGiven()
    {
        var coordinator = await fixture.AccessAsync(fixture.CoordinatorOfA, fixture.A);
        var structure = Guid.Parse((await Directory.CreateStructureAsync(coordinator, new StructureDetails { Name = "Centre social des Tilleuls" })).Value!);
        var draft = new ServiceDetails { Name = "Permanence numérique", Description = "Une aide pour les démarches en ligne." };
        var id = Guid.Parse((await Directory.CreateServiceAsync(coordinator, structure, draft, publish: false)).Value!);
        var version = (await Directory.GetServiceAsync(coordinator, id))!.Service.Version;

        var refused = await Directory.UpdateAndPublishServiceAsync(coordinator, id, draft with { Name = "Permanence numérique du mardi" }, version);

        Assert.False(refused.Succeeded);
        Assert.NotEmpty(refused.Errors.For(nameof(Service.Thematiques)));
        var stored = (await Directory.GetServiceAsync(coordinator, id))!.Service;
        Assert.Equal("Permanence numérique", stored.Name);
        Assert.Equal(ServiceStatus.Brouillon, stored.Status);
        Assert.Equal(version, stored.Version);

        var withThematique = draft with { Name = "Permanence numérique du mardi", Thematiques = ["numerique--acceder-a-des-services-en-ligne"] };
        var saved = await Directory.UpdateAndPublishServiceAsync(coordinator, id, withThematique, version);
        Assert.True(saved.Succeeded, saved.Describe());
        stored = (await Directory.GetServiceAsync(coordinator, id))!.Service;
        Assert.Equal("Permanence numérique du mardi", stored.Name);
        Assert.Equal(ServiceStatus.Publie, stored.Status);

        // Starting from the version before that save is a conflict, as for a plain save.
        Assert.True((await Directory.UpdateAndPublishServiceAsync(coordinator, id, withThematique, version)).Conflict);
    }
}
