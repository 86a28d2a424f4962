using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>Synthetic services for benchmarks: French words, accents and barriers, generated from a fixed seed.</summary>
public static class SyntheticServices
{
    private static readonly (string Code, string Label, string[] Names)[] Barriers =
    [
        ("mobilite", "Mobilité", ["Auto-école sociale", "Location de scooters solidaires", "Aide au permis de conduire", "Plateforme mobilité"]),
        ("garde-enfants", "Garde d'enfants", ["Crèche à vocation d'insertion professionnelle", "Halte-garderie", "Relais petite enfance"]),
        ("numerique", "Numérique", ["Atelier numérique", "Initiation à l'informatique", "Conseiller numérique France Services"]),
        ("sante", "Santé", ["Bilan de santé", "Permanence d'accès aux soins", "Consultation psychologique"]),
        ("logement", "Logement / hébergement", ["Foyer de jeunes travailleurs", "Hébergement d'urgence", "Accompagnement au logement"]),
        ("langue", "Langue française", ["Cours de français langue étrangère", "Atelier sociolinguistique", "FLE à visée professionnelle"]),
        ("addictions", "Addictions", ["Consultation jeunes consommateurs", "Accompagnement addictologie"]),
        ("droits", "Accès aux droits", ["Point justice", "Permanence juridique", "Aide aux démarches administratives"]),
        ("confiance", "Confiance en soi", ["Atelier estime de soi", "Coaching collectif"]),
        ("budget", "Budget", ["Point conseil budget", "Microcrédit personnel"]),
    ];

    private static readonly string[] Words =
    [
        "accompagnement", "emploi", "insertion", "jeunes", "quartier", "résidents", "démarches", "formation", "parcours", "orientation",
        "entretien", "individuel", "collectif", "atelier", "prescription", "partenaires", "bénéficiaires", "réunion", "information",
        "professionnelle", "sociale", "familles", "monoparentales", "seniors", "réfugiés", "qualification", "métiers", "entreprises",
    ];

    private static readonly string[] Communes = ["Valmont-sur-Loire", "Saint-Jean", "Les Résidences", "Bourg-Neuf", "Montclair", "Val-Fleuri"];

    private static readonly string[] Publics = ["jeunes", "familles", "seniors", "demandeurs-emploi", "beneficiaires-rsa"];

    public static IReadOnlyList<SearchDocument> Generate(Guid citeId, int count, int seed)
    {
        var random = new Random(seed);
        var documents = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var barrier = Barriers[random.Next(Barriers.Length)];
            var name = barrier.Names[random.Next(barrier.Names.Length)];
            var commune = Communes[random.Next(Communes.Length)];
            var publicCode = Publics[random.Next(Publics.Length)];
            var description = string.Join(' ', Enumerable.Range(0, 30).Select(_ => Words[random.Next(Words.Length)]));
            var free = random.Next(3) == 0;
            List<string> codes = [SearchIndexCodes.Frein(barrier.Code), SearchIndexCodes.Public(publicCode), SearchIndexCodes.Commune(commune)];
            if (free)
            {
                codes.Add(SearchIndexCodes.Free);
            }
            documents.Add(new SearchDocument(Guid.NewGuid(), citeId, $"{name} n°{i}", $"Structure {i % 2_000}", barrier.Label, barrier.Label,
                publicCode, commune, description, codes));
        }
        return documents;
    }
}
