using CiteEmploi.Web.Live;
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
        services.AddCiteEmploiLive();
        services.AddSingleton<TransactionEventsInterceptor>();
        services.AddSingleton<SqliteDurabilityInterceptor>();
        services.AddDbContextFactory<AppDbContext>((sp, options) =>
        {
            options.UseSqlite(database.ConnectionString);
            options.AddInterceptors(sp.GetRequiredService<TransactionEventsInterceptor>(), sp.GetRequiredService<SqliteDurabilityInterceptor>());
        });
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatabaseStatistics>();
        return services;
    }
}
