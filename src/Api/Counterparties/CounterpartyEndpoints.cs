using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Counterparties;
using Sanzi.Projections.Leads;
using Wolverine.Http;

namespace Sanzi.Api.Counterparties;

/// <summary>Adding to the county's counterparty register (往来单位名录): a utility, government body, bank or individual.</summary>
public static class RegisterCounterpartyEndpoint
{
    [WolverinePost("/api/counterparties")]
    public static async Task<IResult> Post(RegisterCounterparty command, Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Counterparty>(Counterparty.StreamOf(command.Name), ct);
        var registered = command.Decide(stream.Aggregate, stamp);
        stream.AppendOne(registered);
        return Answer.Created("/api/counterparties", new CounterpartyEntry(registered.Name, registered.Kind));
    }
}

public static class CounterpartyEndpoints
{
    /// <summary>The register as the rules read it: the county's list from configuration, then the entries added since.</summary>
    [WolverineGet("/api/counterparties")]
    public static async Task<IResult> List(IQuerySession session, LeadThresholds thresholds, CancellationToken ct) =>
        Results.Ok(new CounterpartyRegister([.. thresholds.Counterparties, .. await Registered.LoadAsync(session, ct)]).Entries);
}
