using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>Where a Cité's diagnostic changes are shown: its diagnostic pages.</summary>
public sealed class DiagnosticLiveEvents : CommittedEventHandler
{
    public DiagnosticLiveEvents()
    {
        On<CoverageSettingsChanged>(e => [LiveTopics.Diagnostic(e.CiteId)]);
        On<GapFindingChanged>(e => [LiveTopics.Diagnostic(e.CiteId)]);
        On<TerritorialFiguresChanged>(e => [LiveTopics.Diagnostic(e.CiteId)]);
        On<DiagnosticSnapshotChanged>(e => [LiveTopics.Diagnostic(e.CiteId)]);
    }
}
