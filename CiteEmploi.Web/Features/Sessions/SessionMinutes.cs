using System.Globalization;
using System.Text;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// A session's minutes (compte rendu) in Markdown, made from what was recorded: the session, who attended by structure,
/// then each agenda item with its notes and outcomes (decisions and actions, with the action of the feuille de route an
/// outcome became), and the decisions gathered at the end. One text for the printable page and the download. Typed
/// titles and names are escaped; the notes are the note-takers' own Markdown (shown through the app's safe renderer).
/// </summary>
public static class SessionMinutes
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Write(Session session, string citeName)
    {
        var text = new StringBuilder();
        text.Append("# Compte rendu — ").AppendLine(MarkdownEscape.Inline(session.Title)).AppendLine();
        text.Append(MarkdownEscape.Inline(citeName)).Append(" · ").Append(SessionRunTexts.KindLabel(session.Kind)).Append(" · ")
            .Append(SessionRunTexts.When(session.Details));
        if (session.Place.Length > 0)
        {
            text.Append(" · ").Append(MarkdownEscape.Inline(session.Place));
        }
        text.AppendLine().AppendLine();
        if (session.State != SessionState.Close)
        {
            text.AppendLine($"_Séance {SessionRunTexts.StateLabel(session.State).ToLower(French)} : ce compte rendu n'est pas définitif._").AppendLine();
        }
        else if (session is { StartedAt: { } started, ClosedAt: { } closed })
        {
            text.Append("Séance tenue de ").Append(SessionRunTexts.Clock(started)).Append(" à ").Append(SessionRunTexts.Clock(closed)).AppendLine(".").AppendLine();
        }

        text.AppendLine("## Présences").AppendLine();
        var present = session.Participants.Where(p => p.ArrivedAt is not null).ToList();
        if (present.Count == 0)
        {
            text.AppendLine("_Aucune présence enregistrée._").AppendLine();
        }
        else
        {
            text.Append(present.Count.ToString(French)).Append(" présent·e(s) sur ").Append(session.Participants.Count.ToString(French)).AppendLine(" invité·e(s).").AppendLine();
            text.AppendLine("| Structure | Présent·e·s | Personnes |").AppendLine("|---|---:|---|");
            foreach (var group in present.GroupBy(p => p.StructureName, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key == Session.NoStructure).ThenBy(g => g.Key, StringComparer.Create(French, true)))
            {
                text.Append("| ").Append(MarkdownEscape.Inline(group.First().StructureName)).Append(" | ").Append(group.Count().ToString(French)).Append(" | ")
                    .Append(string.Join(", ", group.Select(p => MarkdownEscape.Inline(p.Name)))).AppendLine(" |");
            }
            text.AppendLine();
            var excused = session.Participants.Where(p => p.ArrivedAt is null && p.Answer == InvitationAnswer.Non).ToList();
            if (excused.Count > 0)
            {
                text.Append("Excusé·e·s : ").Append(string.Join(", ", excused.Select(p => $"{MarkdownEscape.Inline(p.Name)} ({MarkdownEscape.Inline(p.StructureName)})"))).AppendLine(".").AppendLine();
            }
        }

        text.AppendLine("## Ordre du jour").AppendLine();
        var schedule = AgendaSchedule.Of(session, session.ClosedAt ?? session.CreatedAt);
        foreach (var entry in schedule.Items)
        {
            var item = entry.Item;
            text.Append(entry.Depth == 0 ? "### " : "#### ").Append(entry.Number).Append(". ").AppendLine(MarkdownEscape.Inline(item.Title)).AppendLine();
            if (item.PresenterName.Length > 0)
            {
                text.Append("Présenté par ").Append(MarkdownEscape.Inline(item.PresenterName)).AppendLine(".").AppendLine();
            }
            if (session.NotesOf(item.Id) is { Length: > 0 } notes)
            {
                text.AppendLine(notes).AppendLine();
            }
            foreach (var outcome in session.Outcomes.Where(o => o.ItemId == item.Id))
            {
                text.Append("- **").Append(SessionRunTexts.OutcomeLabel(outcome.Kind)).Append("** : ").Append(MarkdownEscape.Inline(outcome.Text));
                if (outcome.ActionId is not null)
                {
                    text.Append(" _(action de la feuille de route)_");
                }
                text.AppendLine();
            }
            if (session.Outcomes.Any(o => o.ItemId == item.Id))
            {
                text.AppendLine();
            }
        }

        var decisions = session.Outcomes.Where(o => o.Kind == OutcomeKind.Decision).ToList();
        var actions = session.Outcomes.Where(o => o.Kind == OutcomeKind.Action).ToList();
        if (decisions.Count + actions.Count > 0)
        {
            text.AppendLine("## Relevé de décisions").AppendLine();
            foreach (var outcome in decisions.Concat(actions))
            {
                text.Append("- ").Append(SessionRunTexts.OutcomeLabel(outcome.Kind)).Append(" : ").AppendLine(MarkdownEscape.Inline(outcome.Text));
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
