using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.SelfAssessment;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.SelfAssessment;

/// <summary>
/// A Cité's self-assessment on the conditions of success (issue 16), one per semester: members read
/// (<see cref="CitePermission.Read"/>) and, in a collective assessment, rate each condition
/// (<see cref="CitePermission.Contribute"/>); the coordination opens and closes it (<see cref="CitePermission.EditProfile"/>)
/// and records the agreed levels (<see cref="CitePermission.EditAllContent"/>). Every change goes through
/// <see cref="CommandPipeline"/> and reaches others on <see cref="Live.LiveTopics.SelfAssessment"/>.
/// </summary>
public sealed class SelfAssessmentService(CiteDbContextFactory dbs, TimeProvider time)
{
    /// <summary>The semester a page opens on: the current one.</summary>
    public Period CurrentSemester => Period.Containing(DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow())), PeriodKind.Semestre);

    /// <summary>The page for one semester; null without the read right.</summary>
    public async Task<SelfAssessmentView?> ViewAsync(CiteAccess access, Period semester, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var all = (await db.SelfAssessments.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(a => a.Period.Start).ToList();
        var assessment = all.FirstOrDefault(a => a.Period == semester);
        var grid = assessment?.Grid ?? ConditionGrid.Current;
        var ratings = assessment is null
            ? []
            : await db.SelfAssessmentRatings.AsNoTracking().Where(r => r.AssessmentId == assessment.Id).ToListAsync(cancellationToken);
        var conditions = grid.Conditions.Select(c =>
        {
            var mine = ratings.Where(r => r.ConditionCode == c.Code).OrderBy(r => r.RatedAt).ThenBy(r => r.RaterName, StringComparer.Ordinal)
                .Select(r => new RatingView(r.RaterName, r.StructureName, r.Level, r.Comment, r.UserId == access.UserId)).ToList();
            var spread = ConditionRating.Spread(mine.Select(r => r.Level));
            return new ConditionView(c.Code, c.Theme, c.Title, c.Weight, c.Levels, assessment?.AgreedFor(c.Code), mine, spread?.Min, spread?.Max);
        }).ToList();
        var summary = assessment is null
            ? null
            : new AssessmentSummary(assessment.Period.Code, assessment.GridVersion, assessment.Mode, assessment.State, assessment.OpenedByName,
                assessment.OpenedAt, assessment.ClosedByName, assessment.ClosedAt, assessment.Score, assessment.Agreed.Count);
        var history = all.Select(a => new AssessmentPoint(a.Period.Code, a.Levels, a.Score, a.IsClosed)).ToList();
        var prefix = ReopeningPrefix(semester);
        var reopenings = await db.SecurityEvents.AsNoTracking()
            .Where(e => e.CiteId == access.CiteId && e.Kind == SecurityEventKind.SelfAssessmentReopened && e.Detail.StartsWith(prefix))
            .OrderBy(e => e.Id).Select(e => new AssessmentReopening(e.At, e.Detail)).ToListAsync(cancellationToken);
        return new SelfAssessmentView(semester.Code, grid.Version, summary, grid.Themes, conditions, history,
            access.Can(CitePermission.EditProfile) && access.Can(CitePermission.EditAllContent),
            access.Can(CitePermission.Contribute) && access.UserId is not null, reopenings);
    }

    /// <summary>
    /// Reopens a closed assessment (the coordination), with a required reason; the reopening — who, who had closed it and
    /// when, why — is written in the Cité's log (<see cref="SecurityEventKind.SelfAssessmentReopened"/>) in the same save.
    /// </summary>
    public async Task<CommandResult> ReopenAsync(CiteAccess access, string? semester, string? reason, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await RunOnAssessmentAsync(db, semester, async () => await ActorNames.OfAsync(db, access, cancellationToken),
            (assessment, name) =>
            {
                var (closedBy, closedAt) = assessment.Reopen(reason);
                var detail = $"{ReopeningPrefix(assessment.Period)}rouverte par {name} ; close par {closedBy} le {FrenchTime.Local(closedAt):dd/MM/yyyy 'à' HH:mm}. Raison : {reason!.Trim()}";
                db.SecurityEvents.Add(new SecurityEvent
                {
                    At = now,
                    Kind = SecurityEventKind.SelfAssessmentReopened,
                    CiteId = access.CiteId,
                    ActorUserId = access.UserId,
                    Detail = detail.Length > SecurityEvent.DetailMaxLength ? detail[..SecurityEvent.DetailMaxLength] : detail,
                });
            }, cancellationToken);
    }

    private static string ReopeningPrefix(Period semester) => $"Auto-évaluation {semester.Code} ";

    /// <summary>Opens a semester's assessment (the coordination), filled by the coordination alone or collectively.</summary>
    public async Task<CommandResult> OpenAsync(CiteAccess access, string? semester, AssessmentMode mode, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            async () => (await db.SelfAssessments.AsNoTracking().ToListAsync(cancellationToken)).Select(a => a.Period).ToList(),
            async _ => await ActorNames.OfAsync(db, access, cancellationToken),
            CommandResult.Forbidden(),
            (existing, name) =>
            {
                var assessment = Assessment.Open(access.CiteId, semester, mode, existing, name, now);
                db.SelfAssessments.Add(assessment);
                return Task.FromResult<string?>(assessment.Period.Code);
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>Records the level agreed for a condition, with its justification (the coordination).</summary>
    public async Task<CommandResult> AgreeAsync(CiteAccess access, string? semester, string? conditionCode, int? level, string? justification,
        CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditAllContent))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await RunOnAssessmentAsync(db, semester, async () => await ActorNames.OfAsync(db, access, cancellationToken),
            (assessment, name) => assessment.Agree(conditionCode, level, justification, name, now), cancellationToken);
    }

    /// <summary>Closes a semester's assessment once every condition has its agreed level (the coordination); it no longer changes.</summary>
    public async Task<CommandResult> CloseAsync(CiteAccess access, string? semester, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await RunOnAssessmentAsync(db, semester, async () => await ActorNames.OfAsync(db, access, cancellationToken),
            (assessment, name) => assessment.Close(name, now), cancellationToken);
    }

    /// <summary>A member's rating of a condition in a collective assessment (replacing their previous one).</summary>
    public async Task<CommandResult> RateAsync(CiteAccess access, string? semester, string? conditionCode, int? level, string? comment,
        CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Contribute) || access.UserId is not { } userId)
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await RunOnAssessmentAsync(db, semester, async () => await RaterAsync(db, access, cancellationToken),
            async (assessment, rater) =>
            {
                var code = Text.Clean(conditionCode);
                var existing = await db.SelfAssessmentRatings.SingleOrDefaultAsync(r => r.AssessmentId == assessment.Id && r.ConditionCode == code && r.UserId == userId, cancellationToken);
                if (existing is not null)
                {
                    existing.Change(assessment, level, comment, rater.Name, rater.Structure, now);
                }
                else
                {
                    db.SelfAssessmentRatings.Add(ConditionRating.Rate(assessment, conditionCode, level, comment, userId, rater.Name, rater.Structure, now));
                }
            }, cancellationToken);
    }

    private sealed record Rater(string Name, string? Structure);

    private sealed record Target(Period? Semester, Assessment? Assessment);

    private static async Task<Rater> RaterAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        var name = await ActorNames.OfAsync(db, access, cancellationToken);
        var (_, structure) = await ActorNames.StructureOfAsync(db, access, cancellationToken);
        return new Rater(name, structure);
    }

    private static Task<CommandResult> RunOnAssessmentAsync<TActor>(AppDbContext db, string? semester, Func<Task<TActor>> actor, Action<Assessment, TActor> act,
        CancellationToken cancellationToken)
        where TActor : class =>
        RunOnAssessmentAsync(db, semester, actor, (assessment, who) =>
        {
            act(assessment, who);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Runs a change on the semester's assessment in the command pipeline: a code that is not a semester, and a semester
    /// not opened, are refused in French on <see cref="Period.Field"/>.
    /// </summary>
    private static Task<CommandResult> RunOnAssessmentAsync<TActor>(AppDbContext db, string? semester, Func<Task<TActor>> actor, Func<Assessment, TActor, Task> act,
        CancellationToken cancellationToken)
        where TActor : class =>
        CommandPipeline.RunAsync(
            db,
            async () =>
            {
                if (!Period.TryParse(semester, out var period, out _) || period.Kind != PeriodKind.Semestre)
                {
                    return new Target(null, null);
                }
                return new Target(period, await db.SelfAssessments.SingleOrDefaultAsync(a => a.Period == period, cancellationToken));
            },
            async _ => await actor(),
            CommandResult.Forbidden(),
            async (target, who) =>
            {
                var period = target.Semester ?? SelfAssessmentRules.Semester(semester);
                if (target.Assessment is not { } assessment)
                {
                    ValidationErrors.Refuse(Period.Field, $"L'auto-évaluation du semestre {period.Code} n'est pas ouverte : la coordination l'ouvre.");
                    return null;
                }
                await act(assessment, who);
                return null;
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
}
