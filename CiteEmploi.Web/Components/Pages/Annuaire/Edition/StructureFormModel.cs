using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Components.Pages.Annuaire.Edition;

/// <summary>
/// What the structure form holds while a person types. Everything stays text until submitted; the domain cleans and
/// validates, so its messages (by field) are the ones shown. Only the coordinates are read here, as numbers.
/// </summary>
public sealed class StructureFormModel
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Siret { get; set; }
    public AddressFormModel Address { get; set; } = new();
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? OpeningHours { get; set; }
    public List<string> Networks { get; set; } = [];
    public List<string> QpvCodes { get; set; } = [];

    public static StructureFormModel From(Structure structure) => new()
    {
        Name = structure.Name,
        Description = structure.Description,
        Siret = structure.Siret,
        Address = AddressFormModel.From(structure.Address),
        Phone = structure.Phone,
        Email = structure.Email,
        Website = structure.Website,
        OpeningHours = structure.OpeningHours,
        Networks = [.. structure.Networks],
        QpvCodes = [.. structure.QpvCodes],
    };

    /// <summary>The details to save; unreadable coordinates are reported in <paramref name="errors"/>.</summary>
    public StructureDetails ToDetails(ValidationErrors errors) => new()
    {
        Name = Name ?? string.Empty,
        Description = Description,
        Siret = Siret,
        Address = Address.ToAddress(errors),
        Phone = Phone,
        Email = Email,
        Website = Website,
        OpeningHours = OpeningHours,
        Networks = [.. Networks],
        QpvCodes = [.. QpvCodes],
    };
}

/// <summary>An address as typed; shared by structures and services.</summary>
public sealed class AddressFormModel
{
    public string? Street { get; set; }
    public string? Complement { get; set; }
    public string? Postcode { get; set; }
    public string? Commune { get; set; }
    public string? InseeCode { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }

    public static AddressFormModel From(PostalAddress? address) => new()
    {
        Street = address?.Street,
        Complement = address?.Complement,
        Postcode = address?.Postcode,
        Commune = address?.Commune,
        InseeCode = address?.InseeCode,
        // « 47,6389 », as the hint shows and French people type; read back with a comma or a point
        Latitude = address?.Latitude?.ToString(DirectoryDisplay.French),
        Longitude = address?.Longitude?.ToString(DirectoryDisplay.French),
    };

    public PostalAddress ToAddress(ValidationErrors errors) => new()
    {
        Street = Street,
        Complement = Complement,
        Postcode = Postcode,
        Commune = Commune,
        InseeCode = InseeCode,
        Latitude = ReadCoordinate(Latitude, FieldKeys.Latitude, "La latitude", errors),
        Longitude = ReadCoordinate(Longitude, FieldKeys.Longitude, "La longitude", errors),
    };

    /// <summary>Reads « 47,6389 » as well as « 47.6389 ».</summary>
    private static double? ReadCoordinate(string? text, string key, string what, ValidationErrors errors)
    {
        var cleaned = (text ?? string.Empty).Trim().Replace(',', '.');
        if (cleaned.Length == 0)
        {
            return null;
        }
        if (double.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors.Add(key, $"{what} doit être un nombre en degrés décimaux (ex. : 47,6389).");
        return null;
    }
}
