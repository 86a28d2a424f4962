using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Roadmap;

/// <summary>Something that happened to one plan or one of its actions; everything watching that plan hears it.</summary>
public interface IPlanEvent : IDomainEvent
{
    Guid CiteId { get; }

    Guid PlanId { get; }
}

public sealed record PlanCreated(Guid CiteId, Guid PlanId, string Title) : IPlanEvent;

public sealed record PlanDetailsChanged(Guid CiteId, Guid PlanId, string Title, string ByName) : IPlanEvent;

public sealed record PlanStateChanged(Guid CiteId, Guid PlanId, PlanState State, DateOnly Date, string ByName) : IPlanEvent;

public sealed record PlanActionAdded(Guid CiteId, Guid PlanId, Guid ActionId, Guid? ParentId, string Title, string ByName) : IPlanEvent;

/// <summary>
/// Fields of an action changed: their names as in the domain (« Title,DueDate »), comma-separated so the event stays a
/// plain value that crosses servers and compares equal after the trip.
/// </summary>
public sealed record PlanActionEdited(Guid CiteId, Guid PlanId, Guid ActionId, string Fields, string ByName) : IPlanEvent;

public sealed record PlanActionMoved(Guid CiteId, Guid PlanId, Guid ActionId, Guid? ParentId, double Position, string ByName) : IPlanEvent;

public sealed record PlanActionDeleted(Guid CiteId, Guid PlanId, Guid ActionId, string Title, string ByName) : IPlanEvent;

/// <summary>A deleted action is back in its place (« Annuler la suppression », « Rétablir »).</summary>
public sealed record PlanActionRestored(Guid CiteId, Guid PlanId, Guid ActionId, Guid? ParentId, string Title, string ByName) : IPlanEvent;
