using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CiteEmploi.Web.Data;

/// <summary>Releases (or drops) the domain events that <see cref="AppDbContext"/> held back during a transaction.</summary>
public sealed class TransactionEventsInterceptor : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.OnTransactionCommitted();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AppDbContext)?.OnTransactionCommitted();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as AppDbContext)?.OnTransactionRolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as AppDbContext)?.OnTransactionRolledBack();
        return Task.CompletedTask;
    }
}
