using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// The demonstration Cité's sessions: a COPIL held three weeks ago (closed, with its attendance by structure, notes, two
/// decisions and an action outcome that became an action of the demonstration feuille de route) and a « temps
/// d'interconnaissance » in twelve days with its invitations — some of its structures have met at the COPIL, others
/// never, so « qui a rencontré qui » and the binômes have something to show. Fictional people with
/// <c>.invalid</c> addresses, titles labelled « (démonstration) ». Called by <see cref="DemoLoader"/> once, after the
/// directory and the feuille de route. The COPIL is built with the instants it happened at (its check-ins on its own
/// day), then stored.
/// </summary>
public sealed class DemoSessions(CiteDbContextFactory citeDb, PlanService plans, TimeProvider time)
{
    public const string CopilTitle = "Comité de pilotage de la Cité (démonstration)";
    public const string InterconnaissanceTitle = "Temps d'interconnaissance « Qui fait quoi ? » (démonstration)";

    private static readonly SessionActor Coordination = new(null, "Camille Martin (fictive)");

    // (name, structure key of the demonstration directory or a structure typed, present at the COPIL)
    private static readonly (string Name, string Structure, bool Present)[] CopilPeople =
    [
        ("Camille Martin (fictive)", "Ville de Valmont-sur-Loire", true),
        ("Dominique Leroy (fictif)", "Préfecture — délégué du préfet", true),
        ("Samia Benali (fictive)", "mission-locale", true),
        ("Karim Haddad (fictif)", "france-travail", true),
        ("Élodie Petit (fictive)", "france-travail", true),
        ("Marc Durand (fictif)", "caf", true),
        ("Nadia Lopez (fictive)", "ccas", true),
        ("Jules Moreau (fictif)", "centre-social-residences", true),
        ("Sophie Bernard (fictive)", "plie", false),
        ("Thomas Garnier (fictif)", "cap-emploi", false),
    ];

    private static readonly (string Name, string Structure, InvitationAnswer Answer)[] InterconnaissancePeople =
    [
        ("Samia Benali (fictive)", "mission-locale", InvitationAnswer.Oui),
        ("Karim Haddad (fictif)", "france-travail", InvitationAnswer.Oui),
        ("Nadia Lopez (fictive)", "ccas", InvitationAnswer.Oui),
        ("Jules Moreau (fictif)", "centre-social-residences", InvitationAnswer.Oui),
        ("Léa Fontaine (fictive)", "centre-social-plateau", InvitationAnswer.Oui),
        ("Hugo Lambert (fictif)", "e2c", InvitationAnswer.Oui),
        ("Inès Roussel (fictive)", "epide", InvitationAnswer.PeutEtre),
        ("Paul Girard (fictif)", "association-fle", InvitationAnswer.Oui),
        ("Chloé Faure (fictive)", "creche-avip", InvitationAnswer.Oui),
        ("Yanis Mercier (fictif)", "auto-ecole-sociale", InvitationAnswer.EnAttente),
        ("Marc Durand (fictif)", "caf", InvitationAnswer.Non),
        ("Thomas Garnier (fictif)", "cap-emploi", InvitationAnswer.Oui),
    ];

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(FrenchTime.Local(now));
        Guid copilId;
        Guid actionOutcome;
        await using (var db = await citeDb.CreateAsync(access, cancellationToken))
        {
            var structures = await db.Structures.Where(s => s.Source == DemoDirectory.Source && s.ExternalId != null)
                .ToDictionaryAsync(s => s.ExternalId!, s => new { s.Id, s.Name }, cancellationToken);
            InviteeDetails Invitee(string name, string structure)
            {
                var email = $"{Text.Slugify(name.Replace("(fictive)", "", StringComparison.Ordinal).Replace("(fictif)", "", StringComparison.Ordinal), 60).Replace('-', '.')}@demo.citeemploi.invalid";
                return structures.TryGetValue($"{DemoDirectory.Source}--{structure}", out var s)
                    ? new InviteeDetails(name, email, StructureId: s.Id, StructureName: s.Name)
                    : new InviteeDetails(name, email, StructureName: structure);
            }

            var (copil, outcome) = Copil(access.CiteId, today.AddDays(-21), Invitee);
            db.Sessions.Add(copil);
            db.Sessions.Add(Interconnaissance(access.CiteId, today.AddDays(12), now, Invitee));
            await db.SaveChangesAsync(cancellationToken);
            (copilId, actionOutcome) = (copil.Id, outcome);
        }

