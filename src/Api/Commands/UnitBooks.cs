using System.Collections.Concurrent;
using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Api.Commands;

/// <summary>
/// The unit books (账簿) commands decide on beside the stream they write, under the unit's version guard, kept between
/// requests: fetching them cost a round trip before every such command, one a raw append does not make. A kept book is used only on
/// a request's first attempt, and only with the version it was read at: the guard then asserts, in the commit, that the unit's
/// stream is still at that version, so a book that moved meanwhile fails the commit as a lost race, and the run again
/// (<see cref="LostRaces"/>) fetches the books afresh. A first attempt the rules refuse is run again the same way, so no
/// refusal rests on a kept book either. A book is the fold of its stream up to its version, so a kept book at the stream's
/// current version is the book.
/// </summary>
public sealed class UnitBooks
{
    /// <summary>Enough for a province's units; past it the books are dropped and read again as they are needed.</summary>
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(string Tenant, Guid Unit), (long Version, UnitBook Book)> _kept = new();

    /// <summary>
    /// The books an item belongs to, under their version guard though nothing is appended to them: a payment decided on an
    /// open unit cannot commit after a freeze, nor a count after the inventory's close.
    /// </summary>
    public Task<UnitBook> ForWritingAsync(IDocumentSession session, HttpContext context, Item item, CancellationToken ct) =>
        ForWritingAsync(session, context, item.UnitCode, ct);

    /// <summary>The unit's books for a decision, the session asserting at commit that its stream has not moved since.</summary>
    public async Task<UnitBook> ForWritingAsync(IDocumentSession session, HttpContext context, string code, CancellationToken ct)
    {
        var id = UnitLookups.StreamIdOf(code);
        var key = (session.TenantId, id);
        if (!LostRaces.IsRepeat(context) && _kept.TryGetValue(key, out var kept))
        {
            var guard = session.Events.Append(id);
            guard.ExpectedVersionOnServer = kept.Version;
            guard.AlwaysEnforceConsistency = true;
            return kept.Book;
        }

        var stream = await session.Events.FetchForWriting<UnitBook>(id, ct);
        stream.AlwaysEnforceConsistency = true;
        var book = stream.Aggregate ?? throw Refused.NotFound($"Unit {code} is not registered in the ledger.");
        if (_kept.Count >= Capacity) _kept.Clear();
        if (stream.StartingVersion is { } version) _kept[key] = (version, book);
        return book;
    }
}
