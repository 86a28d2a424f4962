using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Common;
using static CiteEmploi.Tests.Domain.Boards.BoardTests;

namespace CiteEmploi.Tests.Domain.Boards;

public class CardTests
{
    private readonly Board _board = DiagnosticBoard();

    private Guid Column(int index) => _board.OpenColumns[index].Id;

    private Card NewCard(string text = "Peu de places en crèche", BoardActor? by = null) =>
        Card.Add(_board, Column(0), new CardContent(text), 1024, by ?? Partner, Now);

    private static DomainValidationException Refused(Action action) => Assert.Throws<DomainValidationException>(action);

    [Fact]
    public void Add_KeepsAuthorColourTagsAndRaisesCardAdded()
    {
        var card = Card.Add(_board, Column(0), new CardContent("  Pas de bus après 20 h  ", CardColour.Bleu, "mobilite", "jeunes"), 1024, Partner, Now);

        Assert.Equal("Pas de bus après 20 h", card.Text);
        Assert.Equal(("partenaire", "Samia", CardColour.Bleu, "mobilite", "jeunes"), (card.AuthorKey, card.AuthorName, card.Colour, card.FreinCode, card.PublicCode));
        Assert.Equal(new CardAdded(CiteId, _board.Id, card.Id, Column(0), "Samia", "Pas de bus après 20 h"), Assert.Single(card.DomainEvents));
        Assert.Equal(_board.CiteId, card.CiteId);
    }

    [Fact]
    public void Add_RefusesEmptyTooLongUnknownTagsAndARemovedColumn()
    {
        Assert.Equal("Une carte vide n'apporte rien : écrivez quelques mots.", Refused(() => NewCard("   ")).Errors.For("Text").Single());
        var tooLong = Refused(() => NewCard(new string('a', Card.MaxTextLength + 1)));
        Assert.Contains($"ne peut pas dépasser {Card.MaxTextLength} caractères (actuellement {Card.MaxTextLength + 1})", tooLong.Message);
        NewCard(new string('a', Card.MaxTextLength));

        var tags = Refused(() => Card.Add(_board, Column(0), new CardContent("x", CardColour.Jaune, "teleportation", "martiens"), 0, Partner, Now));
        Assert.Equal("Frein inconnu « teleportation ».", tags.Errors.For("FreinCode").Single());
        Assert.Contains("« martiens »", tags.Errors.For("PublicCode").Single());

        var removed = Column(2);
        _board.RemoveColumn(removed, Facilitator, Now);
        Assert.Contains("a été supprimée", Refused(() => Card.Add(_board, removed, new CardContent("x"), 0, Partner, Now)).Message);
    }

    [Fact]
    public void Move_ToAnotherColumn_RaisesCardMoved_AndRefusesARemovedColumn()
    {
        var card = NewCard();
        card.ClearDomainEvents();
        card.Move(_board, Column(1), 2048, OtherPartner, Now);

        Assert.Equal((Column(1), 2048d), (card.ColumnId, card.Position));
        Assert.Equal(new CardMoved(CiteId, _board.Id, card.Id, Column(0), Column(1), 2048, "Jules"), Assert.Single(card.DomainEvents));

        var removed = Column(3);
        _board.RemoveColumn(removed, Facilitator, Now);
        Assert.Contains("« Publics prioritaires » a été supprimée", Refused(() => card.Move(_board, removed, 0, Partner, Now)).Message);
        Assert.Equal(Column(1), card.ColumnId);
    }

    [Fact]
    public void Move_OfSomeoneElsesCard_OnALockedBoard_IsRefused()
    {
        var card = NewCard();
        _board.Lock(Facilitator);

        Assert.Contains("verrouillé", Refused(() => card.Move(_board, Column(1), 0, OtherPartner, Now)).Message);
        Assert.Contains("verrouillé", Refused(() => card.Delete(_board, OtherPartner, Now)).Message);
        card.Move(_board, Column(1), 0, Partner, Now);
        card.Move(_board, Column(2), 0, Facilitator, Now);
        Assert.Equal(Column(2), card.ColumnId);
    }

    [Fact]
    public void Delete_ThenRestore_Undoes_AndADeletedCardRefusesEdits()
    {
        var card = NewCard();
        card.Delete(_board, OtherPartner, Now);
        Assert.True(card.IsDeleted);

        var refused = Refused(() => card.Edit(_board, new CardContent("Nouveau"), card.Content, card.Version, Partner, Now));
        Assert.Equal("Impossible de modifier cette carte : Jules l'a supprimée entre-temps.", refused.Errors.For("Card").Single());
        Assert.Contains("supprimée", Refused(() => card.Move(_board, Column(1), 0, Partner, Now)).Message);

        card.Restore(_board, OtherPartner, Now);
        Assert.False(card.IsDeleted);
        Assert.IsType<CardRestored>(card.DomainEvents[^1]);
    }

