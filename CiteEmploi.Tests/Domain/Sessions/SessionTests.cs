using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Tests.Domain.Sessions;

/// <summary>A session and its agenda: preparing it (bad input refused with nothing changed), then running it live.</summary>
public sealed class SessionTests
{
    private static readonly SessionActor Camille = new("coord", "Camille");
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly DateTimeOffset NineOClock = FrenchTime.At(Day, new TimeOnly(9, 0));

    internal static Session Copil(int startHour = 9, int endHour = 12) =>
        Session.Create(Guid.NewGuid(), new SessionDetails(SessionKind.ComitePilotage, "COPIL de mars", Day, new TimeOnly(startHour, 0), new TimeOnly(endHour, 0),
            "Salle du conseil"), Camille, NineOClock.AddDays(-10));

    private static ValidationErrors Refusal(Action act) => Assert.Throws<DomainValidationException>(act).Errors;

    [Fact]
    public void Create_BadDetails_AreEachRefusedOnTheirField()
    {
        var errors = Refusal(() => Session.Create(Guid.NewGuid(),
            new SessionDetails(SessionKind.Atelier, "  ", Day, new TimeOnly(14, 0), new TimeOnly(13, 0), VideoLink: "javascript:alert(1)", Capacity: 0),
            Camille, NineOClock));
        Assert.Equal("Donnez un titre à la séance.", Assert.Single(errors.For(nameof(Session.Title))));
        Assert.Equal("L'heure de fin doit suivre l'heure de début.", Assert.Single(errors.For(nameof(Session.EndTime))));
        Assert.Contains("https://", Assert.Single(errors.For(nameof(Session.VideoLink))), StringComparison.Ordinal);
        Assert.Contains("de 1 à 2000", Assert.Single(errors.For(nameof(Session.Capacity))), StringComparison.Ordinal);

        var longTitle = Refusal(() => Session.Create(Guid.NewGuid(),
            new SessionDetails(SessionKind.Atelier, new string('a', Session.TitleMaxLength + 1), Day, new TimeOnly(9, 0), new TimeOnly(10, 0)), Camille, NineOClock));
        Assert.Single(longTitle.For(nameof(Session.Title)));
    }

    [Fact]
    public void AnItemLongerThanTheSession_IsRefused_AndShorteningTheSessionUnderAnItem_TooWithNothingChanged()
    {
        var session = Copil(9, 10);
        var errors = Refusal(() => session.AddItem(null, new AgendaItemContent("Tour de table", 61), Camille));
        Assert.Equal("Ce point dure 61 min, plus que la séance entière (60 min).", Assert.Single(errors.For(nameof(AgendaItem.PlannedMinutes))));
        Assert.Empty(session.Items);

        session.AddItem(null, new AgendaItemContent("Tour de table", 45), Camille);
        var version = session.Version;
        var shorter = Refusal(() => session.ChangeDetails(session.Details with { EndTime = new TimeOnly(9, 30) }, Camille));
        Assert.Contains("45 min", Assert.Single(shorter.For(nameof(Session.EndTime))), StringComparison.Ordinal);
        Assert.Equal((new TimeOnly(10, 0), version), (session.EndTime, session.Version));
    }

    [Fact]
    public void Agenda_NumbersPlannedStartsAndTheOverrunWarning_FollowEveryChange()
    {
        var session = Copil(9, 10);
        var welcome = session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        var review = session.AddItem(null, new AgendaItemContent("Bilan des actions", 30), Camille);
        session.AddItem(review, new AgendaItemContent("Mobilité", 15, PresenterName: "Samia"), Camille);
        session.AddItem(review, new AgendaItemContent("Garde d'enfants", 20), Camille);
        session.AddItem(null, new AgendaItemContent("Décisions", 20), Camille);

        var plan = session.ScheduleAt(NineOClock);
        Assert.Equal(["1", "2", "2.1", "2.2", "3"], plan.Items.Select(i => i.Number));
        Assert.Equal(["09:00", "09:10", "09:10", "09:25", "09:45"], plan.Items.Select(i => i.PlannedStart.ToString("HH:mm")));
        Assert.Equal(35, plan.Items[1].Minutes); // a parent lasts as long as its sub-items
        Assert.Equal(new TimeOnly(10, 5), plan.PlannedEnd);
        Assert.Equal(5, plan.OverrunMinutes); // a warning: nothing refused

        // the welcome moves to the end: every start is recomputed
        session.MoveItem(welcome, null, 2, Camille);
        Assert.Equal(["Bilan des actions", "Mobilité", "Garde d'enfants", "Décisions", "Accueil"], session.Items.Select(i => i.Title));
        Assert.Equal(["09:00", "09:00", "09:15", "09:35", "09:55"], session.ScheduleAt(NineOClock).Items.Select(i => i.PlannedStart.ToString("HH:mm")));
    }

