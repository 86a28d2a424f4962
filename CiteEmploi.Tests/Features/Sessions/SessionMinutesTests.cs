using CiteEmploi.Domain.Sessions;
using CiteEmploi.Tests.Domain.Sessions;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Tests.Features.Sessions;

/// <summary>The minutes in Markdown, made from what the session recorded: attendance by structure, notes, outcomes, decisions.</summary>
public sealed class SessionMinutesTests
{
    private static readonly SessionActor Camille = new("coord", "Camille");

    [Fact]
    public void TheMinutes_SayWhoCameByStructure_EachItemsNotesAndOutcomes_AndGatherTheDecisions_WithTypedTextsEscaped()
    {
        var session = SessionTests.Copil();
        var bilan = session.AddItem(null, new AgendaItemContent("Bilan *mobilité*", 30, PresenterName: "Samia"), Camille);
        session.AddItem(null, new AgendaItemContent("Divers", 10), Camille);
        var samia = session.Invite(new InviteeDetails("Samia", "samia@ml.fr", StructureName: "Mission Locale"), Camille);
        var paul = session.Invite(new InviteeDetails("Paul", "paul@caf.fr", StructureName: "CAF"), Camille);
        var lea = session.Invite(new InviteeDetails("Léa", "lea@ccas.fr", StructureName: "CCAS"), Camille);
        var now = session.CreatedAt.AddDays(10);
        session.Answer(lea, InvitationAnswer.Non, Camille, now);
        session.CheckIn(samia, Camille, now);
        session.CheckIn(paul, Camille, now);
        session.WriteNotes(bilan, "- **12** personnes accompagnées", "", Camille, now);
        session.AddOutcome(bilan, OutcomeKind.Decision, "Le forum emploi aura lieu en juin", Camille, now);
        var action = session.AddOutcome(bilan, OutcomeKind.Action, "Ouvrir une permanence <mobilité>", Camille, now);
        session.LinkOutcomeToAction(action, Guid.NewGuid(), Guid.NewGuid(), Camille);

        var minutes = SessionMinutes.Write(session, "Cité de Quimper");

        Assert.StartsWith("# Compte rendu — COPIL de mars", minutes, StringComparison.Ordinal);
        Assert.Contains("ce compte rendu n'est pas définitif", minutes, StringComparison.Ordinal);
        Assert.Contains("2 présent·e(s) sur 3 invité·e(s).", minutes, StringComparison.Ordinal);
        Assert.Contains("| CAF | 1 | Paul |", minutes, StringComparison.Ordinal);
        Assert.Contains("| Mission Locale | 1 | Samia |", minutes, StringComparison.Ordinal);
        Assert.Contains("Excusé·e·s : Léa (CCAS).", minutes, StringComparison.Ordinal);
        Assert.Contains("### 1. Bilan \\*mobilité\\*", minutes, StringComparison.Ordinal);
        Assert.Contains("Présenté par Samia.", minutes, StringComparison.Ordinal);
        Assert.Contains("- **12** personnes accompagnées", minutes, StringComparison.Ordinal);
        Assert.Contains("- **Action** : Ouvrir une permanence \\<mobilité\\> _(action de la feuille de route)_", minutes, StringComparison.Ordinal);
        var log = minutes[minutes.IndexOf("## Relevé de décisions", StringComparison.Ordinal)..];
        Assert.Contains("- Décision : Le forum emploi aura lieu en juin", log, StringComparison.Ordinal);
        Assert.Contains("### 2. Divers", minutes, StringComparison.Ordinal);
    }
}
