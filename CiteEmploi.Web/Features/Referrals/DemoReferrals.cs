using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Referrals;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Referrals;

/// <summary>
/// The demonstration Cité's referrals: over the last four of its demonstration quarters (its indicators have eight: the
/// referral record is newer than the Cité's first year, and the map of two years ago stays the feuille de route's alone)
/// and the current one up to yesterday, a few a week and more as the Cité grows, from its « front door »
/// structures (Mission Locale, France Travail, CCAS, social centres, France services…) to published services of other
/// structures, for one of their barriers. Recorded « par » <see cref="DemoIndicators.EnteredBy"/>, every note says they
/// are invented. Idempotent: once the Cité has demonstration referrals, nothing is added. Called by <see cref="Demo.DemoLoader"/>.
/// </summary>
public sealed class DemoReferrals(CiteDbContextFactory dbs, TimeProvider time)
{
    public const string Note = "Données fictives de démonstration.";

    /// <summary>The ended quarters with referrals, before the current one.</summary>
    public const int Quarters = 4;

    private static readonly string[] FrontDoors = ["Mission Locale", "France Travail", "CCAS", "Centre social", "France services", "solidarités", "PLIE"];

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(FrenchTime.Local(now));
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        if (await db.Referrals.AnyAsync(r => r.RecordedByName == DemoIndicators.EnteredBy, cancellationToken))
        {
            return;
        }
        var structures = await db.Structures.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var services = (await db.Services.AsNoTracking().Where(s => s.Status == ServiceStatus.Publie).ToListAsync(cancellationToken))
            .Where(s => s.Freins.Count > 0).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)
            .Select(s => new ReferredService(s.Id, s.Name, s.StructureId, [.. s.Freins.Select(f => f.Code)])).ToList();
        var ids = structures.Select(s => s.Id).ToList();
        var orienters = structures.Where(s => FrontDoors.Any(f => s.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).Select(s => s.Id).ToList();
        if (orienters.Count == 0)
        {
            orienters = ids;
        }
        if (services.Count == 0 || ids.Count < 2)
        {
            return;
        }
        var random = new Random(35);
        var current = Period.Containing(today, PeriodKind.Trimestre);
        var quarters = current.Previous().LastOnes(Quarters).Append(current).ToList();
        for (var step = 0; step < quarters.Count; step++)
        {
            var quarter = quarters[step];
            var last = quarter.End < today ? quarter.End : today.AddDays(-1);
            var days = last.DayNumber - quarter.Start.DayNumber + 1;
            if (days <= 0)
            {
                continue;
            }
            // a network that grows, quieter in summer; the current quarter in proportion of its days gone
            var count = (10 + (step * 3) - (quarter.Number == 3 ? 3 : 0) + random.Next(0, 4)) * days / (quarter.End.DayNumber - quarter.Start.DayNumber + 1);
            for (var i = 0; i < count; i++)
            {
                var from = orienters[random.Next(orienters.Count)];
                var candidates = services.Where(s => s.StructureId != from).ToList();
                var service = candidates[random.Next(candidates.Count)];
                var frein = service.FreinCodes.ElementAt(random.Next(service.FreinCodes.Count));
                var date = quarter.Start.AddDays(random.Next(days));
                db.Referrals.Add(Referral.Demonstration(access.CiteId, new ReferralFacts(from, frein, date, Note), service, ids, DemoIndicators.EnteredBy, now));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
