using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Units;

/// <summary>Loads what decisions need, refusing with a clear reason when it is not there.</summary>
public static class UnitLookups
{
    public static async Task<UnitBook> UnitAsync(this IQuerySession session, string code, CancellationToken ct, string field = "code")
    {
        if (!DivisionCode.IsValid(code))
            throw Refused.Invalid(field, "must be a 9-digit township or 12-digit village statistical division code");
        return await session.LoadAsync<UnitBook>(StreamIds.ForUnit(code), ct)
               ?? throw Refused.NotFound($"Unit {code} is not registered in the ledger.");
    }

    public static async Task<JasperFx.Events.IEventStream<Item>> ItemForWritingAsync(this IDocumentSession session, Guid id, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Item>(id, ct);
        return stream.Aggregate is null ? throw Refused.NotFound($"Item {id} is not in the ledger.") : stream;
    }

    /// <summary>
    /// Takes a decision on a unit's own stream under its version guard and appends the one event decided;
    /// two clerks moving the same unit at once get one success and one 409.
    /// </summary>
    public static async Task<TEvent> DecideOnUnitAsync<TEvent>(this IDocumentSession session, string code,
        Func<UnitBook, Task<TEvent>> decide, CancellationToken ct) where TEvent : notnull
    {
        var unit = await session.UnitAsync(code, ct);
        var stream = await session.Events.FetchForWriting<UnitBook>(unit.Id, ct);
        var decided = await decide(stream.Aggregate!);
        stream.AppendOne(decided);
        return decided;
    }

    /// <summary>The reform a unit belongs to, for the steps that need its rules (notice days, successor).</summary>
    public static async Task<Reform> ReformOfAsync(this IQuerySession session, UnitBook unit, CancellationToken ct) =>
        await session.LoadAsync<Reform>(unit.ReformId ?? Guid.Empty, ct)
        ?? throw Refused.Conflict($"Unit {unit.Code} belongs to no reform.");

    /// <summary>The exception approval a movement cites, from the reform that froze the unit.</summary>
    public static async Task<ExceptionApproved?> ExceptionAsync(this IQuerySession session, UnitBook unit, Guid? exceptionId, CancellationToken ct)
    {
        if (exceptionId is not { } id) return null;
        var reform = unit.ReformId is { } reformId ? await session.LoadAsync<Reform>(reformId, ct) : null;
        return reform?.Exceptions.FirstOrDefault(x => x.ExceptionId == id)
               ?? throw Refused.Invalid("exceptionId", $"names no exception approval of unit {unit.Code}'s reform");
    }
}

/// <summary>Codes for items whose unit gave none: a kind prefix and the tail of the id.</summary>
public static class ItemCodes
{
    public static string Generate(string prefix, Guid id) => $"{prefix}-{id.ToString("N")[^8..].ToUpperInvariant()}";
}
