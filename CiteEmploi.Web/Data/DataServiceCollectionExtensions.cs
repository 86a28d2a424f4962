using CiteEmploi.Web.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The database (one context per operation), the live bus and the committed-event publisher.</summary>
    public static IServiceCollection AddCiteEmploiData(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // several servers may share the database: live messages cross between them (before the bus takes its default)
            services.AddSingleton<PostgreSqlBackplane>();
            services.AddSingleton<ILiveBackplane>(sp => sp.GetRequiredService<PostgreSqlBackplane>());
            services.AddHostedService<PostgreSqlBackplane.Start>();
        }
        services.AddCiteEmploiLive();
        services.AddSingleton<TransactionEventsInterceptor>();
        services.AddSingleton<SqliteDurabilityInterceptor>();
        services.AddSingleton<PostgreSqlWriteLocks>();
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContextFactory<PostgreSqlAppDbContext>((sp, options) =>
            {
                options.UseCiteEmploiPostgreSql(database.ConnectionString);
                options.AddInterceptors(sp.GetRequiredService<TransactionEventsInterceptor>(), sp.GetRequiredService<PostgreSqlWriteLocks>());
            });
            // the app asks for AppDbContext everywhere: it gets PostgreSQL's
            services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
                new AppDbContextFactory<PostgreSqlAppDbContext>(sp.GetRequiredService<IDbContextFactory<PostgreSqlAppDbContext>>()));
            // one key ring for every server: a cookie made by one is read by the others (a server's people go to another when it dies)
            services.AddDataProtection().SetApplicationName("CiteEmploi").PersistKeysToDbContext<PostgreSqlAppDbContext>();
            // Identity's stores take a context of the request's scope, as AddDbContextFactory<AppDbContext> gives on SQLite
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlAppDbContext>>().CreateDbContext());
        }
        else
        {
            services.AddDbContextFactory<AppDbContext>((sp, options) =>
            {
                options.UseSqlite(database.ConnectionString);
                options.AddInterceptors(sp.GetRequiredService<TransactionEventsInterceptor>(), sp.GetRequiredService<SqliteDurabilityInterceptor>());
            });
        }
        if (KeyProtection.Certificate(configuration) is { } certificate)
        {
            // the keys encrypted at rest, wherever they are kept
            services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        }
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatabaseStatistics>();
        return services;
    }

    /// <summary>PostgreSQL as the app uses it: retries on transient failures are left to the caller (a command is not always safe to repeat).</summary>
    public static DbContextOptionsBuilder UseCiteEmploiPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    /// <summary>A provider's own context type handed out as <see cref="AppDbContext"/>.</summary>
    private sealed class AppDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
