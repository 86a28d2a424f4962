using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>
/// The demonstration Cité's feuille de route: three axes of the evaluation (recenser et fédérer, aller-vers et
/// raccrocher au droit commun, innover et lever les freins), piloted by the demonstration directory's structures, with
/// budgets against the €100,000 envelope and co-funders, milestones, and a history spread over the last months (drafted,
/// adopted in COPIL, revised, statuses moving) so « as it was on » shows something. Fictional, and labelled so. Called by
/// <see cref="DemoLoader"/> once, when the Cité is created, after its directory.
/// </summary>
public sealed class DemoRoadmap(CiteDbContextFactory citeDb, TimeProvider time)
{
    private static readonly PlanActor Coordination = new(null, "Camille Martin (fictive)");
    private static readonly PlanActor MissionLocale = new(null, "Samia Benali (fictive)");

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        var year = now.Year;
        var structures = await db.Structures.Where(s => s.Source == DemoDirectory.Source && s.ExternalId != null)
            .ToDictionaryAsync(s => s.ExternalId!, s => s.Id, cancellationToken);
        Guid? s(string key) => structures.TryGetValue($"{DemoDirectory.Source}--{key}", out var id) ? id : null;
        var qpvs = await db.Cites.Where(c => c.Id == access.CiteId).Select(c => c.Qpvs).SingleAsync(cancellationToken);
        var references = new PlanReferences(structures.Values.ToHashSet(), qpvs.Select(q => q.Code).ToHashSet(StringComparer.Ordinal));

        var history = new List<PlanChange>();
        var drafted = now.AddDays(-120);
        var plan = Plan.Create(access.CiteId, $"Feuille de route {year - 1}-{year + 1} (démonstration)", year - 1, year + 1, 100_000m, Coordination, drafted);
        history.AddRange(PlanHistory.Diff(access.CiteId, plan.Id, null, plan.Snapshot(), Coordination, drafted));
        var actions = new List<PlanAction>();
        var order = 0;

        PlanAction add(PlanAction? parent, PlanActionContent content, DateTimeOffset at)
        {
            var action = PlanAction.Add(plan, parent?.Id, ++order * 1024d, content, references, actions, null, Coordination, at);
            actions.Add(action);
            history.AddRange(PlanHistory.Diff(access.CiteId, plan.Id, null, action.Snapshot(), Coordination, at));
            return action;
        }
        void change(PlanAction action, PlanActor by, DateTimeOffset at, Action<PlanAction> edit)
        {
            var before = action.Snapshot();
            edit(action);
            history.AddRange(PlanHistory.Diff(access.CiteId, plan.Id, before, action.Snapshot(), by, at));
        }
        DateOnly d(int monthsFromJanuary, int day = 1) => new DateOnly(year, 1, day).AddMonths(monthsFromJanuary);
        static BudgetLine cite(int y, decimal planned, decimal committed, decimal spent = 0) => new("Cité de l'emploi (enveloppe)", BudgetKind.EnveloppeCite, y, planned, committed, spent);
        static ActionPartner p(Guid? id, PartnerRole role) => new(id!.Value, role);
        var rollUp = new PlanActionContent { ProgressMode = ProgressMode.SousActions, StatusCode = "en-cours" };

