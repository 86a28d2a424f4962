using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Features.Common;
using CiteEmploi.Web.Features.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CiteEmploi.Tests.Features.Email;

/// <summary>The unsent e-mails kept for the administrators: latest first, capped, and forgotten after the retention.</summary>
public sealed class UnsentEmailsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task KeptEmails_AreListedLatestFirst_AtMostTheCap_AndNoneOlderThanTheRetention()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var unsent = new UnsentEmails(new TestDbContextFactory(database), clock);
        await unsent.KeepAsync("ancien@tests.invalid", "Ancien", "https://cite.example/invitation/abc", 0, UnsentEmails.NoSmtpReason);
        clock.Now += UnsentEmails.Retention + TimeSpan.FromMinutes(1);
        for (var i = 0; i < UnsentEmails.MaxKept + 5; i++)
        {
            await unsent.KeepAsync($"p{i}@tests.invalid", $"Sujet {i}", $"Bonjour\nhttps://cite.example/compte/reinitialiser-mot-de-passe?email=p{i}&code=XYZ{i}\n", 0, "refusé");
        }

        var listed = await unsent.ListAsync();

        Assert.Equal(UnsentEmails.MaxKept, listed.Count);
        Assert.Equal($"p{UnsentEmails.MaxKept + 4}@tests.invalid", listed[0].To);
        Assert.DoesNotContain(listed, e => e.To == "ancien@tests.invalid" || e.To == "p0@tests.invalid");
        Assert.Equal($"https://cite.example/compte/reinitialiser-mot-de-passe?email=p{UnsentEmails.MaxKept + 4}&code=XYZ{UnsentEmails.MaxKept + 4}", UnsentEmails.LinkOf(listed[0].Body));
        await using var db = database.NewContext();
        Assert.Equal(UnsentEmails.MaxKept, db.UnsentEmails.Count());
    }

    [Theory]
    [InlineData("lien : https://x.fr/compte/reinitialiser-mot-de-passe?email=a%40b.fr&code=Q2ZESjhH_x-1", "lien : https://x.fr/compte/reinitialiser-mot-de-passe?email=a%40b.fr&code=***")]
    [InlineData("https://x.fr/invitation/k7P-4xM_2q et la suite", "https://x.fr/invitation/*** et la suite")]
    [InlineData("https://x.fr/api?token=abc123&page=2", "https://x.fr/api?token=***&page=2")]
    [InlineData("Réinitialisation de votre mot de passe CiteEmploi", "Réinitialisation de votre mot de passe CiteEmploi")]
    public void TokenMask_HidesEveryTokenInATextBoundForTheLog(string text, string masked) =>
        Assert.Equal(masked, TokenMask.Apply(text));
}

/// <summary>The base of links: the configured public address, else the server's own address, never a request's.</summary>
public sealed class PublicLinksTests
{
    private static PublicLinks Links(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new ServiceCollection().BuildServiceProvider());

    [Fact]
    public void TheConfiguredPublicAddress_Wins_WithoutItsTrailingSlash() =>
        Assert.Equal("https://cite.example/espace", Links(new() { ["CiteEmploi:PublicUrl"] = "https://cite.example/espace/", ["urls"] = "http://0.0.0.0:8080" }).BaseUri());

    [Fact]
    public void WithoutOne_TheListeningAddress_HttpsFirst_AWildcardReadAsThisMachine() =>
        Assert.Equal("https://localhost:8443", Links(new() { ["urls"] = "http://+:8080;https://[::]:8443" }).To(string.Empty));
}
