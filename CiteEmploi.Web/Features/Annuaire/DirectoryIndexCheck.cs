using System.Diagnostics;
using CiteEmploi.Web.Live;

namespace CiteEmploi.Web.Features.Annuaire;

/// <summary>
/// After start-up, in the background: every service read again and its search entry rewritten where its content
/// differs from the database (an edit committed just before a crash, or by another server while this one was down —
/// decision 0032). Searches go on meanwhile; each batch takes its turn with the other index writes. On several
/// servers it begins once this server receives the others' messages, so that nothing falls between the two.
/// </summary>
public sealed class DirectoryIndexCheck(DirectoryIndexer indexer, IServiceProvider services, ILogger<DirectoryIndexCheck> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many entries the check rewrote, once it is over.</summary>
    public Task<int> Completed => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (services.GetService<PostgreSqlBackplane>() is { } backplane)
            {
                await backplane.Listening.WaitAsync(stoppingToken);
            }
            var clock = Stopwatch.StartNew();
            var changed = await indexer.CheckContentAsync(stoppingToken);
            if (changed > 0)
            {
                logger.LogWarning("Index de recherche de l'annuaire vérifié en {Seconds:0.0} s : {Changed} fiche(s) remise(s) à jour.", clock.Elapsed.TotalSeconds, changed);
            }
            else
            {
                logger.LogInformation("Index de recherche de l'annuaire vérifié en {Seconds:0.0} s : à jour.", clock.Elapsed.TotalSeconds);
            }
            _completed.TrySetResult(changed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _completed.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "La vérification de l'index de recherche de l'annuaire a échoué ; il sera vérifié au prochain démarrage.");
            _completed.TrySetException(ex);
        }
    }
}