        // ---- axe 1 ----
        var axe1 = add(null, rollUp with { Title = "Recenser et fédérer les acteurs", Description = "Se connaître pour orienter juste : l'annuaire partagé et les temps d'interconnaissance." }, drafted);
        var o11 = add(axe1, rollUp with { Title = "Tenir à jour une offre de services partagée" }, drafted);
        add(o11, new PlanActionContent
        {
            Title = "Annuaire partagé des services de la Cité", PilotStructureId = null, Contact = "Camille Martin, coordination (fictive)",
            Description = "Chaque partenaire met à jour **ses** services avant chaque comité technique.", StatusCode = "en-cours",
            StartDate = d(0, 15), DueDate = d(11, 31), Milestones = [new(Guid.Empty, "Revue de l'annuaire en comité technique", d(5, 10), false)],
            BudgetLines = [cite(year, 2_000m, 1_500m, 800m)],
        }, drafted);
        add(o11, new PlanActionContent
        {
            Title = "Cycle de temps d'interconnaissance thématiques", PilotStructureId = s("centre-social-residences"), StatusCode = "en-cours",
            Partners = [p(s("france-travail"), PartnerRole.Contributeur), p(s("mission-locale"), PartnerRole.Contributeur), p(s("caf"), PartnerRole.Contributeur)],
            Contact = "Jules Moreau (fictif)", StartDate = d(1), DueDate = d(10, 30), FreinCodes = ["addictions", "acces-aux-droits", "confiance-en-soi"],
            Milestones = [new(Guid.Empty, "Matinée « addictions et emploi »", d(2, 14), true), new(Guid.Empty, "Après-midi entreprises", d(5, 20), false)],
            BudgetLines = [cite(year, 6_000m, 4_000m, 2_500m)],
        }, drafted);
        var o12 = add(axe1, rollUp with { Title = "Élargir le cercle aux acteurs sociaux" }, drafted);
        add(o12, new PlanActionContent
        {
            Title = "Associer la CAF et le CCAS au comité technique", PilotStructureId = s("ccas"), Partners = [p(s("caf"), PartnerRole.Pilote)],
            StatusCode = "realisee", StartDate = d(0, 10), DueDate = d(2, 31), PublicCodes = ["familles", "beneficiaires-des-minimas-sociaux"],
        }, drafted);

        // ---- axe 2 ----
        var axe2 = add(null, rollUp with { Title = "Aller-vers et raccrocher au droit commun", Description = "Aller chercher les personnes « hors radar » et les amener vers les dispositifs existants." }, drafted);
        var o21 = add(axe2, rollUp with { Title = "Repérer les jeunes invisibles" }, drafted);
        var permanences = add(o21, new PlanActionContent
        {
            Title = "Permanences en pied d'immeuble aux Résidences", PilotStructureId = s("mission-locale"),
            Partners = [p(s("france-travail"), PartnerRole.Pilote), p(s("unis-cite"), PartnerRole.Contributeur)], Contact = "Samia Benali (fictive)",
            PublicCodes = ["jeunes", "residents-qpv-frr"], QpvCodes = ["QN99001M"], StatusCode = "a-lancer", StartDate = d(2), DueDate = d(11, 15),
            Milestones = [new(Guid.Empty, "Première permanence", d(2, 12), false), new(Guid.Empty, "Bilan à mi-parcours", d(6, 30), false)],
            BudgetLines = [cite(year, 18_000m, 12_000m), new("Préfecture — crédits politique de la ville", BudgetKind.Cofinancement, year, 10_000m, 10_000m, 0m)],
        }, drafted);
        add(o21, new PlanActionContent
        {
            Title = "Maraudes communes éducateurs et conseillers emploi", PilotStructureId = s("centre-social-plateau"),
            Partners = [p(s("mission-locale"), PartnerRole.Contributeur), p(s("epide"), PartnerRole.Contributeur)],
            PublicCodes = ["jeunes"], QpvCodes = ["QN99002M"], StatusCode = "en-cours", StartDate = d(1, 15), DueDate = d(5, 30),
            BudgetLines = [cite(year, 7_500m, 7_500m, 3_000m), new("Centre social du Plateau", BudgetKind.Valorisation, year, 4_000m, 4_000m, 2_000m)],
        }, drafted);
        var o22 = add(axe2, rollUp with { Title = "Raccrocher au droit commun" }, drafted);
        add(o22, new PlanActionContent
        {
            Title = "Forum de l'emploi des quartiers", PilotStructureId = s("france-travail"),
            Partners = [p(s("plie"), PartnerRole.Financeur), p(s("cap-emploi"), PartnerRole.Contributeur), p(s("e2c"), PartnerRole.Contributeur)],
            FreinCodes = ["emploi"], PublicCodes = ["demandeurs-emploi", "residents-qpv-frr"], StatusCode = "en-cours", StartDate = d(3), DueDate = d(4, 20),
            Milestones = [new(Guid.Empty, "Salle réservée", d(2, 1), true), new(Guid.Empty, "Forum", d(4, 20), false)],
            BudgetLines = [cite(year, 5_000m, 3_000m), new("Valmont Agglomération (EPCI)", BudgetKind.Cofinancement, year, 5_000m, 5_000m, 0m)],
        }, drafted);
        add(o22, new PlanActionContent
        {
            Title = "Accès aux droits : permanence CAF au centre social", PilotStructureId = s("caf"), Partners = [p(s("centre-social-residences"), PartnerRole.Contributeur)],
            FreinCodes = ["acces-aux-droits"], PublicCodes = ["familles"], StatusCode = "realisee", StartDate = d(0, 5), DueDate = d(1, 28),
        }, drafted);

