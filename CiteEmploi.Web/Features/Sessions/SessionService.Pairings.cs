using System.Security.Cryptography;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// Interconnaissance: who has met whom across the Cité's closed sessions (every member reads it), and the
/// speed-meeting rounds of a running « temps d'interconnaissance », proposed and shown to the room by the coordination.
/// The history read is the Cité's own (its filter): another Cité's sessions never count, nor show.
/// </summary>
public sealed partial class SessionService
{
    /// <summary>Who has met whom in the Cité's closed sessions; null for someone who may not read the Cité.</summary>
    public async Task<AcquaintancesView?> AcquaintancesAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var closed = await ClosedSessionsAsync(access, cancellationToken);
        var met = Acquaintances.Of(closed);
        return new AcquaintancesView(closed.Count, met.Each(), met.NeverMetPairs().Count);
    }

    /// <summary>
    /// « Proposer des binômes » : up to <paramref name="rounds"/> rounds among the structures present, from who met whom
    /// in the Cité's closed sessions, with a fresh seed (stored); the result's value is the number of rounds drawn.
    /// </summary>
    public async Task<CommandResult> DrawPairingsAsync(CiteAccess access, Guid sessionId, int rounds, CancellationToken cancellationToken = default)
    {
        if (!CanRun(access))
        {
            return CommandResult.Forbidden();
        }
        var met = Acquaintances.Of(await ClosedSessionsAsync(access, cancellationToken));
        var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
        var drawn = 0;
        return await OnSessionAsync(access, sessionId, (s, actor, _) => drawn = s.DrawPairings(met, rounds, seed, actor), cancellationToken,
            () => drawn.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Shows round <paramref name="round"/> on the run pages and the room display (0 hides the rounds).</summary>
    public Task<CommandResult> ShowRoundAsync(CiteAccess access, Guid sessionId, int round, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.ShowRound(round, actor), cancellationToken);

    // A Cité holds a few dozen sessions: its closed ones are read whole (their attendance is in their row).
    private async Task<List<Session>> ClosedSessionsAsync(CiteAccess access, CancellationToken cancellationToken)
    {
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await db.Sessions.AsNoTracking().Where(s => s.State == SessionState.Close).ToListAsync(cancellationToken);
    }
}

/// <summary>The interconnaissance page: how many closed sessions count, each structure seen and whom it met or never met.</summary>
public sealed record AcquaintancesView(int ClosedSessions, IReadOnlyList<StructureAcquaintances> Structures, int NeverMetPairs);

/// <summary>A session's speed-meeting as its run page shows it: the structures present, the rounds drawn and the one shown.</summary>
public sealed record SessionPairingsView(bool IsInterconnaissance, IReadOnlyList<string> Present, int RoundCount, int ShownRound, int? Seed,
    IReadOnlyList<PairingGroup> Groups)
{
    public static SessionPairingsView Of(Session session) =>
        new(session.Kind == SessionKind.Interconnaissance, session.PresentStructures(), session.RoundCount, session.ShownRound, session.PairingSeed,
            session.Pairings);

    public IEnumerable<PairingGroup> Round(int round) => Groups.Where(g => g.Round == round);
}
