using System.Text;
using CiteEmploi.Domain.Roadmap;
using CiteEmploi.Web.Components.Pages.Roadmap;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Roadmap.Export;

/// <summary>
/// The plan as a Markdown document to paste in a report or a COPIL's minutes: its tree with codes (a heading per axis
/// and objective, a list item per deeper action), pilots, statuses, progress, dates in French, then the budget totals
/// against the envelope. For reading only: the CSV and XLSX are the files to re-import.
/// </summary>
public static class PlanMarkdown
{
    public static string Write(PlanView plan, PlanBudget budget)
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(Escape(plan.Title)).AppendLine();
        text.Append("Période : ").Append(RoadmapDisplay.Period(plan.StartYear, plan.EndYear))
            .Append(" · État : ").Append(RoadmapDisplay.StateLabel(plan.State))
            .Append(" · Enveloppe : ").AppendLine(RoadmapDisplay.Euros(plan.Envelope)).AppendLine();
        if (plan.Actions.Count == 0)
        {
            text.AppendLine("_Aucune action pour l'instant._").AppendLine();
        }
        foreach (var action in plan.Actions)
        {
            var details = Details(plan, action);
            if (action.Depth <= 2)
            {
                text.Append(new string('#', action.Depth + 1)).Append(' ').Append(action.Code).Append(". ").AppendLine(Escape(action.Title)).AppendLine();
                text.AppendLine(details).AppendLine();
            }
            else
            {
                // deeper levels as an indented list: headings stop being readable past three levels
                text.Append(new string(' ', (action.Depth - 3) * 2)).Append("- **").Append(action.Code).Append(". ").Append(Escape(action.Title)).Append("** — ")
                    .AppendLine(details);
            }
            if (action.Depth > 2 && NextIsShallower(plan, action))
            {
                text.AppendLine();
            }
        }
        text.AppendLine("## Budget").AppendLine();
        text.Append("- Enveloppe de la Cité : ").AppendLine(RoadmapDisplay.Euros(budget.Envelope));
        text.Append("- Prévu sur l'enveloppe : ").AppendLine(RoadmapDisplay.Euros(budget.EnvelopeLines.Planned));
        text.Append("- Engagé sur l'enveloppe : ").AppendLine(RoadmapDisplay.Euros(budget.EnvelopeLines.Committed));
        text.Append("- Reste à engager : ").AppendLine(RoadmapDisplay.Euros(budget.RemainingToCommit));
        text.Append("- Total toutes sources : prévu ").Append(RoadmapDisplay.Euros(budget.Total.Planned)).Append(", engagé ")
            .Append(RoadmapDisplay.Euros(budget.Total.Committed)).Append(", réalisé ").AppendLine(RoadmapDisplay.Euros(budget.Total.Spent));
        if (budget.IsOverCommitted)
        {
            text.Append("- **Sur-engagement** : ").Append(RoadmapDisplay.Euros(-budget.RemainingToCommit)).AppendLine(" au-delà de l'enveloppe.");
        }
        text.AppendLine();
        if (budget.Axes.Count > 0)
        {
            text.AppendLine("| Axe | Prévu | Engagé | Réalisé |").AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var axis in budget.Axes)
            {
                text.Append("| ").Append(axis.Code).Append(". ").Append(Cell(axis.Title)).Append(" | ").Append(RoadmapDisplay.Euros(axis.Totals.Planned))
                    .Append(" | ").Append(RoadmapDisplay.Euros(axis.Totals.Committed)).Append(" | ").Append(RoadmapDisplay.Euros(axis.Totals.Spent)).AppendLine(" |");
            }
            text.AppendLine();
        }
        if (budget.Funders.Count > 0)
        {
            text.AppendLine("| Financeur | Nature | Prévu | Engagé | Réalisé |").AppendLine("| --- | --- | ---: | ---: | ---: |");
            foreach (var funder in budget.Funders)
            {
                text.Append("| ").Append(Cell(funder.Funder)).Append(" | ").Append(RoadmapDisplay.KindLabel(funder.Kind)).Append(" | ")
                    .Append(RoadmapDisplay.Euros(funder.Totals.Planned)).Append(" | ").Append(RoadmapDisplay.Euros(funder.Totals.Committed))
                    .Append(" | ").Append(RoadmapDisplay.Euros(funder.Totals.Spent)).AppendLine(" |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>« Pilote : Mission Locale · En cours (40 %) · 15/01/2026 → 31/12/2026 · prévu 12 000,00 € ».</summary>
    private static string Details(PlanView plan, PlanActionView action)
    {
        var c = action.Content;
        var parts = new List<string>
        {
            $"Pilote : {Escape(plan.StructureName(c.PilotStructureId) ?? "à désigner")}",
            $"{plan.StatusLabel(c.StatusCode)} ({action.Progress} %){(action.IsLate ? " — **en retard**" : string.Empty)}",
        };
        if (c.StartDate is not null || c.DueDate is not null)
        {
            parts.Add($"{RoadmapDisplay.Date(c.StartDate)} → {RoadmapDisplay.Date(c.DueDate)}");
        }
        if (c.Partners.Count > 0)
        {
            parts.Add("Partenaires : " + string.Join(", ", c.Partners.Select(p => $"{Escape(plan.StructureName(p.StructureId) ?? "?")} ({RoadmapDisplay.RoleLabel(p.Role).ToLowerInvariant()})")));
        }
        if (c.BudgetLines.Count > 0)
        {
            parts.Add($"Budget : prévu {RoadmapDisplay.Euros(action.Budget.Planned)}, engagé {RoadmapDisplay.Euros(action.Budget.Committed)}");
        }
        if (c.Milestones.Count > 0)
        {
            parts.Add("Jalons : " + string.Join(", ", c.Milestones.Select(m => $"{Escape(m.Title)} ({RoadmapDisplay.Date(m.Date)}{(m.Done ? ", fait" : string.Empty)})")));
        }
        return string.Join(" · ", parts);
    }

    private static bool NextIsShallower(PlanView plan, PlanActionView action)
    {
        var index = IndexOf(plan, action);
        return index + 1 >= plan.Actions.Count || plan.Actions[index + 1].Depth <= 2;
    }

    private static int IndexOf(PlanView plan, PlanActionView action)
    {
        for (var i = 0; i < plan.Actions.Count; i++)
        {
            if (plan.Actions[i].Id == action.Id)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Escape(string text) => MarkdownEscape.Inline(text);

    private static string Cell(string text) => Escape(text);
}
