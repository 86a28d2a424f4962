using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Components.Theme;

namespace CiteEmploi.Web.Components.Pages.Annuaire.Edition;

/// <summary>How the directory's editing pages write dates, statuses, phone links and field ids, in one place.</summary>
public static class DirectoryDisplay
{
    /// <summary>The app's one culture (<see cref="FrenchCulture"/>), named here for the directory's formats.</summary>
    public static CultureInfo French => FrenchCulture.Culture;

    /// <summary>« 3 mars 2026 ».</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", French);

    /// <summary>The CSS modifier of a status badge (each status has its own colour and its word, never colour alone).</summary>
    public static string StatusClass(ServiceStatus status) => status switch
    {
        ServiceStatus.Publie => "is-published",
        ServiceStatus.Archive => "is-archived",
        _ => "is-draft",
    };

    /// <summary>A <c>tel:</c> link keeps only the digits and a leading plus of what the partner typed.</summary>
    public static string TelHref(string phone) =>
        "tel:" + new string([.. phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0))]);

    /// <summary>The id of the input that shows the messages recorded under <paramref name="key"/> ("Address.Street" → "structure-Address-Street").</summary>
    public static string FieldId(string prefix, string key) => $"{prefix}-{key.Replace('.', '-')}";

    /// <summary>« 1 service », « 3 services ».</summary>
    public static string Count(int count, string singular, string plural) =>
        $"{count.ToString(French)} {(count > 1 ? plural : singular)}";
}

/// <summary>
/// The keys under which the domain records its messages (ValidationErrors), for the fields that are not plain
/// property names: a message recorded under one of these appears beside its field.
/// </summary>
public static class FieldKeys
{
    public const string Address = nameof(Structure.Address);
    public const string Street = Address + "." + nameof(PostalAddress.Street);
    public const string Complement = Address + "." + nameof(PostalAddress.Complement);
    public const string Postcode = Address + "." + nameof(PostalAddress.Postcode);
    public const string Commune = Address + "." + nameof(PostalAddress.Commune);
    public const string InseeCode = Address + "." + nameof(PostalAddress.InseeCode);
    public const string Latitude = Address + "." + nameof(PostalAddress.Latitude);
    public const string Longitude = Address + "." + nameof(PostalAddress.Longitude);

    // Service.Validate: "ContactName", then DirectoryRules.Contact with the prefix "Contact".
    public const string ContactName = "Contact" + nameof(ServiceContact.Name);
    public const string ContactPhone = "Contact" + nameof(ServiceContact.Phone);
    public const string ContactEmail = "Contact" + nameof(ServiceContact.Email);

    public static readonly IReadOnlyList<string> AddressKeys = [Street, Complement, Postcode, Commune, InseeCode, Latitude, Longitude];
}
