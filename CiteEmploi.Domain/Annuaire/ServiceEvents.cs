using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

public sealed record ServiceCreated(Guid ServiceId, Guid CiteId, Guid StructureId, string Name) : IDomainEvent;

public sealed record ServiceUpdated(Guid ServiceId, Guid CiteId, Guid StructureId) : IDomainEvent;

public sealed record ServicePublished(Guid ServiceId, Guid CiteId, Guid StructureId) : IDomainEvent;

public sealed record ServiceArchived(Guid ServiceId, Guid CiteId, Guid StructureId) : IDomainEvent;

public sealed record ServiceReturnedToDraft(Guid ServiceId, Guid CiteId, Guid StructureId, ServiceStatus From) : IDomainEvent;

public sealed record ServiceConfirmedAccurate(Guid ServiceId, Guid CiteId, Guid StructureId, DateOnly On) : IDomainEvent;
