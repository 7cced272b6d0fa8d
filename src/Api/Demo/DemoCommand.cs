using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sanzi.Api.Identity;

namespace Sanzi.Api.Demo;

/// <summary>
/// <c>dotnet run --project src/Api -- demo</c>: starts the ledger and records a complete sample merger
/// through its own HTTP API, so a newcomer sees populated books at once. Every request carries a fixed
/// idempotency key, so running it again changes nothing.
/// </summary>
[Description("Record a complete sample village merger through the HTTP API", Name = "demo")]
public sealed class DemoCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var merger = new SampleMerger(new DemoClient(http, host.Services.GetRequiredService<TokenIssuer>(), SampleMerger.Township));
        await merger.RunAsync(Console.Out);

        Console.WriteLine();
        Console.WriteLine($"Done. Start the ledger (dotnet run --project src/Api) and look at:");
        foreach (var url in merger.Links) Console.WriteLine($"  {address}/{url}");
        await host.StopAsync();
        return true;
    }
}