        // the action decided at the COPIL becomes an action of the demonstration feuille de route, when there is one
        await using (var db = await citeDb.CreateAsync(access, cancellationToken))
        {
            var plan = await db.Plans.AsNoTracking().OrderBy(p => p.Title).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (plan is not { } planId)
            {
                return;
            }
            var parent = await db.PlanActions.AsNoTracking().Where(a => a.PlanId == planId && a.Title == "Raccrocher au droit commun")
                .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            var made = await plans.AddActionFromOutcomeAsync(access, planId, parent, copilId, actionOutcome, cancellationToken);
            if (!made.Succeeded)
            {
                throw new InvalidOperationException($"Le chargement des séances de démonstration a échoué : {made.Describe()}");
            }
        }
    }

    // The COPIL as it happened, on its day: invitations, answers, check-ins at the door, the agenda run item by item
    // with its notes and outcomes, then closed. Returns it and its « action » outcome.
    private static (Session Session, Guid ActionOutcome) Copil(Guid citeId, DateOnly day, Func<string, string, InviteeDetails> invitee)
    {
        DateTimeOffset at(int hour, int minute) => FrenchTime.At(day, new TimeOnly(hour, minute));
        var session = Session.Create(citeId, new SessionDetails(SessionKind.ComitePilotage, CopilTitle, day, new TimeOnly(9, 30), new TimeOnly(12, 0),
            "Salle du conseil, mairie de Valmont-sur-Loire (fictive)", Capacity: 20), Coordination, at(9, 0).AddDays(-20));
        var items = new List<Guid>();
        foreach (var (title, minutes, presenter, description) in new[]
        {
            ("Accueil et tour de table", 10, "Camille Martin (fictive)", "Présentation des participants et de leur structure."),
            ("Suivi des actions de la feuille de route", 35, "Camille Martin (fictive)", "Avancement, retards et points de blocage."),
            ("Permanences en pied d'immeuble aux Résidences", 25, "Samia Benali (fictive)", "Premier bilan des permanences de la Mission Locale."),
            ("Accès aux droits et garde d'enfants", 25, "Marc Durand (fictif)", ""),
            ("Décisions et prochaines étapes", 15, "", "Les décisions soumises au comité."),
        })
        {
            items.Add(session.AddItem(null, new AgendaItemContent(title, minutes, description, presenter), Coordination));
        }
        var people = CopilPeople.Select(p => (p.Present, Id: session.Invite(invitee(p.Name, p.Structure), Coordination))).ToList();
        foreach (var (present, id) in people)
        {
            session.Answer(id, present ? InvitationAnswer.Oui : InvitationAnswer.Non, Coordination, at(9, 0).AddDays(-10));
        }
        var arrival = at(9, 18);
        foreach (var (_, id) in people.Where(p => p.Present))
        {
            session.CheckIn(id, Coordination, arrival);
            arrival = arrival.AddMinutes(2);
        }

        session.Start(Coordination, at(9, 35));
        session.WriteNotes(items[0], "Huit structures présentes ; **la CAF et le CCAS** siègent pour la première fois au comité.", null, Coordination, at(9, 44));
        session.Next(at(9, 46));
        session.WriteNotes(items[1], "- 9 actions en cours sur 13\n- Le forum de l'emploi est confirmé pour le printemps\n- Retard sur les ateliers de français : recrutement du formateur",
            null, Coordination, at(10, 20));
        session.AddOutcome(items[1], OutcomeKind.Information, "Le forum de l'emploi des quartiers aura lieu au printemps, salle des fêtes (fictive).", Coordination, at(10, 21));
        session.Next(at(10, 24));
        session.WriteNotes(items[2], "Trente jeunes rencontrés en deux mois, dont **onze** inconnus des services.", null, Coordination, at(10, 45));
        session.AddOutcome(items[2], OutcomeKind.Decision, "Les permanences passent à deux demi-journées par semaine jusqu'à l'été.", Coordination, at(10, 47));
        session.Next(at(10, 50));
        session.WriteNotes(items[3], "Les places en crèche à vocation d'insertion restent sous-utilisées : les conseillers les connaissent mal.", null, Coordination, at(11, 12));
        var action = session.AddOutcome(items[3], OutcomeKind.Action,
            "Présenter les places en crèche à vocation d'insertion aux conseillers de France Travail et de la Mission Locale", Coordination, at(11, 14));
        session.Next(at(11, 17));
        session.AddOutcome(items[4], OutcomeKind.Decision, "Un temps d'interconnaissance « qui fait quoi » réunira les partenaires avant l'été.", Coordination, at(11, 28));
        session.WriteNotes(items[4], "Prochain comité dans trois mois.", null, Coordination, at(11, 30));
        session.Close(Coordination, at(11, 34));
        return (session, action);
    }

    // The interconnaissance to come: its agenda from the template, its invitations and the answers received so far.
    private static Session Interconnaissance(Guid citeId, DateOnly day, DateTimeOffset now, Func<string, string, InviteeDetails> invitee)
    {
        var session = Session.Create(citeId, new SessionDetails(SessionKind.Interconnaissance, InterconnaissanceTitle, day, new TimeOnly(14, 0), new TimeOnly(16, 30),
            "Centre social des Résidences, Valmont-sur-Loire (fictif)", Capacity: 30), Coordination, now.AddDays(-7));
        foreach (var item in SessionTemplates.Interconnaissance.Items)
        {
            var parent = session.AddItem(null, new AgendaItemContent(item.Title, item.PlannedMinutes, item.Description), Coordination);
            foreach (var sub in item.Children)
            {
                session.AddItem(parent, new AgendaItemContent(sub.Title, sub.PlannedMinutes, sub.Description), Coordination);
            }
        }
        foreach (var (name, structure, answer) in InterconnaissancePeople)
        {
            var id = session.Invite(invitee(name, structure), Coordination);
            if (answer != InvitationAnswer.EnAttente)
            {
                session.Answer(id, answer, Coordination, now.AddDays(-3));
            }
        }
        return session;
    }
}