    [Fact]
    public void Nesting_IsOneLevel_AndAnItemCannotGoUnderItself()
    {
        var session = Copil();
        var a = session.AddItem(null, new AgendaItemContent("A", 10), Camille);
        var a1 = session.AddItem(a, new AgendaItemContent("A1", 10), Camille);
        var b = session.AddItem(null, new AgendaItemContent("B", 10), Camille);
        Assert.Single(Refusal(() => session.AddItem(a1, new AgendaItemContent("A1a", 5), Camille)).For(nameof(AgendaItem.ParentId)));
        Assert.Single(Refusal(() => session.MoveItem(a, a, 0, Camille)).For(nameof(AgendaItem.ParentId)));
        Assert.Single(Refusal(() => session.MoveItem(a, b, 0, Camille)).For(nameof(AgendaItem.ParentId)));

        session.MoveItem(b, a, 0, Camille);
        Assert.Equal([("A", null), ("B", a), ("A1", a)], session.Items.Select(i => (i.Title, i.ParentId)));
        session.MoveItem(b, null, 0, Camille);
        Assert.Equal(["B", "A", "A1"], session.Items.Select(i => i.Title));
    }

    [Fact]
    public void Running_NextAndPrevious_MoveTheCurrentItem_TheTimerCountsFromTheServerClock_AndTheLastItemPromptsClosing()
    {
        var session = Copil(9, 10);
        Assert.Single(Refusal(() => session.Start(Camille, NineOClock)).For(nameof(Session.Items)));
        session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        session.AddItem(null, new AgendaItemContent("Bilan", 30), Camille);
        session.AddItem(null, new AgendaItemContent("Décisions", 20), Camille);
        session.ClearDomainEvents();

        session.Start(Camille, NineOClock.AddMinutes(5));
        Assert.Equal(SessionState.EnCours, session.State);
        Assert.Equal("Accueil", session.Current!.Title);
        Assert.Contains(session.DomainEvents, e => e is AgendaItemStarted s && s.Title == "Accueil");

        // 12 minutes into a 10-minute item: 2 minutes over; the forecast end moves with it
        var at = NineOClock.AddMinutes(17);
        var live = session.ScheduleAt(at);
        Assert.True(live.Timer!.IsOver);
        Assert.Equal(TimeSpan.FromMinutes(2), live.Timer.Overtime);
        Assert.Equal("Bilan", live.Next!.Title);
        Assert.Equal(NineOClock.AddMinutes(67), live.ForecastEnd);
        Assert.Equal(7, live.DriftMinutes); // « fin estimée 10:07, +7 min »

        session.Next(at);
        Assert.Equal(("Bilan", AgendaItemState.Fait), (session.Current!.Title, session.Items[0].State));
        Assert.Equal(NineOClock.AddMinutes(17), session.Items[0].EndedAt);

        // « précédent » resumes the welcome where it stopped (12 minutes taken), « Bilan » is to come again
        session.Previous(NineOClock.AddMinutes(20));
        Assert.Equal("Accueil", session.Current!.Title);
        Assert.Equal(AgendaItemState.AVenir, session.Items[1].State);
        Assert.Equal(TimeSpan.FromMinutes(12), session.ScheduleAt(NineOClock.AddMinutes(20)).Timer!.Elapsed);
        Assert.Single(Refusal(() => session.Previous(NineOClock.AddMinutes(21))).For(nameof(Session.Items)));

        session.Next(NineOClock.AddMinutes(21));
        session.Next(NineOClock.AddMinutes(50));
        session.ClearDomainEvents();
        session.Next(NineOClock.AddMinutes(70));
        Assert.Null(session.Current);
        Assert.Contains(session.DomainEvents, e => e is AgendaFinished);
        Assert.Single(Refusal(() => session.Next(NineOClock.AddMinutes(71))).For(nameof(Session.Items)));

        session.Close(Camille, NineOClock.AddMinutes(72));
        Assert.Equal(SessionState.Close, session.State);
        Assert.All(session.Items, i => Assert.Equal(AgendaItemState.Fait, i.State));
        Assert.Single(Refusal(() => session.AddItem(null, new AgendaItemContent("Trop tard", 5), Camille)).For(nameof(Session.State)));
    }

