using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Features.Cites;

namespace CiteEmploi.Web.Features.Demo;

/// <summary>
/// Loads the demonstration Cité: fictional but realistic, and labelled as such wherever it appears. Later features
/// add their own demonstration content here, so one call (the <c>load-demo</c> verb or the button on the home page)
/// gives a newcomer a complete workspace to try.
/// </summary>
public sealed class DemoLoader(CiteService cites, TimeProvider time)
{
    public const string Slug = "demo";
    public const string Name = "Cité de démonstration";

    /// <summary>Loads the demonstration; does nothing (and says so) when it is already there.</summary>
    public async Task<DemoLoadResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await cites.GetAsync(Slug, cancellationToken) is not null)
        {
            return new DemoLoadResult(Slug, AlreadyLoaded: true, Message: $"La « {Name} » est déjà chargée (adresse : /c/{Slug}).");
        }

        var result = await cites.CreateAsync(Profile(time.GetLocalNow().Year), Slug, isDemonstration: true, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Le chargement de la démonstration a échoué : {result.Describe()}");
        }
        return new DemoLoadResult(Slug, AlreadyLoaded: false, Message: $"La « {Name} » est chargée (données fictives) : ouvrez /c/{Slug}.");
    }

    /// <summary>A fictional commune with two priority neighbourhoods, €100,000 for the year and four co-funders.</summary>
    public static CiteProfile Profile(int year) => new()
    {
        Name = Name,
        PerimeterType = PerimeterType.Commune,
        TerritoryName = "Valmont-sur-Loire (commune fictive, 48 000 habitants)",
        Qpvs =
        [
            new Qpv("QN99001M", "Les Résidences"),
            new Qpv("QN99002M", "Le Plateau Saint-Jean"),
        ],
        BudgetYear = year,
        BudgetAmount = 100_000m,
        CoFunders =
        [
            new CoFunder("Préfecture — crédits politique de la ville", 50_000m),
            new CoFunder("DREETS", 20_000m),
            new CoFunder("Valmont Agglomération (EPCI)", 20_000m),
            new CoFunder("Ville de Valmont-sur-Loire", 10_000m),
        ],
        Coordinator = new CoordinatorContact("Camille Martin (personne fictive)", "coordination@demo.citeemploi.invalid", "01 00 00 00 00"),
    };
}

public sealed record DemoLoadResult(string Slug, bool AlreadyLoaded, string Message);
