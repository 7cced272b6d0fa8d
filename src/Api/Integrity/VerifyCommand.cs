using JasperFx.CommandLine;
using Sanzi.Integrity;

namespace Sanzi.Api.Integrity;

/// <summary>
/// <c>dotnet run --project src/Api -- verify</c>: the same check as <c>GET /api/verify</c>, for a shell or
/// a cron job. Exits 0 when clean, 1 only when tampering was found, 2 when the check could not run.
/// </summary>
[Description("Check the event log, its hashes, the seals (table and file) and the replayed documents; exit 1 on tampering, 2 if it could not run", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public const int CouldNotRun = 2;

    public override async Task<bool> Execute(NetCoreInput input)
    {
        Summary? summary = null;
        try
        {
            using var host = input.BuildHost();
            await foreach (var finding in host.Services.GetRequiredService<IntegrityChain>().VerifyAsync())
            {
                switch (finding)
                {
                    case Progress p: Console.Error.WriteLine($"… {p.Phase}: {p.Done:N0}"); break;
                    case Problem p:
                        Console.WriteLine($"{p.Kind.ToString().ToUpperInvariant()} {p.Document ?? $"seq {p.SeqId} stream {p.StreamId} version {p.Version}"}: {p.Detail}");
                        break;
                    case Note n: Console.WriteLine($"NOTE seq {n.SeqId}: {n.Detail}"); break;
                    case Summary s: summary = s; break;
                }
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"COULD NOT RUN: {e.GetType().Name}: {e.Message}");
            Environment.Exit(CouldNotRun);
        }

        Console.WriteLine($"{summary!.EventsChecked:N0} events checked, sealed through sequence {summary.SealedThrough}, " +
                          $"{summary.UnsealedEvents:N0} not yet sealed, {summary.Tombstones} tombstone(s), {summary.DocumentsChecked:N0} documents replayed, " +
                          $"{summary.FilesChecked:N0} stored files re-hashed; " +
                          $"head {summary.Head?.Hash ?? "(none)"}");
        Console.WriteLine(summary.Ok ? "OK: no tampering found" : $"TAMPERED: {summary.Problems} problem(s)");
        return summary.Ok;
    }
}
