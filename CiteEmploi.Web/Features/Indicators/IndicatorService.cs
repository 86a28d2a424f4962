using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Indicators;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Indicators;

/// <summary>
/// A Cité's indicators (issue 16): the national catalogue and its local indicators, their values per period, the
/// values counted from the workspace, and the locked periods. Its members read (<see cref="CitePermission.Read"/>); a
/// partner types the values of their own structure (<see cref="CitePermission.Contribute"/> and a structure on their
/// membership), the coordination any value (<see cref="CitePermission.EditAllContent"/>), and it alone locks periods
/// and defines local indicators (<see cref="CitePermission.EditProfile"/>). Every change goes through
/// <see cref="CommandPipeline"/> and reaches others on <see cref="Live.LiveTopics.Indicators"/>.
/// </summary>
public sealed class IndicatorService(CiteDbContextFactory dbs, TimeProvider time)
{
    /// <summary>What the coordination is called where a value names who typed it.</summary>
    public const string Coordination = "la coordination";

    /// <summary>The period a page opens on: the current quarter.</summary>
    public Period CurrentQuarter => Period.Containing(DateOnly.FromDateTime(FrenchTime.Local(time.GetUtcNow())), PeriodKind.Trimestre);

    /// <summary>The catalogue of the Cité (national then local); empty without the read right.</summary>
    public async Task<IReadOnlyList<IndicatorDefinition>> DefinitionsAsync(CiteAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await DefinitionsAsync(db, cancellationToken);
    }

    /// <summary>
    /// How far one period is filled in, for the Cité's dashboard: how many of the indicators people type have a value,
    /// out of how many, and how many the workspace counts — without counting them (no replay of the plans' history).
    /// Null without the read right.
    /// </summary>
    public async Task<(int Entered, int ToEnter, int Counted)?> FilledAsync(CiteAccess access, Period period, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var definitions = await DefinitionsAsync(db, cancellationToken);
        var typed = definitions.Where(d => !d.IsCounted).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var entered = (await db.IndicatorValues.AsNoTracking().Where(v => v.Period == period).Select(v => v.IndicatorCode).ToListAsync(cancellationToken))
            .Count(typed.Contains);
        return (entered, typed.Count, definitions.Count - typed.Count);
    }

