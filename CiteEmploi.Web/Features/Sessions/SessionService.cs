using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// The meetings of a Cité (COPIL, comité technique, interconnaissance, atelier) and their agendas, prepared then run
/// live. Every command runs in its own write transaction through <see cref="CommandPipeline"/> and is acknowledged once
/// committed; the committed events reach the session's live topic. Rights: the coordination prepares and runs; the
/// members it names « preneur·se de notes » write notes and outcomes; everyone in the Cité reads. Running commands name the item the person saw as current, so two people pressing « suivant »
/// together move the session one item, not two.
/// </summary>
public sealed partial class SessionService(CiteDbContextFactory citeDb, TimeProvider time, SessionSnapshots? snapshots = null)
{
    /// <summary>Creating and changing meetings and their agendas, and running them.</summary>
    public static bool CanRun(CiteAccess access) => access.Can(CitePermission.EditAllContent);

    public async Task<IReadOnlyList<SessionSummary>> ListAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().ToListAsync(cancellationToken);
        return [.. sessions.OrderByDescending(s => s.Date).ThenByDescending(s => s.StartTime)
            .Select(s => new SessionSummary(s.Id, s.Kind, s.Title, s.Date, s.StartTime, s.EndTime, s.Place, s.State, s.Steps.Count))];
    }

    /// <summary>The meeting as of now; null when it is not one of this Cité's.</summary>
    public async Task<SessionView?> GetAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var session = await ReadAsync(access, sessionId, cancellationToken);
        return session is null ? null : ViewOf(session, access, time.GetUtcNow());
    }

    /// <summary>
    /// The meeting as the live run page keeps it: its view as of now, and what recomputes its timer and forecast at any
    /// later instant (<see cref="SessionRun.At"/>), so the page ticks without reading again; null when not this Cité's.
    /// </summary>
    public async Task<SessionRun?> GetRunAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var session = await ReadAsync(access, sessionId, cancellationToken);
        return session is null ? null : new SessionRun(ViewOf(session, access, time.GetUtcNow()), session, time, CanRun(access) ? session.DisplayCode : null);
    }

    // The session as stored: the pages' shared copy when one is current (SessionSnapshots), never modified.
    private async Task<Session?> ReadAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken)
    {
        async Task<Session?> LoadAsync(CancellationToken ct)
        {
            await using var db = await citeDb.CreateAsync(access, ct);
            return await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        }
        return snapshots is null
            ? await LoadAsync(cancellationToken)
            : await snapshots.GetAsync(access.CiteId, sessionId, LoadAsync, cancellationToken);
    }

    private static SessionView ViewOf(Session session, CiteAccess access, DateTimeOffset now) =>
        new(session.Id, session.Details, session.State, session.Version, session.ScheduleAt(now), now, session.StartedAt, session.ClosedAt,
            CanRun(access) && session.State is SessionState.Prevue or SessionState.EnCours, CanRun(access) && session.State == SessionState.EnCours,
            session.Notes, session.Outcomes, MayRecord(access, session) && session.State != SessionState.Annulee);

    /// <summary>Creates a planned meeting; the result's value is its id.</summary>
    public async Task<CommandResult> CreateAsync(CiteAccess access, SessionDetails details, CancellationToken cancellationToken = default)
    {
        if (!CanRun(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        try
        {
            var session = Session.Create(access.CiteId, details, await ActorAsync(db, access, cancellationToken), time.GetUtcNow());
            db.Sessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok(session.Id.ToString());
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
    }

    public Task<CommandResult> ChangeDetailsAsync(CiteAccess access, Guid sessionId, SessionDetails details, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.ChangeDetails(details, actor), cancellationToken);

    /// <summary>Adds an agenda item (at the end, or of <paramref name="parentId"/>'s sub-items); the result's value is its id.</summary>
    public Task<CommandResult> AddItemAsync(CiteAccess access, Guid sessionId, Guid? parentId, AgendaItemContent content, CancellationToken cancellationToken = default)
    {
        Guid added = default;
        return OnSessionAsync(access, sessionId, (s, actor, _) => added = s.AddItem(parentId, content, actor), cancellationToken, () => added.ToString());
    }

    public Task<CommandResult> EditItemAsync(CiteAccess access, Guid sessionId, Guid itemId, AgendaItemContent content, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.EditItem(itemId, content, actor), cancellationToken);

    public Task<CommandResult> MoveItemAsync(CiteAccess access, Guid sessionId, Guid itemId, Guid? parentId, int index, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.MoveItem(itemId, parentId, index, actor), cancellationToken);

    public Task<CommandResult> RemoveItemAsync(CiteAccess access, Guid sessionId, Guid itemId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.RemoveItem(itemId, actor), cancellationToken);

    public Task<CommandResult> StartAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.Start(actor, now), cancellationToken);

    /// <summary>« Suivant » from <paramref name="seenCurrentId"/>, the item the person saw as current.</summary>
    public Task<CommandResult> NextAsync(CiteAccess access, Guid sessionId, Guid? seenCurrentId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, _, now) =>
        {
            EnsureStillOn(s, seenCurrentId);
            s.Next(now);
        }, cancellationToken);

    /// <summary>« Précédent » from <paramref name="seenCurrentId"/>, the item the person saw as current.</summary>
    public Task<CommandResult> PreviousAsync(CiteAccess access, Guid sessionId, Guid? seenCurrentId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, _, now) =>
        {
            EnsureStillOn(s, seenCurrentId);
            s.Previous(now);
        }, cancellationToken);

    public Task<CommandResult> CloseAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.Close(actor, now), cancellationToken);

    public Task<CommandResult> CancelAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.Cancel(actor), cancellationToken);

    // ---- notes and outcomes (the coordination, and the members it named to take the notes) ----

    /// <summary>Saves an item's notes, written from <paramref name="basis"/> (the notes the writer saw).</summary>
    public Task<CommandResult> WriteNotesAsync(CiteAccess access, Guid sessionId, Guid itemId, string text, string basis, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, now) => s.WriteNotes(itemId, text, basis, actor, now), cancellationToken,
            mayAct: s => MayRecord(access, s));

    /// <summary>Records an outcome of an item; the result's value is its id.</summary>
    public Task<CommandResult> AddOutcomeAsync(CiteAccess access, Guid sessionId, Guid itemId, OutcomeKind kind, string text, CancellationToken cancellationToken = default)
    {
        Guid added = default;
        return OnSessionAsync(access, sessionId, (s, actor, now) => added = s.AddOutcome(itemId, kind, text, actor, now), cancellationToken, () => added.ToString(),
            mayAct: s => MayRecord(access, s));
    }

    public Task<CommandResult> RemoveOutcomeAsync(CiteAccess access, Guid sessionId, Guid outcomeId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.RemoveOutcome(outcomeId, actor), cancellationToken, mayAct: s => MayRecord(access, s));

    // ---- the room display ----

    /// <summary>The session's room-display code, for those who run it; null when none is open (or for anyone else).</summary>
    public Task<string?> DisplayCodeAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        CodeAsync(access, sessionId, s => s.DisplayCode, cancellationToken);

    /// <summary>
    /// « Nouveau code » : opens the session to room displays with a fresh code (the result's value), replacing the one
    /// before — the displays opened with it are told and stop.
    /// </summary>
    public Task<CommandResult> OpenDisplayAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OpenWithNewCodeAsync(access, sessionId, Session.DisplayCodeLength, c => s => s.DisplayCode == c, (s, code, actor) => s.OpenDisplay(code, actor), cancellationToken);

    /// <summary>Withdraws the room-display code: displays opened with it are told and stop.</summary>
    public Task<CommandResult> CloseDisplayAsync(CiteAccess access, Guid sessionId, CancellationToken cancellationToken = default) =>
        OnSessionAsync(access, sessionId, (s, actor, _) => s.CloseDisplay(actor), cancellationToken);

    // One of the session's codes (display, check-in), for those who run it.
    private async Task<string?> CodeAsync(CiteAccess access, Guid sessionId, System.Linq.Expressions.Expression<Func<Session, string?>> code,
        CancellationToken cancellationToken)
    {
        if (!CanRun(access))
        {
            return null;
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        return await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(code).SingleOrDefaultAsync(cancellationToken);
    }

    // Opens the session with a fresh code no session holds in <paramref name="holds"/> (across Cités); the result's value is the code.
    private async Task<CommandResult> OpenWithNewCodeAsync(CiteAccess access, Guid sessionId, int length,
        Func<string, System.Linq.Expressions.Expression<Func<Session, bool>>> holds, Action<Session, string, SessionActor> open, CancellationToken cancellationToken)
    {
        if (!CanRun(access))
        {
            return CommandResult.Forbidden();
        }
        string code;
        await using (var db = await citeDb.CreateAsync(access, cancellationToken))
        {
            // 31^8 codes: a collision is rare, and the unique index stands behind this check anyway.
            for (var attempt = 0; ; attempt++)
            {
                code = AccessCode.New(length);
                if (attempt >= 5 || !await db.Sessions.IgnoreQueryFilters().AnyAsync(holds(code), cancellationToken))
                {
                    break;
                }
            }
        }
        return await OnSessionAsync(access, sessionId, (s, actor, _) => open(s, code, actor), cancellationToken, () => code);
    }

    // ---- plumbing ----

    // Someone else already moved the session on: this press is refused, so the session moves one item, not two.
    private static void EnsureStillOn(Session session, Guid? seenCurrentId)
    {
        if (session.Current?.Id != seenCurrentId)
        {
            ValidationErrors.Refuse(nameof(Session.Items), session.Current is { } current
                ? $"La séance vient de passer au point « {current.Title} » : rien d'autre n'a été changé."
                : "L'ordre du jour vient de se terminer : rien d'autre n'a été changé.");
        }
    }

    // The coordination's commands; <paramref name="mayAct"/> lets someone else act on what the session says of them
    // (a member answering their own invitation), checked on the session as loaded in the command's transaction.
    private async Task<CommandResult> OnSessionAsync(CiteAccess access, Guid sessionId, Action<Session, SessionActor, DateTimeOffset> change,
        CancellationToken cancellationToken, Func<string?>? value = null, Func<Session, bool>? mayAct = null)
    {
        if (mayAct is null ? !CanRun(access) : !access.Can(CitePermission.Read))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await citeDb.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            load: () => db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken),
            authorise: async s => mayAct is null || CanRun(access) || mayAct(s) ? await ActorAsync(db, access, cancellationToken) : null,
            refusal: CommandResult.Forbidden(),
            act: (s, actor) =>
            {
                change(s, actor, now);
                return Task.FromResult(value?.Invoke());
            },
            save: (_, _) => db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    private static async Task<SessionActor> ActorAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        return new SessionActor(access.UserId, await ActorNames.OfAsync(db, access, cancellationToken));
    }
}
