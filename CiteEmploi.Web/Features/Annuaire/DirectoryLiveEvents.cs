using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// The directory's committed changes go to the Cité's directory topic once the search index holds them: a search page
/// woken by a change searches again and must find it (an index refreshed after the broadcast gave stale results).
/// On SQLite the index lives in the database, refreshed by the committing server; on PostgreSQL each server keeps its
/// own copy, refreshed when the change arrives through the backplane (decision 0032).
/// </summary>
public sealed class DirectoryLiveEvents : CommittedEventHandler
{
    private readonly DirectoryIndexer? _indexer;

    /// <param name="indexer">Null where no search index is kept (unit tests of other features).</param>
    public DirectoryLiveEvents(DirectoryIndexer? indexer)
    {
        _indexer = indexer;
        On<StructureCreated>(e => [LiveTopics.Directory(e.CiteId)]);
        On<StructureUpdated>(e => [LiveTopics.Directory(e.CiteId)]);
        On<ServiceCreated>(e => [LiveTopics.Directory(e.CiteId)]);
        On<ServiceUpdated>(e => [LiveTopics.Directory(e.CiteId)]);
        On<ServicePublished>(e => [LiveTopics.Directory(e.CiteId)]);
        On<ServiceArchived>(e => [LiveTopics.Directory(e.CiteId)]);
        On<ServiceReturnedToDraft>(e => [LiveTopics.Directory(e.CiteId)]);
        On<ServiceConfirmedAccurate>(e => [LiveTopics.Directory(e.CiteId)]);
    }

    public override async Task BeforeBroadcastAsync(IReadOnlyList<IDomainEvent> committed, CancellationToken cancellationToken)
    {
        if (_indexer is null)
        {
            return;
        }
        foreach (var cite in committed.GroupBy(CiteOf))
        {
            // a structure's name and address are part of each of its services' entries
            foreach (var structureId in cite.OfType<StructureUpdated>().Select(e => e.StructureId).Distinct())
            {
                await _indexer.RefreshStructureAsync(cite.Key, structureId, cancellationToken);
            }
            var services = cite.Select(ServiceOf).OfType<Guid>().Distinct().ToList();
            foreach (var chunk in services.Chunk(2_000))
            {
                await _indexer.RefreshAsync(cite.Key, chunk, cancellationToken);
            }
        }
    }

    private static Guid CiteOf(IDomainEvent e) => e switch
    {
        StructureCreated s => s.CiteId,
        StructureUpdated s => s.CiteId,
        ServiceCreated s => s.CiteId,
        ServiceUpdated s => s.CiteId,
        ServicePublished s => s.CiteId,
        ServiceArchived s => s.CiteId,
        ServiceReturnedToDraft s => s.CiteId,
        ServiceConfirmedAccurate s => s.CiteId,
        _ => throw new ArgumentException($"{e.GetType().Name} n'est pas un événement de l'annuaire.", nameof(e)),
    };

    private static Guid? ServiceOf(IDomainEvent e) => e switch
    {
        ServiceCreated s => s.ServiceId,
        ServiceUpdated s => s.ServiceId,
        ServicePublished s => s.ServiceId,
        ServiceArchived s => s.ServiceId,
        ServiceReturnedToDraft s => s.ServiceId,
        ServiceConfirmedAccurate s => s.ServiceId,
        _ => null,
    };
}
