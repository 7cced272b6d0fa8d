using JasperFx.CommandLine;
using Sanzi.Api.Hosting;
using Sanzi.Integrity;

namespace Sanzi.Api.Integrity;

public sealed class VerifyInput : NetCoreInput
{
    [Description("The county whose database to check, when the ledger keeps one per county (Ledger:Tenants); every database in turn when left out"),
     FlagAlias("tenant")]
    public string? TenantFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/Api -- verify [--tenant COUNTY]</c>: the same check as <c>GET /api/verify</c>, for a shell
/// or a cron job. With a database per county, each county's log is checked on its own (its chain, seals and seal file),
/// one county with <c>--tenant</c>, else the default database and then every county in turn, as the sealer seals them.
/// Exits 0 when clean, 1 only when tampering was found, 2 when the check could not run.
/// </summary>
[Description("Check the event log, its hashes, the seals (table and file) and the replayed documents; exit 1 on tampering, 2 if it could not run", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public const int Clean = 0;
    public const int Tampered = 1;
    public const int CouldNotRun = 2;

    public override async Task<bool> Execute(VerifyInput input)
    {
        int exit;
        try
        {
            using var host = input.BuildHost();
            exit = await RunAsync(host.Services, input.TenantFlag, Console.Out, Console.Error, CancellationToken.None);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"COULD NOT RUN: {e.GetType().Name}: {e.Message}");
            exit = CouldNotRun;
        }
        if (exit == CouldNotRun) Environment.Exit(CouldNotRun);
        return exit == Clean;
    }

    /// <summary>Checks the database <paramref name="tenant"/> names, or every one; findings to <paramref name="output"/>, progress to <paramref name="progress"/>.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string? tenant, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var chain = services.GetRequiredService<IntegrityChain>();
        var tenants = services.GetRequiredService<LedgerTenants>();
        if (tenant is not null && !tenants.Serves(tenant))
        {
            progress.WriteLine($"COULD NOT RUN: this ledger keeps no database for county {tenant} (see {LedgerTenants.Section})");
            return CouldNotRun;
        }
        var tampered = false;
        foreach (var database in tenant is null ? await chain.TenantsAsync() : [tenant])
        {
            if (tenants.IsMultiTenanted) output.WriteLine(database is null ? "== the default database ==" : $"== county {database} ==");
            tampered |= !await VerifyOneAsync(chain, database, output, progress, ct);
        }
        return tampered ? Tampered : Clean;
    }

    private static async Task<bool> VerifyOneAsync(IntegrityChain chain, string? tenant, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        Summary? summary = null;
        await foreach (var finding in chain.VerifyAsync(ct, tenant))
        {
            switch (finding)
            {
                case Progress p: progress.WriteLine($"… {p.Phase}: {p.Done:N0}"); break;
                case Problem p:
                    output.WriteLine($"{p.Kind.ToString().ToUpperInvariant()} {p.Document ?? $"seq {p.SeqId} stream {p.StreamId} version {p.Version}"}: {p.Detail}");
                    break;
                case Note n: output.WriteLine($"NOTE seq {n.SeqId}: {n.Detail}"); break;
                case Summary s: summary = s; break;
            }
        }

        output.WriteLine($"{summary!.EventsChecked:N0} events checked, sealed through sequence {summary.SealedThrough}, " +
                         $"{summary.UnsealedEvents:N0} not yet sealed, {summary.Tombstones} tombstone(s), {summary.DocumentsChecked:N0} documents replayed, " +
                         $"{summary.FilesChecked:N0} stored files re-hashed; " +
                         $"head {summary.Head?.Hash ?? "(none)"}");
        output.WriteLine(summary.Ok ? "OK: no tampering found" : $"TAMPERED: {summary.Problems} problem(s)");
        return summary.Ok;
    }
}