        // ---- axe 3 ----
        var axe3 = add(null, rollUp with { Title = "Innover et lever les freins périphériques", Description = "Mobilité, garde d'enfants, langue : ce qui empêche de prendre un emploi." }, drafted);
        var o31 = add(axe3, rollUp with { Title = "Lever le frein de la mobilité" }, drafted);
        add(o31, new PlanActionContent
        {
            Title = "Accompagnement au permis pour les allocataires du RSA", PilotStructureId = s("auto-ecole-sociale"), Partners = [p(s("france-travail"), PartnerRole.Financeur)],
            FreinCodes = ["mobilite"], PublicCodes = ["beneficiaires-des-minimas-sociaux"], StatusCode = "en-cours", StartDate = d(0, 15), DueDate = d(11, 31),
            BudgetLines = [cite(year, 20_000m, 20_000m, 6_000m), new("DREETS", BudgetKind.Cofinancement, year, 10_000m, 8_000m, 0m)],
        }, drafted);
        add(o31, new PlanActionContent
        {
            Title = "Covoiturage vers la zone logistique avec les entreprises", PilotStructureId = s("plie"), FreinCodes = ["mobilite"], StatusCode = "a-lancer",
            StartDate = d(5), DueDate = d(10, 31), BudgetLines = [cite(year, 8_000m, 0m)],
        }, drafted);
        var o32 = add(axe3, rollUp with { Title = "Garde d'enfants et langue française" }, drafted);
        add(o32, new PlanActionContent
        {
            Title = "Places en crèche à vocation d'insertion professionnelle", PilotStructureId = s("creche-avip"), Partners = [p(s("caf"), PartnerRole.Financeur)],
            FreinCodes = ["garde-denfants"], PublicCodes = ["familles", "femmes"], StatusCode = "en-cours", StartDate = d(0, 1), DueDate = d(11, 31),
            BudgetLines = [cite(year, 15_000m, 15_000m, 7_500m), new("CAF", BudgetKind.Cofinancement, year, 20_000m, 20_000m, 10_000m)],
        }, drafted);
        var fle = add(o32, new PlanActionContent
        {
            Title = "Ateliers de français à visée professionnelle", PilotStructureId = s("association-fle"), FreinCodes = ["langue-francaise"],
            PublicCodes = ["personnes-exilees"], StatusCode = "a-lancer", StartDate = d(3), DueDate = d(8, 30), BudgetLines = [cite(year, 9_000m, 0m)],
        }, drafted);

        // ---- what happened since: adoption in COPIL, a revision, partners updating their actions ----
        var copil = now.AddDays(-90);
        change(axe1, Coordination, copil, _ => plan.Adopt(DateOnly.FromDateTime(copil.UtcDateTime), "Adoptée en comité de pilotage (démonstration) : trois axes, enveloppe de 100 000 €.", Coordination));
        change(permanences, MissionLocale, now.AddDays(-60), a => a.ChangeStatus(plan, "en-cours", MissionLocale, now.AddDays(-60)));
        change(fle, Coordination, now.AddDays(-40), a => a.Edit(plan, a.Content with { BudgetLines = [cite(year, 9_000m, 4_500m)] }, a.Content, a.Version, references, Coordination, now.AddDays(-40)));
        var revision = now.AddDays(-20);
        change(axe1, Coordination, revision, _ => plan.Revise(DateOnly.FromDateTime(revision.UtcDateTime), "Révision (démonstration) : le covoiturage est confié au PLIE.", Coordination));
        change(permanences, MissionLocale, now.AddDays(-5), a => a.Edit(plan, a.Content with
        {
            Milestones = [.. a.Milestones.Select((m, i) => i == 0 ? m with { Done = true } : m)],
        }, a.Content, a.Version, references, MissionLocale, now.AddDays(-5)));

        db.Plans.Add(plan);
        db.PlanActions.AddRange(actions);
        db.PlanChanges.AddRange(history);
        await db.SaveChangesAsync(cancellationToken);
    }
}
