using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Domain.Referrals;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Security;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Referrals;

/// <summary>
/// A Cité's referrals (« orientations », issue 16, docs/decisions/0035): recorded from a service's page by members who
/// contribute (<see cref="CitePermission.Contribute"/>), read by every member on the « Orientations » page, deleted by their
/// recorder the same day or by the coordination (<see cref="CitePermission.EditAllContent"/>, written in the Cité's log).
/// Nothing about the resident is ever asked for nor stored. Changes reach others on <see cref="Live.LiveTopics.Referrals"/>.
/// </summary>
public sealed class ReferralService(CiteDbContextFactory dbs, TimeProvider time)
{
    public const string RemovedStructure = "Structure retirée de l'annuaire";
    public const string NoFrein = "Sans frein précisé";

    public DateOnly Today => DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow()));

    /// <summary>The period the page opens on: the current quarter, as the indicators.</summary>
    public Period CurrentQuarter => Period.Containing(Today, PeriodKind.Trimestre);

    /// <summary>The form for a published service of the Cité; null when the person may not record a referral or the service is not found.</summary>
    public async Task<ReferralForm?> FormAsync(CiteAccess access, Guid serviceId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Contribute))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        if (await ServiceAsync(db, serviceId, cancellationToken) is not { } service)
        {
            return null;
        }
        var structures = await StructureChoicesAsync(db, cancellationToken);
        var (own, _) = await ActorNames.StructureOfAsync(db, access, cancellationToken);
        var today = Today;
        return new ReferralForm(service.Id, service.Name, [.. service.FreinCodes.Select(c => new ReferralChoice(c, FreinLabel(c)))], structures, own,
            today, Referral.EarliestDate(today));
    }

    /// <summary>Records a referral towards a published service of the Cité; its id is the result's value.</summary>
    public async Task<CommandResult> RecordAsync(CiteAccess access, Guid serviceId, ReferralFacts facts, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Contribute))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            async () => await ServiceAsync(db, serviceId, cancellationToken),
            async _ => await ActorNames.OfAsync(db, access, cancellationToken),
            CommandResult.Forbidden(),
            async (service, name) =>
            {
                var structures = await db.Structures.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken);
                var referral = Referral.Record(access.CiteId, facts, service, structures, access.UserId, name, now);
                db.Referrals.Add(referral);
                return referral.Id.ToString();
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Deletes a referral: its recorder the day they recorded it (a mistake), or the coordination at any time — then a
    /// line of the Cité's log says who deleted which referral, in the same save.
    /// </summary>
    public async Task<CommandResult> DeleteAsync(CiteAccess access, Guid referralId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return CommandResult.Forbidden();
        }
        var coordination = access.Can(CitePermission.EditAllContent);
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            async () => await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken),
            async referral => referral.CanBeDeletedBy(access.UserId, coordination, now) ? await ActorNames.OfAsync(db, access, cancellationToken) : null,
            CommandResult.Forbidden(),
            async (referral, name) =>
            {
                var ownMistake = referral.IsOwnMistake(access.UserId, now);
                referral.Delete(access.UserId, coordination, now);
                db.Referrals.Remove(referral);
                if (!ownMistake)
                {
                    var names = await NamesAsync(db, cancellationToken);
                    var detail = $"Orientation du {referral.Date:dd/MM/yyyy} ({NameOf(names, referral.FromStructureId)} → {NameOf(names, referral.ToStructureId)}, « {referral.ServiceName} », "
                        + $"{(referral.FreinCode is null ? NoFrein : FreinLabel(referral.FreinCode))}) enregistrée par {referral.RecordedByName}, supprimée par {name}.";
                    db.SecurityEvents.Add(new SecurityEvent
                    {
                        At = now,
                        Kind = SecurityEventKind.ReferralDeleted,
                        CiteId = access.CiteId,
                        ActorUserId = access.UserId,
                        UserId = referral.RecordedByUserId,
                        Detail = detail.Length > SecurityEvent.DetailMaxLength ? detail[..SecurityEvent.DetailMaxLength] : detail,
                    });
                }
                return null;
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>The referrals of a period, filtered by barrier and receiving structure when asked, with their counts; null without the read right.</summary>
    public async Task<ReferralsView?> ViewAsync(CiteAccess access, Period period, string? frein = null, Guid? to = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var all = await InPeriodAsync(db, period, cancellationToken);
        var names = await NamesAsync(db, cancellationToken);
        var coordination = access.Can(CitePermission.EditAllContent);
        var french = StringComparer.Create(FrenchCulture.Culture, ignoreCase: true);
        frein = string.IsNullOrWhiteSpace(frein) ? null : frein;
        var shown = all.Where(r => (frein is null || r.FreinCode == frein) && (to is null || r.ToStructureId == to)).ToList();
        var rows = shown
            .Select(r => new ReferralRow(r.Id, r.Date, r.FreinCode, r.FreinCode is null ? NoFrein : FreinLabel(r.FreinCode), r.FromStructureId, NameOf(names, r.FromStructureId),
                r.ToStructureId, NameOf(names, r.ToStructureId), r.ServiceId, r.ServiceName, r.Note, r.RecordedByName, r.CanBeDeletedBy(access.UserId, coordination, now)))
            .OrderByDescending(r => r.Date).ThenBy(r => r.From, french).ThenBy(r => r.Id).ToList();
        var lines = shown.Select(r => new ReferralLine(r.FreinCode, r.FromStructureId, r.ToStructureId)).ToList();
        return new ReferralsView(period.Code, period.Start > Today, frein, to, all.Count, rows,
            [.. ReferralCounts.ByFrein(lines).Select(c => new ReferralFreinCount(c.FreinCode is null ? NoFrein : FreinLabel(c.FreinCode), c.Count))],
            [.. ReferralCounts.ByPair(lines).Select(c => new ReferralPairCount(NameOf(names, c.From), NameOf(names, c.To), c.Count))],
            [.. all.Where(r => r.FreinCode is not null).Select(r => r.FreinCode!).Distinct().Select(c => new ReferralChoice(c, FreinLabel(c))).OrderBy(c => c.Label, french)],
            [.. all.Select(r => r.ToStructureId).Distinct().Select(id => new ReferralChoice(id.ToString(), NameOf(names, id))).OrderBy(c => c.Label, french)],
            access.Can(CitePermission.Contribute));
    }

    /// <summary>The referrals whose day lies in the period, as the counts read them (the cooperation map, the counted indicator).</summary>
    internal static async Task<List<Referral>> InPeriodAsync(AppDbContext db, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start, period.End);
        return await db.Referrals.AsNoTracking().Where(r => r.Date >= start && r.Date <= end).ToListAsync(cancellationToken);
    }

    internal static string FreinLabel(string code) => Freins.Find(code)?.Label ?? code;

    private static async Task<ReferredService?> ServiceAsync(AppDbContext db, Guid serviceId, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.Status == ServiceStatus.Publie, cancellationToken);
        return service is null ? null : new ReferredService(service.Id, service.Name, service.StructureId, [.. service.Freins.Select(f => f.Code)]);
    }

    private static async Task<List<ReferralChoice>> StructureChoicesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var french = StringComparer.Create(FrenchCulture.Culture, ignoreCase: true);
        return [.. (await db.Structures.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            .Select(s => new ReferralChoice(s.Id.ToString(), s.Name)).OrderBy(s => s.Label, french)];
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Structures.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    private static string NameOf(IReadOnlyDictionary<Guid, string> names, Guid id) => names.GetValueOrDefault(id, RemovedStructure);
}