    /// <summary>The page for one period; null without the read right.</summary>
    public async Task<IndicatorsView?> ViewAsync(CiteAccess access, Period period, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return null;
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var definitions = await DefinitionsAsync(db, cancellationToken);
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.Period == period).ToListAsync(cancellationToken);
        var locks = await LocksAsync(db, cancellationToken);
        var counted = await CountedValues.CountAsync(db, period, time.GetUtcNow(), cancellationToken);
        var structureIds = values.Where(v => v.StructureId is not null).Select(v => v.StructureId!.Value).Distinct().ToList();
        var names = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var mine = await EntersForAsync(db, access, cancellationToken);
        var lockedBy = IndicatorRules.LockOf(period, locks);
        var rows = definitions.Select(d =>
        {
            var value = values.FirstOrDefault(v => v.IndicatorCode == d.Code);
            var by = value is null ? null : value.StructureId is { } s ? names.GetValueOrDefault(s, "une structure retirée de l'annuaire") : Coordination;
            return new IndicatorRow(d, d.IsCounted ? null : value, d.CountedBy is { } c ? counted[c] : null, by,
                lockedBy is null && !d.IsCounted && MayEnter(access, mine, value));
        }).ToList();
        return new IndicatorsView(period, rows, lockedBy, locks, access.Can(CitePermission.EditProfile), access.Can(CitePermission.EditProfile), mine.Name);
    }

    /// <summary>One typed indicator over the <paramref name="count"/> periods of the same kind ending with <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<IndicatorPoint>> HistoryAsync(CiteAccess access, string code, Period last, int count = 8, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.Read))
        {
            return [];
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorCode == code).ToListAsync(cancellationToken);
        return [.. last.LastOnes(count).Select(p => new IndicatorPoint(p, values.FirstOrDefault(v => v.Period == p)?.Shown))];
    }

    /// <summary>
    /// Types a value (replacing the period's one): errors by field (<see cref="IndicatorEntry"/>'s names,
    /// <see cref="Period.Field"/>), and an unconfirmed warning on <see cref="IndicatorRules.WarningField"/>.
    /// </summary>
    public async Task<CommandResult> RecordAsync(CiteAccess access, IndicatorEntry entry, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditAllContent) && !access.Can(CitePermission.Contribute))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            async () => new Slot(await FindAsync(db, entry, cancellationToken)),
            async _ => await ActorAsync(db, access, cancellationToken),
            CommandResult.Invalid(nameof(IndicatorEntry.IndicatorCode), NoStructure),
            async (slot, actor) =>
            {
                if (!MayEnter(access, actor, slot.Value))
                {
                    ValidationErrors.Refuse(nameof(IndicatorEntry.IndicatorCode),
                        $"Cette valeur a été saisie par une autre structure : seule elle, ou la coordination, la modifie.");
                }
                var definitions = await DefinitionsAsync(db, cancellationToken);
                var definition = definitions.FirstOrDefault(d => d.Code == Text.Clean(entry.IndicatorCode));
                var locks = await LocksAsync(db, cancellationToken);
                if (slot.Value is { } value)
                {
                    value.Replace(definition, entry, locks, actor.StructureId, actor.Name, now);
                }
                else
                {
                    db.IndicatorValues.Add(IndicatorValue.Record(access.CiteId, definition, entry, locks, actor.StructureId, actor.Name, now));
                }
                return null;
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>Removes a typed value: the indicator is « non renseigné » again for the period.</summary>
    public async Task<CommandResult> RemoveAsync(CiteAccess access, string code, Period period, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditAllContent) && !access.Can(CitePermission.Contribute))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await CommandPipeline.RunAsync(
            db,
            async () => await db.IndicatorValues.SingleOrDefaultAsync(v => v.IndicatorCode == code && v.Period == period, cancellationToken),
            async value => await ActorAsync(db, access, cancellationToken) is { } actor && MayEnter(access, actor, value) ? actor : null,
            CommandResult.Forbidden(),
            async (value, _) =>
            {
                value.Remove(await LocksAsync(db, cancellationToken));
                db.IndicatorValues.Remove(value);
                return null;
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>Locks a period (the coordination): its values, and those of the periods inside it, no longer change.</summary>
    public async Task<CommandResult> LockAsync(CiteAccess access, string period, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            async () => await LocksAsync(db, cancellationToken),
            async _ => await ActorNames.OfAsync(db, access, cancellationToken),
            CommandResult.Forbidden(),
            (locks, name) =>
            {
                db.IndicatorPeriodLocks.Add(PeriodLock.Lock(access.CiteId, period, locks, name, now));
                return Task.FromResult<string?>(null);
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>Unlocks a period locked as such (a quarter inside a locked year stays locked with the year).</summary>
    public async Task<CommandResult> UnlockAsync(CiteAccess access, Period period, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await CommandPipeline.RunAsync(
            db,
            async () => await db.IndicatorPeriodLocks.SingleOrDefaultAsync(l => l.Period == period, cancellationToken),
            _ => Task.FromResult<CiteAccess?>(access),
            CommandResult.Forbidden(),
            (locked, _) =>
            {
                locked.Unlock();
                db.IndicatorPeriodLocks.Remove(locked);
                return Task.FromResult<string?>(null);
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>Adds a local indicator to the Cité's catalogue (the coordination); its code is the result's value.</summary>
    public async Task<CommandResult> DefineAsync(CiteAccess access, LocalIndicatorDraft draft, CancellationToken cancellationToken = default)
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        var now = time.GetUtcNow();
        return await CommandPipeline.RunAsync(
            db,
            async () => await db.LocalIndicators.Select(i => i.Code).ToListAsync(cancellationToken),
            async _ => await ActorNames.OfAsync(db, access, cancellationToken),
            CommandResult.Forbidden(),
            (codes, name) =>
            {
                var indicator = LocalIndicator.Define(access.CiteId, draft, codes, name, now);
                db.LocalIndicators.Add(indicator);
                return Task.FromResult<string?>(indicator.Code);
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }

    private const string NoStructure =
        "Votre compte n'est rattaché à aucune structure de la Cité : demandez à la coordination de vous y rattacher (page Membres) pour saisir ses valeurs.";

    /// <summary>The period's value of an entry, when the entry names a known code and a valid period (else the rules refuse it).</summary>
    private static async Task<IndicatorValue?> FindAsync(AppDbContext db, IndicatorEntry entry, CancellationToken cancellationToken)
    {
        if (!Period.TryParse(entry.Period, out var period, out _))
        {
            return null;
        }
        var code = Text.Clean(entry.IndicatorCode);
        return await db.IndicatorValues.SingleOrDefaultAsync(v => v.IndicatorCode == code && v.Period == period, cancellationToken);
    }

    private static async Task<IReadOnlyList<IndicatorDefinition>> DefinitionsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var local = (await db.LocalIndicators.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(i => i.CreatedAt).ThenBy(i => i.Code, StringComparer.Ordinal);
        return [.. NationalCatalogue.All, .. local.Select(i => i.Definition)];
    }

    private static async Task<IReadOnlyList<Period>> LocksAsync(AppDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.IndicatorPeriodLocks.AsNoTracking().ToListAsync(cancellationToken)).Select(l => l.Period).OrderBy(p => p.Start)];

    /// <summary>Who types: the coordination (for itself), or a partner for the structure on their membership.</summary>
    private sealed record Actor(string Name, Guid? StructureId, string? StructureName);

    private sealed record Slot(IndicatorValue? Value);

    private static async Task<Actor?> ActorAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        var name = await ActorNames.OfAsync(db, access, cancellationToken);
        if (access.Can(CitePermission.EditAllContent))
        {
            return new Actor(name, null, Coordination);
        }
        var mine = await EntersForAsync(db, access, cancellationToken);
        return mine.StructureId is { } structure ? new Actor(name, structure, mine.Name) : null;
    }

    private static async Task<(Guid? StructureId, string? Name)> EntersForAsync(AppDbContext db, CiteAccess access, CancellationToken cancellationToken)
    {
        if (access.Can(CitePermission.EditAllContent))
        {
            return (null, Coordination);
        }
        if (!access.Can(CitePermission.Contribute) || access.UserId is null)
        {
            return (null, null);
        }
        return await ActorNames.StructureOfAsync(db, access, cancellationToken);
    }

    private static bool MayEnter(CiteAccess access, Actor actor, IndicatorValue? value) =>
        access.Can(CitePermission.EditAllContent) || value is null || value.StructureId == actor.StructureId;

    private static bool MayEnter(CiteAccess access, (Guid? StructureId, string? Name) mine, IndicatorValue? value) =>
        access.Can(CitePermission.EditAllContent) || (mine.Name is not null && (value is null || value.StructureId == mine.StructureId));
}
