using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Boards;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Boards;

namespace CiteEmploi.Web.Live;

/// <summary>
/// Turns committed domain events into live messages on the topics of the pages that show them. Called synchronously
/// at commit; the shared board copies (<see cref="BoardSnapshots"/>) are marked stale first, so whoever an event wakes
/// reads the board as it now is.
/// </summary>
public sealed class DomainEventPublisher(ILiveBus bus, BoardSnapshots? boards = null)
{
    public void Publish(IEnumerable<IDomainEvent> events)
    {
        var committed = events as IReadOnlyCollection<IDomainEvent> ?? [.. events];
        foreach (var boardId in committed.OfType<IBoardEvent>().Select(e => e.BoardId).Distinct())
        {
            boards?.Changed(boardId);
        }
        foreach (var domainEvent in committed)
        {
            foreach (var topic in TopicsOf(domainEvent))
            {
                bus.Publish(topic, domainEvent);
            }
        }
    }

    private static IEnumerable<string> TopicsOf(IDomainEvent domainEvent) => domainEvent switch
    {
        CiteCreated e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)],
        CiteRenamed e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)],
        CiteArchived e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)],
        CiteRestored e => [LiveTopics.CiteList, LiveTopics.Cite(e.CiteId)],
        CiteProfileUpdated e => [LiveTopics.Cite(e.CiteId)],
        MemberJoined e => [LiveTopics.CiteMembers(e.CiteId), LiveTopics.CiteList],
        MemberRoleChanged e => [LiveTopics.CiteMembers(e.CiteId)],
        MemberRemoved e => [LiveTopics.CiteMembers(e.CiteId), LiveTopics.CiteList],
        InvitationSent e => [LiveTopics.CiteMembers(e.CiteId)],
        InvitationAccepted e => [LiveTopics.CiteMembers(e.CiteId)],
        InvitationRevoked e => [LiveTopics.CiteMembers(e.CiteId)],
        MemberStructureChanged e => [LiveTopics.CiteMembers(e.CiteId), LiveTopics.Directory(e.CiteId)],
        StructureCreated e => [LiveTopics.Directory(e.CiteId)],
        StructureUpdated e => [LiveTopics.Directory(e.CiteId)],
        ServiceCreated e => [LiveTopics.Directory(e.CiteId)],
        ServiceUpdated e => [LiveTopics.Directory(e.CiteId)],
        ServicePublished e => [LiveTopics.Directory(e.CiteId)],
        ServiceArchived e => [LiveTopics.Directory(e.CiteId)],
        ServiceReturnedToDraft e => [LiveTopics.Directory(e.CiteId)],
        ServiceConfirmedAccurate e => [LiveTopics.Directory(e.CiteId)],
        IBoardEvent e when e is BoardCreated or BoardDetailsChanged or CardAdded or CardDeleted or CardRestored =>
            [LiveTopics.Board(e.BoardId), LiveTopics.CiteBoards(e.CiteId)],
        IBoardEvent e => [LiveTopics.Board(e.BoardId)],
        _ => [],
    };
}
