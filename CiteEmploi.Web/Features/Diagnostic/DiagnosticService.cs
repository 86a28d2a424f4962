using CiteEmploi.Domain.Annuaire;
using CiteEmploi.Domain.Annuaire.Places;
using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Diagnostic;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Features.Annuaire.Near;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>What the matrix is asked: the filters, and optionally one radius for every place (the page's « pour tous »).</summary>
public sealed record CoverageRequest(CoverageFilters Filters, double? RadiusKm = null);

/// <summary>
/// The shared diagnostic measured from the directory: the coverage matrix of a Cité's places (its QPVs, then the
/// communes of its perimeter) × the barriers, counted from the published services (<see cref="Coverage"/>), and the
/// settings that say how (<see cref="CoverageSettings"/>). Reading needs the Cité's read right; changing how it is
/// counted is the coordination's (<see cref="CitePermission.EditProfile"/>).
/// </summary>
public sealed partial class DiagnosticService(CiteDbContextFactory dbs, DirectoryPositionSnapshots positions, DirectoryService directory, TimeProvider time)
{
    /// <summary>The Cité's settings (the defaults when never changed); null without the read right.</summary>
    public async Task<CoverageSettings?> SettingsAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await db.CoverageSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CoverageSettings.For(access.CiteId);
    }

    /// <summary>The rows of the matrix: the Cité's QPVs (placed or not) then its perimeter's communes, each with its radius.</summary>
    public async Task<IReadOnlyList<CoverageRow>> RowsAsync(CiteAccess access, double? radiusForAll = null, CancellationToken cancellationToken = default)
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
        var settings = await db.CoverageSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? CoverageSettings.For(access.CiteId);
        double Radius(string code) => radiusForAll ?? settings.RadiusFor(code);
        var qpvs = cite.Qpvs.Select(q => new CoverageRow(Place.Qpv(q.Code, q.Name, q.Position), Radius(q.Code)));
        var communes = settings.CommuneCodes.Select(Communes.Find).OfType<Place>().Select(c => new CoverageRow(c, Radius(c.Code)));
        return [.. qpvs, .. communes];
    }

    /// <summary>The matrix as the directory stands now; null without the read right.</summary>
    public async Task<CoverageMatrix?> CoverageAsync(CiteAccess access, CoverageRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var rows = await RowsAsync(access, request.RadiusKm, cancellationToken);
        var table = await positions.GetAsync(access, cancellationToken);
        return Coverage.Compute(table, rows, Freins.All, request.Filters, Today);
    }

    /// <summary>The services of a cell as the directory shows them, nearest first, with their distances; then those « à distance ».</summary>
    public async Task<CoverageCellServices?> CellServicesAsync(CiteAccess access, CoverageCell cell, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        var views = (await directory.GetPublishedAsync(access, [.. cell.Near.Select(s => s.ServiceId), .. cell.ComesToPerson], cancellationToken))
            .ToDictionary(v => v.Service.Id);
        return new CoverageCellServices(
            [.. cell.Near.Where(s => views.ContainsKey(s.ServiceId)).Select(s => (views[s.ServiceId], new NearDistance(s.Metres, s.Source, s.CommuneName)))],
            [.. cell.ComesToPerson.Where(views.ContainsKey).Select(id => views[id])]);
    }

    /// <summary>What a problem with the request says, by parameter (« rayon », « public »); empty when it is fine.</summary>
    public static IReadOnlyDictionary<string, string> Problems(string? radius, string? publicCode, out double? radiusKm)
    {
        var problems = new Dictionary<string, string>();
        radiusKm = null;
        if (!string.IsNullOrWhiteSpace(radius))
        {
            if (NearRadius.TryParse(radius, out var km, out var error))
            {
                radiusKm = km;
            }
            else
            {
                problems["rayon"] = error!;
            }
        }
        if (!string.IsNullOrWhiteSpace(publicCode) && !Referentiels.Publics.Contains(publicCode.Trim()))
        {
            problems["public"] = $"Le public « {Echo.Of(publicCode)} » n'existe pas dans le référentiel data·inclusion.";
        }
        return problems;
    }

    /// <summary>The Cité's shared findings on its cells (by place and barrier); empty without the read right.</summary>
    public async Task<IReadOnlyList<GapFinding>> FindingsAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await db.GapFindings.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>Whether this person may mark gaps (partners in a workshop: the right to contribute).</summary>
    public static bool CanMark(CiteAccess access) => access.Can(CitePermission.Contribute);

    /// <summary>
    /// Marks a cell « confirmé », « à nuancer » or « couvert autrement » with a comment, for everyone at once; the place
    /// must be a row of the Cité's matrix and the barrier a known one.
    /// </summary>
    public async Task<CommandResult> MarkGapAsync(CiteAccess access, string placeCode, string freinCode, GapStatus status, string? comment,
        CancellationToken cancellationToken = default)
    {
        if (!CanMark(access))
        {
            return CommandResult.Forbidden();
        }
        var rows = await RowsAsync(access, null, cancellationToken);
        if (rows.All(r => r.Place.Code != placeCode))
        {
            return CommandResult.Invalid(nameof(GapFinding.PlaceCode), $"« {Echo.Of(placeCode)} » n'est pas un lieu du diagnostic de cette Cité.");
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            // the cell, with its finding when it has one (the pipeline's target is never null)
            async () => new Cell(await db.GapFindings.SingleOrDefaultAsync(g => g.PlaceCode == placeCode && g.FreinCode == freinCode, cancellationToken)),
            async _ => await ActorNames.OfAsync(db, access, cancellationToken),
            CommandResult.Forbidden(),
            (cell, name) =>
            {
                if (cell.Finding is { } finding)
                {
                    finding.Remark(status, comment, name, now);
                }
                else
                {
                    db.GapFindings.Add(GapFinding.Mark(access.CiteId, placeCode, freinCode, status, comment, name, now));
                }
                return Task.FromResult<string?>(null);
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    private sealed record Cell(GapFinding? Finding);

    /// <summary>Sets the radius of every place without one of its own (the coordination).</summary>
    public Task<CommandResult> SetRadiusAsync(CiteAccess access, double kilometres, CancellationToken cancellationToken = default) =>
        ChangeAsync(access, s => s.SetRadius(kilometres), cancellationToken);

    /// <summary>Sets one place's radius, or with null gives it the default again.</summary>
    public Task<CommandResult> SetPlaceRadiusAsync(CiteAccess access, string placeCode, double? kilometres, CancellationToken cancellationToken = default) =>
        ChangeAsync(access, s => s.SetPlaceRadius(placeCode, kilometres), cancellationToken);

    /// <summary>Sets the perimeter's communes shown as rows.</summary>
    public Task<CommandResult> SetCommunesAsync(CiteAccess access, IEnumerable<string> inseeCodes, CancellationToken cancellationToken = default) =>
        ChangeAsync(access, s => s.SetCommunes(inseeCodes), cancellationToken);

    private Task<CommandResult> ChangeAsync(CiteAccess access, Action<CoverageSettings> change, CancellationToken cancellationToken) =>
        CiteRowCommand.RunAsync(dbs, access, db => db.CoverageSettings, CoverageSettings.For, (_, settings) =>
        {
            change(settings);
            return Task.CompletedTask;
        }, cancellationToken);

    private DateOnly Today => DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow()));
}

/// <summary>The services of one cell, as the directory shows them.</summary>
public sealed record CoverageCellServices(IReadOnlyList<(ServiceView View, NearDistance Distance)> Near, IReadOnlyList<ServiceView> ComesToPerson);
