using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CiteEmploi.Web.Data;

/// <summary>/health: can we reach the database, and is its schema up to date?</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("Base de données injoignable.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return HealthCheckResult.Degraded($"Migrations en attente : {string.Join(", ", pending)}.");
            }
            // Anonymous endpoint: says nothing about the content.
            return HealthCheckResult.Healthy("Base de données à jour.", new Dictionary<string, object>
            {
                ["provider"] = db.Database.ProviderName ?? "?",
            });
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Erreur d'accès à la base de données.", ex);
        }
    }
}
