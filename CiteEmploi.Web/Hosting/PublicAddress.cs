namespace CiteEmploi.Web.Hosting;

/// <summary>
/// <c>CiteEmploi:PublicUrl</c>, the address people reach the workspace by (behind its proxy): the base of every link
/// sent to them, and what says whether cookies are <c>Secure</c> and HTTPS is enforced (decision 0025). Production
/// refuses to start without it.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "CiteEmploi:PublicUrl";

    /// <summary>The configured public address without a trailing slash, or null when none is set (or it is not valid).</summary>
    public static Uri? Configured(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } text
        && Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri
            : null;

    /// <summary>True when the public address is https: secure cookies, HTTPS redirection, HSTS.</summary>
    public static bool IsHttps(IConfiguration configuration) => Configured(configuration)?.Scheme == Uri.UriSchemeHttps;

    /// <summary>Why the server must not start (French, for the console), or null.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(text) && Configured(configuration) is null)
        {
            return $"CiteEmploi ne démarre pas : l'adresse publique {Setting} (« {text} ») n'est pas une adresse http:// ou https:// complète, "
                + "par exemple https://citeemploi.ma-ville.fr.";
        }
        if (string.IsNullOrWhiteSpace(text) && environment.IsProduction())
        {
            return $"CiteEmploi ne démarre pas en production sans son adresse publique : indiquez {Setting} "
                + "(variable d'environnement CiteEmploi__PublicUrl), l'adresse par laquelle les personnes ouvrent l'espace de travail, "
                + "par exemple https://citeemploi.ma-ville.fr. Les liens envoyés par e-mail (invitations, réinitialisations de mot de passe) "
                + "sont construits sur elle, jamais sur l'adresse d'une requête.";
        }
        return null;
    }
}
