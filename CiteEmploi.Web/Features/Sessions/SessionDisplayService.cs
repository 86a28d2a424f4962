using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// What a room display was let in for: one session of one Cité, by the code it showed, with the Cité's address name and
/// name as they were then (shown on the screen; read once, not at every change); <paramref name="BaseUri"/> is the
/// app's public address the check-in QR code points to (empty: no QR code).
/// </summary>
public sealed record SessionDisplayTicket(Guid CiteId, Guid SessionId, string Code, string CiteSlug, string CiteName, string BaseUri = "");

/// <summary>An agenda item as the room shows it.</summary>
public sealed record DisplayItem(string Number, string Title, string Presenter, string Description, int PlannedMinutes);

/// <summary>
/// A session as its room display shows it at <see cref="ServerNow"/>: before the start (title, day and time, place, and the
/// check-in QR code: <see cref="CheckInQr"/>, an SVG <c>data:</c> address of <see cref="CheckInLink"/>, both empty
/// when self check-in is closed — and always once the session runs), while it runs (the current item, when it started by the server's clock and its
/// planned length, so the display counts the timer from the server's time rather than its own; what comes next; the
/// forecast end) and once closed. Nothing here is more than a participant sees on the run page.
/// </summary>
public sealed record SessionDisplayState(
    Guid SessionId,
    string CiteName,
    string Kind,
    string Title,
    string When,
    string Place,
    string State,
    string StateLabel,
    DisplayItem? Current,
    DateTimeOffset? CurrentStartedAt,
    long PlannedMilliseconds,
    DisplayItem? Next,
    string Forecast,
    int DriftMinutes,
    int DoneCount,
    int StepCount,
    bool AgendaFinished,
    DateTimeOffset ServerNow,
    string CheckInQr = "",
    string CheckInLink = "",
    DisplayPairings? Pairings = null);

/// <summary>
/// The speed-meeting round the room is on (« Tour 2 sur 4 ») and its tables (« France Travail ↔ CCAS »), while an
/// interconnaissance runs and the coordination shows one.
/// </summary>
public sealed record DisplayPairings(int Round, int RoundCount, IReadOnlyList<string> Tables);

/// <summary>
/// The room display's side of sessions, without an account: a code and the Cité it claims to be for let a display in
/// to one session (<see cref="ResolveAsync"/>), and every read checks the code again, so a withdrawn or replaced code
/// stops at the next read. A forged code, a withdrawn one and a code of another Cité get the same answer: nothing.
/// </summary>
/// <param name="snapshots">The sessions' shared copies (<see cref="SessionSnapshots"/>): after a change, the displays and the
/// participants' pages build their views from one read; null reads the database each time (tests of this service alone).</param>
public sealed class SessionDisplayService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, SessionSnapshots? snapshots = null)
{
    /// <summary>The one refusal a display gets, whatever was wrong with its code.</summary>
    public const string RefusedMessage = "Ce code d'affichage n'est pas valable : il a peut-être été remplacé. Demandez le lien d'affichage à la coordination de la séance.";

    /// <summary>The session <paramref name="typedCode"/> opens in the Cité <paramref name="citeSlug"/>; null otherwise.</summary>
    public async Task<SessionDisplayTicket?> ResolveAsync(string? citeSlug, string? typedCode, CancellationToken cancellationToken = default)
    {
        var code = AccessCode.Normalize(typedCode, Session.DisplayCodeLength);
        if (code is null || string.IsNullOrWhiteSpace(citeSlug) || citeSlug.Length > 200)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // On purpose across Cités: the display has no account, its code names the session; the Cité must be the code's.
        var row = await (
                from s in db.Sessions.IgnoreQueryFilters()
                join c in db.Cites on s.CiteId equals c.Id
                where s.DisplayCode == code && c.Slug == citeSlug && s.State != SessionState.Annulee
                select new { s.CiteId, s.Id, c.Slug, c.Name })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new SessionDisplayTicket(row.CiteId, row.Id, code, row.Slug, row.Name);
    }

