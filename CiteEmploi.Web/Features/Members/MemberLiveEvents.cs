using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Members;

/// <summary>
/// Where membership changes are shown: the Cité's members page, the Cité list (a person's switcher), and the directory
/// (a member linked to a structure may now edit it). The board hub also watches the members topic to cut off a person
/// who left.
/// </summary>
public sealed class MemberLiveEvents : CommittedEventHandler
{
    public MemberLiveEvents()
    {
        On<MemberJoined>(e => [LiveTopics.CiteMembers(e.CiteId), LiveTopics.CiteList]);
        On<MemberRoleChanged>(e => [LiveTopics.CiteMembers(e.CiteId)]);
        On<MemberRemoved>(e => [LiveTopics.CiteMembers(e.CiteId), LiveTopics.CiteList]);
        On<MemberStructureChanged>(e => [LiveTopics.CiteMembers(e.CiteId), LiveTopics.Directory(e.CiteId)]);
        On<InvitationSent>(e => [LiveTopics.CiteMembers(e.CiteId)]);
        On<InvitationAccepted>(e => [LiveTopics.CiteMembers(e.CiteId)]);
        On<InvitationRevoked>(e => [LiveTopics.CiteMembers(e.CiteId)]);
    }
}
