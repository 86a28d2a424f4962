namespace CiteEmploi.Domain.Cites;

/// <summary>The scale at which a Cité works (DOMAIN.md: "flexible geographic scale").</summary>
public enum PerimeterType
{
    Quartier,
    Commune,
    Epci,
    Departement,
}

public static class PerimeterTypeLabels
{
    public static string Label(this PerimeterType type) => type switch
    {
        PerimeterType.Quartier => "Quartier",
        PerimeterType.Commune => "Commune",
        PerimeterType.Epci => "EPCI (intercommunalité)",
        PerimeterType.Departement => "Département",
        _ => type.ToString(),
    };
}
