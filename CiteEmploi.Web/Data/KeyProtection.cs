using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CiteEmploi.Web.Data;

/// <summary>
/// The data-protection keys (they sign the sign-in cookies and the antiforgery tokens) encrypted at rest with a
/// certificate, when one is configured: <c>CiteEmploi:DataProtection:CertificateFile</c> (a PKCS#12 file with its
/// private key) and <c>CiteEmploi:DataProtection:CertificatePassword</c> (from the environment or a secret store, never
/// in a file of the repository). Without one the keys are stored as ASP.NET Core writes them, unencrypted (it says so in
/// its log): on several servers they are in the shared PostgreSQL database, so a deployment should configure one.
/// </summary>
public static class KeyProtection
{
    public const string Section = "CiteEmploi:DataProtection";

    /// <summary>The configured certificate, or null when none is; a wrong file or password is refused in French.</summary>
    public static X509Certificate2? Certificate(IConfiguration configuration)
    {
        var file = configuration[$"{Section}:CertificateFile"];
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"Le certificat qui protège les clés de l'application ({Section}:CertificateFile) est introuvable : {file}.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, configuration[$"{Section}:CertificatePassword"]);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"Le certificat qui protège les clés de l'application ({file}) ne s'ouvre pas : vérifiez son mot de passe ({Section}:CertificatePassword) et son format (PKCS#12, .pfx).", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"Le certificat qui protège les clés de l'application ({file}) n'a pas de clé privée : les clés ne pourraient pas être relues.");
        }
        return certificate;
    }
}
