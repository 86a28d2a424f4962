using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CiteEmploi.Tests.Infrastructure;

/// <summary>Self-signed certificates written to a test folder as PKCS#12 files (for the keys' protection).</summary>
public static class TestCertificates
{
    public static string WritePkcs12(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CiteEmploi tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var file = Path.Combine(TestFolders.Create("certificate"), "cles.pfx");
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx, password));
        return file;
    }
}
