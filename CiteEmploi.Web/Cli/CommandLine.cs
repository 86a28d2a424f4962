using CiteEmploi.Domain.Cites;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Demo;
using CiteEmploi.Web.Features.Annuaire.DataInclusion;
using CiteEmploi.Web.Features.Diagnostic;

namespace CiteEmploi.Web.Cli;

/// <summary>
/// Operator verbs on the same binary: <c>dotnet run --project CiteEmploi.Web -- &lt;verb&gt;</c>. They use the configured
/// database (migrated first), print French messages and exit; no web server starts.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private static readonly Dictionary<string, (string Usage, string Summary, Func<IServiceProvider, Arguments, TextWriter, TextWriter, Task<int>> Run)> Verbs =
        new(StringComparer.Ordinal)
        {
            ["create-admin"] = ("create-admin --email <adresse> --password <mot de passe> [--name <nom affiché>]",
                "crée un compte administrateur (installation par script)", CreateAdminAsync),
            ["set-platform-role"] = ("set-platform-role --email <adresse> --role national|administrateur|aucun",
                "donne ou retire un rôle de plateforme à un compte existant", SetPlatformRoleAsync),
            ["create-cite"] = ("create-cite --name <nom> [--slug <identifiant>] [--territoire <nom>] [--perimetre quartier|commune|epci|departement]",
                "crée une Cité", CreateCiteAsync),
            ["load-demo"] = ("load-demo", "charge la Cité de démonstration (données fictives)", LoadDemoAsync),
            ["import-data-inclusion"] = ("import-data-inclusion --cite <identifiant> <structures.json|csv> <services.json|csv> [--valides-seulement oui]",
                "importe un annuaire au format data·inclusion v1 : rien n'est importé si un enregistrement est refusé, sauf avec --valides-seulement oui", ImportDataInclusionAsync),
            ["import-qpvs"] = ("import-qpvs --cite <identifiant> <qpv.csv>",
                "fixe les QPV d'une Cité et leur position depuis un CSV (colonnes code, nom, latitude, longitude) : rien ne change si une ligne est refusée", ImportQpvsAsync),
        };

    /// <summary>Verbs that take file paths after their options.</summary>
    private static readonly HashSet<string> PositionalVerbs = new(StringComparer.Ordinal) { "import-data-inclusion", "import-qpvs" };

    /// <summary>True when the arguments name a verb (or ask for help) rather than host settings.</summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (Verbs.ContainsKey(args[0]) || args[0] is "--help" or "-h" or "help" || (!args[0].StartsWith('-') && !args[0].Contains('=')));

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (args.Length == 0)
        {
            WriteHelp(error);
            return UsageError;
        }
        if (args[0] is "--help" or "-h" or "help")
        {
            WriteHelp(output);
            return Success;
        }
        if (!Verbs.TryGetValue(args[0], out var verb))
        {
            await error.WriteLineAsync($"Commande inconnue : « {args[0]} ».");
            WriteHelp(error);
            return UsageError;
        }
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            await output.WriteLineAsync($"Utilisation : dotnet run --project CiteEmploi.Web -- {verb.Usage}");
            await output.WriteLineAsync($"  {verb.Summary}");
            return Success;
        }

        Arguments arguments;
        try
        {
            arguments = Arguments.Parse(args.Skip(1), allowPositional: PositionalVerbs.Contains(args[0]));
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            await error.WriteLineAsync($"Utilisation : {verb.Usage}");
            return UsageError;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddCiteEmploiFeatures(builder.Configuration);
        builder.Services.AddCiteEmploiAccounts();
        using var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            await using var scope = host.Services.CreateAsyncScope();
            return await verb.Run(scope.ServiceProvider, arguments, output, error);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            await error.WriteLineAsync($"Utilisation : {verb.Usage}");
            return UsageError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"Échec : {ex.Message}");
            return Failure;
        }
    }

    private static void WriteHelp(TextWriter writer)
    {
        writer.WriteLine("CiteEmploi — commandes d'exploitation");
        writer.WriteLine("Utilisation : dotnet run --project CiteEmploi.Web -- <commande> [options]");
        writer.WriteLine("Sans commande, l'espace de travail web démarre.");
        writer.WriteLine();
        foreach (var (name, verb) in Verbs)
        {
            writer.WriteLine($"  {verb.Usage}");
            writer.WriteLine($"      {verb.Summary}");
        }
        writer.WriteLine();
        writer.WriteLine("La base utilisée est celle de la configuration (ConnectionStrings:Default ou CiteEmploi:DataFolder).");
    }

    private static async Task<int> CreateCiteAsync(IServiceProvider services, Arguments args, TextWriter output, TextWriter error)
    {
        var name = args.Required("--name");
        var perimeter = args.Optional("--perimetre") is { } p ? ParsePerimeter(p) : PerimeterType.Commune;
        var profile = new CiteProfile
        {
            Name = name,
            PerimeterType = perimeter,
            TerritoryName = args.Optional("--territoire") ?? name,
            BudgetYear = services.GetRequiredService<TimeProvider>().GetLocalNow().Year,
        };
        var result = await services.GetRequiredService<CiteService>().CreateAsync(profile, args.Optional("--slug"));
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"La Cité n'a pas été créée :{Environment.NewLine}{result.Describe()}");
            return Failure;
        }
        await output.WriteLineAsync($"Cité « {Text(name)} » créée : identifiant court « {result.Value} », adresse /c/{result.Value}");
        return Success;
    }

    private static async Task<int> LoadDemoAsync(IServiceProvider services, Arguments args, TextWriter output, TextWriter error)
    {
        var result = await services.GetRequiredService<DemoLoader>().LoadAsync();
        await output.WriteLineAsync(result.Message);
        foreach (var account in result.Accounts)
        {
            await output.WriteLineAsync($"  {account.Role,-13} {account.Email,-42} mot de passe : {account.Password}");
        }
        return Success;
    }

    private static async Task<int> SetPlatformRoleAsync(IServiceProvider services, Arguments args, TextWriter output, TextWriter error)
    {
        var email = args.Required("--email");
        var role = Domain.Common.Text.Fold(args.Required("--role")) switch
        {
            "national" => PlatformRole.National,
            "administrateur" or "admin" => PlatformRole.Administrateur,
            "aucun" or "none" => PlatformRole.None,
            var other => throw new ArgumentException($"Rôle de plateforme inconnu « {other} » : national, administrateur ou aucun."),
        };
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await error.WriteLineAsync($"Aucun compte pour {email.Trim()} : la personne doit d'abord avoir un compte (invitation).");
            return Failure;
        }
        user.PlatformRole = role;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user); // the new role applies at the next sign-in; open sessions are revalidated
        await output.WriteLineAsync($"{user.Email} : rôle de plateforme « {role} ».");
        return Success;
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, Arguments args, TextWriter output, TextWriter error)
    {
        var email = args.Required("--email");
        var password = args.Required("--password");
        var result = await services.GetRequiredService<AccountSetupService>()
            .CreateAdministratorAsync(email, args.Optional("--name") ?? email, password, ipAddress: "ligne de commande");
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"Le compte n'a pas été créé :{Environment.NewLine}{result.Errors}");
            return Failure;
        }
        await output.WriteLineAsync($"Compte administrateur créé pour {email.Trim()}. Connectez-vous sur /connexion.");
        return Success;
    }

    private static async Task<int> ImportDataInclusionAsync(IServiceProvider services, Arguments args, TextWriter output, TextWriter error)
    {
        var slug = args.Required("--cite");
        if (args.Positional.Count != 2)
        {
            throw new ArgumentException("Indiquez deux fichiers : celui des structures puis celui des services.");
        }
        var mode = args.Optional("--valides-seulement") switch
        {
            null or "non" => ImportMode.AllOrNothing,
            "oui" => ImportMode.ValidOnly,
            var other => throw new ArgumentException($"--valides-seulement attend oui ou non, pas « {other} »."),
        };
        var paths = args.Positional.Select(ResolvePath).ToList();
        foreach (var path in paths.Where(p => !File.Exists(p)))
        {
            await error.WriteLineAsync($"Fichier introuvable : {path}");
            return Failure;
        }
        var access = await services.GetRequiredService<CiteService>().OperatorAccessAsync(slug.Trim());
        if (access is null)
        {
            await error.WriteLineAsync($"Aucune Cité n'a l'identifiant « {slug.Trim()} ».");
            return Failure;
        }
        var structures = await DataInclusionInput.LoadFileAsync(paths[0]);
        var servicesFile = await DataInclusionInput.LoadFileAsync(paths[1]);
        var report = await services.GetRequiredService<DirectoryImporter>().ImportFilesAsync(access, structures, servicesFile, mode);
        if (report.Outcome != ImportOutcome.Imported)
        {
            await error.WriteLineAsync(report.Describe());
            return Failure;
        }
        await output.WriteLineAsync(report.Describe());
        return Success;
    }

    private static async Task<int> ImportQpvsAsync(IServiceProvider services, Arguments args, TextWriter output, TextWriter error)
    {
        var slug = args.Required("--cite").Trim();
        if (args.Positional.Count != 1)
        {
            throw new ArgumentException("Indiquez un fichier CSV : code, nom, latitude, longitude.");
        }
        var path = ResolvePath(args.Positional[0]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"Fichier introuvable : {path}");
            return Failure;
        }
        if (new FileInfo(path).Length > QpvFile.MaxBytes)
        {
            await error.WriteLineAsync($"Le fichier dépasse {QpvFile.MaxBytes / 1024 / 1024} Mo. Rien n'a changé.");
            return Failure;
        }
        var cites = services.GetRequiredService<CiteService>();
        var access = await cites.OperatorAccessAsync(slug);
        if (access is null)
        {
            await error.WriteLineAsync($"Aucune Cité n'a l'identifiant « {slug} ».");
            return Failure;
        }
        var file = QpvFile.Read(await File.ReadAllBytesAsync(path));
        if (!file.Accepted)
        {
            foreach (var problem in file.Problems)
            {
                await error.WriteLineAsync(problem);
            }
            await error.WriteLineAsync("Rien n'a changé.");
            return Failure;
        }
        var result = await cites.ReplaceQpvsAsync(access, file.Qpvs);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"{result.Describe()} Rien n'a changé.");
            return Failure;
        }
        var placed = file.Qpvs.Count(q => q.Position is not null);
        await output.WriteLineAsync($"{file.Qpvs.Count} QPV enregistré{(file.Qpvs.Count > 1 ? "s" : "")} pour « {slug} », dont {placed} avec leur position.");
        return Success;
    }

    /// <summary>
    /// A path as the operator typed it. <c>dotnet run --project</c> starts the program in the project's folder, so a
    /// relative path is also tried from the shell's folder (PWD), where the operator typed it.
    /// </summary>
    private static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }
        var shellFolder = Environment.GetEnvironmentVariable("PWD");
        var fromShell = shellFolder is null ? null : Path.Combine(shellFolder, path);
        return fromShell is not null && File.Exists(fromShell) ? fromShell : path;
    }

    private static string Text(string s) => CiteEmploi.Domain.Common.Text.Clean(s);

    private static PerimeterType ParsePerimeter(string value) => value.ToLowerInvariant() switch
    {
        "quartier" => PerimeterType.Quartier,
        "commune" => PerimeterType.Commune,
        "epci" => PerimeterType.Epci,
        "departement" or "département" => PerimeterType.Departement,
        _ => throw new ArgumentException($"Périmètre inconnu « {value} » : quartier, commune, epci ou departement."),
    };

    /// <summary>"--key value" pairs.</summary>
    public sealed class Arguments
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        /// <summary>Values not introduced by an option (file paths), in order; only for verbs that accept them.</summary>
        public List<string> Positional { get; } = [];

        public static Arguments Parse(IEnumerable<string> args, bool allowPositional = false)
        {
            var result = new Arguments();
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                var key = e.Current;
                if (allowPositional && !key.StartsWith("--", StringComparison.Ordinal))
                {
                    result.Positional.Add(key);
                    continue;
                }
                if (!key.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Argument inattendu : « {key} ».");
                }
                if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"L'option {key} attend une valeur.");
                }
                result._values[key] = e.Current;
            }
            return result;
        }

        public string Required(string key) =>
            _values.TryGetValue(key, out var value) ? value : throw new ArgumentException($"L'option {key} est obligatoire.");

        public string? Optional(string key) => _values.GetValueOrDefault(key);
    }
}
