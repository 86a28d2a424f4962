using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Tests.Domain.Sessions;

/// <summary>
/// What a calendar invitation carries (the SEQUENCE moves with every change of date, time, place, title or state, not
/// with the agenda), who must be sent it again, and the members named to take the notes.
/// </summary>
public sealed class SessionInvitationsTests
{
    private static readonly SessionActor Camille = new("coord", "Camille");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static ValidationErrors Refusal(Action act) => Assert.Throws<DomainValidationException>(act).Errors;

    [Fact]
    public void Sequence_GrowsWithEachChangeOfDateTimeOrPlace_AndWithTheCancellation_NotWithTheAgendaOrCapacity()
    {
        var session = SessionTests.Copil();
        Assert.Equal(0, session.Sequence);
        session.ChangeDetails(session.Details with { Date = session.Date.AddDays(1) }, Camille);
        Assert.Equal(1, session.Sequence);
        session.ChangeDetails(session.Details with { StartTime = new TimeOnly(8, 30) }, Camille);
        Assert.Equal(2, session.Sequence);
        session.ChangeDetails(session.Details with { EndTime = new TimeOnly(12, 30) }, Camille);
        Assert.Equal(3, session.Sequence);
        session.ChangeDetails(session.Details with { Place = "Maison de quartier" }, Camille);
        Assert.Equal(4, session.Sequence);
        session.ChangeDetails(session.Details with { VideoLink = "https://visio.example/copil" }, Camille);
        Assert.Equal(5, session.Sequence);

        session.ChangeDetails(session.Details with { Capacity = 30 }, Camille);
        session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        Assert.Equal(5, session.Sequence);

        session.Cancel(Camille);
        Assert.Equal(6, session.Sequence);
    }

    [Fact]
    public void InvitationToSend_IsEveryoneFirst_ThenThoseHoldingAnOlderVersion_ThenOnCancelOnlyThoseWhoWereSentOne()
    {
        var session = SessionTests.Copil();
        var samia = session.Invite(new InviteeDetails("Samia", "samia@ml.fr"), Camille);
        var paul = session.Invite(new InviteeDetails("Paul", "paul@caf.fr"), Camille);
        Assert.Equal([samia, paul], session.InvitationToSend().Select(p => p.Id));

        session.RecordInvitationsSent([samia, paul], Camille, Now);
        Assert.Empty(session.InvitationToSend());
        Assert.Equal((0, false), (session.SentTo(samia)!.Sequence, session.SentTo(samia)!.Cancellation));

        var jules = session.Invite(new InviteeDetails("Jules", "jules@e2c.fr"), Camille);
        Assert.Equal([jules], session.InvitationToSend().Select(p => p.Id));
        session.RecordInvitationsSent([jules], Camille, Now);

        session.ChangeDetails(session.Details with { StartTime = new TimeOnly(10, 0) }, Camille);
        Assert.Equal([samia, paul, jules], session.InvitationToSend().Select(p => p.Id));
        session.RecordInvitationsSent([samia], Camille, Now);
        Assert.Equal(1, session.SentTo(samia)!.Sequence);
        Assert.Equal([paul, jules], session.InvitationToSend().Select(p => p.Id));

        // someone invited but never sent anything is not sent a cancellation
        var late = session.Invite(new InviteeDetails("Léa", "lea@ccas.fr"), Camille);
        session.Cancel(Camille);
        Assert.Equal([samia, paul, jules], session.InvitationToSend().Select(p => p.Id));
        Assert.DoesNotContain(late, session.InvitationToSend().Select(p => p.Id));
        session.RecordInvitationsSent([samia, paul, jules], Camille, Now);
        Assert.Empty(session.InvitationToSend());
        Assert.True(session.SentTo(paul)!.Cancellation);
        Assert.Equal(session.Sequence, session.SentTo(paul)!.Sequence);
    }

    [Fact]
    public void NoteTaker_IsAnInvitedMember_NotAPersonFromOutside_AndIsForgottenWhenUninvited()
    {
        var session = SessionTests.Copil();
        var samia = session.Invite(new InviteeDetails("Samia", UserId: "samia"), Camille);
        var paul = session.Invite(new InviteeDetails("Paul", "paul@caf.fr"), Camille);

        var outsider = Refusal(() => session.NameNoteTaker(paul, Camille));
        Assert.Equal("Paul est invité·e comme personne extérieure : seul·e un·e membre de la Cité peut prendre les notes.", Assert.Single(outsider.For(nameof(Session.NoteTakers))));
        Assert.Empty(session.NoteTakers);

        session.ClearDomainEvents();
        session.NameNoteTaker(samia, Camille);
        Assert.True(session.IsNoteTaker("samia"));
        Assert.False(session.IsNoteTaker("paul"));
        Assert.False(session.IsNoteTaker(null));
        Assert.IsType<SessionNoteTakersChanged>(Assert.Single(session.DomainEvents));

        session.WithdrawNoteTaker(samia, Camille);
        Assert.False(session.IsNoteTaker("samia"));
        session.NameNoteTaker(samia, Camille);
        session.Uninvite(samia, Camille);
        Assert.Empty(session.NoteTakers);
        Assert.False(session.IsNoteTaker("samia"));
    }
}
