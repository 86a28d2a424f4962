using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CiteEmploi.Tests.Data;

/// <summary>The data-protection keys encrypted at rest with a configured certificate; a wrong one refused in French.</summary>
public sealed class KeyProtectionTests
{
    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void WithoutACertificate_NothingIsConfigured()
    {
        Assert.Null(KeyProtection.Certificate(Settings()));
    }

    [Fact]
    public void AConfiguredCertificate_EncryptsTheKeysAtRest()
    {
        var file = TestCertificates.WritePkcs12("bon-mot-de-passe");
        var settings = Settings(
            ("CiteEmploi:DataFolder", TestFolders.Create("keys")),
            ($"{KeyProtection.Section}:CertificateFile", file),
            ($"{KeyProtection.Section}:CertificatePassword", "bon-mot-de-passe"));
        using var services = new ServiceCollection().AddLogging().AddCiteEmploiData(settings).BuildServiceProvider();

        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor;
        Assert.IsType<CertificateXmlEncryptor>(encryptor);
    }

    [Fact]
    public void AMissingFile_OrAWrongPassword_IsRefusedInFrench_BeforeTheAppStarts()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => KeyProtection.Certificate(Settings(
            ($"{KeyProtection.Section}:CertificateFile", "/nulle-part/cles.pfx"))));
        Assert.Contains("introuvable", missing.Message, StringComparison.Ordinal);

        var file = TestCertificates.WritePkcs12("bon-mot-de-passe");
        var wrong = Assert.Throws<InvalidOperationException>(() => KeyProtection.Certificate(Settings(
            ($"{KeyProtection.Section}:CertificateFile", file),
            ($"{KeyProtection.Section}:CertificatePassword", "mauvais"))));
        Assert.Contains("mot de passe", wrong.Message, StringComparison.Ordinal);
    }
}
