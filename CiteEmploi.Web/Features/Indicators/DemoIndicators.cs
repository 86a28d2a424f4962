using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Indicators;

/// <summary>
/// The demonstration Cité's indicators: two years (the eight quarters up to the last ended one) of invented values of the
/// national catalogue's typed indicators, breakdowns coherent with their totals (femmes + hommes = the total, each group
/// below it), a note here and there, typed « par » <see cref="EnteredBy"/> — never real. Idempotent: a value already
/// there for an indicator and a quarter is left as it is. Called by <see cref="Demo.DemoLoader"/>.
/// </summary>
public sealed class DemoIndicators(CiteDbContextFactory dbs, TimeProvider time)
{
    public const string EnteredBy = "Données fictives de démonstration";
    public const int Quarters = 8;

    public async Task LoadAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var last = Period.Containing(DateOnly.FromDateTime(FrenchTime.Local(now)), PeriodKind.Trimestre).Previous();
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var existing = (await db.IndicatorValues.Select(v => new { v.IndicatorCode, v.Period }).ToListAsync(cancellationToken))
            .Select(v => (v.IndicatorCode, v.Period.Code)).ToHashSet();
        var random = new Random(16);
        var step = 0;
        foreach (var period in last.LastOnes(Quarters))
        {
            // a Cité that grows: outreach and people identified rise over the two years, with a summer dip
            var growth = 1m + (step * 0.12m) - (period.Number == 3 ? 0.15m : 0m);
            step++;
            var identified = (int)(38 * growth) + random.Next(0, 8);
            var supported = (int)(24 * growth) + random.Next(0, 5);
            var entries = new List<IndicatorEntry>
            {
                new("actions-aller-vers", period.Code, (int)(9 * growth) + random.Next(0, 3),
                    Note: period.Number == 3 ? "Moins de permanences en pied d'immeuble pendant l'été." : string.Empty),
                new("personnes-reperees", period.Code, identified, Breakdown: People(identified, random),
                    Note: step == 5 ? "Forum de l'emploi au centre social des Résidences : 14 personnes repérées ce jour-là." : string.Empty),
                new("accompagnement-renforce", period.Code, supported, Breakdown: People(supported, random)),
                new("sorties-emploi-formation", period.Code, Numerator: (int)(supported * (0.25m + (step * 0.02m))), Denominator: supported,
                    Note: step == Quarters ? "Sorties comptées à la fin du trimestre ; quelques contrats courts non comptés." : string.Empty),
                new("niveau-cooperation", period.Code, Text: step <= 3 ? "à consolider" : step <= 6 ? "en progrès" : "bon"),
            };
            foreach (var entry in entries.Where(e => !existing.Contains((e.IndicatorCode, e.Period))))
            {
                db.IndicatorValues.Add(IndicatorValue.Record(access.CiteId, NationalCatalogue.Find(entry.IndicatorCode), entry, [], null, EnteredBy, now));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A breakdown that adds up: women and men make the total, the other groups are parts of it.</summary>
    private static Breakdown People(int total, Random random)
    {
        var women = (total / 2) + random.Next(-3, 4);
        return new Breakdown(women, total - women, (int)(total * 0.4) + random.Next(0, 3), (int)(total * 0.7), (int)(total * 0.3));
    }
}
