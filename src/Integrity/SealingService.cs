using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sanzi.Integrity;

/// <summary>Seals new events every <c>Integrity:SealInterval</c> (default two seconds) while the ledger runs.</summary>
public sealed class SealingService(IntegrityChain chain, IntegrityOptions options, ILogger<SealingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SealInterval);
        string? lastFailure = null;
        try
        {
            do
            {
                try
                {
                    await chain.SealAsync(stoppingToken);
                    lastFailure = null;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // A failed round leaves no partial seal (one transaction per batch); the next tick retries, and the
                    // same failure is said once, not every tick.
                    if (e.Message != lastFailure) logger.LogError(e, "Sealing the event log failed: {Reason}", e.Message);
                    lastFailure = e.Message;
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
