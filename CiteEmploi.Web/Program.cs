using CiteEmploi.Web.Features.Annuaire;
using CiteEmploi.Web.Cli;
using CiteEmploi.Web.Components;
using CiteEmploi.Web.Components.Theme;
using CiteEmploi.Web.Data;
using CiteEmploi.Web.Features;
using CiteEmploi.Web.Features.Accounts;
using CiteEmploi.Web.Features.Cites;
using CiteEmploi.Web.Features.Diagnostic;
using CiteEmploi.Web.Hosting;
using CiteEmploi.Web.Live;

// Operator verbs (create-admin, create-cite, load-demo…) run against the database and exit without starting the web server.
if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
// Links sent to people are built on the public address, never on a request's Host: Production needs it (decision 0025).
if ((PublicAddress.Problem(builder.Configuration, builder.Environment) ?? ProductionDefaults.Problem(builder.Configuration)) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 1;
}
// `dotnet run` starts as Production (decision 0025): its assets (MudBlazor's, scoped CSS, collocated scripts) come from
// the build's manifest, as in Development; a published app has them in wwwroot and no manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();

// Traces, metrics and logs leave only when an exporter is configured (CiteEmploi:Telemetry, decision 0030).
builder.AddCiteEmploiTelemetry();
builder.Services.AddCiteEmploiFeatures(builder.Configuration);
builder.Services.AddCiteEmploiProxyAndHttps(builder.Configuration);
builder.Services.AddCiteEmploiAccounts();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents(options =>
    {
        // How long a circuit waits for its browser to come back after a dropped connection.
        options.DisconnectedCircuitRetentionPeriod = builder.Configuration.GetValue("CiteEmploi:CircuitRetention", TimeSpan.FromMinutes(3));
    })
    // The prerender's state comes back in the circuit's first message (PrerenderState): room for one page's worth.
    .AddHubOptions(options => options.MaximumReceiveMessageSize = CiteEmploi.Web.Components.Shared.PrerenderState.CircuitMessageBytes);
builder.Services.AddCiteEmploiUi();
builder.Services.AddPageCompression();
builder.Services.AddBoardHub();
builder.Services.AddSessionDisplayHub();
builder.Services.AddScoped<CurrentCite>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
await app.Services.GetRequiredService<CiteEmploi.Web.Features.Annuaire.DirectoryIndexer>().EnsureConsistentAsync();
// SQLite's planner needs statistics to read a page's services by their keys (docs/benchmarks.md, directory-near).
await app.Services.GetRequiredService<DatabaseStatistics>().OptimizeAsync();

// The scheme and client address a TLS proxy on a known address reports, before anything reads them.
app.UseCiteEmploiProxyAndHttps();
// Users never see a stack trace: a French error page with the request id, in every environment.
app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseMiddleware<SecurityHeadersMiddleware>();
// The directory's pages, read on phones on weak networks, and the boards' go compressed (Hosting/PageCompression).
app.UsePageCompression();
// French numbers and dates whatever the server's own locale (« 100 000 », not « 100,000 »); circuits keep it.
app.UseRequestLocalization(FrenchCulture.RequestLocalization);

app.MapStaticAssets().AllowAnonymous();
app.UseMiddleware<SetupGateMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health", HealthResponse.Options).AllowAnonymous();
app.MapAccountEndpoints();
app.MapDirectoryApi();
app.MapDiagnosticApi();
CiteEmploi.Web.Features.Annuaire.DataInclusion.DirectoryExportEndpoints.MapDirectoryExport(app);
app.MapBoardHub();
app.MapSessionDisplayHub();
CiteEmploi.Web.Features.Sessions.SessionDisplayPage.MapSessionDisplayPage(app);
CiteEmploi.Web.Features.Roadmap.PlanApiEndpoints.MapPlanApi(app);
CiteEmploi.Web.Features.Roadmap.Export.PlanExportEndpoints.MapPlanExport(app);
CiteEmploi.Web.Features.Sessions.SessionExportEndpoints.MapSessionExport(app);
CiteEmploi.Web.Features.Indicators.IndicatorExport.MapIndicatorExport(app);
CiteEmploi.Web.Features.Referrals.ReferralExport.MapReferralExport(app);
CiteEmploi.Web.Features.National.NationalIndicatorsEndpoints.MapNationalIndicatorsExport(app);
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    // Board guests have no account but a live page: the circuit's hub is open to anonymous connections. Pages stay
    // behind the fallback policy, [Authorize] or the Cité wall (docs/decisions/0008-board-guests.md).
    .Add(endpoint =>
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        }
    });

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
