using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NodaTime;
using Sanzi.Api.Hosting;
using Sanzi.Integrity;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Leads;
using Shouldly;
using Wolverine;

namespace Sanzi.Tests.Integrity;

/// <summary>
/// A ledger store of its own (a fresh database on the test server, its own key and seal file) for a
/// test that damages the log on purpose, so the shared ledger stays clean for everyone else. Events
/// go in through ordinary Marten sessions: the writer's hook is on the store, so they get hashed
/// exactly as commands' events do.
/// </summary>
public sealed class IsolatedLedger : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private IsolatedLedger(IHost host, string folder) => (_host, _folder) = (host, folder);

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();
    public IntegrityChain Chain => _host.Services.GetRequiredService<IntegrityChain>();
    public string SealFilePath => _host.Services.GetRequiredService<SealFile>().Path;

    public static async Task<IsolatedLedger> StartAsync()
    {
        var database = $"tamper_{Guid.NewGuid():N}";
        var connection = await Support.TestDatabases.CreateAsync(database);

        var folder = Support.ScratchFolders.New(database);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrity:Folder"] = folder,
            ["Integrity:SealInterval"] = "01:00:00", // the tests seal when they mean to
        });
        builder.Services.AddLedgerStore(connection,
            new LeadThresholds());
        builder.UseWolverine(opts =>
        {
            opts.Durability.Mode = DurabilityMode.Solo;
            opts.Discovery.DisableConventionalDiscovery();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new IsolatedLedger(host, folder);
    }

    /// <summary>Registers an asset (its item document built inline), as a given clerk and role, in one transaction.</summary>
    public async Task<Guid> RegisterAssetAsync(decimal value = 4_800m, string actor = "张敏", string role = "township-clerk",
        string correlation = "req-1")
    {
        await using var session = Store.LightweightSession();
        session.LastModifiedBy = actor;
        session.CorrelationId = correlation;
        session.SetHeader("role", role);
        var id = StartAsset(session, value, actor);
        await session.SaveChangesAsync();
        return id;
    }

    /// <summary>Records a count of an item (a second event on its stream, its document rebuilt inline).</summary>
    public async Task CountAsync(Guid item, decimal counted)
    {
        await using var session = Store.LightweightSession();
        var now = SystemClock.Instance.GetCurrentInstant();
        var stamp = new Stamp("张敏", now, Stamp.DayOf(now));
        session.Events.Append(item, new ItemCounted(item, "360702101", CountResult.Confirmed, counted, counted, 1, null, stamp.BusinessDate, stamp));
        await session.SaveChangesAsync();
    }

    /// <summary>Two assets in one transaction, the second named with a NUL, which PostgreSQL refuses inside jsonb.</summary>
    public async Task FailAnAppendAsync()
    {
        await using var session = Store.LightweightSession();
        StartAsset(session, 1m, "张敏");
        StartAsset(session, 1m, "nul\u0000clerk");
        await session.SaveChangesAsync();
    }

    private static Guid StartAsset(IDocumentSession session, decimal value, string actor)
    {
        var id = Guid.CreateVersion7();
        var now = SystemClock.Instance.GetCurrentInstant();
        session.Events.StartStream<Item>(id, new AssetRegistered(id, "360702101", "ZC-1", Ownership.Collective, AssetCategory.OfficeEquipment,
            "办公电脑", null, 1, "台", value, 0m, new LocalDate(2024, 1, 1), "村委会", null, null, new Stamp(actor, now, Stamp.DayOf(now))));
        return id;
    }

    /// <summary>Runs SQL against this ledger's database, as a database administrator would.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every finding of a full verification, the summary last.</summary>
    public async Task<(List<Finding> Findings, Summary Summary)> VerifyAsync()
    {
        var findings = new List<Finding>();
        await foreach (var finding in Chain.VerifyAsync()) findings.Add(finding);
        var summary = findings[^1].ShouldBeOfType<Summary>();
        return (findings, summary);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
