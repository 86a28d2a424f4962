using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

public sealed record StructureCreated(Guid StructureId, Guid CiteId, string Name) : IDomainEvent;

public sealed record StructureUpdated(Guid StructureId, Guid CiteId, string Name) : IDomainEvent;
