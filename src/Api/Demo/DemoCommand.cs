using System.Net.Http.Json;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sanzi.Api.About;
using Sanzi.Api.Identity;

namespace Sanzi.Api.Demo;

/// <summary>
/// <c>dotnet run --project src/Api -- demo</c>: records a complete sample merger through the HTTP API, so a
/// newcomer sees populated books at once. It talks to the ledger already running at the configured address;
/// when none answers there it starts its own on a free port for the length of the demo. Every request carries
/// a fixed idempotency key, so running it again changes nothing.
/// </summary>
[Description("Record a complete sample village merger through the HTTP API", Name = "demo")]
public sealed class DemoCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var configured = (host.Services.GetRequiredService<IConfiguration>()["urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');
        var running = await IsLedgerAsync(configured);
        var address = configured;
        if (!running)
        {
            // Port 0: Kestrel picks a free one, so whatever else holds the configured port is left alone.
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            addresses.Addresses.Clear();
            addresses.Addresses.Add("http://127.0.0.1:0");
            await host.StartAsync();
            address = addresses.Addresses.First().TrimEnd('/');
            Console.WriteLine($"No ledger answers at {configured}; the demo runs its own at {address} on the same data.");
        }

        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var merger = new SampleMerger(new DemoClient(http, host.Services.GetRequiredService<TokenIssuer>(), SampleMerger.Township));
        try
        {
            await merger.RunAsync(Console.Out);
        }
        catch (Exception e) when (e is DemoStopped or HttpRequestException)
        {
            Console.Error.WriteLine($"The demo stopped: {e.Message}");
            return false;
        }
        finally
        {
            if (!running) await host.StopAsync();
        }

        Console.WriteLine();
        Console.WriteLine(running ? "Done. Look at:" : "Done. Start the ledger (dotnet run --project src/Api) and look at:");
        foreach (var url in merger.Links) Console.WriteLine($"  {configured}/{url}");
        Console.WriteLine("Log in there with a token, e.g. the county finance bureau's (it reads every unit):");
        Console.WriteLine("  dotnet run --project src/Api -- token --role finance-auditor --name 县财政局审计员");
        return true;
    }

    private static async Task<bool> IsLedgerAsync(string url)
    {
        // Generous: the first request to a running ledger compiles its endpoint, which takes seconds on a busy machine.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var about = await http.GetFromJsonAsync<AboutLedger>($"{url}/api/about");
            return about?.Product == AboutEndpoint.Product;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            return false;
        }
    }
}
