using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Boards;

/// <summary>Something that happened on one board; everything watching that board hears it.</summary>
public interface IBoardEvent : IDomainEvent
{
    Guid CiteId { get; }

    Guid BoardId { get; }
}

public sealed record BoardCreated(Guid CiteId, Guid BoardId, BoardKind Kind, string Title) : IBoardEvent;

public sealed record BoardDetailsChanged(Guid CiteId, Guid BoardId, string Title) : IBoardEvent;

public sealed record ColumnAdded(Guid CiteId, Guid BoardId, Guid ColumnId, string Title) : IBoardEvent;

public sealed record ColumnRenamed(Guid CiteId, Guid BoardId, Guid ColumnId, string OldTitle, string NewTitle) : IBoardEvent;

public sealed record ColumnMoved(Guid CiteId, Guid BoardId, Guid ColumnId, string Title, int NewIndex) : IBoardEvent;

public sealed record ColumnRemoved(Guid CiteId, Guid BoardId, Guid ColumnId, string Title) : IBoardEvent;

public sealed record ColumnRestored(Guid CiteId, Guid BoardId, Guid ColumnId, string Title) : IBoardEvent;

public sealed record BoardLocked(Guid CiteId, Guid BoardId) : IBoardEvent;

public sealed record BoardUnlocked(Guid CiteId, Guid BoardId) : IBoardEvent;

public sealed record VoteAllowanceChanged(Guid CiteId, Guid BoardId, int VotesPerPerson) : IBoardEvent;

public sealed record VotesRevealed(Guid CiteId, Guid BoardId) : IBoardEvent;

public sealed record VotesHidden(Guid CiteId, Guid BoardId) : IBoardEvent;

public sealed record TimerStarted(Guid CiteId, Guid BoardId, TimeSpan Duration, bool FreezesWhenOver) : IBoardEvent;

public sealed record TimerPaused(Guid CiteId, Guid BoardId, TimeSpan Remaining) : IBoardEvent;

public sealed record TimerResumed(Guid CiteId, Guid BoardId, TimeSpan Remaining) : IBoardEvent;

public sealed record TimerExtended(Guid CiteId, Guid BoardId, TimeSpan Added) : IBoardEvent;

public sealed record TimerStopped(Guid CiteId, Guid BoardId) : IBoardEvent;

public sealed record CardAdded(Guid CiteId, Guid BoardId, Guid CardId, Guid ColumnId, string AuthorName, string Text) : IBoardEvent;

public sealed record CardEdited(Guid CiteId, Guid BoardId, Guid CardId, string EditorName, string Text) : IBoardEvent;

public sealed record CardMoved(Guid CiteId, Guid BoardId, Guid CardId, Guid FromColumnId, Guid ToColumnId, double Position, string MovedByName) : IBoardEvent;

public sealed record CardDeleted(Guid CiteId, Guid BoardId, Guid CardId, string DeletedByName, string Text) : IBoardEvent;

public sealed record CardRestored(Guid CiteId, Guid BoardId, Guid CardId, string RestoredByName, string Text) : IBoardEvent;

/// <summary>The card became an action of a feuille de route (the coordination's « En faire une action »).</summary>
public sealed record CardLinkedToAction(Guid CiteId, Guid BoardId, Guid CardId, Guid PlanId, Guid ActionId, string ByName, string Text) : IBoardEvent;

/// <summary>A vote was cast. The voter is not named: votes stay secret until revealed, and even then only counts show.</summary>
public sealed record CardVoted(Guid CiteId, Guid BoardId, Guid CardId) : IBoardEvent;

public sealed record CardVoteWithdrawn(Guid CiteId, Guid BoardId, Guid CardId) : IBoardEvent;
