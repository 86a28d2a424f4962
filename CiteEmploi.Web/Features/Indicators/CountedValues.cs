using System.Globalization;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Indicators;

/// <summary>One line of a counted value's detail (« Axe 1 — Aller-vers : 4 »).</summary>
public sealed record CountedDetail(string Label, decimal Value);

/// <summary>
/// A value counted from the workspace: the number (null when it cannot be counted for this period, then
/// <see cref="How"/> says why), how it is counted, and its detail.
/// </summary>
public sealed record CountedValue(decimal? Value, string How, IReadOnlyList<CountedDetail> Details);

/// <summary>
/// Counts the indicators the workspace knows (docs/decisions/0027-indicators.md), for one Cité and one period, from
/// its sessions and its feuilles de route as they were at the end of the period (their history replayed), or as they
/// are now while the period runs. A period that has not begun counts nothing: « non renseigné », never 0.
/// </summary>
internal static class CountedValues
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static async Task<IReadOnlyDictionary<CountedIndicator, CountedValue>> CountAsync(AppDbContext db, Period period, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(FrenchTime.Local(now));
        if (period.Start > today)
        {
            var notYet = new CountedValue(null, $"La période {period.Code} n'a pas commencé : rien à compter.", []);
            return Enum.GetValues<CountedIndicator>().ToDictionary(c => c, _ => notYet);
        }
        var end = FrenchTime.EndOf(period.End);
        var at = end < now ? end : now;
        var start = FrenchTime.At(period.Start, TimeOnly.MinValue);
        var held = await HeldAsync(db, period.Start, period.End, today, cancellationToken);
        var trees = await PlansAsOfAsync(db, at, cancellationToken);
        var names = await db.Structures.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        return new Dictionary<CountedIndicator, CountedValue>
        {
            [CountedIndicator.SeancesTenues] = Sessions(held),
            [CountedIndicator.ActionsFeuilleDeRoute] = Actions(trees, at),
            [CountedIndicator.PartenairesImpliques] = Involved(trees, names, at),
            [CountedIndicator.PartenairesActifs] = await ActiveAsync(db, held, start, at, names, cancellationToken),
            [CountedIndicator.BudgetConsomme] = Budget(period, trees, at),
            [CountedIndicator.OrientationsEnregistrees] = Referrals(await Features.Referrals.ReferralService.InPeriodAsync(db, period, cancellationToken)),
        };
    }

    private static CountedValue Referrals(IReadOnlyList<Domain.Referrals.Referral> referrals) =>
        new(referrals.Count,
            "Orientations enregistrées depuis les services de l'annuaire (« J'ai orienté une personne vers ce service ») pour un jour de la période, par frein, d'après la page Orientations.",
            [.. Domain.Referrals.ReferralCounts.ByFrein(referrals.Select(r => new Domain.Referrals.ReferralLine(r.FreinCode, r.FromStructureId, r.ToStructureId)))
                .Select(c => new CountedDetail(c.FreinCode is null ? Features.Referrals.ReferralService.NoFrein : Features.Referrals.ReferralService.FreinLabel(c.FreinCode), c.Count))]);

    private static CountedValue Sessions(IReadOnlyList<Session> held) =>
        new(held.Count,
            "Séances de la période, ni annulées ni à venir (commencées dans l'espace ou dont la date est passée), d'après la page Séances.",
            [.. held.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => new CountedDetail(SessionRunTexts.KindLabel(g.Key), g.Count()))]);

    private static CountedValue Actions(IReadOnlyList<(PlanSnapshot Plan, PlanTree Tree)> trees, DateTimeOffset at)
    {
        if (trees.Count == 0)
        {
            return new CountedValue(null, $"Aucune feuille de route au {Day(at)} : rien à compter.", []);
        }
        var details = new List<CountedDetail>();
        var count = 0;
        foreach (var (plan, tree) in trees)
        {
            var actions = tree.Nodes.Where(n => n.Depth >= 2 && !n.HasChildren).ToList();
            count += actions.Count;
            var prefix = trees.Count > 1 ? $"{plan.Title} — " : string.Empty;
            details.AddRange(tree.Nodes.Where(n => n.Depth == 1)
                .Select(axis => new CountedDetail($"{prefix}{(plan.Levels.Count > 0 ? plan.Levels[0] : "Axe")} {axis.Code} — {axis.Action.Title}", actions.Count(a => a.AxisId == axis.Id))));
            details.AddRange(actions.GroupBy(a => tree.StatusOf(a)?.Label ?? a.Action.StatusCode)
                .Select(g => new CountedDetail($"{prefix}Statut « {g.Key} »", g.Count())));
        }
        return new CountedValue(count,
            $"Actions de la feuille de route au {Day(at)} (hors axes, sans sous-action), par axe et par statut, d'après son historique.", details);
    }

    private static CountedValue Involved(IReadOnlyList<(PlanSnapshot Plan, PlanTree Tree)> trees, IReadOnlyDictionary<Guid, string> names, DateTimeOffset at)
    {
        if (trees.Count == 0)
        {
            return new CountedValue(null, $"Aucune feuille de route au {Day(at)} : rien à compter.", []);
        }
        var structures = trees.SelectMany(t => t.Tree.Nodes)
            .SelectMany(n => n.Action.Partners.Select(p => p.StructureId).Concat(n.Action.PilotStructureId is { } pilot ? [pilot] : []))
            .Distinct().ToList();
        return new CountedValue(structures.Count,
            $"Structures pilotes ou partenaires d'au moins une action de la feuille de route au {Day(at)}.", StructureDetails(structures, names));
    }

    private static async Task<CountedValue> ActiveAsync(AppDbContext db, IReadOnlyList<Session> held, DateTimeOffset start, DateTimeOffset at,
        IReadOnlyDictionary<Guid, string> names, CancellationToken cancellationToken)
    {
        var present = held.SelectMany(s => s.Participants).Where(p => p.ArrivedAt is not null && p.StructureId is not null).Select(p => p.StructureId!.Value);
        var editors = await db.PlanChanges.AsNoTracking().Where(c => c.At >= start && c.At <= at && c.UserId != null).Select(c => c.UserId!).Distinct().ToListAsync(cancellationToken);
        var editing = await db.Memberships.AsNoTracking().Where(m => editors.Contains(m.UserId) && m.StructureId != null).Select(m => m.StructureId!.Value).ToListAsync(cancellationToken);
        var structures = present.Concat(editing).Distinct().ToList();
        return new CountedValue(structures.Count,
            "Structures dont une personne a été pointée présente à une séance tenue pendant la période, ou dont un membre a modifié la feuille de route pendant la période.",
            StructureDetails(structures, names));
    }

    private static CountedValue Budget(Period period, IReadOnlyList<(PlanSnapshot Plan, PlanTree Tree)> trees, DateTimeOffset at)
    {
        if (period.Kind != PeriodKind.Annee)
        {
            return new CountedValue(null, "Le budget de la feuille de route se suit par année : choisissez l'année pour le voir.", []);
        }
        var lines = trees.SelectMany(t => t.Tree.Nodes).SelectMany(n => n.Action.BudgetLines).Where(l => l.Year == period.Year).ToList();
        if (lines.Count == 0)
        {
            return new CountedValue(null, $"Aucune ligne de budget pour {period.Year} dans la feuille de route au {Day(at)}.", []);
        }
        return new CountedValue(lines.Sum(l => l.Spent),
            $"Somme du « réalisé » des lignes de budget {period.Year} des actions de la feuille de route au {Day(at)}.",
            [.. lines.GroupBy(l => l.Kind).OrderBy(g => g.Key).Select(g => new CountedDetail(KindLabel(g.Key), g.Sum(l => l.Spent)))]);
    }

    /// <summary>
    /// The sessions held between two days: not cancelled, started in the workspace or whose date has passed, by date
    /// (« séances tenues », and the cooperation map's joint sessions).
    /// </summary>
    internal static async Task<List<Session>> HeldAsync(AppDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.State != SessionState.Annulee && s.Date >= from && s.Date <= to)
            .ToListAsync(cancellationToken);
        return [.. sessions.Where(s => s.State is SessionState.EnCours or SessionState.Close || s.Date < today).OrderBy(s => s.Date)];
    }

    /// <summary>The Cité's feuilles de route as they were at <paramref name="at"/> (their history replayed), oldest first; also the cooperation map's.</summary>
    internal static async Task<IReadOnlyList<(PlanSnapshot Plan, PlanTree Tree)>> PlansAsOfAsync(AppDbContext db, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changes = await db.PlanChanges.AsNoTracking().Where(c => c.At <= at).ToListAsync(cancellationToken);
        return [.. changes.GroupBy(c => c.PlanId)
            .Select(g => PlanHistory.AsOf(g, at))
            .Where(p => p.Plan is not null)
            .Select(p => (p.Plan!, p.Tree()))
            .OrderBy(p => p.Item1.StartYear).ThenBy(p => p.Item1.Title, StringComparer.Ordinal)];
    }

    private static List<CountedDetail> StructureDetails(IEnumerable<Guid> structures, IReadOnlyDictionary<Guid, string> names) =>
        [.. structures.Select(id => names.GetValueOrDefault(id, "Structure retirée de l'annuaire")).Order(StringComparer.Create(French, true)).Select(n => new CountedDetail(n, 1))];

    private static string KindLabel(BudgetKind kind) => kind switch
    {
        BudgetKind.EnveloppeCite => "Enveloppe de la Cité",
        BudgetKind.Cofinancement => "Cofinancements",
        _ => "Valorisations",
    };

    private static string Day(DateTimeOffset at) => FrenchTime.Local(at).ToString("d MMMM yyyy", French);
}
