using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Tests.Domain.Boards;

public class BoardTests
{
    internal static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    internal static readonly Guid CiteId = Guid.NewGuid();
    internal static readonly BoardActor Facilitator = new("coord", "Camille (animatrice)", IsFacilitator: true);
    internal static readonly BoardActor Partner = new("partenaire", "Samia", IsFacilitator: false);
    internal static readonly BoardActor OtherPartner = new("autre", "Jules", IsFacilitator: false);

    internal static Board DiagnosticBoard() => Board.Create(CiteId, BoardKind.Diagnostic, "Diagnostic partagé 2026", "Notre **diagnostic**.", null, Facilitator, Now);

    private static DomainValidationException Refused(Action action) => Assert.Throws<DomainValidationException>(action);

    [Fact]
    public void Create_Diagnostic_GetsTheFourColumnsInOrder_AndRaisesBoardCreated()
    {
        var board = DiagnosticBoard();

        Assert.Equal(["Constats", "Besoins non couverts", "Ressources existantes", "Publics prioritaires"], board.Columns.Select(c => c.Title));
        Assert.Equal(new BoardCreated(CiteId, board.Id, BoardKind.Diagnostic, "Diagnostic partagé 2026"), Assert.Single(board.DomainEvents));
        Assert.Equal("Notre **diagnostic**.", board.Description);
        Assert.Equal(Board.DefaultVotesPerPerson, board.VotesPerPerson);
        Assert.Equal(CiteId, board.CiteId);
    }

    [Fact]
    public void Create_Workshop_TakesTheFacilitatorsColumns_AndNeedsAtLeastOne()
    {
        var board = Board.Create(CiteId, BoardKind.Atelier, "Atelier mobilité", null, ["  Idées ", "", "Freins"], Facilitator, Now);
        Assert.Equal(["Idées", "Freins"], board.Columns.Select(c => c.Title));

        var refused = Refused(() => Board.Create(CiteId, BoardKind.Atelier, "Atelier", null, [" "], Facilitator, Now));
        Assert.Contains("au moins une colonne", refused.Message);
    }

    [Fact]
    public void Create_RefusesEmptyTitle_DuplicateColumns_AndANonFacilitator()
    {
        var refused = Refused(() => Board.Create(CiteId, BoardKind.Atelier, " ", null, ["Idées", "IDEES"], Facilitator, Now));
        Assert.Contains("Le titre du tableau est obligatoire.", refused.Errors.For(nameof(Board.Title)));
        Assert.Contains("La colonne « Idées » figure deux fois.", refused.Errors.For(nameof(Board.Columns)));

        var partner = Refused(() => Board.Create(CiteId, BoardKind.Diagnostic, "Diag", null, null, Partner, Now));
        Assert.Equal("Seul·e l'animateur·rice peut créer un tableau.", Assert.Single(partner.Errors.For("Facilitation")));
    }

    [Fact]
    public void Columns_AddRenameReorderRemoveRestore_KeepOrderAndRaiseEffectEvents()
    {
        var board = DiagnosticBoard();
        board.ClearDomainEvents();
        var added = board.AddColumn("Idées d'actions", Facilitator);
        board.RenameColumn(added.Id, "Pistes d'actions", Facilitator);
        board.MoveColumn(added.Id, 0, Facilitator);
        var constats = board.Columns.Single(c => c.Title == "Constats");
        board.RemoveColumn(constats.Id, Facilitator, Now);

        Assert.Equal(["Pistes d'actions", "Besoins non couverts", "Ressources existantes", "Publics prioritaires"], board.OpenColumns.Select(c => c.Title));
        Assert.Collection(board.DomainEvents,
            e => Assert.IsType<ColumnAdded>(e),
            e => Assert.Equal(new ColumnRenamed(CiteId, board.Id, added.Id, "Idées d'actions", "Pistes d'actions"), e),
            e => Assert.Equal(new ColumnMoved(CiteId, board.Id, added.Id, "Pistes d'actions", 0), e),
            e => Assert.Equal(new ColumnRemoved(CiteId, board.Id, constats.Id, "Constats"), e));

        board.RestoreColumn(constats.Id, Facilitator);
        Assert.Equal("Constats", board.OpenColumns[^1].Title);
    }

    [Fact]
    public void Columns_RefuseDuplicateTitle_TheLastColumnsRemoval_AndPartners()
    {
        var board = Board.Create(CiteId, BoardKind.Atelier, "Atelier", null, ["Seule"], Facilitator, Now);
        Assert.Contains("existe déjà", Refused(() => board.AddColumn("SEULE", Facilitator)).Message);
        Assert.Contains("au moins une colonne", Refused(() => board.RemoveColumn(board.Columns[0].Id, Facilitator, Now)).Message);
        Assert.Contains("Seul·e l'animateur·rice peut ajouter une colonne.", Refused(() => board.AddColumn("Autre", Partner)).Message);
        Assert.Contains("ne peut pas dépasser 60", Refused(() => board.AddColumn(new string('x', 61), Facilitator)).Message);
    }

