using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Cites;

public sealed record CiteCreated(Guid CiteId, string Slug, string Name) : IDomainEvent;

public sealed record CiteRenamed(Guid CiteId, string Slug, string OldName, string NewName) : IDomainEvent;

public sealed record CiteProfileUpdated(Guid CiteId, string Slug) : IDomainEvent;

public sealed record CiteArchived(Guid CiteId, string Slug) : IDomainEvent;

public sealed record CiteRestored(Guid CiteId, string Slug) : IDomainEvent;
