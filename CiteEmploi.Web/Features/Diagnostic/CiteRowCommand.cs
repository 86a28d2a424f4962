using CiteEmploi.Domain.Common;
using CiteEmploi.Domain.Members;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Access;
using CiteEmploi.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Features.Diagnostic;

/// <summary>
/// A command of the coordination on one of the diagnostic's rows that a Cité has at most one of (its coverage settings,
/// its territorial figures): the row loaded, or made on the first change, changed and saved through
/// <see cref="CommandPipeline"/> in one write transaction.
/// </summary>
internal static class CiteRowCommand
{
    public static async Task<CommandResult> RunAsync<TRow>(CiteDbContextFactory dbs, CiteAccess access, Func<AppDbContext, DbSet<TRow>> rows,
        Func<Guid, TRow> create, Func<AppDbContext, TRow, Task> change, CancellationToken cancellationToken)
        where TRow : AggregateRoot
    {
        if (!access.Can(CitePermission.EditProfile))
        {
            return CommandResult.Forbidden();
        }
        await using var db = await dbs.CreateAsync(access, cancellationToken);
        return await CommandPipeline.RunAsync(
            db,
            async () => await rows(db).SingleOrDefaultAsync(cancellationToken) ?? rows(db).Add(create(access.CiteId)).Entity,
            _ => Task.FromResult<CiteAccess?>(access),
            CommandResult.Forbidden(),
            async (row, _) =>
            {
                await change(db, row);
                return null;
            },
            async (_, _) => await db.SaveChangesAsync(cancellationToken),
            cancellationToken);
    }
}
