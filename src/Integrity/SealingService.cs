using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sanzi.Integrity;

/// <summary>Seals new events every <c>Integrity:SealInterval</c> (default two seconds) while the ledger runs, in every county's database.</summary>
public sealed class SealingService(IntegrityChain chain, IntegrityOptions options, ILogger<SealingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SealInterval);
        try
        {
            do
            {
                foreach (var tenant in await chain.TenantsAsync())
                {
                    try
                    {
                        await chain.SealAsync(stoppingToken, tenant);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        // A failed round leaves no partial seal (one transaction per batch); the next tick retries.
                        logger.LogError(e, "Sealing the event log of {Database} failed", tenant ?? "the default database");
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