    [Fact]
    public void TheTimer_TwoHoursOn_IsExactlyTheServerClocksDifference_NoDrift()
    {
        var session = Copil(9, 12);
        session.AddItem(null, new AgendaItemContent("Plénière", 150), Camille);
        session.Start(Camille, NineOClock);
        var later = NineOClock.AddHours(2).AddMilliseconds(400);
        var timer = session.ScheduleAt(later).Timer!;
        Assert.Equal(TimeSpan.FromHours(2).Add(TimeSpan.FromMilliseconds(400)), timer.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(400), timer.Remaining);
    }

    [Fact]
    public void Closing_MarksWhatWasNotReachedAsPassed_AndTheCurrentAsDone_AndBumpsTheInvitationSequence()
    {
        var session = Copil();
        session.AddItem(null, new AgendaItemContent("A", 10), Camille);
        session.AddItem(null, new AgendaItemContent("B", 10), Camille);
        session.AddItem(null, new AgendaItemContent("C", 10), Camille);
        session.Start(Camille, NineOClock);
        session.Next(NineOClock.AddMinutes(10));
        var sequence = session.Sequence;
        session.Close(Camille, NineOClock.AddMinutes(15));
        Assert.Equal([AgendaItemState.Fait, AgendaItemState.Fait, AgendaItemState.Passe], session.Items.Select(i => i.State));
        Assert.Equal(sequence + 1, session.Sequence);
        Assert.Equal(NineOClock.AddMinutes(15), session.ScheduleAt(NineOClock.AddHours(5)).ForecastEnd);
    }

    [Fact]
    public void TheCurrentItem_CannotBeRemoved_AndCancellingIsOnlyForAPlannedSession()
    {
        var session = Copil();
        var a = session.AddItem(null, new AgendaItemContent("A", 10), Camille);
        var b = session.AddItem(null, new AgendaItemContent("B", 10), Camille);
        session.Start(Camille, NineOClock);
        Assert.Single(Refusal(() => session.RemoveItem(a, Camille)).For(nameof(Session.Items)));
        session.RemoveItem(b, Camille);
        Assert.Single(session.Items);
        Assert.Single(Refusal(() => session.Cancel(Camille)).For(nameof(Session.State)));

        var planned = Copil();
        planned.Cancel(Camille);
        Assert.Equal((SessionState.Annulee, 1), (planned.State, planned.Sequence));
    }

    [Fact]
    public void ChangingDateOrPlace_BumpsTheInvitationSequence_ButTheCapacityAloneDoesNot()
    {
        var session = Copil();
        session.ChangeDetails(session.Details with { Capacity = 40 }, Camille);
        Assert.Equal(0, session.Sequence);
        session.ChangeDetails(session.Details with { Place = "Centre social des Teppes" }, Camille);
        Assert.Equal(1, session.Sequence);
        var version = session.Version;
        session.ChangeDetails(session.Details, Camille);
        Assert.Equal(version, session.Version);
    }

