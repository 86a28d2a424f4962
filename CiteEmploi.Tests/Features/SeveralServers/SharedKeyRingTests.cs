using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CiteEmploi.Tests.Features.SeveralServers;

/// <summary>The servers' shared key ring in PostgreSQL, encrypted with the configured certificate: readable by each server, not by whoever reads the table.</summary>
[Trait(TestDatabases.Trait, TestDatabases.PostgreSqlOnly)]
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task WithACertificate_TheKeysInTheDatabaseAreEncrypted_AndAnotherServerReadsWhatOneProtected()
    {
        TestDatabases.RequirePostgreSql();
        var database = TestDatabases.NewPostgreSqlDatabase("keys");
        var settings = new Dictionary<string, string?>
        {
            ["CiteEmploi:Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings:Default"] = database,
            [$"{KeyProtection.Section}:CertificateFile"] = TestCertificates.WritePkcs12("cles-partagees"),
            [$"{KeyProtection.Section}:CertificatePassword"] = "cles-partagees",
        };
        try
        {
            string sealedText;
            await using (var one = new CiteEmploiApp(settings: settings))
            {
                sealedText = one.Get<IDataProtectionProvider>().CreateProtector("tests").Protect("un jeton de connexion");
                await using var db = await one.Get<IDbContextFactory<PostgreSqlAppDbContext>>().CreateDbContextAsync();
                var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                    Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
                });
            }
            await using var other = new CiteEmploiApp(settings: settings);
            Assert.Equal("un jeton de connexion", other.Get<IDataProtectionProvider>().CreateProtector("tests").Unprotect(sealedText));
        }
        finally
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(database);
        }
    }
}
