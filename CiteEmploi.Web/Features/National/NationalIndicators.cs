using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.National;

/// <summary>Figures aggregated across all active Cités, for the national level: counts and sums only, no Cité content.</summary>
public sealed record NationalFigures(
    int ActiveCites,
    IReadOnlyDictionary<PerimeterType, int> CitesByPerimeter,
    int QpvsCovered,
    decimal TotalBudget,
    int Members,
    double AverageMembersPerCite);

public sealed class NationalIndicators(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<NationalFigures> ComputeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Demonstration Cités are fictional: they never count in real figures.
        var cites = await db.Cites.AsNoTracking().Where(c => c.ArchivedAt == null && !c.IsDemonstration).ToListAsync(cancellationToken);
        var ids = cites.Select(c => c.Id).ToList();
        var members = await db.Memberships.IgnoreQueryFilters().CountAsync(m => ids.Contains(m.CiteId), cancellationToken);
        return new NationalFigures(
            cites.Count,
            cites.GroupBy(c => c.PerimeterType).ToDictionary(g => g.Key, g => g.Count()),
            cites.SelectMany(c => c.Qpvs).Select(q => q.Code).Distinct(StringComparer.Ordinal).Count(),
            cites.Sum(c => c.BudgetAmount),
            members,
            cites.Count == 0 ? 0 : Math.Round((double)members / cites.Count, 1));
    }
}
