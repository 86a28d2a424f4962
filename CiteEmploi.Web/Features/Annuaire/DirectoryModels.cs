using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>A line of the structures list.</summary>
public sealed record StructureListItem(Guid Id, string Name, string? Commune, int PublishedServices, int DraftServices, int StaleServices, bool IsImported);

/// <summary>A structure with its services as one person may see them (drafts only for those who may edit).</summary>
public sealed record StructureView(Structure Structure, IReadOnlyList<Service> Services, bool CanEdit, IReadOnlyList<StructureMemberItem> Members);

/// <summary>A member account linked to a structure.</summary>
public sealed record StructureMemberItem(string UserId, string DisplayName, string Email);

/// <summary>A service with its structure, and whether the person may edit it.</summary>
public sealed record ServiceView(Service Service, Structure Structure, bool CanEdit);

/// <summary>A service whose information has not been confirmed for six months, for the coordinator's list.</summary>
public sealed record StaleServiceItem(Guid ServiceId, string ServiceName, Guid StructureId, string StructureName, DateOnly UpdatedOn);

/// <summary>A place a search can be narrowed to: a QPV code, an INSEE code or a commune name, with its label.</summary>
public sealed record DirectoryPlace(string Code, string Label);
