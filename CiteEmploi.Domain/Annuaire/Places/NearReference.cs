using System.Globalization;
using CiteEmploi.Domain.Cites;

namespace CiteEmploi.Domain.Annuaire.Places;

/// <summary>What « près de » names, as written in an address (<c>pres=commune:75056</c>, <c>pres=qpv:QN09301M</c>, <c>pres=geo:48.85,2.35</c>).</summary>
public enum NearKind
{
    Commune,
    Qpv,
    Position,
}

/// <summary>
/// The <c>pres</c> parameter of the directory's search page and API, parsed: a commune by its INSEE code, a QPV by its
/// code, or a position (the browser's, once the person accepted). Only the form is checked here; whether the commune
/// exists, the QPV is one of the Cité's and the position is in France is the search's to say.
/// </summary>
public sealed record NearReference(NearKind Kind, string? Code, GeoPoint? Point)
{
    /// <summary>No <c>pres</c> value is longer (a position with many decimals fits well within).</summary>
    public const int MaxLength = 64;

    public static NearReference ForCommune(string inseeCode) => new(NearKind.Commune, inseeCode, null);

    public static NearReference ForQpv(string code) => new(NearKind.Qpv, code, null);

    public static NearReference ForPosition(GeoPoint point) => new(NearKind.Position, null, point);

    /// <summary>The value as written in an address.</summary>
    public override string ToString() => Kind switch
    {
        NearKind.Commune => $"commune:{Code}",
        NearKind.Qpv => $"qpv:{Code}",
        _ => $"geo:{Point}",
    };

    /// <summary>Reads a <c>pres</c> value; on failure, <paramref name="error"/> says in French what is expected.</summary>
    public static bool TryParse(string? value, out NearReference? reference, out string? error)
    {
        reference = null;
        error = null;
        var text = value?.Trim() ?? string.Empty;
        if (text.Length > MaxLength)
        {
            error = $"Le lieu « près de » compte au plus {MaxLength} caractères.";
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : text[..colon].Trim().ToLowerInvariant();
        var rest = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        switch (kind)
        {
            case "commune" when DirectoryRules.IsInseeCommuneCode(rest.ToUpperInvariant()):
                reference = ForCommune(rest.ToUpperInvariant());
                return true;
            case "commune":
                error = $"« {rest} » n'est pas un code INSEE de commune (cinq caractères, par exemple 93066).";
                return false;
            case "qpv" when Cite.IsValidQpvCode(rest.ToUpperInvariant()):
                reference = ForQpv(rest.ToUpperInvariant());
                return true;
            case "qpv":
                error = $"« {rest} » n'est pas un code de quartier prioritaire (QN suivi de cinq chiffres et d'une lettre, par exemple QN09301M).";
                return false;
            case "geo" when ParsePoint(rest) is { } point:
                reference = ForPosition(point);
                return true;
            case "geo":
                error = "La position doit s'écrire latitude,longitude en degrés décimaux (par exemple 48.85,2.35).";
                return false;
            default:
                error = "Le lieu « près de » s'écrit commune:<code INSEE>, qpv:<code du quartier> ou geo:<latitude>,<longitude>.";
                return false;
        }
    }

    private static GeoPoint? ParsePoint(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            || !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
        {
            return null;
        }
        var point = new GeoPoint(latitude, longitude);
        return point.IsValid ? point : null;
    }
}

/// <summary>The radius of a « près de » search (and of a coverage cell, issue 18), in kilometres.</summary>
public static class NearRadius
{
    /// <summary>Beyond this a service is not « near » any more; the coverage matrix refuses more too.</summary>
    public const double MaxKilometres = 100;

    /// <summary>Reads a radius in kilometres (« 5 », « 2,5 » or « 2.5 »), above 0 and at most <see cref="MaxKilometres"/>.</summary>
    public static bool TryParse(string? value, out double kilometres, out string? error)
    {
        kilometres = 0;
        error = null;
        var text = value?.Trim().Replace(',', '.') ?? string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            error = $"Le rayon « {value} » n'est pas un nombre de kilomètres (par exemple 5).";
            return false;
        }
        if (parsed <= 0 || parsed > MaxKilometres)
        {
            error = $"Le rayon doit être supérieur à 0 et d'au plus {MaxKilometres.ToString(CultureInfo.InvariantCulture)} km.";
            return false;
        }
        kilometres = parsed;
        return true;
    }
}
