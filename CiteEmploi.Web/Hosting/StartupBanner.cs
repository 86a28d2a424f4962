using CiteEmploi.Web.Data;

namespace CiteEmploi.Web.Hosting;

/// <summary>What a newcomer reads in the console once the workspace is up: where to go, where the data is.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var setupToken = app.Services.GetRequiredService<Features.Accounts.AccountSetupService>().IssueSetupTokenAsync().GetAwaiter().GetResult();
        // the public address when set (the set-up link works from the browser people use), else the listening one
        var first = app.Services.GetRequiredService<Features.Common.PublicLinks>().BaseUri();
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        Console.WriteLine();
        Console.WriteLine("==============================================================");
        Console.WriteLine($" CiteEmploi est prêt. Ouvrez : {first}");
        Console.WriteLine($" Base de données : {database.Description}");
        if (setupToken is not null)
        {
            Console.WriteLine();
            Console.WriteLine(" PREMIER DÉMARRAGE : aucun compte administrateur n'existe.");
            Console.WriteLine($" Lien d'installation (usage unique, valable 24 h) : {first}/installation/{setupToken}");
            Console.WriteLine(" Ou, par script : dotnet run --project CiteEmploi.Web -- create-admin --email <adresse> --password <mot de passe>");
            Console.WriteLine();
        }
        Console.WriteLine(" Pour essayer : page Administration, « Charger la Cité de démonstration » (données et comptes fictifs),");
        Console.WriteLine(" ou : dotnet run --project CiteEmploi.Web -- load-demo");
        Console.WriteLine(" Arrêt : Ctrl+C");
        Console.WriteLine("==============================================================");
        Console.WriteLine();
    }
}
