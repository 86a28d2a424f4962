using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CiteEmploi.Web.Data;

/// <summary>
/// On PostgreSQL, gives the app's write transactions what SQLite's <c>BEGIN IMMEDIATE</c> gave them: what a command
/// reads inside its transaction cannot change under it, so limits (vote allowances, positions, guest caps) stay exact
/// (<see cref="Features.Common.CommandPipeline"/>). SQLite has one writer for the whole database; here each Cité has
/// its own: a transaction of a context opened for a Cité takes that Cité's advisory lock (and the whole database's
/// lock, shared); an unscoped transaction (an operator's, across Cités) takes the whole database's lock alone. The
/// locks are the transaction's (<c>pg_advisory_xact_lock</c>): released by its commit or rollback, whichever server
/// runs it (decision 0032).
/// </summary>
public sealed class PostgreSqlWriteLocks : DbTransactionInterceptor
{
    /// <summary>The whole database's key, taken shared by every Cité's transaction and alone by an unscoped one.</summary>
    public const long DatabaseKey = 0x4349_5445_454D_504C; // "CITEEMPL"

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, eventData, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Command(connection, eventData, result);
        command.ExecuteNonQuery();
        return result;
    }

    /// <summary>A Cité's own key: its id's first eight bytes (two Cités sharing one only wait for each other).</summary>
    public static long CiteKey(Guid citeId) => BitConverter.ToInt64(citeId.ToByteArray(), 0);

    private static DbCommand Command(DbConnection connection, TransactionEndEventData eventData, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var cite = (eventData.Context as AppDbContext)?.CiteScope;
        command.CommandText = cite is { } citeId
            ? $"SELECT pg_advisory_xact_lock_shared({DatabaseKey}), pg_advisory_xact_lock({CiteKey(citeId)})"
            : $"SELECT pg_advisory_xact_lock({DatabaseKey})";
        return command;
    }
}
