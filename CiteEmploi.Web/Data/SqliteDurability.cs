using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CiteEmploi.Web.Data;

/// <summary>
/// How hard SQLite pushes each commit to the disk, set on every connection the app opens (<c>PRAGMA synchronous</c>
/// is per connection). In WAL mode, <see cref="SqliteSynchronous.Normal"/> (the default here) keeps every committed
/// transaction when the server process is killed: the commit is in the write-ahead log, which the operating system
/// holds. Only a power cut or an operating-system crash can lose the last commits. <see cref="SqliteSynchronous.Full"/>
/// syncs the log on every commit and survives those too, at about 10 ms per write on this kind of disk.
/// Set with <c>CiteEmploi:Database:Synchronous</c> (<c>Normal</c> or <c>Full</c>); see docs/decisions/0009-sqlite-durability.md.
/// </summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}

/// <summary>Applies <see cref="DatabaseOptions.Synchronous"/> to each SQLite connection EF Core opens.</summary>
public sealed class SqliteDurabilityInterceptor(DatabaseOptions options) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            options.ApplyTo(sqlite);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            await options.ApplyToAsync(sqlite, cancellationToken);
        }
    }
}
