using CiteEmploi.Domain.Cites;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.National;

/// <summary>
/// One Cité's value of one indicator as the national view shows it: the value shown (a count, or a ratio in %), a
/// ratio's two numbers, a level's text, and its breakdown with small counts hidden (<see cref="SmallCounts"/>).
/// <see cref="IsTyped"/> false is « non renseigné », never 0.
/// </summary>
public sealed record NationalCell(bool IsTyped, decimal? Value, decimal? Numerator, decimal? Denominator, string? Level, IReadOnlyList<BreakdownCell> Breakdown)
{
    public static NationalCell Missing { get; } = new(false, null, null, null, null, []);
}

/// <summary>An active Cité as the national screens list it: its name, derived region (or « Région inconnue ») and perimeter type.</summary>
public sealed record NationalCite(Guid Id, string Name, string Region, PerimeterType Perimeter);

/// <summary>One Cité's values counted from its workspace for a period, by indicator code (null: not countable for that period, see each Cité's page).</summary>
public sealed record NationalCountedRow(Guid CiteId, string Name, string Region, IReadOnlyDictionary<string, decimal?> Values);

/// <summary>One Cité: its name, derived region (or « Région inconnue »), perimeter type and values by indicator code.</summary>
public sealed record NationalCiteRow(Guid CiteId, string Name, string Region, PerimeterType Perimeter, IReadOnlyDictionary<string, NationalCell> Values);

/// <summary>
/// A group of Cités' figures for one indicator: how many typed it, the total (sum of counts; a ratio's numerators over its
/// denominators; none for a level), the median of their values and the breakdown summed with the secrecy rules.
/// </summary>
public sealed record NationalTotal(int Typed, decimal? Total, decimal? Median, IReadOnlyList<BreakdownCell> Breakdown);

/// <summary>A group of Cités (a region, a perimeter type, the nation): its label, its number of Cités, its totals by indicator code.</summary>
public sealed record NationalGroupRow(string Label, int Cites, IReadOnlyDictionary<string, NationalTotal> Totals);

/// <summary>The national view for one period (plain data: it crosses from the prerender to the interactive page).</summary>
public sealed record NationalIndicatorsView(string PeriodCode, IReadOnlyList<string> Codes, IReadOnlyList<NationalCiteRow> Cites, NationalGroupRow Nation,
    IReadOnlyList<NationalGroupRow> ByRegion, IReadOnlyList<NationalGroupRow> ByPerimeter)
{
    public Period Period => Period.Parse(PeriodCode);

    /// <summary>The national median of an indicator (null when no Cité typed it, or for a level).</summary>
    public decimal? Median(string code) => Nation.Totals.GetValueOrDefault(code)?.Median;
}

