using System.Security.Cryptography;
using Alba;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Api.Hosting;

[assembly: AssemblyFixture(typeof(Sanzi.Tests.Support.LedgerFixture))]

namespace Sanzi.Tests.Support;

/// <summary>
/// One real ledger for the whole test run: a throwaway embedded PostgreSQL (or the server named by
/// ConnectionStrings__Ledger) and the real HTTP pipeline in-process. Tests keep apart by using units
/// and keys of their own, so nothing is reset between them.
/// </summary>
public sealed class LedgerFixture : IAsyncLifetime
{
    private EmbeddedPostgres? _postgres;

    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger")))
        {
            var dataDir = Path.Combine(Path.GetTempPath(), $"sanzi-tests-{Guid.NewGuid():N}");
            _postgres = await EmbeddedPostgres.StartAsync(dataDir, throwaway: true);
            Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", _postgres.ConnectionString("ledger"));
        }

        // A key of this run's own, so the tests never write signing.key into a data folder.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Auth__SigningKey")))
            Environment.SetEnvironmentVariable("Auth__SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        // The seal file and signing key of this run's throwaway database, not the developer's.
        Environment.SetEnvironmentVariable("Integrity__Folder", ScratchFolders.New("sanzi-tests-integrity"));
        // A small daemon batch, so that large commits (a handover of a hundred items) span several batches.
        Environment.SetEnvironmentVariable("Leads__BatchSize", "50");
        // The county's counterparty register: the power company every unit pays.
        Environment.SetEnvironmentVariable("Leads__Counterparties__0__Name", Sample.Utility);
        Environment.SetEnvironmentVariable("Leads__Counterparties__0__Kind", "Utility");
        // Every in-process request comes from no address, so all tests share one rate-limit partition for online objections.
        Environment.SetEnvironmentVariable("Notices__OnlineObjectionsPerHour", "10000");
        JasperFxEnvironment.AutoStartHost = true;
        // The ledger runs on the tests' clock (Sample.Clock), which they read for today and now.
        Host = await AlbaHost.For<Program>(b => b.ConfigureServices(s => s.AddSingleton<IClock>(Sample.Clock)));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        ScratchFolders.RemoveAll();
    }
}
