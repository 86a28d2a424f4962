using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CiteEmploi.Web.Hosting;

/// <summary>What a newcomer reads in the console once the workspace is up: where to go, where the data is.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        var first = addresses.FirstOrDefault() ?? "(adresse inconnue)";
        Console.WriteLine();
        Console.WriteLine("==============================================================");
        Console.WriteLine($" CiteEmploi est prêt. Ouvrez : {first.Replace("://[::]", "://localhost", StringComparison.Ordinal)}");
        Console.WriteLine($" Base de données : {database.DatabaseFile}");
        Console.WriteLine(" Pour essayer : bouton « Charger la Cité de démonstration » sur la page d'accueil.");
        Console.WriteLine(" Arrêt : Ctrl+C");
        Console.WriteLine("==============================================================");
        Console.WriteLine();
    }
}