/// <summary>
/// The national catalogue's typed indicators across every active Cité (demonstration Cités aside, as in
/// <see cref="NationalIndicators"/>), for the national role and the administrators (docs/decisions/0029-national-indicators.md):
/// per Cité, by region, by perimeter type, and each Cité against the national median. Counted indicators are counted in
/// each Cité's own page, not here. Reads values only: one query for the Cités, one for the period's values.
/// </summary>
public sealed class NationalIndicatorService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The indicators shown: the national catalogue's typed ones (counted ones are each Cité's own count).</summary>
    public static IReadOnlyList<IndicatorDefinition> Indicators { get; } = [.. NationalCatalogue.All.Where(d => !d.IsCounted)];

    /// <summary>The period the page and the files open on: the last quarter that has ended (values are typed after it).</summary>
    public Period DefaultPeriod => Period.Containing(DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow())), PeriodKind.Trimestre).Previous();

    public async Task<NationalIndicatorsView> ViewAsync(Period period, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cites = await CitesAsync(db, cancellationToken);
        var ids = cites.Select(c => c.Id).ToHashSet();
        var codes = Indicators.Select(d => d.Code).ToList();
        var values = (await db.IndicatorValues.IgnoreQueryFilters().AsNoTracking()
                .Where(v => v.Period == period && codes.Contains(v.IndicatorCode))
                .Select(v => new { v.CiteId, v.IndicatorCode, v.Number, v.Numerator, v.Denominator, v.Text, v.Breakdown })
                .ToListAsync(cancellationToken))
            .Where(v => ids.Contains(v.CiteId))
            .ToLookup(v => v.CiteId);

        var rows = cites
            .Select(c => new NationalCiteRow(c.Id, c.Name, c.Region, c.Perimeter,
                values[c.Id].ToDictionary(v => v.IndicatorCode, v => Cell(NationalCatalogue.Find(v.IndicatorCode)!, v.Number, v.Numerator, v.Denominator, v.Text, v.Breakdown), StringComparer.Ordinal)))
            .ToList();

        var byRegion = ByRegion(rows, r => r.Region).Select(g => Group(g.Key, [.. g])).ToList();
        var byPerimeter = Enum.GetValues<PerimeterType>()
            .Select(t => Group(t.Label(), [.. rows.Where(r => r.Perimeter == t)])).ToList();
        return new NationalIndicatorsView(period.Code, codes, rows, Group("France entière", rows), byRegion, byPerimeter);
    }

    /// <summary>The indicators each Cité's workspace counts (sessions held, actions, partners involved and active, budget used).</summary>
    public static IReadOnlyList<IndicatorDefinition> CountedIndicators { get; } = [.. NationalCatalogue.All.Where(d => d.IsCounted)];

    /// <summary>
    /// The counted indicators Cité by Cité for a period, each counted exactly as on the Cité's own page
    /// (<see cref="CountedValues"/>, its feuilles de route replayed to the period's end): one scoped context per Cité.
    /// </summary>
    public async Task<IReadOnlyList<NationalCountedRow>> CountedAsync(Period period, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<NationalCite> cites;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            cites = await CitesAsync(db, cancellationToken);
        }
        var scoped = new CiteDbContextFactory(dbFactory);
        var now = time.GetUtcNow();
        var rows = new List<NationalCountedRow>(cites.Count);
        foreach (var cite in cites)
        {
            await using var db = await scoped.CreateAsync(cite.Id, cancellationToken);
            var counted = await CountedValues.CountAsync(db, period, now, cancellationToken);
            rows.Add(new NationalCountedRow(cite.Id, cite.Name, cite.Region,
                CountedIndicators.ToDictionary(d => d.Code, d => counted[d.CountedBy!.Value].Value, StringComparer.Ordinal)));
        }
        return rows;
    }

    /// <summary>
    /// The Cités every national screen reads: active, demonstration aside (fictional), by French name, each with its
    /// derived region (docs/decisions/0029) and perimeter type.
    /// </summary>
    internal static async Task<IReadOnlyList<NationalCite>> CitesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var cites = await db.Cites.AsNoTracking().Where(c => c.ArchivedAt == null && !c.IsDemonstration)
            .Select(c => new { c.Id, c.Name, c.PerimeterType, c.TerritoryName, c.Qpvs })
            .ToListAsync(cancellationToken);
        return [.. cites
            .Select(c => new NationalCite(c.Id, c.Name, Regions.OfCite(c.Qpvs.Select(q => q.Code), c.TerritoryName)?.Name ?? Regions.UnknownName, c.PerimeterType))
            .OrderBy(c => c.Name, French)];
    }

    /// <summary>Rows grouped by region, regions in French order and « Région inconnue » last.</summary>
    internal static IEnumerable<IGrouping<string, T>> ByRegion<T>(IEnumerable<T> rows, Func<T, string> region) =>
        rows.GroupBy(region).OrderBy(g => g.Key == Regions.UnknownName).ThenBy(g => g.Key, French);

    private static readonly StringComparer French = StringComparer.Create(FrenchCulture.Culture, ignoreCase: true);

    private static NationalCell Cell(IndicatorDefinition definition, decimal? number, decimal? numerator, decimal? denominator, string text, Breakdown breakdown) =>
        definition.Kind switch
        {
            IndicatorKind.Qualitatif => new NationalCell(true, null, null, null, text, []),
            IndicatorKind.Ratio => new NationalCell(true, numerator is { } n && denominator is { } d && d != 0 ? decimal.Round(n * 100m / d, 1) : null, numerator, denominator, null, []),
            _ => new NationalCell(true, number, null, null, null, definition.HasBreakdown ? SmallCounts.Protect(breakdown) : []),
        };

    private static NationalGroupRow Group(string label, IReadOnlyList<NationalCiteRow> cites) =>
        new(label, cites.Count, Indicators.ToDictionary(d => d.Code, d => Total(d, [.. cites.Select(c => c.Values.GetValueOrDefault(d.Code)).OfType<NationalCell>()]), StringComparer.Ordinal));

    private static NationalTotal Total(IndicatorDefinition definition, IReadOnlyList<NationalCell> typed)
    {
        var numbers = typed.Where(c => c.Value is not null).Select(c => c.Value!.Value).ToList();
        decimal? total = definition.Kind switch
        {
            IndicatorKind.Nombre when numbers.Count > 0 => numbers.Sum(),
            IndicatorKind.Ratio when typed.Sum(c => c.Denominator ?? 0) is var d && d > 0 => decimal.Round(typed.Sum(c => c.Numerator ?? 0) * 100m / d, 1),
            _ => null,
        };
        var breakdown = definition.HasBreakdown
            ? Enumerable.Range(0, 5).Select(i => SmallCounts.Sum(typed.Select(c => c.Breakdown.Count > i ? c.Breakdown[i] : BreakdownCell.Missing))).ToList()
            : [];
        return new NationalTotal(typed.Count, total, definition.Kind == IndicatorKind.Qualitatif ? null : IndicatorStatistics.Median(numbers), breakdown);
    }
}
