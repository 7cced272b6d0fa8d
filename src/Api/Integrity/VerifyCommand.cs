using JasperFx.CommandLine;
using Sanzi.Ledger.Integrity;

namespace Sanzi.Api.Integrity;

/// <summary><c>dotnet run --project src/Api -- verify</c>: the same check as <c>GET /api/verify</c>, for a shell or a cron job.</summary>
[Description("Recompute the tamper-evidence hash chain and seals from the event log; exits with 1 if anything was tampered with", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var report = await host.Services.GetRequiredService<IntegrityChain>().VerifyAsync();

        Console.WriteLine($"{report.EventsChecked} sealed events checked, sealed through sequence {report.SealedThrough}, " +
                          $"{report.UnsealedEvents} not yet sealed; chain head {report.ChainHead ?? "(none)"}");
        foreach (var p in report.Problems)
            Console.WriteLine($"{p.Kind.ToString().ToUpperInvariant()} seq {p.SeqId} stream {p.StreamId} version {p.Version}: {p.Detail}");
        Console.WriteLine(report.Ok ? "OK: no tampering found" : $"TAMPERED: {report.Problems.Count} problem(s), the first at sequence {report.FirstProblem!.SeqId}");
        return report.Ok;
    }
}
