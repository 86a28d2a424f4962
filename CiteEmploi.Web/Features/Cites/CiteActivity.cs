using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Boards;
using CiteEmploi.Web.Features.Indicators;
using CiteEmploi.Web.Features.Sessions;

namespace CiteEmploi.Web.Features.Cites;

/// <summary>
/// The rest of a Cité's dashboard beside « À traiter » (issue 16): its latest boards, the sessions held lately (with
/// their minutes), and how far the last ended quarter's indicators are filled in.
/// </summary>
public sealed record CiteActivity(IReadOnlyList<BoardSummary> RecentBoards, IReadOnlyList<SessionSummary> RecentSessions, IndicatorsFilled? Indicators)
{
    /// <summary>How many boards and sessions are listed at most.</summary>
    public const int Shown = 3;
}

/// <summary>
/// The indicators of <see cref="PeriodCode"/> (the last ended quarter): <see cref="Entered"/> of the <see cref="ToEnter"/>
/// that people type have a value, <see cref="Counted"/> more are counted by the workspace.
/// </summary>
public sealed record IndicatorsFilled(string PeriodCode, string PeriodLabel, int Entered, int ToEnter, int Counted);

/// <summary>Reads a <see cref="CiteActivity"/> through each feature's service, so the wall and the rules are theirs.</summary>
public sealed class CiteActivityService(BoardService boards, SessionService sessions, IndicatorService indicators, TimeProvider time)
{
    public async Task<CiteActivity> ForAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        var recentBoards = (await boards.ListAsync(access, cancellationToken)).OrderByDescending(b => b.CreatedAt).Take(CiteActivity.Shown).ToList();
        var now = FrenchTime.Local(time.GetUtcNow());
        var today = DateOnly.FromDateTime(now);
        var held = (await sessions.ListAsync(access, cancellationToken))
            .Where(s => s.State == SessionState.Close || (s.State == SessionState.Prevue && s.Date < today))
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.StartTime)
            .Take(CiteActivity.Shown).ToList();
        var quarter = Period.Containing(today, PeriodKind.Trimestre).Previous();
        var filled = await indicators.FilledAsync(access, quarter, cancellationToken) is { } counts
            ? new IndicatorsFilled(quarter.Code, quarter.Label, counts.Entered, counts.ToEnter, counts.Counted)
            : null;
        return new CiteActivity(recentBoards, held, filled);
    }
}
