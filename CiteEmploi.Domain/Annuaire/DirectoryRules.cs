using System.Text.RegularExpressions;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Domain.Annuaire;

/// <summary>Field rules shared by structures and services; the limits follow the data·inclusion schema where it has one.</summary>
public static partial class DirectoryRules
{
    /// <summary>Schema: <c>format: uri, maxLength: 2083</c> for every link.</summary>
    public const int UrlMaxLength = 2083;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 20;

    /// <summary>OpenStreetMap limits every tag value, <c>opening_hours</c> included, to 255 characters.</summary>
    public const int OpeningHoursMaxLength = 255;

    /// <summary>The SIREN of La Poste, whose establishments' SIRETs follow a different checksum.</summary>
    private const string LaPosteSiren = "356000000";

    public static string? CleanOptional(string? value)
    {
        var cleaned = Text.Clean(value);
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Trims and drops blanks and duplicates, keeping the first order.</summary>
    public static List<string> CleanCodes(IEnumerable<string?>? codes) =>
        [.. (codes ?? []).Select(c => Text.Clean(c)).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Trims a long text (Markdown) without collapsing its line breaks; blank becomes null.</summary>
    public static string? CleanMultiline(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    /// <summary>A SIRET: 14 digits whose Luhn sum is a multiple of 10 (La Poste's: digit sum a multiple of 5).</summary>
    public static bool IsValidSiret(string? siret)
    {
        if (siret is null || siret.Length != 14 || !siret.All(char.IsAsciiDigit))
        {
            return false;
        }
        if (siret.StartsWith(LaPosteSiren, StringComparison.Ordinal) && siret != "35600000000048")
        {
            return siret.Sum(c => c - '0') % 5 == 0;
        }
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var digit = siret[13 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    public static bool IsPostcode(string value) => PostcodeRegex().IsMatch(value);

    /// <summary>An INSEE commune code: 5 digits, or 2A/2B followed by 3 digits for Corsica.</summary>
    public static bool IsInseeCommuneCode(string value) => InseeCommuneRegex().IsMatch(value);

    /// <summary>
    /// A code of the schema's <c>zone_eligibilite</c>: commune (5), département (2–3: 90, 2A, 974), EPCI SIREN (9
    /// digits), country (99xxx, France is 99100) or « france ».
    /// </summary>
    public static bool IsEligibilityZoneCode(string value) =>
        value == "france" || InseeCommuneRegex().IsMatch(value) || DepartementRegex().IsMatch(value) || EpciRegex().IsMatch(value);

    public static bool IsEmail(string value) => value.Length <= EmailMaxLength && EmailRegex().IsMatch(value);

    /// <summary>
    /// A phone number: ten digits or more (spaces, dots, dashes allowed; « + » for the international form), or one of the
    /// short French numbers a service may give instead: the emergency and social ones (15, 17, 18, 11x such as 115 and
    /// 119, 19x such as 196), the European « 116 xxx », and the 4-digit « 3xxx » numbers (3949 France Travail, 3919
    /// Violences Femmes Info, 3939…).
    /// </summary>
    public static bool IsPhone(string value) => value.Length <= PhoneMaxLength && (PhoneRegex().IsMatch(value) || ShortPhoneRegex().IsMatch(value));

    /// <summary>An absolute http or https link, no longer than the schema allows.</summary>
    public static bool IsWebLink(string value) =>
        value.Length <= UrlMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    internal static void MaxLength(string? value, int max, string field, string what, ValidationErrors errors)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(field, $"{what} ne peut pas dépasser {max} caractères (actuellement {value.Length}).");
        }
    }

    internal static void Contact(string? phone, string? email, string? website, string prefix, ValidationErrors errors)
    {
        if (phone is not null && !IsPhone(phone))
        {
            errors.Add(prefix + "Phone", $"Numéro de téléphone invalide « {phone} » (ex. : 03 84 54 24 24 ou +33384542424).");
        }
        if (email is not null && !IsEmail(email))
        {
            errors.Add(prefix + "Email", $"Adresse e-mail invalide « {email} » (ex. : accueil@structure.fr).");
        }
        if (website is not null && !IsWebLink(website))
        {
            errors.Add(prefix + "Website", "Le site web doit être un lien complet commençant par http:// ou https:// (ex. : https://www.structure.fr).");
        }
    }

    internal static void OpeningHours(string? hours, ValidationErrors errors) =>
        MaxLength(hours, OpeningHoursMaxLength, "OpeningHours", "Les horaires d'accueil", errors);

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostcodeRegex();

    [GeneratedRegex("^([0-9]{5}|2[AB][0-9]{3})$")]
    private static partial Regex InseeCommuneRegex();

    [GeneratedRegex("^([0-9]{2}|2[AB]|97[1-8])$")]
    private static partial Regex DepartementRegex();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex EpciRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^(1[578]|11[0-9]|19[0-9]|116 ?[0-9]{3}|3[0-9] ?[0-9]{2})$")]
    private static partial Regex ShortPhoneRegex();
}