    /// <summary>
    /// The display code the ticket's session has now (null when withdrawn or the session cancelled), from the same copy
    /// the state is built from: after a change, the displays whose code no longer stands are told from one read.
    /// </summary>
    public async Task<string?> CurrentCodeAsync(SessionDisplayTicket ticket, CancellationToken cancellationToken = default) =>
        await SessionAsync(ticket, cancellationToken) is { State: not SessionState.Annulee } session ? session.DisplayCode : null;

    /// <summary>What the display shows now; null when the ticket's code no longer opens the session.</summary>
    public async Task<SessionDisplayState?> StateAsync(SessionDisplayTicket ticket, CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync(ticket, cancellationToken);
        if (session is null || session.DisplayCode != ticket.Code || session.State == SessionState.Annulee)
        {
            return null;
        }
        var checkIn = session.CheckInCode is { } code && ticket.BaseUri.Length > 0 ? SessionCheckInLinks.AddressFor(ticket.BaseUri, ticket.CiteSlug, code) : null;
        return Of(session, ticket.CiteName, time.GetUtcNow(), checkIn);
    }

    // The session as stored, on purpose across Cités (the display has no account) but only the ticket's Cité's: the
    // shared copy the participants' pages read when one is current.
    private async Task<Session?> SessionAsync(SessionDisplayTicket ticket, CancellationToken cancellationToken)
    {
        async Task<Session?> LoadAsync(CancellationToken ct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Sessions.IgnoreQueryFilters().AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == ticket.SessionId && s.CiteId == ticket.CiteId, ct);
        }
        return snapshots is null
            ? await LoadAsync(cancellationToken)
            : await snapshots.GetAsync(ticket.CiteId, ticket.SessionId, LoadAsync, cancellationToken);
    }

    /// <summary>
    /// The display's state of <paramref name="session"/> at <paramref name="now"/>, with the QR code of
    /// <paramref name="checkInAddress"/> (the session's check-in page) before the start.
    /// </summary>
    public static SessionDisplayState Of(Session session, string citeName, DateTimeOffset now, string? checkInAddress = null)
    {
        // the check-in code is for the door: never on the screen once the session runs
        var checkIn = session.State == SessionState.Prevue ? checkInAddress : null;
        var schedule = AgendaSchedule.Of(session, now);
        var numbers = schedule.Items.ToDictionary(i => i.Item.Id, i => i.Number);
        DisplayItem? Show(AgendaItem? item) => item is null ? null
            : new DisplayItem(numbers.GetValueOrDefault(item.Id, ""), item.Title, item.PresenterName, item.Description, item.PlannedMinutes);
        var steps = session.Steps;
        return new SessionDisplayState(
            session.Id,
            citeName,
            SessionRunTexts.KindLabel(session.Kind),
            session.Title,
            SessionRunTexts.When(session.Details),
            session.Place,
            // a name, not a number, for the display's script (Prevue, EnCours, Close)
            session.State.ToString(),
            SessionRunTexts.StateLabel(session.State),
            Show(schedule.Current),
            schedule.Current?.StartedAt,
            schedule.Timer is { } timer ? (long)timer.Planned.TotalMilliseconds : 0,
            Show(schedule.Next),
            session.State == SessionState.EnCours ? SessionRunTexts.Forecast(schedule) : "",
            schedule.DriftMinutes,
            steps.Count(s => s.State == AgendaItemState.Fait),
            steps.Count,
            session.State == SessionState.EnCours && schedule.Current is null,
            now,
            checkIn is null ? "" : SessionCheckInLinks.QrDataUri(checkIn),
            checkIn is null ? "" : SessionCheckInLinks.Readable(checkIn),
            session.State == SessionState.EnCours && session.ShownRound > 0
                ? new DisplayPairings(session.ShownRound, session.RoundCount, [.. session.Round(session.ShownRound).Select(g => g.Label)])
                : null);
    }
}
