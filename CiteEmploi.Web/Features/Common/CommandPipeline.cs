using CiteEmploi.Domain.Common;
using CiteEmploi.Web.Data;

namespace CiteEmploi.Web.Features.Common;

/// <summary>
/// The one way a command changes stored state: authorise → load → act → commit → publish, answering a
/// <see cref="CommandResult"/> with French messages whatever happens. Boards are its first user (pages and the hub
/// share their commands through <c>BoardService</c>); the action plan and the agendas are meant to be the next.
/// <list type="bullet">
/// <item>Everything between load and commit runs in one write transaction (SQLite's <c>BEGIN IMMEDIATE</c>): what the
/// command read cannot change under it, so limits (vote allowances, positions) stay exact.</item>
/// <item>The actor is resolved after the target is loaded and inside the transaction, so a right withdrawn at this
/// instant (a guest code closed) refuses the command instead of half-serving it.</item>
/// <item>Publication is the commit's: <see cref="AppDbContext"/> releases the committed domain events to their
/// feature handlers and the live bus once the transaction commits, never before, and drops them on rollback.</item>
/// </list>
/// </summary>
public static class CommandPipeline
{
    /// <summary>Runs one command on one target.</summary>
    /// <param name="load">The target, or null when it does not exist for this Cité (→ <see cref="CommandResult.Missing"/>).</param>
    /// <param name="authorise">Who acts, or null when they may not (→ <paramref name="refusal"/>).</param>
    /// <param name="act">The change; its value becomes the result's. A <see cref="DomainValidationException"/> becomes
    /// the result's errors; a <see cref="CommandTargetMissingException"/> (a card of the board not found) becomes
    /// <see cref="CommandResult.Missing"/>. Nothing is stored in either case.</param>
    /// <param name="save">Stores the change (with whatever must be written in the same commit, like an activity log).</param>
    public static async Task<CommandResult> RunAsync<TTarget, TActor>(
        AppDbContext db,
        Func<Task<TTarget?>> load,
        Func<TTarget, Task<TActor?>> authorise,
        CommandResult refusal,
        Func<TTarget, TActor, Task<string?>> act,
        Func<TTarget, TActor, Task> save,
        CancellationToken cancellationToken)
        where TTarget : class
        where TActor : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await load() is not { } target)
        {
            return CommandResult.Missing();
        }
        if (await authorise(target) is not { } actor)
        {
            return refusal;
        }
        string? value;
        try
        {
            value = await act(target, actor);
        }
        catch (DomainValidationException ex)
        {
            return CommandResult.Invalid(ex.Errors);
        }
        catch (CommandTargetMissingException)
        {
            return CommandResult.Missing();
        }
        await save(target, actor);
        await transaction.CommitAsync(cancellationToken);
        return CommandResult.Ok(value);
    }
}

/// <summary>Thrown by a command's action when something it names inside its target (a card of a board) does not exist.</summary>
public sealed class CommandTargetMissingException : Exception
{
    public CommandTargetMissingException()
        : base("L'élément visé n'existe pas ou a été supprimé.")
    {
    }
}
