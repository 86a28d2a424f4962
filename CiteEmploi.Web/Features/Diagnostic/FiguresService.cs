using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>One QPV's figures as the panel shows them: the latest year of each indicator first.</summary>
public sealed record QpvFigures(string QpvCode, string QpvName, IReadOnlyList<TerritorialFigure> Figures);

/// <summary>What an import did: how many figures were recorded, or every refused line (and then nothing was recorded).</summary>
public sealed record FiguresImportResult(int Recorded, IReadOnlyList<string> Problems, bool IsForbidden = false)
{
    public bool Succeeded => !IsForbidden && Problems.Count == 0;

    public static FiguresImportResult Forbidden() => new(0, ["Seule la coordination de la Cité importe des chiffres."], IsForbidden: true);
}

/// <summary>
/// A Cité's territorial figures beside its coverage (issue 18): read by its members (<see cref="CitePermission.Read"/>),
/// typed or imported from a CSV by the coordination (<see cref="CitePermission.EditProfile"/>), all or nothing.
/// </summary>
public sealed class FiguresService(CiteDbContextFactory dbs, TimeProvider time)
{
    /// <summary>The figures per QPV of the Cité, in the order of its QPVs; empty without the read right.</summary>
    public async Task<IReadOnlyList<QpvFigures>> FiguresAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var cite = await db.Cites.AsNoTracking().SingleOrDefaultAsync(c => c.Id == access.CiteId, cancellationToken);
        if (cite is null)
        {
            return [];
        }
        var stored = await db.TerritorialFigures.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var figures = stored?.Figures ?? [];
        var order = FigureIndicators.All.Select((i, n) => (i.Code, n)).ToDictionary(x => x.Code, x => x.n);
        return [.. cite.Qpvs.Select(q => new QpvFigures(q.Code, q.Name,
            [.. figures.Where(f => f.QpvCode == q.Code).OrderBy(f => order.GetValueOrDefault(f.Indicator, int.MaxValue)).ThenByDescending(f => f.Year)]))];
    }

    /// <summary>Imports a CSV of figures (<see cref="FiguresFile"/>): every line checked, nothing recorded unless all pass.</summary>
    /// <param name="demonstration">Marks the figures as demonstration data (the demonstration loader only).</param>
    public async Task<FiguresImportResult> ImportAsync(CiteAccess access, ReadOnlyMemory<byte> bytes, bool demonstration = false, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return FiguresImportResult.Forbidden();
        }
        var codes = await QpvCodesAsync(access, cancellationToken);
        var file = FiguresFile.Read(bytes, codes, CurrentYear, demonstration);
        if (!file.Accepted)
        {
            return new FiguresImportResult(0, file.Problems);
        }
        var result = await ChangeAsync(access, (figures, qpvs) => figures.Record(file.Figures, qpvs, CurrentYear), cancellationToken);
        return result.Succeeded
            ? new FiguresImportResult(file.Figures.Count, [])
            : new FiguresImportResult(0, result.IsForbidden ? FiguresImportResult.Forbidden().Problems : [result.Describe()], result.IsForbidden);
    }

    /// <summary>Records one typed figure (the errors by field: QpvCode, Indicator, Value, Year, Source).</summary>
    public Task<CommandResult> RecordAsync(CiteAccess access, TerritorialFigure figure, CancellationToken cancellationToken = default) =>
        ChangeAsync(access, (figures, qpvs) => figures.Record([figure with { IsDemonstration = false }], qpvs, CurrentYear), cancellationToken);

    /// <summary>Removes one figure (a typing mistake).</summary>
    public Task<CommandResult> RemoveAsync(CiteAccess access, string qpvCode, string indicator, int year, CancellationToken cancellationToken = default) =>
        ChangeAsync(access, (figures, _) => figures.Remove(qpvCode, indicator, year), cancellationToken);

    private async Task<IReadOnlyCollection<string>> QpvCodesAsync(CiteAccess access, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var cite = await db.Cites.AsNoTracking().SingleOrDefaultAsync(c => c.Id == access.CiteId, cancellationToken);
        return cite?.Qpvs.Select(q => q.Code).ToHashSet(StringComparer.Ordinal) ?? [];
    }

    private Task<CommandResult> ChangeAsync(CiteAccess access, Action<TerritorialFigures, IReadOnlyCollection<string>> change, CancellationToken cancellationToken) =>
        CiteRowCommand.RunAsync(dbs, access, db => db.TerritorialFigures, TerritorialFigures.For, async (db, figures) =>
        {
            // the Cité's QPVs as they are inside the transaction: a QPV removed meanwhile is refused
            var cite = await db.Cites.AsNoTracking().SingleAsync(c => c.Id == access.CiteId, cancellationToken);
            change(figures, cite.Qpvs.Select(q => q.Code).ToHashSet(StringComparer.Ordinal));
        }, cancellationToken);

    private int CurrentYear => FrenchTime.Local(time.GetUtcNow()).Year;
}