    [Fact]
    public void Notes_AreWrittenFromWhatTheWriterSaw_AndAConcurrentSave_IsRefusedNamingWhoWithNothingChanged()
    {
        var session = Copil();
        var item = session.AddItem(null, new AgendaItemContent("Bilan", 30), Camille);
        var samia = new SessionActor("nt", "Samia");
        session.WriteNotes(item, "  - Mobilité : 12 personnes accompagnées  ", "", Camille, NineOClock);
        Assert.Equal("- Mobilité : 12 personnes accompagnées", session.NotesOf(item));
        Assert.IsType<AgendaItemRecordChanged>(session.DomainEvents[^1]);

        // Samia saved on top of Camille's notes; Camille, still on the empty notes, is refused and told who
        session.WriteNotes(item, "- Mobilité : 12 personnes accompagnées\n- Garde : 3 places", "- Mobilité : 12 personnes accompagnées", samia, NineOClock);
        var version = session.Version;
        var refused = Refusal(() => session.WriteNotes(item, "Autre chose", "- Mobilité : 12 personnes accompagnées", Camille, NineOClock));
        Assert.StartsWith("Samia vient de modifier les notes de ce point", Assert.Single(refused.For(nameof(Session.Notes))), StringComparison.Ordinal);
        Assert.Equal(("- Mobilité : 12 personnes accompagnées\n- Garde : 3 places", version), (session.NotesOf(item), session.Version));

        var tooLong = Refusal(() => session.WriteNotes(item, new string('a', Session.NotesMaxLength + 1), session.NotesOf(item), Camille, NineOClock));
        Assert.Contains($"{Session.NotesMaxLength} caractères", Assert.Single(tooLong.For(nameof(Session.Notes))), StringComparison.Ordinal);
        session.WriteNotes(item, "", session.NotesOf(item), Camille, NineOClock);
        Assert.Empty(session.Notes);
        Assert.Throws<DomainValidationException>(() => session.WriteNotes(Guid.NewGuid(), "x", "", Camille, NineOClock));
    }

    [Fact]
    public void Outcomes_AreTyped_BadOnesRefused_AndOneThatBecameAnAction_StaysWithItsItem()
    {
        var session = Copil();
        var item = session.AddItem(null, new AgendaItemContent("Décisions", 30), Camille);
        var decision = session.AddOutcome(item, OutcomeKind.Decision, " Le forum emploi aura lieu en juin ", Camille, NineOClock);
        var action = session.AddOutcome(item, OutcomeKind.Action, "Créer une permanence mobilité au centre social", Camille, NineOClock);
        Assert.Equal("Le forum emploi aura lieu en juin", session.Outcome(decision).Text);

        var empty = Refusal(() => session.AddOutcome(item, OutcomeKind.Information, "   ", Camille, NineOClock));
        Assert.Equal("Écrivez le résultat.", Assert.Single(empty.For(nameof(AgendaOutcome.Text))));
        var unknown = Refusal(() => session.AddOutcome(item, (OutcomeKind)9, new string('a', Session.OutcomeTextMaxLength + 1), Camille, NineOClock));
        Assert.Single(unknown.For(nameof(AgendaOutcome.Kind)));
        Assert.Single(unknown.For(nameof(AgendaOutcome.Text)));
        Assert.Equal(2, session.Outcomes.Count);

        var notAnAction = Refusal(() => session.LinkOutcomeToAction(decision, Guid.NewGuid(), Guid.NewGuid(), Camille));
        Assert.Contains("« action »", Assert.Single(notAnAction.For(nameof(Session.Outcomes))), StringComparison.Ordinal);
        var (plan, planAction) = (Guid.NewGuid(), Guid.NewGuid());
        session.LinkOutcomeToAction(action, plan, planAction, Camille);
        Assert.Equal((plan, planAction), (session.Outcome(action).PlanId!.Value, session.Outcome(action).ActionId!.Value));
        Assert.Throws<DomainValidationException>(() => session.LinkOutcomeToAction(action, plan, Guid.NewGuid(), Camille));

        // the action keeps its origin: neither the outcome nor its item can go; the decision can
        Assert.Throws<DomainValidationException>(() => session.RemoveOutcome(action, Camille));
        Assert.Throws<DomainValidationException>(() => session.RemoveItem(item, Camille));
        session.RemoveOutcome(decision, Camille);
        Assert.Equal([action], session.Outcomes.Select(o => o.Id));
    }

    [Fact]
    public void RemovingAnItem_TakesItsNotesAndOutcomes_AndACancelledSessionTakesNone()
    {
        var session = Copil();
        var keep = session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        var drop = session.AddItem(null, new AgendaItemContent("Divers", 10), Camille);
        session.WriteNotes(drop, "à voir", "", Camille, NineOClock);
        session.AddOutcome(drop, OutcomeKind.Information, "rien", Camille, NineOClock);
        session.RemoveItem(drop, Camille);
        Assert.Empty(session.Notes);
        Assert.Empty(session.Outcomes);

        session.Cancel(Camille);
        Assert.Throws<DomainValidationException>(() => session.AddOutcome(keep, OutcomeKind.Information, "x", Camille, NineOClock));
        Assert.Throws<DomainValidationException>(() => session.WriteNotes(keep, "x", "", Camille, NineOClock));
    }
}