    [Fact]
    public void OpenColumn_OfARemovedColumn_IsRefusedWithItsTitle()
    {
        var board = DiagnosticBoard();
        var column = board.Columns[1];
        board.RemoveColumn(column.Id, Facilitator, Now);

        var refused = Refused(() => board.OpenColumn(column.Id));
        Assert.Equal("La colonne « Besoins non couverts » a été supprimée : choisissez une autre colonne.", refused.Errors.For(nameof(Board.Columns)).Single());
        Assert.Contains("n'existe pas", Refused(() => board.OpenColumn(Guid.NewGuid())).Message);
    }

    [Fact]
    public void Timer_StartPauseResumeAddTimeStop_ComputedFromTheGivenInstant()
    {
        var board = DiagnosticBoard();
        board.StartTimer(TimeSpan.FromMinutes(5), freezesWhenOver: false, Facilitator, Now);
        Assert.Equal(new BoardTimer(TimerState.Running, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), Now.AddMinutes(5), false), board.TimerAt(Now.AddMinutes(1)));

        board.PauseTimer(Facilitator, Now.AddMinutes(2));
        Assert.Equal(TimerState.Paused, board.TimerAt(Now.AddMinutes(30)).State);
        Assert.Equal(TimeSpan.FromMinutes(3), board.TimerAt(Now.AddMinutes(30)).Remaining);

        board.ResumeTimer(Facilitator, Now.AddMinutes(10));
        board.AddTime(TimeSpan.FromMinutes(2), Facilitator, Now.AddMinutes(11));
        Assert.Equal(TimeSpan.FromMinutes(4), board.TimerAt(Now.AddMinutes(11)).Remaining);
        Assert.Equal(TimerState.Ended, board.TimerAt(Now.AddMinutes(15)).State);

        board.StopTimer(Facilitator);
        Assert.Equal(BoardTimer.Idle, board.TimerAt(Now.AddMinutes(16)));
        Assert.Contains(board.DomainEvents, e => e is TimerExtended { Added.TotalMinutes: 2 });
    }

    [Fact]
    public void Timer_ThatFreezes_RefusesPartnersOnceOver_ButNotTheFacilitator()
    {
        var board = DiagnosticBoard();
        board.StartTimer(TimeSpan.FromMinutes(1), freezesWhenOver: true, Facilitator, Now);
        board.EnsureOpenForContributions(Partner, Now.AddSeconds(59));

        var refused = Refused(() => board.EnsureOpenForContributions(Partner, Now.AddMinutes(1)));
        Assert.Contains("Le temps est écoulé", refused.Message);
        board.EnsureOpenForContributions(Facilitator, Now.AddMinutes(1));
        Assert.Contains("entre 10 secondes", Refused(() => board.StartTimer(TimeSpan.FromHours(5), false, Facilitator, Now)).Message);
        Assert.Contains("Seul·e l'animateur·rice peut lancer le minuteur.", Refused(() => board.StartTimer(TimeSpan.FromMinutes(1), false, Partner, Now)).Message);
    }

    [Fact]
    public void Votes_AllowanceAndReveal_AreTheFacilitatorsAndRefusedBeyondTheAllowance()
    {
        var board = DiagnosticBoard();
        board.SetVoteAllowance(2, Facilitator);
        board.EnsureVoteAllowed(1);
        Assert.Equal("Vous avez déjà utilisé vos 2 votes : retirez-en un pour voter ailleurs.", Refused(() => board.EnsureVoteAllowed(2)).Errors.For("Votes").Single());

        Assert.Throws<DomainValidationException>(() => board.RevealVotes(Partner));
        board.RevealVotes(Facilitator);
        Assert.True(board.VotesAreRevealed);
        Assert.Contains("de 1 à 20", Refused(() => board.SetVoteAllowance(0, Facilitator)).Message);
    }

    [Fact]
    public void Lock_LetsPeopleChangeTheirOwnCardsOnly()
    {
        var board = DiagnosticBoard();
        board.Lock(Facilitator);
        board.EnsureMayChangeCardOf(Partner.Key, Partner, "déplacer");
        board.EnsureMayChangeCardOf(Partner.Key, Facilitator, "déplacer");

        var refused = Refused(() => board.EnsureMayChangeCardOf(Partner.Key, OtherPartner, "déplacer"));
        Assert.Equal("Le tableau est verrouillé : seul·e l'animateur·rice peut déplacer les cartes des autres.", refused.Errors.For("Lock").Single());
        board.Unlock(Facilitator);
        board.EnsureMayChangeCardOf(Partner.Key, OtherPartner, "déplacer");
    }

    [Fact]
    public void EnsureRoomForCard_RefusesAFullBoard_AndAGuestPastTheirShare_ButNotAMemberPastIt()
    {
        var board = DiagnosticBoard();
        var guest = new BoardActor(BoardGuest.KeyPrefix + "abc", "Nadia", IsFacilitator: false);

        board.EnsureRoomForCard(Board.MaxCards - 1, 0, Partner);
        board.EnsureRoomForCard(10, Board.MaxCardsPerGuest - 1, guest);
        board.EnsureRoomForCard(10, Board.MaxCardsPerGuest + 5, Partner);

        Assert.Contains($"déjà {Board.MaxCards} cartes", Refused(() => board.EnsureRoomForCard(Board.MaxCards, 0, Facilitator)).Message);
        Assert.Contains("le maximum pour un·e invité·e", Refused(() => board.EnsureRoomForCard(10, Board.MaxCardsPerGuest, guest)).Message);
    }
}
