using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Sessions;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Sessions;

/// <summary>
/// What a phone that opened a check-in link may see of the session: its title, day and time, and whether the person
/// signed in is invited by their account (then one button is enough). Nothing else of the session or of its Cité.
/// </summary>
public sealed record SessionCheckInView(string Title, string When, bool InvitedByAccount);

/// <summary>The check-in page's session, or the French reason it opens nothing.</summary>
public sealed record SessionCheckInOpening(SessionCheckInView? Session, string? Refusal);

/// <summary>
/// The outcome of a self check-in: refused with messages per field (<see cref="SessionCheckInService.CodeField"/>,
/// <see cref="SessionCheckInService.EmailField"/>), or who arrived and when (the first arrival when it was already noted).
/// </summary>
public sealed record SessionCheckInResult(CommandResult Result, string? Name = null, DateTimeOffset? ArrivedAt = null, bool AlreadyArrived = false)
{
    /// <summary>« Bienvenue Samia : votre arrivée est notée à 09:04. » (Europe/Paris), or the first time when already noted.</summary>
    public string? Welcome => Result.Succeeded && Name is not null && ArrivedAt is { } at
        ? AlreadyArrived
            ? $"Bienvenue {Name} : votre arrivée était déjà notée à {SessionRunTexts.Clock(at)}."
            : $"Bienvenue {Name} : votre arrivée est notée à {SessionRunTexts.Clock(at)}."
        : null;
}

/// <summary>
/// Self check-in at the door, without a Cité access (like <see cref="SessionDisplayService"/>): the session's check-in
/// code and its Cité's slug name the session, so reads go across Cités on purpose (<c>IgnoreQueryFilters</c>) and the
/// Cité must be the code's. A forged, replaced or withdrawn code, a code of another Cité and a cancelled or closed
/// session all get one refusal (<see cref="RefusedMessage"/>). The invited person is found by their account when signed
/// in, else by the e-mail typed; the arrival is stored through <see cref="CommandPipeline"/> in one write transaction,
/// so the session's live pages and displays hear it (<see cref="SessionAttendanceChanged"/>). Refused codes and
/// e-mails not on the list count against the network address (<see cref="SignInThrottle"/>), as display codes do.
/// </summary>
public sealed class SessionCheckInService(IDbContextFactory<AppDbContext> dbFactory, SignInThrottle throttle, TimeProvider time)
{
    public const string CodeField = "Code";
    public const string EmailField = "Email";

    /// <summary>The one refusal of a check-in link, whatever was wrong with it.</summary>
    public const string RefusedMessage = "Ce lien d'émargement n'est pas valable : il a peut-être été remplacé, ou la séance est close. Présentez-vous à l'accueil.";

    public const string NotInvitedMessage = "Cette adresse n'est pas sur la liste des invités : présentez-vous à l'accueil.";

    public const string InvalidEmailMessage = "Adresse e-mail invalide : écrivez-la en entier (ex. : prenom.nom@structure.fr).";

    public const string EmailMissingMessage = "Indiquez l'adresse e-mail à laquelle vous avez été invité·e.";

    public const string ThrottledMessage = "Trop d'essais refusés depuis cette connexion : réessayez dans quelques minutes ou présentez-vous à l'accueil.";

    private const int MaxSlugLength = 200;

