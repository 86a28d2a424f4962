namespace CiteEmploi.Domain.Common;

/// <summary>Content that belongs to exactly one Cité; the data layer filters it by the current Cité in one place.</summary>
public interface ICiteOwned
{
    Guid CiteId { get; }
}
