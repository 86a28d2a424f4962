using CiteEmploi.Domain.Boards;
using CiteEmploi.Web.Features.Access;

namespace CiteEmploi.Web.Features.Boards;

/// <summary>
/// The demonstration Cité's boards: a filled shared diagnostic and a workshop, written by fictional people so the
/// pages show what a real board looks like. Called by <see cref="Demo.DemoLoader"/> once, when the Cité is created.
/// </summary>
public sealed class DemoBoards(CiteDbContextFactory citeDb, TimeProvider time)
{
    private static readonly BoardActor Coordination = new("demo:coordination", "Camille Martin (fictive)", IsFacilitator: true);
    private static readonly BoardActor MissionLocale = new("demo:mission-locale", "Samia Benali (fictive)", IsFacilitator: false);
    private static readonly BoardActor FranceTravail = new("demo:france-travail", "Marc Dupuis (fictif)", IsFacilitator: false);
    private static readonly BoardActor CentreSocial = new("demo:centre-social", "Jules Moreau (fictif)", IsFacilitator: false);

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();

        var diagnostic = Board.Create(access.CiteId, BoardKind.Diagnostic, "Diagnostic partagé 2026 (fictif)",
            "Le diagnostic que les partenaires de la Cité **construisent ensemble** et mettent à jour à chaque comité technique.\n\n" +
            "Ajoutez vos constats, votez pour les trois besoins qui vous semblent prioritaires.", null, Coordination, now);
        var (constats, besoins, ressources, publics) = (diagnostic.Columns[0].Id, diagnostic.Columns[1].Id, diagnostic.Columns[2].Id, diagnostic.Columns[3].Id);
        var diagnosticCards = new[]
        {
            Add(diagnostic, constats, "Aux Résidences, **un jeune sur trois** n'est connu d'aucune structure (repérage 2025).", MissionLocale, 1, null, "jeunes", CardColour.Bleu, now),
            Add(diagnostic, constats, "Pas de bus avant 6 h 30 : les postes en horaires décalés de la zone logistique sont hors d'atteinte.", FranceTravail, 2, "mobilite", "demandeurs-emploi", CardColour.Jaune, now),
            Add(diagnostic, constats, "Les familles monoparentales renoncent aux formations faute de garde le mercredi.", CentreSocial, 3, "garde-denfants", "familles", CardColour.Rose, now),
            Add(diagnostic, besoins, "Une solution de garde **ponctuelle** pendant les entretiens et les formations.", CentreSocial, 1, "garde-denfants", "familles", CardColour.Rose, now),
            Add(diagnostic, besoins, "Un accompagnement au permis pour les allocataires du RSA.", FranceTravail, 2, "mobilite", "beneficiaires-des-minimas-sociaux", CardColour.Jaune, now),
            Add(diagnostic, besoins, "Des ateliers numériques le soir, pour les personnes en emploi précaire.", MissionLocale, 3, "numerique", null, CardColour.Vert, now),
            Add(diagnostic, ressources, "Garage solidaire de Valmont : location de voitures à 5 € par jour.", FranceTravail, 1, "mobilite", null, CardColour.Vert, now),
            Add(diagnostic, ressources, "Permanence CAF au centre social, le mardi matin.", CentreSocial, 2, "acces-aux-droits", null, CardColour.Vert, now),
            Add(diagnostic, ressources, "Auto-école sociale : 12 places par an, liste d'attente de 6 mois.", MissionLocale, 3, "mobilite", null, CardColour.Orange, now),
            Add(diagnostic, publics, "Jeunes de 16 à 25 ans sortis du système scolaire sans diplôme.", MissionLocale, 1, null, "jeunes", CardColour.Bleu, now),
            Add(diagnostic, publics, "Femmes seules avec enfants, « invisibles » des dispositifs.", CentreSocial, 2, null, "femmes", CardColour.Violet, now),
        };
        // a few votes already cast, still hidden: the facilitator reveals them during the session
        diagnosticCards[3].Vote(diagnostic, MissionLocale, 0, now);
        diagnosticCards[3].Vote(diagnostic, FranceTravail, 0, now);
        diagnosticCards[4].Vote(diagnostic, CentreSocial, 0, now);

        var workshop = Board.Create(access.CiteId, BoardKind.Atelier, "Atelier mobilité et garde d'enfants (fictif)",
            "Temps d'interconnaissance du jeudi : *une idée par carte*, puis on regroupe.", ["Idées", "Freins rencontrés", "Pistes d'action"], Coordination, now);
        var workshopCards = new[]
        {
            Add(workshop, workshop.Columns[0].Id, "Un covoiturage organisé avec les entreprises de la zone logistique.", FranceTravail, 1, "mobilite", null, CardColour.Jaune, now),
            Add(workshop, workshop.Columns[0].Id, "Une crèche à vocation d'insertion professionnelle (AVIP) dans le quartier.", CentreSocial, 2, "garde-denfants", "familles", CardColour.Rose, now),
            Add(workshop, workshop.Columns[1].Id, "Les horaires des crèches ne couvrent pas les emplois du commerce.", MissionLocale, 1, "garde-denfants", null, CardColour.Orange, now),
            Add(workshop, workshop.Columns[2].Id, "Proposer au COPIL un budget pour 20 locations au garage solidaire.", Coordination, 1, "mobilite", null, CardColour.Vert, now),
        };

        db.Boards.AddRange(diagnostic, workshop);
        db.Cards.AddRange(diagnosticCards);
        db.Cards.AddRange(workshopCards);
        foreach (var (board, cards) in new[] { (diagnostic, diagnosticCards), (workshop, workshopCards) })
        {
            foreach (var e in board.DomainEvents.Concat(cards.SelectMany(c => c.DomainEvents)).OfType<IBoardEvent>())
            {
                var author = e is CardAdded added ? cards.First(c => c.Id == added.CardId) : null;
                var actor = author is null ? Coordination : new BoardActor(author.AuthorKey, author.AuthorName, false);
                if (BoardActivity.For(e, actor, now, id => board.Columns.FirstOrDefault(c => c.Id == id)?.Title) is { } line)
                {
                    db.BoardActivities.Add(line);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Card Add(Board board, Guid column, string text, BoardActor by, int order, string? frein, string? publicCode, CardColour colour, DateTimeOffset now) =>
        Card.Add(board, column, new CardContent(text, colour, frein, publicCode), Card.SpacedPosition(order - 1), by, now);
}
