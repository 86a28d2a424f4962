using CiteEmploi.Domain.Annuaire;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// « Orienter » : what a field worker needs to refer someone to a service — the steps, who to contact, and a message
/// to copy or send. Built from the service alone: nothing about the resident is asked for or stored; the message
/// keeps bracketed blanks the field worker fills in their own mail client.
/// </summary>
public sealed record ReferralGuide(IReadOnlyList<string> Steps, string? Phone, string? Email, string? Link, string Subject, string Message)
{
    public static ReferralGuide For(Service service, Structure structure)
    {
        var phone = service.PhoneOr(structure);
        var email = service.EmailOr(structure);
        var steps = new List<string>();
        var byProfessionals = service.MobilisablePar.Contains("professionnels");
        var byResidents = service.MobilisablePar.Contains("usagers");
        if (byResidents && !byProfessionals)
        {
            steps.Add("La personne fait la démarche elle-même : donnez-lui les coordonnées ci-dessous.");
        }
        else if (byProfessionals && !byResidents)
        {
            steps.Add("L'orientation passe par un ou une professionnelle : c'est à vous de prendre contact.");
        }
        foreach (var mode in service.ModesMobilisation)
        {
            steps.Add(mode switch
            {
                "telephoner" => phone is null ? "Téléphoner à la structure." : $"Téléphoner au {phone}.",
                "envoyer-un-courriel" => email is null ? "Envoyer un courriel à la structure." : $"Envoyer un courriel à {email} (modèle ci-dessous).",
                "se-presenter" => PresentStep(service, structure),
                "utiliser-lien-mobilisation" => "Remplir le formulaire d'orientation en ligne (lien ci-dessous).",
                _ => Referentiels.ModesMobilisation.Label(mode),
            });
        }
        if (steps.Count == 0 || (service.ModesMobilisation.Count == 0 && (phone ?? email) is not null))
        {
            steps.Add("Prendre contact avec la structure (coordonnées ci-dessous).");
        }
        if (service.MobilisationDetails is { } details)
        {
            steps.Add(details);
        }
        if (service.AccessConditions is { } conditions)
        {
            steps.Add($"Vérifier d'abord les conditions d'accès : {conditions}");
        }

        var subject = $"Orientation vers « {service.Name} »";
        var message =
            $"Bonjour,\n\n" +
            $"Je vous oriente [prénom de la personne, avec son accord] vers votre service « {service.Name} » ({structure.Name}).\n\n" +
            "Sa situation en quelques mots : [ce que la personne accepte de partager].\n" +
            "Ses disponibilités : [jours et heures].\n" +
            "Pour la joindre : [téléphone ou courriel, avec son accord].\n\n" +
            "Merci de me dire si cette orientation vous convient ou s'il manque une information.\n\n" +
            "Cordialement,\n[votre nom, votre structure, votre téléphone]";
        return new ReferralGuide(steps, phone, email, service.MobilisationLink, subject, message);
    }

    /// <summary>A mailto: address with the subject and message, for « Envoyer par courriel ».</summary>
    public string? MailtoLink => MailtoFor(Message);

    /// <summary>The same mailto: address with the message as the field worker completed it.</summary>
    public string? MailtoFor(string message) => Email is null
        ? null
        : $"mailto:{Uri.EscapeDataString(Email)}?subject={Uri.EscapeDataString(Subject)}&body={Uri.EscapeDataString(message)}";

    private static string PresentStep(Service service, Structure structure)
    {
        var address = service.AddressOr(structure);
        var where = address is null ? "à l'accueil de la structure" : $"au {string.Join(", ", new[] { address.Street, address.Postcode, address.Commune }.Where(p => p is not null))}";
        var raw = service.OpeningHoursOr(structure);
        var hours = OpeningHoursText.ToFrench(raw) ?? raw;
        return hours is null ? $"Se présenter {where}." : $"Se présenter {where} ({hours}).";
    }
}
