using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Search;

namespace CiteEmploi.Bench.Annuaire;

/// <summary>Synthetic services for benchmarks: French words, accents and barriers, generated from a fixed seed.</summary>
public static class SyntheticServices
{
    /// <summary>The barriers (their real codes, so that the lexicon's codes meet them), one thématique each, and service names.</summary>
    private static readonly (string Code, string Label, string Thematique, string[] Names)[] Barriers =
    [
        ("mobilite", "Mobilité", "mobilite--preparer-un-permis", ["Auto-école sociale", "Location de scooters solidaires", "Aide au permis de conduire", "Plateforme mobilité"]),
        ("garde-denfants", "Garde d'enfants", "famille--garde-denfants", ["Crèche à vocation d'insertion professionnelle", "Halte-garderie", "Relais petite enfance"]),
        ("numerique", "Numérique", "numerique--maitriser-les-fondamentaux-du-numerique", ["Atelier numérique", "Initiation à l'informatique", "Conseiller numérique France Services"]),
        ("sante", "Santé", "sante--acces-aux-soins", ["Bilan de santé", "Permanence d'accès aux soins", "Consultation psychologique"]),
        ("logement", "Logement / hébergement", "logement-hebergement--louer-un-logement", ["Foyer de jeunes travailleurs", "Hébergement d'urgence", "Accompagnement au logement"]),
        ("langue-francaise", "Langue française", "lecture-ecriture-calcul--maitriser-le-francais", ["Cours de français langue étrangère", "Atelier sociolinguistique", "FLE à visée professionnelle"]),
        ("addictions", "Addictions", "sante--addictions", ["Consultation jeunes consommateurs", "Accompagnement addictologie"]),
        ("acces-aux-droits", "Accès aux droits", "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives", ["Point justice", "Permanence juridique", "Aide aux démarches administratives"]),
        ("confiance-en-soi", "Confiance en soi", "remobilisation--bien-etre-confiance-en-soi", ["Atelier estime de soi", "Coaching collectif"]),
        ("budget", "Budget", "difficultes-financieres--situation-dendettement-surendettement", ["Point conseil budget", "Microcrédit personnel"]),
    ];

    private static readonly string[] Words =
    [
        "accompagnement", "emploi", "insertion", "jeunes", "quartier", "résidents", "démarches", "formation", "parcours", "orientation",
        "entretien", "individuel", "collectif", "atelier", "prescription", "partenaires", "bénéficiaires", "réunion", "information",
        "professionnelle", "sociale", "familles", "monoparentales", "seniors", "réfugiés", "qualification", "métiers", "entreprises",
    ];

    private static readonly string[] Communes = ["Valmont-sur-Loire", "Saint-Jean", "Les Résidences", "Bourg-Neuf", "Montclair", "Val-Fleuri"];

    private static readonly string[] Publics = ["jeunes", "familles", "seniors", "demandeurs-emploi", "beneficiaires-rsa"];

    /// <summary>A data·inclusion structures file of <paramref name="count"/> fictive structures (« {source}--structure-{i} »), names and date only.</summary>
    public static void WriteStructuresFile(string path, string source, int count, string dateMaj)
    {
        using var stream = File.Create(path);
        using var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WriteString("id", $"{source}--structure-{i}");
            json.WriteString("nom", $"Structure fictive n° {i}");
            json.WriteString("date_maj", dateMaj);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

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
            // as the app indexes a service: the code of every barrier its thématique belongs to
            List<string> codes = [.. Freins.Matching(barrier.Thematique).Select(f => SearchIndexCodes.Frein(f.Code)).Prepend(SearchIndexCodes.Frein(barrier.Code)).Distinct(),
                SearchIndexCodes.Thematique(barrier.Thematique), SearchIndexCodes.Public(publicCode), SearchIndexCodes.Commune(commune)];
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
