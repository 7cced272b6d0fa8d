using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Checks before Kestrel does that the address is free, because the command runner would print Kestrel's
/// "address already in use" as a stack trace; most often the ledger is simply running already.
/// </summary>
public static class ListenAddress
{
    public static string? Taken(WebApplication app, string[] args)
    {
        var runs = args.Length == 0 || args[0].StartsWith('-') || args[0] == "run";
        var kestrel = app.Services.GetRequiredService<IServer>().GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel") == true;
        if (!runs || !kestrel) return null;

        foreach (var url in (app.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)) continue;
            var ip = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var parsed) ? parsed : null;
            if (ip is null || uri.Port == 0) continue;
            try
            {
                var listener = new TcpListener(ip, uri.Port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"{url} is already in use. If the ledger is running there, open {url.TrimEnd('/')}/ ; "
                       + "otherwise stop what holds the port or choose another address with --urls.";
            }
        }
        return null;
    }

    private static readonly string[] HostFlags = ["--urls", "--environment", "--contentRoot"];

    /// <summary>
    /// The arguments for the command runner without ASP.NET's own flags, which the host has read already: on
    /// seeing one, the runner skips its commands and starts the server, so <c>-- demo --urls …</c> started a
    /// second ledger on a taken port instead of the demo.
    /// </summary>
    public static string[] CommandArguments(string[] args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var flag = HostFlags.FirstOrDefault(f => args[i].Equals(f, StringComparison.OrdinalIgnoreCase)
                                                     || args[i].StartsWith(f + "=", StringComparison.OrdinalIgnoreCase));
            if (flag is null) kept.Add(args[i]);
            else if (!args[i].Contains('=')) i++;
        }
        return [.. kept];
    }
}
