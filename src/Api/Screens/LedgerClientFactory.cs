using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sanzi.Api.Screens;

/// <summary>
/// Makes a <see cref="LedgerClient"/> for a session. In the running ledger it calls the host's own listening
/// address (never the address a browser claims in its Host header); tests give it their in-process client.
/// </summary>
public sealed class LedgerClientFactory(Func<HttpClient> http)
{
    public LedgerClient For(LedgerSession session) => new(http(), session);

    public static LedgerClientFactory OwnHost(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var server = services.GetRequiredService<IServer>();
        return new LedgerClientFactory(() =>
        {
            var client = factory.CreateClient("ledger");
            client.BaseAddress = OwnAddress(server);
            return client;
        });
    }

    private static Uri OwnAddress(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("The ledger listens nowhere yet.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "localhost") uri.Host = "127.0.0.1";
        return uri.Uri;
    }
}
