using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Annuaire.Search;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>A frozen diagnostic in the Cité's list.</summary>
public sealed record SnapshotSummary(Guid Id, string Label, DateOnly AsOf, DateTimeOffset FrozenAt, string FrozenByName);

/// <summary>A frozen diagnostic and how today differs from it.</summary>
public sealed record SnapshotComparison(DiagnosticSnapshot Snapshot, DiagnosticState Today, DiagnosticComparison Changes);

/// <summary>
/// The diagnostic frozen « as of » a date and compared with today (issue 18, decision 0033): what the matrix showed for the
/// Cité's settings (no reader's filters), the gap findings and the figures, stored as one row owned by the Cité. Members
/// read and compare; the coordination (<see cref="CitePermission.EditProfile"/>, who sets how the diagnostic is counted)
/// freezes and deletes.
/// </summary>
public sealed class DiagnosticSnapshotService(CiteDbContextFactory dbs, DiagnosticService diagnostic, FiguresService figures, DirectoryService directory,
    DirectoryPositionSnapshots positions, TimeProvider time)
{
    /// <summary>Whether this person may freeze and delete frozen diagnostics.</summary>
    public static bool CanFreeze(CiteAccess access) => access.Can(CitePermission.EditProfile);

    /// <summary>The Cité's frozen diagnostics, the latest date first; empty without the read right.</summary>
    public async Task<IReadOnlyList<SnapshotSummary>> ListAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var list = await db.Set<DiagnosticSnapshot>().AsNoTracking()
            .Select(s => new SnapshotSummary(s.Id, s.Label, s.AsOf, s.FrozenAt, s.FrozenByName))
            .ToListAsync(cancellationToken);
        // DateTimeOffset is not ordered by SQLite: sorted here (a Cité freezes a few a year)
        return [.. list.OrderByDescending(s => s.AsOf).ThenByDescending(s => s.FrozenAt)];
    }

    /// <summary>One frozen diagnostic of the Cité, or null (another Cité's, none, or no read right).</summary>
    public async Task<DiagnosticSnapshot?> GetAsync(CiteAccess access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await db.Set<DiagnosticSnapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>The diagnostic as it stands now, as a frozen one would hold it; null without the read right.</summary>
    public async Task<DiagnosticState?> TodayAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read) || await diagnostic.CoverageAsync(access, new CoverageRequest(CoverageFilters.None), cancellationToken) is not { } matrix)
        {
            return null;
        }
        var settings = await diagnostic.SettingsAsync(access, cancellationToken);
        var findings = await diagnostic.FindingsAsync(access, cancellationToken);
        var shown = await figures.FiguresAsync(access, cancellationToken);
        var placed = matrix.Cells.Where(c => c.Row.Place.Position is not null).ToList();
        var table = await positions.GetAsync(access, cancellationToken);
        var views = (await directory.GetPublishedAsync(access, [.. placed.SelectMany(c => c.Near.Select(s => s.ServiceId)).Distinct()], cancellationToken))
            .ToDictionary(v => v.Service.Id);
        return new DiagnosticState(
            settings?.RadiusKm ?? CoverageSettings.DefaultRadiusKm,
            FrozenFilters.None,
            [.. matrix.Rows.Select(r => new FrozenPlace(r.Place.Code, r.Place.Label, r.Place.Kind == PlaceKind.Qpv, r.Place.Position?.Latitude, r.Place.Position?.Longitude, r.RadiusKm))],
            [.. matrix.Freins.Select(f => f.Code)],
            [.. placed.Select(c => new FrozenCell(c.Row.Place.Code, c.Frein.Code,
                [.. c.Near.Where(s => views.ContainsKey(s.ServiceId))
                    .Select(s => Frozen(s, views[s.ServiceId], table))],
                c.ComesToPerson.Count))],
            [.. findings.OrderBy(f => f.PlaceCode, StringComparer.Ordinal).ThenBy(f => f.FreinCode, StringComparer.Ordinal)
                .Select(f => new FrozenFinding(f.PlaceCode, f.FreinCode, f.Status, f.Comment, f.MarkedByName, f.MarkedAt, f.ActionId))],
            [.. shown.SelectMany(q => q.Figures)],
            matrix.Unplaced);
    }

    private static FrozenService Frozen(CoveredService service, ServiceView view, CitePositions table)
    {
        var at = PositionOf(table, service.ServiceId);
        return new FrozenService(service.ServiceId, view.Service.Name, view.Structure.Name, (int)Math.Round(service.Metres), at?.Latitude, at?.Longitude);
    }

    /// <summary>Where a published service is placed, or null (unplaced, or not published).</summary>
    private static GeoPoint? PositionOf(CitePositions table, Guid serviceId) =>
        table.IndexOf.TryGetValue(serviceId, out var i) && table.Sources[i] != ServicePositionSource.None
            ? new GeoPoint(table.LatitudeRadians[i] / Distance.Radians, table.LongitudeRadians[i] / Distance.Radians)
            : null;

    /// <summary>Freezes the diagnostic as it stands now « as of » <paramref name="asOf"/>, with a label; the new id as the result's value.</summary>
    public async Task<CommandResult> FreezeAsync(CiteAccess access, string? label, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        if (!CanFreeze(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var createdAt = await db.Cites.AsNoTracking().Where(c => c.Id == access.CiteId).Select(c => (DateTimeOffset?)c.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        if (createdAt is not { } created)
        {
            return CommandResult.Missing();
        }
        var today = Today;
        var createdOn = DateOnly.FromDateTime(FrenchTime.Local(created));
        // the cheap checks before counting anything (two coordinators freezing at the same instant may pass the cap by one)
        var kept = await db.Set<DiagnosticSnapshot>().CountAsync(cancellationToken);
        var errors = DiagnosticSnapshot.Check(label, asOf, today, createdOn, kept);
        if (!errors.IsEmpty)
        {
            return CommandResult.Invalid(errors);
        }
        if (await TodayAsync(access, cancellationToken) is not { } state)
        {
            return CommandResult.Forbidden();
        }
        var name = await ActorNames.OfAsync(db, access, cancellationToken);
        var snapshot = DiagnosticSnapshot.Freeze(access.CiteId, label, asOf, today, createdOn, kept, state, name, time.GetUtcNow());
        db.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(snapshot.Id.ToString());
    }

    /// <summary>Deletes a frozen diagnostic (a mistake, an old one).</summary>
    public async Task<CommandResult> DeleteAsync(CiteAccess access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!CanFreeze(access))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        if (await db.Set<DiagnosticSnapshot>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } snapshot)
        {
            return CommandResult.Missing();
        }
        snapshot.MarkDeleted();
        db.Remove(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>A frozen diagnostic against today; null when it is not one of the Cité's (or without the read right).</summary>
    public async Task<SnapshotComparison?> CompareAsync(CiteAccess access, Guid id, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(access, id, cancellationToken) is not { } snapshot || await TodayAsync(access, cancellationToken) is not { } today)
        {
            return null;
        }
        var nowIds = today.Cells.SelectMany(c => c.Services).Select(s => s.Id).ToHashSet();
        var gone = snapshot.State.Cells.SelectMany(c => c.Services).Select(s => s.Id).Where(i => !nowIds.Contains(i)).ToHashSet();
        return new SnapshotComparison(snapshot, today, DiagnosticComparison.Compare(snapshot.State, today, await WhereTheyAreAsync(access, gone, cancellationToken)));
    }

    /// <summary>Where services that left a cell stand today: published (with their position and barriers), unpublished, or gone.</summary>
    private async Task<Dictionary<Guid, ServiceToday>> WhereTheyAreAsync(CiteAccess access, IReadOnlySet<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, ServiceToday>();
        if (ids.Count == 0)
        {
            return result;
        }
        var table = await positions.GetAsync(access, cancellationToken);
        var freins = Freins.All.Select(f => (f.Code, Bits: table.Matching([SearchQuery.Token(SearchIndexCodes.Frein(f.Code))])!)).ToList();
        foreach (var id in ids)
        {
            if (table.IndexOf.TryGetValue(id, out var i))
            {
                result[id] = new ServiceToday(ServiceFate.Published, PositionOf(table, id), freins.Where(f => f.Bits[i]).Select(f => f.Code).ToHashSet(StringComparer.Ordinal));
            }
        }
        var others = ids.Where(id => !result.ContainsKey(id)).ToList();
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var stillThere = await db.Services.AsNoTracking().Where(s => others.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in others)
        {
            result[id] = new ServiceToday(stillThere.Contains(id) ? ServiceFate.Unpublished : ServiceFate.Removed, null, new HashSet<string>());
        }
        return result;
    }

    private DateOnly Today => DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow()));
}
