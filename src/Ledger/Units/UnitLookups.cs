using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Units;

/// <summary>Loads what decisions need beside the stream they write, refusing with a clear reason when it is not there.</summary>
public static class UnitLookups
{
    /// <summary>The stream of a unit named by its division code; a malformed code is the caller's mistake (400).</summary>
    public static Guid StreamIdOf(string code, string field = "code") =>
        DivisionCode.IsValid(code)
            ? StreamIds.ForUnit(code)
            : throw Refused.Invalid(field, "must be a 9-digit township or 12-digit village statistical division code");

    /// <summary>A unit by any code it has had: the one its stream derives from, or one a code change gave it.</summary>
    public static async Task<UnitBook> UnitAsync(this IQuerySession session, string code, CancellationToken ct, string field = "code") =>
        await session.LoadAsync<UnitBook>(StreamIdOf(code, field), ct)
        ?? (await session.LoadAsync<DivisionCodeAlias>(code, ct) is { } alias ? await session.LoadAsync<UnitBook>(alias.UnitId, ct) : null)
        ?? throw Refused.NotFound($"Unit {code} is not registered in the ledger.");

    /// <summary>
    /// The books an item belongs to, under their version guard though nothing is appended to them: a payment
    /// decided on an open unit cannot commit after a freeze, nor a count after the inventory's close.
    /// </summary>
    public static async Task<UnitBook> UnitOfAsync(this IDocumentSession session, Item item, CancellationToken ct)
    {
        var unit = await session.Events.FetchForWriting<UnitBook>(StreamIds.ForUnit(item.UnitCode), ct);
        unit.AlwaysEnforceConsistency = true;
        return unit.Aggregate ?? throw Refused.NotFound($"Unit {item.UnitCode} is not registered in the ledger.");
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
