namespace CiteEmploi.Domain.Common;

/// <summary>Something that happened to an aggregate; dispatched only after the change is committed.</summary>
public interface IDomainEvent;
