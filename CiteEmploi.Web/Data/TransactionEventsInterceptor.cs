using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CiteEmploi.Web.Data;

/// <summary>Releases (or drops) the domain events that <see cref="AppDbContext"/> held back during a transaction.</summary>
public sealed class TransactionEventsInterceptor : DbTransactionInterceptor
{
    // Nothing in the app commits synchronously; should something do so, its events are still released, in order,
    // before Commit returns (ASP.NET Core has no synchronisation context to deadlock on).
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.OnTransactionCommittedAsync().GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        (eventData.Context as AppDbContext)?.OnTransactionCommittedAsync() ?? Task.CompletedTask;

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.OnTransactionRolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AppDbContext)?.OnTransactionRolledBack();
        return Task.CompletedTask;
    }
}
