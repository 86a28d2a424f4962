using System.Globalization;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Diagnostic;

/// <summary>A radius set for one place of the matrix, other than the Cité's default.</summary>
public sealed record PlaceRadius(string PlaceCode, double RadiusKm);

/// <summary>
/// How a Cité's coverage matrix is counted: the distance around each place (the default for all, 5 km, or one per
/// place) and the communes of the perimeter shown as rows beside the QPVs. One per Cité, made on its first change.
/// </summary>
public sealed class CoverageSettings : AggregateRoot, ICiteOwned
{
    public const double DefaultRadiusKm = 5;
    public const int MaxCommunes = 100;

    // EF Core materialisation
    private CoverageSettings()
    {
    }

    public Guid CiteId { get; private set; }

    /// <summary>The radius counted around every place without a radius of its own, in km.</summary>
    public double RadiusKm { get; private set; } = DefaultRadiusKm;

    public List<PlaceRadius> Radii { get; private set; } = [];

    /// <summary>The INSEE codes of the perimeter's communes shown as rows, in the order given.</summary>
    public List<string> CommuneCodes { get; private set; } = [];

    public static CoverageSettings For(Guid citeId) => new() { CiteId = citeId };

    /// <summary>The radius of a place: its own, or the default.</summary>
    public double RadiusFor(string placeCode) => Radii.FirstOrDefault(r => r.PlaceCode == placeCode)?.RadiusKm ?? RadiusKm;

    /// <summary>Sets the radius of every place without one of its own.</summary>
    /// <exception cref="DomainValidationException">0, negative, or above 100 km.</exception>
    public void SetRadius(double kilometres)
    {
        Check(kilometres, nameof(RadiusKm));
        if (kilometres == RadiusKm)
        {
            return;
        }
        RadiusKm = kilometres;
        Raise(new CoverageSettingsChanged(CiteId));
    }

    /// <summary>Sets one place's radius, or with null gives it the default again.</summary>
    public void SetPlaceRadius(string placeCode, double? kilometres)
    {
        if (kilometres is { } km)
        {
            Check(km, nameof(Radii));
        }
        var others = Radii.Where(r => r.PlaceCode != placeCode).ToList();
        Radii = kilometres is { } value ? [.. others, new PlaceRadius(placeCode, value)] : others;
        Raise(new CoverageSettingsChanged(CiteId));
    }

    /// <summary>Sets the communes shown as rows (INSEE codes of shipped communes, at most <see cref="MaxCommunes"/>).</summary>
    /// <exception cref="DomainValidationException">An unknown code or too many; nothing changed.</exception>
    public void SetCommunes(IEnumerable<string> inseeCodes)
    {
        var codes = inseeCodes.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var errors = new ValidationErrors();
        if (codes.Count > MaxCommunes)
        {
            errors.Add(nameof(CommuneCodes), $"Au plus {MaxCommunes} communes.");
        }
        foreach (var code in codes.Where(c => Communes.Find(c) is null))
        {
            errors.Add(nameof(CommuneCodes), $"Aucune commune n'a le code INSEE « {code} ».");
        }
        errors.ThrowIfAny();
        if (codes.SequenceEqual(CommuneCodes))
        {
            return;
        }
        CommuneCodes = codes;
        Raise(new CoverageSettingsChanged(CiteId));
    }

    private static void Check(double kilometres, string field)
    {
        if (!double.IsFinite(kilometres) || kilometres <= 0 || kilometres > NearRadius.MaxKilometres)
        {
            var errors = new ValidationErrors();
            errors.Add(field, string.Create(CultureInfo.InvariantCulture,
                $"Le rayon doit être supérieur à 0 et d'au plus {NearRadius.MaxKilometres} km."));
            errors.ThrowIfAny();
        }
    }
}

/// <summary>The way a Cité's matrix is counted changed (radius, communes).</summary>
public sealed record CoverageSettingsChanged(Guid CiteId) : IDomainEvent;
