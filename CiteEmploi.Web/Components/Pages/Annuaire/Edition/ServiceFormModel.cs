using System.Globalization;
using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;

namespace CiteEmploi.Web.Components.Pages.Annuaire.Edition;

/// <summary>
/// What the service form holds while a person types: text until submitted, so that a typo in a number gets a French
/// message beside its field instead of being dropped by the browser. The domain does the rest of the validation.
/// </summary>
public sealed class ServiceFormModel
{
    private static readonly char[] ZoneSeparators = [',', ';', ' ', '\n', '\r', '\t'];

    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Type { get; set; }
    public List<string> Thematiques { get; set; } = [];
    public List<string> Publics { get; set; } = [];
    public string? PublicsDetails { get; set; }
    public string? Frais { get; set; }
    public string? FraisDetails { get; set; }
    public string? AccessConditions { get; set; }
    public List<string> ModesAccueil { get; set; } = [];

    /// <summary>When false, the service is at its structure's address and no address is stored.</summary>
    public bool OwnAddress { get; set; }

    public AddressFormModel Address { get; set; } = new();
    public List<string> ModesMobilisation { get; set; } = [];
    public List<string> MobilisablePar { get; set; } = [];
    public string? MobilisationLink { get; set; }
    public string? MobilisationDetails { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string? WeeklyHours { get; set; }
    public string? NumberOfWeeks { get; set; }
    public string? OpeningHours { get; set; }

    /// <summary>The codes as typed, separated by commas or spaces.</summary>
    public string? EligibilityZone { get; set; }

    public static ServiceFormModel From(Service service) => new()
    {
        Name = service.Name,
        Description = service.Description,
        Type = service.Type,
        Thematiques = [.. service.Thematiques],
        Publics = [.. service.Publics],
        PublicsDetails = service.PublicsDetails,
        Frais = service.Frais,
        FraisDetails = service.FraisDetails,
        AccessConditions = service.AccessConditions,
        ModesAccueil = [.. service.ModesAccueil],
        OwnAddress = service.Address is not null,
        Address = AddressFormModel.From(service.Address),
        ModesMobilisation = [.. service.ModesMobilisation],
        MobilisablePar = [.. service.MobilisablePar],
        MobilisationLink = service.MobilisationLink,
        MobilisationDetails = service.MobilisationDetails,
        ContactName = service.Contact?.Name,
        ContactPhone = service.Contact?.Phone,
        ContactEmail = service.Contact?.Email,
        WeeklyHours = service.WeeklyHours?.ToString("0.##", DirectoryDisplay.French),
        NumberOfWeeks = service.NumberOfWeeks?.ToString(CultureInfo.InvariantCulture),
        OpeningHours = service.OpeningHours,
        EligibilityZone = string.Join(", ", service.EligibilityZone),
    };

    /// <summary>The details to save; unreadable numbers are reported in <paramref name="errors"/>.</summary>
    public ServiceDetails ToDetails(ValidationErrors errors) => new()
    {
        Name = Name ?? string.Empty,
        Description = Description ?? string.Empty,
        Type = Type,
        Thematiques = [.. Thematiques],
        Publics = [.. Publics],
        PublicsDetails = PublicsDetails,
        Frais = Frais,
        FraisDetails = FraisDetails,
        AccessConditions = AccessConditions,
        ModesAccueil = [.. ModesAccueil],
        Address = OwnAddress ? Address.ToAddress(errors) : null,
        ModesMobilisation = [.. ModesMobilisation],
        MobilisablePar = [.. MobilisablePar],
        MobilisationLink = MobilisationLink,
        MobilisationDetails = MobilisationDetails,
        Contact = new ServiceContact(ContactName, ContactPhone, ContactEmail),
        WeeklyHours = ReadHours(errors),
        NumberOfWeeks = ReadWeeks(errors),
        OpeningHours = OpeningHours,
        EligibilityZone = [.. (EligibilityZone ?? string.Empty).Split(ZoneSeparators, StringSplitOptions.RemoveEmptyEntries)],
    };

    private decimal? ReadHours(ValidationErrors errors)
    {
        var cleaned = (WeeklyHours ?? string.Empty).Trim().Replace('.', ',');
        if (cleaned.Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, DirectoryDisplay.French, out var hours))
        {
            return hours;
        }
        errors.Add(nameof(Service.WeeklyHours), "Volume horaire invalide : saisissez un nombre d'heures par semaine (ex. : 3,5).");
        return null;
    }

    private int? ReadWeeks(ValidationErrors errors)
    {
        var cleaned = (NumberOfWeeks ?? string.Empty).Trim();
        if (cleaned.Length == 0)
        {
            return null;
        }
        if (int.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks))
        {
            return weeks;
        }
        errors.Add(nameof(Service.NumberOfWeeks), "Nombre de semaines invalide : saisissez un nombre entier (ex. : 12).");
        return null;
    }
}
