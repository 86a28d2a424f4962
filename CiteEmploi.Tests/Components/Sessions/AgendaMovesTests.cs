using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Components.Pages.Sessions;

namespace CiteEmploi.Tests.Components.Sessions;

/// <summary>
/// The agenda editor's moves, each applied to a real <see cref="Session"/> through <see cref="Session.MoveItem"/>: what
/// the person asked for is what the agenda becomes.
/// </summary>
public sealed class AgendaMovesTests
{
    private static readonly SessionActor Camille = new("coord", "Camille");

    // Accueil, Bilan (with Mobilité and Logement), Décisions, Clôture
    private readonly Session _session = Session.Create(Guid.NewGuid(),
        new SessionDetails(SessionKind.ComitePilotage, "COPIL", new DateOnly(2026, 3, 12), new TimeOnly(9, 0), new TimeOnly(11, 0)), Camille, DateTimeOffset.UtcNow);
    private readonly Guid _accueil, _bilan, _mobilite, _logement, _decisions, _cloture;

    public AgendaMovesTests()
    {
        _accueil = _session.AddItem(null, new AgendaItemContent("Accueil", 10), Camille);
        _bilan = _session.AddItem(null, new AgendaItemContent("Bilan", 30), Camille);
        _mobilite = _session.AddItem(_bilan, new AgendaItemContent("Mobilité", 15), Camille);
        _logement = _session.AddItem(_bilan, new AgendaItemContent("Logement", 15), Camille);
        _decisions = _session.AddItem(null, new AgendaItemContent("Décisions", 20), Camille);
        _cloture = _session.AddItem(null, new AgendaItemContent("Clôture", 5), Camille);
    }

    private string Agenda() => string.Join(", ", _session.ScheduleAt(DateTimeOffset.UtcNow).Items.Select(i => $"{i.Number} {i.Item.Title}"));

    private void Apply(AgendaMove? move)
    {
        Assert.NotNull(move);
        _session.MoveItem(move.ItemId, move.ParentId, move.Index, Camille);
    }

    [Fact]
    public void UpAndDown_MoveAnItemWithItsSubItems_AmongItsSiblings()
    {
        Apply(AgendaMoves.Up(_session.Items, _decisions));
        Assert.Equal("1 Accueil, 2 Décisions, 3 Bilan, 3.1 Mobilité, 3.2 Logement, 4 Clôture", Agenda());

        Apply(AgendaMoves.Down(_session.Items, _accueil));
        Assert.Equal("1 Décisions, 2 Accueil, 3 Bilan, 3.1 Mobilité, 3.2 Logement, 4 Clôture", Agenda());

        Apply(AgendaMoves.Down(_session.Items, _mobilite));
        Assert.Equal("1 Décisions, 2 Accueil, 3 Bilan, 3.1 Logement, 3.2 Mobilité, 4 Clôture", Agenda());
    }

    [Fact]
    public void TheEnds_CannotMoveFurther()
    {
        Assert.Null(AgendaMoves.Up(_session.Items, _accueil));
        Assert.Null(AgendaMoves.Down(_session.Items, _cloture));
        Assert.Null(AgendaMoves.Up(_session.Items, _mobilite)); // first of its parent's sub-items
        Assert.Null(AgendaMoves.Down(_session.Items, _logement));
        Assert.Null(AgendaMoves.Up(_session.Items, Guid.NewGuid()));
    }

    [Fact]
    public void Indent_MakesTheLastSubItemOfTheItemAbove_AndOutdentBringsItBackAfterItsParent()
    {
        Apply(AgendaMoves.Indent(_session.Items, _decisions));
        Assert.Equal("1 Accueil, 2 Bilan, 2.1 Mobilité, 2.2 Logement, 2.3 Décisions, 3 Clôture", Agenda());

        Apply(AgendaMoves.Outdent(_session.Items, _mobilite));
        Assert.Equal("1 Accueil, 2 Bilan, 2.1 Logement, 2.2 Décisions, 3 Mobilité, 4 Clôture", Agenda());
    }

    [Fact]
    public void Indent_IsNotOffered_ForTheFirstItem_ASubItem_OrAnItemWithSubItems()
    {
        Assert.False(AgendaMoves.CanIndent(_session.Items, _accueil));
        Assert.False(AgendaMoves.CanIndent(_session.Items, _mobilite));
        Assert.False(AgendaMoves.CanIndent(_session.Items, _bilan));
        Assert.True(AgendaMoves.CanIndent(_session.Items, _cloture));
        Assert.Null(AgendaMoves.Outdent(_session.Items, _accueil));
    }

    [Fact]
    public void Drop_OnAnItem_TakesItsPlace_AndItsLevel()
    {
        Assert.Equal(new AgendaMove(_accueil, null, 1), AgendaMoves.Drop(_session.Items, _accueil, _bilan)); // onto the next: they swap
        Apply(AgendaMoves.Drop(_session.Items, _cloture, _accueil));
        Assert.Equal("1 Clôture, 2 Accueil, 3 Bilan, 3.1 Mobilité, 3.2 Logement, 4 Décisions", Agenda());

        Apply(AgendaMoves.Drop(_session.Items, _cloture, _decisions));
        Assert.Equal("1 Accueil, 2 Bilan, 2.1 Mobilité, 2.2 Logement, 3 Décisions, 4 Clôture", Agenda());

        // onto a sub-item, coming from above: a sub-item after it
        Apply(AgendaMoves.Drop(_session.Items, _accueil, _logement));
        Assert.Equal("1 Bilan, 1.1 Mobilité, 1.2 Logement, 1.3 Accueil, 2 Décisions, 3 Clôture", Agenda());

        // a sub-item dropped at the end comes back to the top level
        Apply(AgendaMoves.Drop(_session.Items, _accueil, null));
        Assert.Equal("1 Bilan, 1.1 Mobilité, 1.2 Logement, 2 Décisions, 3 Clôture, 4 Accueil", Agenda());
    }

    [Fact]
    public void Drop_OfAnItemWithSubItems_OnASubItem_StaysAtTheTopLevel_NextToItsParent()
    {
        Apply(AgendaMoves.Drop(_session.Items, _bilan, _accueil));
        var decisionsUnderBilan = AgendaMoves.Drop(_session.Items, _decisions, _mobilite);
        Assert.Equal(_bilan, decisionsUnderBilan!.ParentId); // an item without sub-items goes under

        Apply(AgendaMoves.Indent(_session.Items, _cloture)); // Clôture under Décisions
        Apply(AgendaMoves.Drop(_session.Items, _bilan, _cloture));
        Assert.Equal("1 Accueil, 2 Décisions, 2.1 Clôture, 3 Bilan, 3.1 Mobilité, 3.2 Logement", Agenda());
    }

    [Fact]
    public void Drop_WhereItAlreadyIs_OrOnItself_ChangesNothing()
    {
        Assert.Null(AgendaMoves.Drop(_session.Items, _accueil, _accueil));
        Assert.Null(AgendaMoves.Drop(_session.Items, _cloture, null));
        Assert.Null(AgendaMoves.Drop(_session.Items, _bilan, _mobilite)); // its own sub-item
    }
}
