using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CiteEmploi.Web.Hosting;

/// <summary>What a newcomer reads in the console once the workspace is up: where to go, where the data is.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var setupToken = app.Services.GetRequiredService<Features.Accounts.AccountSetupService>().IssueSetupTokenAsync().GetAwaiter().GetResult();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        var first = addresses.FirstOrDefault() ?? "(adresse inconnue)";
        Console.WriteLine();
        Console.WriteLine("==============================================================");
        Console.WriteLine($" CiteEmploi est prêt. Ouvrez : {Local(first)}");
        Console.WriteLine($" Base de données : {database.DatabaseFile}");
        if (setupToken is not null)
        {
            Console.WriteLine();
            Console.WriteLine(" PREMIER DÉMARRAGE : aucun compte administrateur n'existe.");
            Console.WriteLine($" Lien d'installation (usage unique, valable 24 h) : {Local(first)}/installation/{setupToken}");
            Console.WriteLine(" Ou, par script : dotnet run --project CiteEmploi.Web -- create-admin --email <adresse> --password <mot de passe>");
            Console.WriteLine();
        }
        Console.WriteLine(" Pour essayer : page Administration, « Charger la Cité de démonstration » (données et comptes fictifs),");
        Console.WriteLine(" ou : dotnet run --project CiteEmploi.Web -- load-demo");
        Console.WriteLine(" Arrêt : Ctrl+C");
        Console.WriteLine("==============================================================");
        Console.WriteLine();
    }

    private static string Local(string address) =>
        address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
}
