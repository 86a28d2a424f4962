using CiteEmploi.Domain.Cites;

namespace CiteEmploi.Web.Features.Cites;

/// <summary>A line of the list of Cités.</summary>
public sealed record CiteSummary(
    Guid Id,
    string Slug,
    string Name,
    PerimeterType PerimeterType,
    string TerritoryName,
    int QpvCount,
    bool IsArchived,
    bool IsDemonstration);

/// <summary>Everything shown on a Cité's overview page.</summary>
public sealed record CiteDetails(
    Guid Id,
    string Slug,
    int Version,
    CiteProfile Profile,
    bool IsDemonstration,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt)
{
    public bool IsArchived => ArchivedAt is not null;
}
