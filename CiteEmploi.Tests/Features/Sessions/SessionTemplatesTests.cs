using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Sessions;
using CiteEmploi.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>The ready-made agendas, applied through the service on a real SQLite file, as the « Nouvelle séance » form does.</summary>
public sealed class SessionTemplatesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance, new LiveBusOptions { CoalesceWindow = TimeSpan.Zero });
    private SessionService _service = null!;
    private CiteAccess _coordinator = null!;
    private CiteAccess _partner = null!;

    public async Task InitializeAsync()
    {
        _service = new SessionService(new CiteDbContextFactory(new TestDbContextFactory(database, _bus)), TimeProvider.System, new SessionSnapshots(TimeProvider.System, _bus));
        var (a, _) = await database.SeedTwoCitesAsync(("coord", "Camille"), ("part", "Samia"), ("dehors", "Intrus"));
        _coordinator = new CiteAccess(a.Id, a.Slug, "coord", CiteRole.Coordinateur);
        _partner = new CiteAccess(a.Id, a.Slug, "part", CiteRole.Partenaire);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> NewSessionAsync(TimeOnly start, TimeOnly end)
    {
        var created = await _service.CreateAsync(_coordinator, new SessionDetails(SessionKind.ComitePilotage, "COPIL", Day, start, end));
        Assert.True(created.Succeeded, created.Describe());
        return Guid.Parse(created.Value!);
    }

    [Fact]
    public async Task Copil_IsAddedInOrder_WithItsPartnerSubItems_AndPlannedStartsFollow()
    {
        var id = await NewSessionAsync(new TimeOnly(9, 30), new TimeOnly(11, 30));

        var applied = await SessionTemplates.ApplyAsync(_service, _coordinator, id, SessionTemplates.Copil);

        Assert.True(applied.Succeeded, applied.Describe());
        var schedule = (await _service.GetAsync(_partner, id))!.Schedule;
        Assert.Equal(
            ["1 Accueil et tour de table", "2 Validation du compte rendu précédent", "3 Suivi des actions de la feuille de route",
             "4 Points d'étape par partenaire", "4.1 Service public de l'emploi (France Travail, Mission locale)", "4.2 Collectivités et services de l'État",
             "4.3 Structures de l'insertion et associations", "5 Décisions", "6 Prochaines étapes et date du prochain comité"],
            schedule.Items.Select(i => $"{i.Number} {i.Item.Title}"));
        Assert.Equal(["09:30", "09:40", "09:45", "10:15", "10:15", "10:30", "10:45", "11:00", "11:15"], schedule.Items.Select(i => i.PlannedStart.ToString("HH:mm")));
        Assert.Equal(new TimeOnly(11, 25), schedule.PlannedEnd);
        Assert.Equal(SessionTemplates.Copil.TotalMinutes, (int)(schedule.PlannedEnd - new TimeOnly(9, 30)).TotalMinutes);
        Assert.Equal(0, schedule.OverrunMinutes);
    }

    [Fact]
    public async Task Interconnaissance_HasItsSpeedMeetingRounds_AndRunsPastAShorterSession_AsAWarning()
    {
        var id = await NewSessionAsync(new TimeOnly(14, 0), new TimeOnly(15, 45));

        Assert.True((await SessionTemplates.ApplyAsync(_service, _coordinator, id, SessionTemplates.Interconnaissance)).Succeeded);

        var schedule = (await _service.GetAsync(_coordinator, id))!.Schedule;
        Assert.Equal(["Accueil", "Présentation express des structures", "Speed-meeting", "Premier tour", "Deuxième tour", "Troisième tour", "Restitution", "Clôture"],
            schedule.Items.Select(i => i.Item.Title));
        Assert.Equal(["Speed-meeting"], schedule.Items.Where(i => i.Depth == 1 && schedule.Items.Any(c => c.Item.ParentId == i.Item.Id)).Select(i => i.Item.Title));
        Assert.Equal(new TimeOnly(16, 0), schedule.PlannedEnd);
        Assert.Equal(15, schedule.OverrunMinutes);
    }

    [Fact]
    public async Task ATemplate_InASessionShorterThanOneOfItsItems_StopsAtTheRefusal_WithTheDomainsMessage()
    {
        var id = await NewSessionAsync(new TimeOnly(9, 0), new TimeOnly(9, 20));

        var applied = await SessionTemplates.ApplyAsync(_service, _coordinator, id, SessionTemplates.Copil);

        Assert.False(applied.Succeeded);
        Assert.Contains("plus que la séance entière (20 min)", string.Join(" ", applied.Errors.For(nameof(AgendaItem.PlannedMinutes))), StringComparison.Ordinal);
        Assert.Equal(["Accueil et tour de table", "Validation du compte rendu précédent"], (await _service.GetAsync(_coordinator, id))!.Schedule.Items.Select(i => i.Item.Title));
    }

    [Fact]
    public async Task EmptyTemplate_AddsNothing_AndAPartnerCannotApplyOne()
    {
        var id = await NewSessionAsync(new TimeOnly(9, 0), new TimeOnly(11, 0));
        Assert.True((await SessionTemplates.ApplyAsync(_service, _coordinator, id, SessionTemplates.Find("vide"))).Succeeded);
        Assert.Same(SessionTemplates.Empty, SessionTemplates.Find("inconnu"));
        Assert.True((await SessionTemplates.ApplyAsync(_service, _partner, id, SessionTemplates.Copil)).IsForbidden);
        Assert.Empty((await _service.GetAsync(_coordinator, id))!.Schedule.Items);
    }
}