    [Fact]
    public void Restore_OfACardWhoseColumnWasRemoved_PutsItInTheFirstOpenColumn()
    {
        var card = NewCard();
        card.Delete(_board, Partner, Now);
        var gone = Column(0);
        _board.RemoveColumn(gone, Facilitator, Now);

        card.Restore(_board, Partner, Now);

        Assert.Equal(_board.OpenColumns[0].Id, card.ColumnId);
    }

    [Fact]
    public void Edit_FromTheCurrentVersion_Applies()
    {
        var card = NewCard();
        card.Edit(_board, new CardContent("Peu de places en crèche le soir", CardColour.Rose), card.Content, card.Version, OtherPartner, Now);

        Assert.Equal(("Peu de places en crèche le soir", CardColour.Rose), (card.Text, card.Colour));
        Assert.Equal(new CardEdited(CiteId, _board.Id, card.Id, "Jules", "Peu de places en crèche le soir"), card.DomainEvents[^1]);
    }

    [Fact]
    public void Edit_FromAStaleVersion_WhereOnlyOtherFieldsChanged_MergesWithoutLoss()
    {
        var card = NewCard();
        var basis = card.Content;
        var basisVersion = card.Version;
        // meanwhile: someone changes the colour and moves the card
        card.Edit(_board, basis with { Colour = CardColour.Vert }, basis, basisVersion, OtherPartner, Now);
        card.Move(_board, Column(1), 10, OtherPartner, Now);

        card.Edit(_board, basis with { Text = "Peu de places en crèche, surtout le soir" }, basis, basisVersion, Partner, Now);

        Assert.Equal(("Peu de places en crèche, surtout le soir", CardColour.Vert), (card.Text, card.Colour));
    }

    [Fact]
    public void Edit_FromAStaleVersion_WhereTheTextChangedToo_IsAConflictKeepingBothTexts()
    {
        var card = NewCard();
        var basis = card.Content;
        var basisVersion = card.Version;
        card.Edit(_board, basis with { Text = "Texte de Jules" }, basis, basisVersion, OtherPartner, Now);
        var versionBefore = card.Version;

        var conflict = Assert.Throws<CardEditConflictException>(() =>
            card.Edit(_board, basis with { Text = "Texte de Samia" }, basis, basisVersion, Partner, Now));

        Assert.Equal("Texte de Jules", conflict.Current.Text);
        Assert.Equal("Texte de Samia", conflict.Yours.Text);
        Assert.Equal(["texte"], conflict.Fields);
        Assert.Contains("Vos modifications sont conservées", conflict.Message);
        Assert.Equal(("Texte de Jules", versionBefore), (card.Text, card.Version));
    }

    [Fact]
    public void Vote_UpToTheAllowance_ThenRefused_AndWithdrawFreesAVote()
    {
        var card = NewCard();
        _board.SetVoteAllowance(2, Facilitator);
        card.Vote(_board, Partner, votesAlreadyCast: 0, Now);
        card.Vote(_board, Partner, votesAlreadyCast: 1, Now);
        Assert.Equal(2, card.VotesOf(Partner.Key));

        Assert.Contains("vos 2 votes", Refused(() => card.Vote(_board, Partner, votesAlreadyCast: 2, Now)).Message);
        card.WithdrawVote(_board, Partner, Now);
        Assert.Equal(1, card.VotesOf(Partner.Key));
        Assert.Contains("pas voté", Refused(() => card.WithdrawVote(_board, OtherPartner, Now)).Message);
        Assert.DoesNotContain(card.DomainEvents, e => e is CardVoted v && v.ToString().Contains(Partner.Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, 1024d)]
    [InlineData(null, 1024d, 0d)]
    [InlineData(1024d, null, 2048d)]
    [InlineData(1024d, 2048d, 1536d)]
    public void PositionBetween_LandsBetweenNeighbours(double? before, double? after, double expected) =>
        Assert.Equal(expected, Card.PositionBetween(before, after));

    [Fact]
    public void PositionBetween_TooCloseNeighbours_AsksForARenumbering() =>
        Assert.Null(Card.PositionBetween(1, 1 + 1e-9));

    [Fact]
    public void ActivityLog_DescribesChangesInFrench_AndLeavesVotesOut()
    {
        var card = NewCard();
        card.Move(_board, Column(1), 0, OtherPartner, Now);
        string? title(Guid id) => _board.Columns.FirstOrDefault(c => c.Id == id)?.Title;

        var added = BoardActivity.For((IBoardEvent)card.DomainEvents[0], Partner, Now, title)!;
        var moved = BoardActivity.For((IBoardEvent)card.DomainEvents[1], OtherPartner, Now, title)!;

        Assert.Equal(("Samia", "a ajouté la carte « Peu de places en crèche » dans « Constats »."), (added.ActorName, added.Summary));
        Assert.Equal("a déplacé une carte de « Constats » vers « Besoins non couverts ».", moved.Summary);
        Assert.Null(BoardActivity.For(new CardVoted(CiteId, _board.Id, card.Id), Partner, Now, title));
    }
}
