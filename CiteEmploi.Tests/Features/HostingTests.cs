using System.Net;
using System.Text.Json;
using CiteEmploi.Domain.Cites;
using CiteEmploi.Tests.Infrastructure;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features.Cites;

namespace CiteEmploi.Tests.Features;

/// <summary>The running host over HTTP: health, client script, French pages, and data that survives a restart.</summary>
public sealed class HostingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Health_ReportsTheDatabaseUpToDate()
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Base de données à jour.", database.GetProperty("description").GetString());
    }

    [Fact]
    public async Task BlazorClientScript_IsServedFromACleanBuild()
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("components-reconnect-modal", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_WithoutSignIn_LeadsToTheFrenchSignInPage()
    {
        using var client = fixture.App.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.EndsWith("/connexion?retour=%2F", response.RequestMessage!.RequestUri!.PathAndQuery, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Connexion", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_WithoutSignIn_LeadsToSignIn_AndTellsNothing()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var response = await client.GetAsync(new Uri("/pas/de/page/ici", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorPage_ShowsTheRequestId_InFrench_WithoutAStackTrace()
    {
        using var client = fixture.App.CreateClient();
        var html = await client.GetStringAsync(new Uri("/Error", UriKind.Relative));
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.Contains("Identifiant de la demande", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
    }
}

/// <summary>What was acknowledged is still there after the app stops and starts again on the same data folder.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task CiteCreatedBeforeARestart_IsStillThereAfterIt()
    {
        var folder = TestFolders.Create("restart");
        await using (var first = new CiteEmploiApp(folder))
        {
            var created = await first.Get<CiteService>().CreateAsync(new CiteProfile
            {
                Name = "Cité de Saint-Quentin",
                TerritoryName = "Saint-Quentin",
                BudgetYear = 2026,
                BudgetAmount = 50_000m,
            });
            Assert.True(created.Succeeded);
        }

        await using var second = new CiteEmploiApp(folder);
        var cite = await second.Get<CiteService>().GetAsync("cite-de-saint-quentin");
        Assert.NotNull(cite);
        Assert.Equal(50_000m, cite.Profile.BudgetAmount);
        // the data folder holds the database on SQLite, the server's own search index on PostgreSQL
        Assert.True(File.Exists(Path.Combine(folder, TestDatabases.OnPostgreSql ? DatabaseOptions.SearchIndexFileName : DatabaseOptions.DatabaseFileName)));
    }
}
