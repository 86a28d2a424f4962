using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CiteEmploi.Web.Data;

/// <summary>
/// The workspace's database on PostgreSQL (<c>CiteEmploi:Database:Provider</c> = <c>PostgreSql</c>): the same model as
/// <see cref="AppDbContext"/>, with its own migrations (<c>Data/PostgreSqlMigrations</c>), found by this type
/// (decision 0032). The app asks for <see cref="AppDbContext"/> everywhere and gets this one. It also keeps the
/// servers' shared data-protection keys (<see cref="DataProtectionKeys"/>): a sign-in cookie or a form token made by one
/// server is read by the others.
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options, DomainEventPublisher? publisher = null)
    : AppDbContext(options, publisher), IDataProtectionKeyContext
{
    /// <summary>The key ring every server of the database protects cookies and tokens with (ASP.NET Core's data protection).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz holds instants: Npgsql refuses an offset other than zero (a French wall-clock time such as a
        // session's start, FrenchTime.At). The instant is kept; it reads back in UTC, as every instant the app writes.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstant>();
    }

    private sealed class UtcInstant() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
