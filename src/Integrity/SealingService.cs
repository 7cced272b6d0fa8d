using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sanzi.Integrity;

/// <summary>Seals new events every <c>Integrity:SealInterval</c> (default two seconds) while the ledger runs, in every county's database.</summary>
public sealed class SealingService(IntegrityChain chain, IntegrityOptions options, ILogger<SealingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SealInterval);
        // Per database: the failure said last, so that the same one is said once, not every tick.
        var lastFailures = new Dictionary<string, string>();
        try
        {
            do
            {
                foreach (var tenant in await chain.TenantsAsync())
                {
                    var database = tenant ?? "the default database";
                    try
                    {
                        await chain.SealAsync(stoppingToken, tenant);
                        lastFailures.Remove(database);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        // A failed round leaves no partial seal (one transaction per batch); the next tick retries.
                        if (lastFailures.GetValueOrDefault(database) != e.Message)
                            logger.LogError(e, "Sealing the event log of {Database} failed: {Reason}", database, e.Message);
                        lastFailures[database] = e.Message;
                    }
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
