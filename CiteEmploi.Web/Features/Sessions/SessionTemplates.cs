using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>One item of a template, with its sub-items (one level, as in every agenda).</summary>
public sealed record TemplateItem(string Title, int PlannedMinutes, string Description = "", IReadOnlyList<TemplateItem>? SubItems = null)
{
    public IReadOnlyList<TemplateItem> Children => SubItems ?? [];
}

/// <summary>A ready-made agenda a coordinator starts from; <see cref="Key"/> is what the form submits.</summary>
public sealed record SessionTemplate(string Key, string Label, SessionKind? SuggestedKind, IReadOnlyList<TemplateItem> Items)
{
    /// <summary>The agenda's planned length: the sub-items count for an item that has some.</summary>
    public int TotalMinutes => Items.Sum(i => i.Children.Count > 0 ? i.Children.Sum(c => c.PlannedMinutes) : i.PlannedMinutes);
}

/// <summary>
/// The agendas a new session may start from: an empty one, a comité de pilotage and an interconnaissance « qui fait
/// quoi » (the two meetings every Cité holds). Applied at creation through <see cref="SessionService"/>, item by item,
/// so the domain's limits apply as to anything typed by hand.
/// </summary>
public static class SessionTemplates
{
    public static SessionTemplate Empty { get; } = new("vide", "Vide", null, []);

    public static SessionTemplate Copil { get; } = new("copil", "Comité de pilotage", SessionKind.ComitePilotage,
    [
        new("Accueil et tour de table", 10, "Présentation des participants et de leur structure."),
        new("Validation du compte rendu précédent", 5),
        new("Suivi des actions de la feuille de route", 30, "Avancement, retards et points de blocage des actions en cours."),
        new("Points d'étape par partenaire", 45, SubItems:
        [
            new("Service public de l'emploi (France Travail, Mission locale)", 15),
            new("Collectivités et services de l'État", 15),
            new("Structures de l'insertion et associations", 15),
        ]),
        new("Décisions", 15, "Les décisions à prendre, soumises au comité."),
        new("Prochaines étapes et date du prochain comité", 10),
    ]);

    public static SessionTemplate Interconnaissance { get; } = new("interconnaissance", "Interconnaissance — qui fait quoi", SessionKind.Interconnaissance,
    [
        new("Accueil", 15, "Café, émargement et badges au nom de chaque structure."),
        new("Présentation express des structures", 30, "Une minute trente par structure : qui elle accompagne, comment la joindre."),
        new("Speed-meeting", 45, "Des binômes de structures qui ne se connaissent pas encore.", SubItems:
        [
            new("Premier tour", 15),
            new("Deuxième tour", 15),
            new("Troisième tour", 15),
        ]),
        new("Restitution", 20, "Ce que chacun a appris des autres, les orientations possibles."),
        new("Clôture", 10, "Évaluation à chaud et suites."),
    ]);

    public static IReadOnlyList<SessionTemplate> All { get; } = [Empty, Copil, Interconnaissance];

    /// <summary>The template of a key, the empty one for an unknown key.</summary>
    public static SessionTemplate Find(string? key) => All.FirstOrDefault(t => t.Key == key) ?? Empty;

    /// <summary>
    /// Adds the template's items to the agenda, in order; stops at the first refusal (an item longer than a short
    /// session) and returns it, the items already added staying on the agenda.
    /// </summary>
    public static async Task<CommandResult> ApplyAsync(SessionService sessions, CiteAccess access, Guid sessionId, SessionTemplate template,
        CancellationToken cancellationToken = default)
    {
        foreach (var item in template.Items)
        {
            var added = await sessions.AddItemAsync(access, sessionId, null, Content(item), cancellationToken);
            if (!added.Succeeded)
            {
                return added;
            }
            var parentId = Guid.Parse(added.Value!);
            foreach (var sub in item.Children)
            {
                var subAdded = await sessions.AddItemAsync(access, sessionId, parentId, Content(sub), cancellationToken);
                if (!subAdded.Succeeded)
                {
                    return subAdded;
                }
            }
        }
        return CommandResult.Ok(sessionId.ToString());
    }

    private static AgendaItemContent Content(TemplateItem item) => new(item.Title, item.PlannedMinutes, item.Description);
}
