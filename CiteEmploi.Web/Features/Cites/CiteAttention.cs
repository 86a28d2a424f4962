using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Members;
using CiteEmploi.Web.Features.Roadmap;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Web.Features.Cites;

/// <summary>
/// What needs attention in a Cité, for its overview page (issue 16's dashboard, first part): the feuille de route's
/// late actions, the directory's services to verify (coordination), the invitations not yet taken up (those who invite),
/// the next session. Each count is the feature's own (the plan's « en retard », the directory's « à vérifier »).
/// </summary>
public sealed record CiteAttention(int LateActions, Guid? LatePlanId, int? StaleServices, int? PendingInvitations, SessionSummary? NextSession)
{
    /// <summary>Nothing late, nothing to verify, no invitation waiting, no session to come.</summary>
    public bool IsEmpty => LateActions == 0 && StaleServices is null or 0 && PendingInvitations is null or 0 && NextSession is null;
}

/// <summary>Reads a <see cref="CiteAttention"/> through each feature's service, so the wall and the rules are theirs.</summary>
public sealed class CiteAttentionService(PlanService plans, DirectoryService directory, MemberService members, SessionService sessions, TimeProvider time)
{
    public async Task<CiteAttention> ForAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        var late = 0;
        Guid? latePlan = null;
        foreach (var plan in await plans.ListAsync(access, cancellationToken))
        {
            var view = await plans.GetAsync(access, plan.Id, new PlanFilter(LateOnly: true), cancellationToken);
            var count = view?.Actions.Count(a => a.IsLate) ?? 0;
            if (count > 0)
            {
                late += count;
                latePlan ??= plan.Id;
            }
        }
        int? stale = access.Can(CitePermission.EditAllContent)
            ? (await directory.ListStructuresAsync(access, cancellationToken)).Sum(s => s.StaleServices)
            : null;
        int? invitations = access.Can(CitePermission.ManageMembers)
            ? (await members.PendingInvitationsAsync(access, cancellationToken)).Count
            : null;
        var now = FrenchTime.Local(time.GetUtcNow());
        var today = DateOnly.FromDateTime(now);
        var next = (await sessions.ListAsync(access, cancellationToken))
            .Where(s => s.State == SessionState.EnCours || (s.State == SessionState.Prevue && (s.Date > today || (s.Date == today && s.EndTime >= TimeOnly.FromDateTime(now)))))
            .OrderBy(s => s.State == SessionState.EnCours ? 0 : 1).ThenBy(s => s.Date).ThenBy(s => s.StartTime)
            .FirstOrDefault();
        return new CiteAttention(late, latePlan, stale, invitations, next);
    }
}
