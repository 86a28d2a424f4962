using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;

namespace CiteEmploi.Tests.Domain.Sessions;

/// <summary>Invitations, answers, the waiting list past the capacity, arrivals and the attendance sheet by structure.</summary>
public sealed class SessionAttendanceTests
{
    private static readonly SessionActor Camille = new("coord", "Camille");
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 8, 0, 0, TimeSpan.Zero);

    private static Session WithCapacity(int? capacity)
    {
        var session = SessionTests.Copil();
        session.ChangeDetails(session.Details with { Capacity = capacity }, Camille);
        return session;
    }

    private static ValidationErrors Refusal(Action act) => Assert.Throws<DomainValidationException>(act).Errors;

    [Fact]
    public void Invitations_TakeMembersAndOutsidePeople_AndRefuseBadOrDoubleOnesOnTheirField()
    {
        var session = WithCapacity(null);
        session.Invite(new InviteeDetails("Samia Benali", UserId: "u-samia", StructureName: "Mission Locale"), Camille);
        session.Invite(new InviteeDetails("Paul Martin", "paul.martin@caf.fr", StructureName: "CAF"), Camille);

        var errors = Refusal(() => session.Invite(new InviteeDetails(" ", "pas-une-adresse", StructureName: new string('s', 201)), Camille));
        Assert.Equal("Donnez le nom de la personne invitée.", Assert.Single(errors.For(nameof(InviteeDetails.Name))));
        Assert.Contains("Adresse e-mail invalide « pas-une-adresse »", Assert.Single(errors.For(nameof(InviteeDetails.Email))), StringComparison.Ordinal);
        Assert.Single(errors.For(nameof(InviteeDetails.StructureName)));
        var outsiderWithoutMail = Refusal(() => session.Invite(new InviteeDetails("Sans adresse"), Camille));
        Assert.Contains("adresse e-mail", Assert.Single(outsiderWithoutMail.For(nameof(InviteeDetails.Email))), StringComparison.Ordinal);
        var twice = Refusal(() => session.Invite(new InviteeDetails("P. Martin", "PAUL.MARTIN@caf.fr"), Camille));
        Assert.Equal("Paul Martin est déjà invité·e à cette séance.", Assert.Single(twice.For(nameof(InviteeDetails.Email))));
        Assert.Equal(2, session.Participants.Count);

        var none = session.Invite(new InviteeDetails("Invitée sans structure", "x@y.fr"), Camille);
        Assert.Equal(Session.NoStructure, session.Participants.Single(p => p.Id == none).StructureName);
        Assert.IsType<SessionAttendanceChanged>(session.DomainEvents[^1]);
    }

    [Fact]
    public void AYesPastTheCapacity_WaitsInOrder_AndTheFirstWaitingTakesAFreedPlace()
    {
        var session = WithCapacity(2);
        var ids = Enumerable.Range(1, 4).Select(i => session.Invite(new InviteeDetails($"Personne {i}", $"p{i}@test.fr"), Camille)).ToArray();
        for (var i = 0; i < 4; i++)
        {
            session.Answer(ids[i], InvitationAnswer.Oui, Camille, Now.AddMinutes(i));
        }
        Assert.Equal([true, true, false, false], ids.Select(id => session.Participants.Single(p => p.Id == id).HasPlace));
        Assert.Equal((1, 2), (session.WaitingPosition(ids[2])!.Value, session.WaitingPosition(ids[3])!.Value));
        Assert.Null(session.WaitingPosition(ids[0]));

        // a place freed by a no goes to the first waiting; an invitation withdrawn frees one too
        session.Answer(ids[0], InvitationAnswer.Non, Camille, Now.AddMinutes(10));
        Assert.True(session.Participants.Single(p => p.Id == ids[2]).HasPlace);
        Assert.Equal(1, session.WaitingPosition(ids[3]));
        session.Uninvite(ids[1], Camille);
        Assert.True(session.Participants.Single(p => p.Id == ids[3]).HasPlace);

        Assert.Throws<DomainValidationException>(() => session.Answer(ids[2], (InvitationAnswer)7, Camille, Now));
    }

    [Fact]
    public void Arrivals_AreMarkedOnce_CanBeUndoneOrEnded_AndTheSheetTotalsByStructure()
    {
        var session = WithCapacity(null);
        var samia = session.Invite(new InviteeDetails("Samia", "samia@ml.fr", StructureName: "Mission Locale"), Camille);
        var yanis = session.Invite(new InviteeDetails("Yanis", "yanis@ml.fr", StructureName: "mission locale"), Camille);
        var paul = session.Invite(new InviteeDetails("Paul", "paul@caf.fr", StructureName: "CAF"), Camille);
        session.Answer(samia, InvitationAnswer.Oui, Camille, Now);
        session.Answer(paul, InvitationAnswer.Oui, Camille, Now);

        session.CheckIn(samia, Camille, Now);
        session.CheckIn(samia, new SessionActor(null, "Samia"), Now.AddMinutes(5));
        Assert.Equal(Now, session.Participants.Single(p => p.Id == samia).ArrivedAt);
        session.CheckIn(yanis, Camille, Now); // came without answering: arrives anyway
        session.CheckIn(paul, Camille, Now);
        session.UndoCheckIn(paul, Camille);
        Assert.Null(session.Participants.Single(p => p.Id == paul).ArrivedAt);
        session.CheckOut(samia, Camille, Now.AddHours(1));
        Assert.Equal(Now.AddHours(1), session.Participants.Single(p => p.Id == samia).LeftAt);
        Assert.Throws<DomainValidationException>(() => session.CheckOut(paul, Camille, Now));
        Assert.Throws<DomainValidationException>(() => session.Uninvite(samia, Camille));

        Assert.Equal([new StructureAttendance("CAF", 1, 1, 0), new StructureAttendance("Mission Locale", 2, 1, 2)], session.AttendanceByStructure());
        Assert.Equal(yanis, session.FindInvited(null, " YANIS@ml.fr ")!.Id);
        Assert.Null(session.FindInvited(null, "inconnu@ml.fr"));

        session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        session.Start(Camille, Now);
        session.Close(Camille, Now.AddHours(2));
        var closed = Refusal(() => session.CheckIn(paul, Camille, Now.AddHours(3)));
        Assert.Equal("La séance est close : l'émargement aussi.", Assert.Single(closed.For(nameof(Session.State))));
    }

    [Fact]
    public void TheCheckInCode_IsEightCharactersOfTheAlphabet_AndIsReplacedOrWithdrawn()
    {
        var session = WithCapacity(null);
        Assert.Throws<DomainValidationException>(() => session.OpenCheckIn("court", Camille));
        var code = AccessCode.New(Session.CheckInCodeLength);
        session.OpenCheckIn(code, Camille);
        Assert.Equal(code, session.CheckInCode);
        session.CloseCheckIn(Camille);
        Assert.Null(session.CheckInCode);
    }
}
