using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Components.Pages.Sessions;

namespace CiteEmploi.Tests.Components.Sessions;

/// <summary>The sessions forms read dates, hours, places and minutes as people type them, with a French message when they cannot.</summary>
public sealed class SessionFormModelTests
{
    [Theory]
    [InlineData("12/03/2026", 2026, 3, 12)]
    [InlineData(" 2/3/2026 ", 2026, 3, 2)]
    [InlineData("2026-03-12", 2026, 3, 12)]
    public void ReadDate_TakesFrenchAndIsoDates(string text, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), SessionFormModel.ReadDate(text));

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("demain")]
    [InlineData("")]
    [InlineData("03/12")]
    public void ReadDate_RefusesWhatIsNotADay(string text) => Assert.Null(SessionFormModel.ReadDate(text));

    [Theory]
    [InlineData("09:30", 9, 30)]
    [InlineData("9h30", 9, 30)]
    [InlineData("9 h 30", 9, 30)]
    [InlineData("14h", 14, 0)]
    [InlineData("23:59", 23, 59)]
    public void ReadTime_TakesHoursAsWritten(string text, int hours, int minutes) =>
        Assert.Equal(new TimeOnly(hours, minutes), SessionFormModel.ReadTime(text));

    [Theory]
    [InlineData("24:00")]
    [InlineData("9:5")]
    [InlineData("midi")]
    [InlineData("9:60")]
    [InlineData("")]
    public void ReadTime_RefusesWhatIsNotAnHour(string text) => Assert.Null(SessionFormModel.ReadTime(text));

    [Fact]
    public void ToDetails_PutsEachUnreadableFieldsMessageUnderItsKey_AndGivesNothing()
    {
        var model = new SessionFormModel { Title = "COPIL", Date = "32/01/2026", Start = "9h", End = "onze heures", Capacity = "trente" };
        var errors = new ValidationErrors();

        Assert.Null(model.ToDetails(errors));
        Assert.Contains("jj/mm/aaaa", Assert.Single(errors.For(nameof(Session.Date))), StringComparison.Ordinal);
        Assert.Empty(errors.For(nameof(Session.StartTime)));
        Assert.Contains("heure de fin", Assert.Single(errors.For(nameof(Session.EndTime))), StringComparison.Ordinal);
        Assert.Contains("nombre de places", Assert.Single(errors.For(nameof(Session.Capacity))), StringComparison.Ordinal);
    }

    [Fact]
    public void ToDetails_RoundTripsASessionsDetails_AndAnEmptyCapacityIsNoLimit()
    {
        var details = new SessionDetails(SessionKind.Interconnaissance, "Qui fait quoi", new DateOnly(2026, 4, 2), new TimeOnly(14, 0), new TimeOnly(16, 30),
            "Maison de quartier", "https://visio.example/abc", 40);
        var errors = new ValidationErrors();

        Assert.Equal(details, SessionFormModel.From(details).ToDetails(errors));
        Assert.True(errors.IsEmpty);
        Assert.Null((SessionFormModel.From(details with { Capacity = null }).ToDetails(errors))!.Capacity);
    }

    [Fact]
    public void ItemForm_ReadsMinutes_AndSaysWhenItCannot()
    {
        var errors = new ValidationErrors();
        Assert.Equal(new AgendaItemContent("Accueil", 15, "", "Samia"), new AgendaItemFormModel { Title = "Accueil", Minutes = " 15 min", Presenter = "Samia" }.ToContent(errors));
        Assert.True(errors.IsEmpty);

        Assert.Null(new AgendaItemFormModel { Title = "Accueil", Minutes = "un quart d'heure" }.ToContent(errors));
        Assert.Contains("en minutes", Assert.Single(errors.For(nameof(AgendaItem.PlannedMinutes))), StringComparison.Ordinal);
    }
}

/// <summary>What the session page hands from its prerender to its interactive start comes back whole.</summary>
public sealed class SessionViewStateTests
{
    [Fact]
    public void ASessionView_RoundTripsThroughTheWebJsonOfPersistedState()
    {
        var by = new SessionActor("coord", "Camille");
        var session = Session.Create(Guid.NewGuid(),
            new SessionDetails(SessionKind.ComitePilotage, "COPIL", new DateOnly(2026, 3, 12), new TimeOnly(9, 30), new TimeOnly(10, 30), "Mairie", "", 30), by, DateTimeOffset.UtcNow);
        var bilan = session.AddItem(null, new AgendaItemContent("Bilan", 30, "Le **bilan**", "Samia"), by);
        session.AddItem(bilan, new AgendaItemContent("Mobilité", 60), by);
        session.AddItem(null, new AgendaItemContent("Décisions", 20), by);
        var now = DateTimeOffset.UtcNow;
        session.WriteNotes(bilan, "- 12 personnes", "", by, now);
        session.AddOutcome(bilan, OutcomeKind.Decision, "Forum en juin", by, now);
        var view = new CiteEmploi.Web.Features.Sessions.SessionView(session.Id, session.Details, session.State, 3, session.ScheduleAt(now), now, null, null, true, false,
            session.Notes, session.Outcomes, true);

        var json = System.Text.Json.JsonSerializer.Serialize(view, System.Text.Json.JsonSerializerOptions.Web);
        var back = System.Text.Json.JsonSerializer.Deserialize<CiteEmploi.Web.Features.Sessions.SessionView>(json, System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Equal(view.Details, back.Details);
        Assert.Equal(view.Schedule.Items.Select(i => (i.Item, i.Number, i.Minutes, i.PlannedStart)), back.Schedule.Items.Select(i => (i.Item, i.Number, i.Minutes, i.PlannedStart)));
        Assert.Equal((new TimeOnly(10, 50), 20), (view.Schedule.PlannedEnd, view.Schedule.OverrunMinutes));
        Assert.Equal((view.Schedule.PlannedEnd, view.Schedule.OverrunMinutes, view.CanPrepare), (back.Schedule.PlannedEnd, back.Schedule.OverrunMinutes, back.CanPrepare));
        Assert.Equal(("- 12 personnes", "Forum en juin", OutcomeKind.Decision), (back.NotesOf(bilan), back.OutcomesOf(bilan).Single().Text, back.OutcomesOf(bilan).Single().Kind));
    }
}
