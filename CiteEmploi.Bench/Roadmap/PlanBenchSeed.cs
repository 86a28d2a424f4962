using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Roadmap;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Bench.Roadmap;

/// <summary>
/// A feuille de route of 500 actions on three levels (3 axes × 10 objectives × 15–16 actions) with the fields a real
/// one carries (pilot and partner structures of the Cité's directory, contact, barriers, dates, statuses, one or two
/// budget lines, milestones, a description), built through the domain with a fixed seed and stored with its history in
/// one commit; an empty plan beside it (what the page's shell costs); a coordinator account who may edit every action.
/// Run inside <see cref="Live.BoardBenchServer.StartAsync"/>'s seed, before the app starts.
/// </summary>
public sealed class PlanBenchSeed
{
    public const int Axes = 3;
    public const int ObjectivesPerAxis = 10;
    public const int Actions = 500;
    public const string CoordinatorEmail = "coordination@bench.invalid";

    private static readonly string[] StructureNames =
    [
        "Mission Locale du bassin", "France Travail agence centre", "Cap emploi du département", "Centre social des Quartiers Nord",
        "PLIE de l'agglomération", "Association Mobilité Solidaire", "Maison de l'emploi", "École de la deuxième chance",
    ];

    public Guid PlanId { get; private set; }

    public Guid EmptyPlanId { get; private set; }

    /// <summary>The first axis (a filter by axis).</summary>
    public Guid AxisId { get; private set; }

    /// <summary>The structure piloting the most actions (a filter by pilot).</summary>
    public Guid PilotId { get; private set; }

    /// <summary>The first action of the third level: on the table's first page (fifty rows).</summary>
    public Guid TargetActionId { get; private set; }

    public string TargetTitle { get; private set; } = string.Empty;

    public int ActionCount { get; private set; }

    public async Task SeedAsync(IServiceProvider services, CiteAccess access)
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(500);
        var plans = services.GetRequiredService<PlanService>();
        var created = await plans.CreateAsync(access, "Feuille de route 2025-2027 (banc)", 2025, 2027, 250_000m);
        var empty = await plans.CreateAsync(access, "Feuille de route vide (banc)", 2025, 2027, 0m);
        if (!created.Succeeded || !empty.Succeeded)
        {
            throw new InvalidOperationException("préparation du banc : feuille de route");
        }
        PlanId = Guid.Parse(created.Value!);
        EmptyPlanId = Guid.Parse(empty.Value!);

        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.CiteScope = access.CiteId;
        var structures = StructureNames.Select(name => Structure.Create(access.CiteId, new StructureDetails
        {
            Name = name,
            Description = $"{name} : accompagnement vers l'emploi et la formation des habitants des quartiers prioritaires.",
        }, now)).ToList();
        db.Structures.AddRange(structures);
        var plan = await db.Plans.SingleAsync(p => p.Id == PlanId);
        var references = new PlanReferences(structures.Select(s => s.Id).ToHashSet(), new HashSet<string>(StringComparer.Ordinal));
        var actor = new PlanActor(null, "Banc");
        var freins = Freins.All;
        var actions = new List<PlanAction>(Actions);
        var history = new List<PlanChange>();
        var at = now.AddDays(-30);
        PlanAction add(Guid? parent, string title, int depth)
        {
            at = at.AddMinutes(1);
            var start = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 500));
            var pilot = structures[random.Next(structures.Count)];
            var partner = structures[random.Next(structures.Count)];
            var content = new PlanActionContent
            {
                Title = title,
                Description = depth < 3 ? string.Empty
                    : $"{title} : repérer les habitants éloignés de l'emploi, les orienter vers le bon partenaire et suivre leur parcours "
                      + $"jusqu'à la sortie positive. Point d'étape mensuel avec la coordination ; {random.Next(10, 120)} personnes visées.",
                PilotStructureId = pilot.Id,
                Partners = partner.Id == pilot.Id ? [] : [new ActionPartner(partner.Id, (PartnerRole)random.Next(3))],
                Contact = depth < 3 ? string.Empty : $"Référent·e n° {random.Next(1, 40)} — 06 00 00 {random.Next(10, 99)} {random.Next(10, 99)}",
                FreinCodes = depth < 3 ? [] : [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => freins[random.Next(freins.Count)].Code).Distinct()],
                StartDate = start,
                DueDate = start.AddDays(random.Next(30, 400)),
                StatusCode = plan.Statuses[random.Next(plan.Statuses.Count)].Code,
                Milestones = depth < 3 ? [] : [new Milestone(Guid.NewGuid(), "Comité de suivi", start.AddDays(random.Next(1, 30)), random.Next(2) == 0)],
                BudgetLines = depth < 3 ? [] :
                [
                    new BudgetLine("Cité de l'emploi", BudgetKind.EnveloppeCite, 2025, random.Next(0, 300_000) / 100m, random.Next(0, 100_000) / 100m, 0),
                    .. random.Next(2) == 0 ? [new BudgetLine("Préfecture", BudgetKind.Cofinancement, 2026, random.Next(0, 200_000) / 100m, 0, 0)] : Array.Empty<BudgetLine>(),
                ],
            };
            var action = PlanAction.Add(plan, parent, (actions.Count + 1) * 1024d, content, references, actions, null, actor, at);
            actions.Add(action);
            history.AddRange(PlanHistory.Diff(access.CiteId, plan.Id, null, action.Snapshot(), actor, at));
            return action;
        }
        var objectives = Axes * ObjectivesPerAxis;
        var leaves = Actions - Axes - objectives;
        var o = 0;
        for (var a = 1; a <= Axes; a++)
        {
            var axis = add(null, $"Axe {a} : lever les freins périphériques à l'emploi", 1);
            for (var k = 1; k <= ObjectivesPerAxis; k++, o++)
            {
                var objective = add(axis.Id, $"Objectif {a}.{k} : mobiliser les partenaires du quartier", 2);
                // 467 leaves over 30 objectives: the first ones take one more
                var count = (leaves / objectives) + (o < leaves % objectives ? 1 : 0);
                for (var x = 1; x <= count; x++)
                {
                    add(objective.Id, $"Action {a}.{k}.{x} : atelier emploi et permanence de proximité", 3);
                }
            }
        }
        db.PlanActions.AddRange(actions);
        db.PlanChanges.AddRange(history);
        await db.SaveChangesAsync();

        AxisId = actions[0].Id;
        var target = actions.First(a => a.Title.StartsWith("Action 1.1.1 ", StringComparison.Ordinal));
        TargetActionId = target.Id;
        TargetTitle = target.Title;
        PilotId = actions.GroupBy(a => a.PilotStructureId).OrderByDescending(g => g.Count()).First().Key!.Value;
        ActionCount = actions.Count;

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var coordinator = new AppUser
        {
            UserName = CoordinatorEmail, Email = CoordinatorEmail, EmailConfirmed = true, DisplayName = "Coordination du banc", CreatedAt = DateTimeOffset.UtcNow,
        };
        if (!(await users.CreateAsync(coordinator, Live.BoardBenchServer.Password)).Succeeded)
        {
            throw new InvalidOperationException("préparation du banc : compte de coordination");
        }
        await services.GetRequiredService<MemberService>().AddAsync(access, coordinator.Id, CiteRole.Coordinateur);
    }
}
