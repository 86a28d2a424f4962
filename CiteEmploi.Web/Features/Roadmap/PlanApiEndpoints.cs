using System.Text.Json.Serialization;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Roadmap.Export;

namespace CiteEmploi.Web.Features.Roadmap;

/// <summary>
/// The read API of a Cité's feuilles de route: <c>GET /api/cites/{slug}/feuilles-de-route</c> (the list) and
/// <c>/api/cites/{slug}/feuilles-de-route/{planId}</c> (a plan with its actions in reading order and its budget).
/// The same rule as the pages: a member of the Cité reads, with their session; another Cité's member or an anonymous
/// caller gets the same 404 as for a plan or a Cité that does not exist. Dates and amounts are JSON's invariant forms.
/// </summary>
public static class PlanApiEndpoints
{
    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/cites/{slug}/feuilles-de-route", async (string slug, HttpContext context, CiteAccessService wall, PlanService plans,
            CancellationToken cancellationToken) =>
        {
            if (await ReaderAsync(context, slug, wall, cancellationToken) is not { } access)
            {
                return Results.NotFound();
            }
            var list = await plans.ListAsync(access, cancellationToken);
            return Results.Ok(list.Select(p => new ApiPlanSummary(p.Id, p.Title, p.StartYear, p.EndYear, StateText(p.State), p.Envelope, p.ActionCount,
                $"/api/cites/{access.Slug}/feuilles-de-route/{p.Id}", $"/c/{access.Slug}/feuille-de-route/{p.Id}")).ToList());
        }).AllowAnonymous();

        endpoints.MapGet("/api/cites/{slug}/feuilles-de-route/{planId:guid}", async (string slug, Guid planId, HttpContext context, CiteAccessService wall,
            PlanService plans, CancellationToken cancellationToken) =>
        {
            if (await ReaderAsync(context, slug, wall, cancellationToken) is not { } access
                || await plans.GetAsync(access, planId, cancellationToken: cancellationToken) is not { } plan
                || await plans.BudgetAsync(access, planId, cancellationToken) is not { } budget)
            {
                return Results.NotFound();
            }
            return Results.Ok(ApiPlan.From(plan, budget, $"/c/{access.Slug}/feuille-de-route/{plan.Id}"));
        }).AllowAnonymous();
        return endpoints;
    }

    // anonymous, another Cité, no right to read: one answer, so nothing tells them apart
    private static async Task<CiteAccess?> ReaderAsync(HttpContext context, string slug, CiteAccessService wall, CancellationToken cancellationToken) =>
        context.User.Identity?.IsAuthenticated == true && await wall.ResolveAsync(context.User, slug, cancellationToken) is { } access && access.Can(CitePermission.Read)
            ? access
            : null;

    private static string StateText(PlanState state) => state switch
    {
        PlanState.Brouillon => "brouillon",
        PlanState.Adopte => "adopte",
        _ => "revise",
    };

    public sealed record ApiPlanSummary(Guid Id, string Titre, [property: JsonPropertyName("annee_debut")] int AnneeDebut,
        [property: JsonPropertyName("annee_fin")] int AnneeFin, string Etat, decimal Enveloppe, [property: JsonPropertyName("nombre_actions")] int NombreActions,
        string Api, string Lien);

    public sealed record ApiPlan(
        Guid Id,
        string Titre,
        [property: JsonPropertyName("annee_debut")] int AnneeDebut,
        [property: JsonPropertyName("annee_fin")] int AnneeFin,
        string Etat,
        IReadOnlyList<ApiDecision> Decisions,
        decimal Enveloppe,
        IReadOnlyList<string> Niveaux,
        IReadOnlyList<ApiStatus> Statuts,
        IReadOnlyList<ApiAction> Actions,
        ApiBudget Budget,
        string Lien)
    {
        public static ApiPlan From(PlanView plan, PlanBudget budget, string link) => new(
            plan.Id, plan.Title, plan.StartYear, plan.EndYear, StateText(plan.State),
            [.. plan.Decisions.Select(d => new ApiDecision(StateText(d.State), d.Date, d.Text))],
            plan.Envelope, plan.Levels,
            [.. plan.Statuses.Select(s => new ApiStatus(s.Code, s.Label, s.DefaultProgress))],
            [.. plan.Actions.Select(a => ApiAction.From(plan, a, $"{link}/actions/{a.Id}"))],
            new ApiBudget(budget.Total.Planned, budget.Total.Committed, budget.Total.Spent, budget.EnvelopeLines.Committed, budget.RemainingToCommit, budget.IsOverCommitted),
            link);
    }

    public sealed record ApiDecision(string Etat, DateOnly Date, string Texte);

    public sealed record ApiStatus(string Code, string Libelle, [property: JsonPropertyName("avancement_par_defaut")] int AvancementParDefaut);

    public sealed record ApiStructure(Guid Id, string? Nom);

    public sealed record ApiPartner(Guid Id, string? Nom, string Role);

    public sealed record ApiMilestone(Guid Id, string Titre, DateOnly Date, bool Fait);

    public sealed record ApiBudgetLine(string Financeur, string Nature, int Annee, decimal Prevu, decimal Engage, decimal Realise);

    public sealed record ApiBudget(decimal Prevu, decimal Engage, decimal Realise,
        [property: JsonPropertyName("engage_sur_enveloppe")] decimal EngageSurEnveloppe,
        [property: JsonPropertyName("reste_a_engager")] decimal ResteAEngager,
        [property: JsonPropertyName("sur_engagement")] bool SurEngagement);

    public sealed record ApiAction(
        Guid Id,
        string Code,
        [property: JsonPropertyName("parent_id")] Guid? ParentId,
        string Niveau,
        string Titre,
        string Description,
        ApiStructure? Pilote,
        IReadOnlyList<ApiPartner> Partenaires,
        string Contact,
        IReadOnlyList<string> Freins,
        IReadOnlyList<string> Publics,
        IReadOnlyList<string> Qpv,
        DateOnly? Debut,
        DateOnly? Echeance,
        string Statut,
        [property: JsonPropertyName("mode_avancement")] string ModeAvancement,
        int Avancement,
        [property: JsonPropertyName("en_retard")] bool EnRetard,
        IReadOnlyList<ApiMilestone> Jalons,
        IReadOnlyList<ApiBudgetLine> Budget,
        [property: JsonPropertyName("identifiant_externe")] string? IdentifiantExterne,
        string Lien)
    {
        public static ApiAction From(PlanView plan, PlanActionView a, string link)
        {
            var c = a.Content;
            return new ApiAction(a.Id, a.Code, a.ParentId, a.LevelLabel, c.Title, c.Description,
                c.PilotStructureId is { } pilot ? new ApiStructure(pilot, plan.StructureName(pilot)) : null,
                [.. c.Partners.Select(p => new ApiPartner(p.StructureId, plan.StructureName(p.StructureId), PlanSheet.RoleText(p.Role)))],
                c.Contact, c.FreinCodes, c.PublicCodes, c.QpvCodes, c.StartDate, c.DueDate, c.StatusCode, PlanSheet.ModeText(c.ProgressMode), a.Progress, a.IsLate,
                [.. c.Milestones.Select(m => new ApiMilestone(m.Id, m.Title, m.Date, m.Done))],
                [.. c.BudgetLines.Select(l => new ApiBudgetLine(l.Funder, PlanSheet.KindText(l.Kind), l.Year, l.Planned, l.Committed, l.Spent))],
                c.ExternalId, link);
        }
    }
}
