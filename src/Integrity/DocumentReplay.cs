using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// The documents decisions read instead of replaying their streams (the inline snapshots: unit books,
/// items, reforms). Their rows are not hashed, so verify rebuilds each from its events and names any
/// document that differs: an edited balance would otherwise let a payment through.
/// </summary>
public sealed class DocumentReplay
{
    private const int PageSize = 1000;
    private readonly List<Func<Scope, CancellationToken, IAsyncEnumerable<Finding>>> _checks = [];

    private long _checked;

    public long DocumentsChecked => Interlocked.Read(ref _checked);

    /// <summary>Replays every <typeparamref name="T"/> document (an inline snapshot keyed by its stream id) on verify.</summary>
    public DocumentReplay Add<T>() where T : class
    {
        _checks.Add(CheckAsync<T>);
        return this;
    }

    internal async IAsyncEnumerable<Finding> RunAsync(IDocumentStore store, string? tenant, IMartenDatabase database,
        [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Exchange(ref _checked, 0);
        foreach (var check in _checks)
            await foreach (var finding in check(new Scope(store, tenant, database), ct)) yield return finding;
    }

    /// <summary>The database replayed: the default (tenant null) or a county's, and sessions on it.</summary>
    private sealed record Scope(IDocumentStore Store, string? Tenant, IMartenDatabase Database)
    {
        public IQuerySession Session() => Tenant is null ? Store.QuerySession() : Store.QuerySession(Tenant);
    }

    /// <summary>Pages of documents read in id order on one connection and replayed two at a time, each on its own session.</summary>
    private async IAsyncEnumerable<Finding> CheckAsync<T>(Scope scope, [EnumeratorCancellation] CancellationToken ct) where T : class
    {
        var findings = Channel.CreateBounded<Finding>(1024);
        var replaying = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(PagesAsync(scope.Database, scope.Store.Options.Schema.For<T>(), ct),
                    new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
                    async (page, token) =>
                    {
                        foreach (var problem in await ReplayAsync<T>(scope, page, token)) await findings.Writer.WriteAsync(problem, token);
                        await findings.Writer.WriteAsync(new Progress("documents", Interlocked.Add(ref _checked, page.Count)), token);
                    });
                findings.Writer.Complete();
            }
            catch (Exception e)
            {
                findings.Writer.Complete(e);
            }
        }, ct);
        await foreach (var finding in findings.Reader.ReadAllAsync(ct)) yield return finding;
        await replaying;
    }

    private static async Task<List<Problem>> ReplayAsync<T>(Scope scope, List<(Guid Id, string Data, long Version)> page, CancellationToken ct)
        where T : class
    {
        var aggregator = ((StoreOptions)scope.Store.Options).Projections.AggregatorFor<T>();
        var serializer = scope.Store.Options.Serializer();
        await using var session = scope.Session();
        var ids = page.Select(d => d.Id).ToArray();
        var events = (await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId)).OrderBy(e => e.Sequence).ToListAsync(ct))
            .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.ToList());

        var problems = new List<Problem>();
        foreach (var (id, stored, version) in page)
        {
            var name = $"{typeof(T).Name} {id}";
            // Up to the version the document was projected at: events appended since the page was read belong to a later document.
            var stream = events.GetValueOrDefault(id)?.Where(e => e.Version <= version).ToList() ?? [];
            if (stream.Count == 0 || stream[^1].Version != version)
            {
                problems.Add(new Problem(ProblemKind.DocumentDiffers, null, id, version,
                    $"says it was built from version {version} of its stream, which has no such event", name));
                continue;
            }
            var replayed = await aggregator.BuildAsync(stream, session, null, ct);
            var differing = Differing(stored, replayed is null ? "null" : serializer.ToJson(replayed));
            if (differing.Count > 0)
                problems.Add(new Problem(ProblemKind.DocumentDiffers, stream[^1].Sequence, id, stream[^1].Version,
                    $"differs from its events in {string.Join(", ", differing)}", name));
        }
        return problems;
    }

    /// <summary>The top-level fields whose values differ, or "the whole document".</summary>
    private static List<string> Differing(string stored, string replayed)
    {
        using var a = JsonDocument.Parse(stored);
        using var b = JsonDocument.Parse(replayed);
        if (JsonElement.DeepEquals(a.RootElement, b.RootElement)) return [];
        if (a.RootElement.ValueKind != JsonValueKind.Object || b.RootElement.ValueKind != JsonValueKind.Object) return ["the whole document"];
        var right = b.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var left = a.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        return left.Keys.Union(right.Keys)
            .Where(k => !left.TryGetValue(k, out var l) || !right.TryGetValue(k, out var r) || !JsonElement.DeepEquals(l, r))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static async IAsyncEnumerable<List<(Guid Id, string Data, long Version)>> PagesAsync(
        IMartenDatabase database, string table, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        var after = Guid.Empty;
        while (true)
        {
            await using var command = new NpgsqlCommand($"select id, data::text, mt_version from {table} where id > $1 order by id limit {PageSize}", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            var page = new List<(Guid, string, long)>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) page.Add((reader.GetGuid(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2))));
            if (page.Count == 0) yield break;
            yield return page;
            after = page[^1].Item1;
        }
    }
}
