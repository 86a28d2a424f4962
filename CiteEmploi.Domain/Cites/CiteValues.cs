namespace CiteEmploi.Domain.Cites;

/// <summary>A priority neighbourhood (quartier prioritaire de la politique de la ville) covered by a Cité.</summary>
public sealed record Qpv(string Code, string Name);

/// <summary>A co-funder of the Cité's yearly budget (préfecture, DREETS, EPCI, commune…).</summary>
public sealed record CoFunder(string Name, decimal Amount);

/// <summary>How to reach the Cité's coordinator.</summary>
public sealed record CoordinatorContact(string Name, string Email, string? Phone);

/// <summary>Everything a coordinator fills in about a Cité; the aggregate validates it as a whole.</summary>
public sealed record CiteProfile
{
    public string Name { get; init; } = string.Empty;
    public PerimeterType PerimeterType { get; init; } = PerimeterType.Commune;
    public string TerritoryName { get; init; } = string.Empty;
    public IReadOnlyList<Qpv> Qpvs { get; init; } = [];
    public int BudgetYear { get; init; }
    public decimal BudgetAmount { get; init; }
    public IReadOnlyList<CoFunder> CoFunders { get; init; } = [];
    public CoordinatorContact? Coordinator { get; init; }
}