    /// <summary>The session the link opens, for the check-in page; a refused link counts against the address.</summary>
    public async Task<SessionCheckInOpening> OpenAsync(string? citeSlug, string? typedCode, string? userId, string? address, CancellationToken cancellationToken = default)
    {
        var codeKey = CodeKey(typedCode);
        if (throttle.IsBlocked(address, codeKey))
        {
            return new SessionCheckInOpening(null, ThrottledMessage);
        }
        var code = AccessCode.Normalize(typedCode, Session.CheckInCodeLength);
        Session? session = null;
        if (code is not null && IsSlug(citeSlug))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            session = await Locate(db, citeSlug!, code).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        }
        if (session is null)
        {
            throttle.RecordFailure(address, codeKey);
            return new SessionCheckInOpening(null, RefusedMessage);
        }
        var invited = userId is not null && session.Participants.Any(p => p.UserId == userId);
        return new SessionCheckInOpening(new SessionCheckInView(session.Title, SessionRunTexts.When(session.Details), invited), null);
    }

    /// <summary>
    /// Checks in the person invited under the account <paramref name="userId"/> (when signed in) or the e-mail
    /// <paramref name="email"/>; a second check-in keeps the first time and says it.
    /// </summary>
    public async Task<SessionCheckInResult> CheckInAsync(string? citeSlug, string? typedCode, string? userId, string? email, string? address,
        CancellationToken cancellationToken = default)
    {
        var codeKey = CodeKey(typedCode);
        if (throttle.IsBlocked(address, codeKey))
        {
            return Refused(CodeField, ThrottledMessage);
        }
        var code = AccessCode.Normalize(typedCode, Session.CheckInCodeLength);
        if (code is null || !IsSlug(citeSlug))
        {
            throttle.RecordFailure(address, codeKey);
            return Refused(CodeField, RefusedMessage);
        }
        var typed = (email ?? string.Empty).Trim();
        var emailKey = EmailKey(typed);
        if (typed.Length > 0 && throttle.IsBlocked(address, emailKey))
        {
            return Refused(EmailField, ThrottledMessage);
        }
        if (typed.Length > 0 && !DirectoryRules.IsEmail(typed))
        {
            return Refused(EmailField, InvalidEmailMessage);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        SessionParticipant? arrived = null;
        var already = false;
        var result = await CommandPipeline.RunAsync(
            db,
            // read again inside the write transaction: a code replaced or a session closed at this instant refuses
            load: () => Locate(db, citeSlug!, code).SingleOrDefaultAsync(cancellationToken),
            authorise: s => Task.FromResult(s.FindInvited(userId, typed) is { } participant ? new Arrival(participant, new SessionActor(userId, participant.Name)) : null),
            refusal: CommandResult.Invalid(EmailField, typed.Length == 0 ? EmailMissingMessage : NotInvitedMessage),
            act: (s, arrival) =>
            {
                already = arrival.Participant.ArrivedAt is not null;
                s.CheckIn(arrival.Participant.Id, arrival.Actor, now);
                arrived = s.Participants.Single(p => p.Id == arrival.Participant.Id);
                return Task.FromResult<string?>(null);
            },
            save: (_, _) => db.SaveChangesAsync(cancellationToken),
            cancellationToken);
        if (result.NotFound)
        {
            throttle.RecordFailure(address, codeKey);
            return Refused(CodeField, RefusedMessage);
        }
        if (!result.Succeeded)
        {
            if (typed.Length > 0 && result.Errors.For(EmailField).Contains(NotInvitedMessage))
            {
                throttle.RecordFailure(address, emailKey);
            }
            // the session's own refusals (not its day) are said under the code: the page shows the code's and the e-mail's
            if (result.Errors.For(nameof(SessionParticipant.ArrivedAt)) is { Count: > 0 } day)
            {
                return Refused(CodeField, day[0]);
            }
            return new SessionCheckInResult(result);
        }
        return new SessionCheckInResult(result, arrived!.Name, arrived.ArrivedAt, already);
    }

    // On purpose across Cités: the phone has no Cité access, the code names the session; the Cité must be the code's,
    // and a cancelled or closed session takes no arrivals.
    private static IQueryable<Session> Locate(AppDbContext db, string citeSlug, string code) =>
        from s in db.Sessions.IgnoreQueryFilters()
        join c in db.Cites on s.CiteId equals c.Id
        where s.CheckInCode == code && c.Slug == citeSlug && s.State != SessionState.Annulee && s.State != SessionState.Close
        select s;

    private static bool IsSlug(string? citeSlug) => !string.IsNullOrWhiteSpace(citeSlug) && citeSlug.Length <= MaxSlugLength;

    private static string CodeKey(string? typedCode) => "code-emargement:" + (typedCode is { Length: <= 40 } ? typedCode : "?");

    private static string EmailKey(string email) => "emargement:" + email;

    private static SessionCheckInResult Refused(string field, string message) => new(CommandResult.Invalid(field, message));

    private sealed record Arrival(SessionParticipant Participant, SessionActor Actor);
}
