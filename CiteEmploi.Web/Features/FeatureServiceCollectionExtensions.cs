using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Demo;

namespace CiteEmploi.Web.Features;

public static class FeatureServiceCollectionExtensions
{
    /// <summary>Everything the pages and the command-line verbs share: data, live bus, feature services.</summary>
    public static IServiceCollection AddCiteEmploiFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCiteEmploiData(configuration);
        services.AddSingleton<CiteService>();
        services.AddSingleton<DemoLoader>();
        return services;
    }
}
