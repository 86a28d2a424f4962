using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire;

namespace CiteEmploi.Tests.Features.Annuaire;

public sealed class ReferralGuideTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static (Service, Structure) Make(Action<ServiceDetails>? tweak = null, ServiceDetails? details = null)
    {
        var structure = Structure.Create(Guid.NewGuid(), new StructureDetails
        {
            Name = "Auto-école sociale",
            Phone = "01 99 00 01 02",
            Email = "accueil@example.org",
            Address = new PostalAddress { Street = "3 rue des Lilas", Postcode = "90000", Commune = "Valmont" },
            OpeningHours = "Mo-Fr 09:00-12:00",
        }, Now);
        var service = Service.Create(structure, details ?? new ServiceDetails
        {
            Name = "Permis B accompagné",
            Description = "Préparer le permis à coût réduit.",
            ModesMobilisation = ["telephoner", "se-presenter"],
            MobilisablePar = ["professionnels"],
            AccessConditions = "Être inscrit à France Travail.",
        }, Now);
        return (service, structure);
    }

    [Fact]
    public void Steps_SayWhoActsHowAndWhatToCheck()
    {
        var (service, structure) = Make();
        var guide = ReferralGuide.For(service, structure);
        Assert.Contains(guide.Steps, s => s.Contains("professionnelle", StringComparison.Ordinal));
        Assert.Contains("Téléphoner au 01 99 00 01 02.", guide.Steps);
        Assert.Contains(guide.Steps, s => s.StartsWith("Se présenter au 3 rue des Lilas, 90000, Valmont (du lundi au vendredi : 9 h – 12 h)", StringComparison.Ordinal));
        Assert.Contains(guide.Steps, s => s.Contains("Être inscrit à France Travail.", StringComparison.Ordinal));
    }

    [Fact]
    public void Message_NamesTheServiceAndLeavesTheResidentBlank()
    {
        var (service, structure) = Make();
        var guide = ReferralGuide.For(service, structure);
        Assert.Contains("« Permis B accompagné » (Auto-école sociale)", guide.Message, StringComparison.Ordinal);
        Assert.Contains("[prénom de la personne, avec son accord]", guide.Message, StringComparison.Ordinal);
        Assert.StartsWith("mailto:accueil%40example.org?subject=Orientation%20vers", guide.MailtoLink, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceContact_WinsOverTheStructures()
    {
        var (service, structure) = Make(details: new ServiceDetails
        {
            Name = "Consultation jeunes",
            Description = "Écoute et accompagnement.",
            Contact = new ServiceContact("Accueil CJC", "01 99 00 09 09", "cjc@example.org"),
            ModesMobilisation = ["envoyer-un-courriel"],
        });
        var guide = ReferralGuide.For(service, structure);
        Assert.Equal("cjc@example.org", guide.Email);
        Assert.Contains("Envoyer un courriel à cjc@example.org (modèle ci-dessous).", guide.Steps);
    }
}
