using CiteEmploi.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CiteEmploi.Web.Data;

/// <summary>
/// The workspace's database on PostgreSQL (<c>CiteEmploi:Database:Provider</c> = <c>PostgreSql</c>): the same model as
/// <see cref="AppDbContext"/>, with its own migrations (<c>Data/PostgreSqlMigrations</c>), found by this type
/// (decision 0032). The app asks for <see cref="AppDbContext"/> everywhere and gets this one.
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options, DomainEventPublisher? publisher = null)
    : AppDbContext(options, publisher)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz holds instants: Npgsql refuses an offset other than zero (a French wall-clock time such as a
        // session's start, FrenchTime.At). The instant is kept; it reads back in UTC, as every instant the app writes.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstant>();
    }

    private sealed class UtcInstant() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
