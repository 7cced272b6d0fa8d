using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using NodaTime;
using Sanzi.Api.Documents;
using Sanzi.Ledger.Common;
using Wolverine.Http;

namespace Sanzi.Api.Commands;

/// <summary>Which receipt a command is filed under, and a fingerprint of what it asked.</summary>
public sealed record CommandTicket(string ReceiptId, string Fingerprint, string IdempotencyKey, string CommandName);

/// <summary>
/// The steps every command endpoint takes around its decision, woven in by <see cref="CommandParameters"/>:
/// validate the body into the typed command, find the documents it cites, tag the events with who and which request, return the first
/// answer to a repeated idempotency key, stamp the decision, and file the answer as the receipt in the same
/// transaction as the events. Wolverine's transactional middleware saves them all at once.
/// </summary>
public static class CommandPipeline
{
    public static TCommand Validate<TRequest, TCommand>(TRequest? request)
        where TRequest : class, ICommandRequest<TCommand> where TCommand : ILedgerCommand =>
        // A JSON body of `null` binds to no request at all.
        (request ?? throw Refused.Invalid("body", "must be a JSON object")).Validate();

    /// <summary>The uploaded documents the write cites, checked to exist (see <see cref="CitedDocuments"/>).</summary>
    public static Task<CitedDocuments> DocumentsAsync(HttpContext context, IDocumentSession session, CancellationToken ct) =>
        CitedDocuments.ReadAsync(context, session, ct);

    /// <summary>
    /// The receipt is scoped by the request path, so one key may serve different targets and commands; the cited
    /// documents are part of what was asked.
    /// </summary>
    public static CommandTicket Ticket<TCommand>(HttpContext context, TCommand command, CitedDocuments documents) where TCommand : ILedgerCommand
    {
        var scope = $"{context.Request.Method} {context.Request.Path}";
        var json = JsonSerializer.Serialize(command, LedgerJson.Options) + string.Join(",", documents.Digests);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + json)));
        return new CommandTicket($"{scope} {command.IdempotencyKey}", fingerprint, command.IdempotencyKey, typeof(TCommand).Name);
    }

    /// <summary>The user name, correlation id and role go on every event the session appends.</summary>
    public static void TagEvents(IDocumentSession session, IActorContext actors)
    {
        var actor = actors.Current;
        session.LastModifiedBy = actor.Name;
        session.CorrelationId = actors.CorrelationId;
        if (actor.Role is { } role) session.SetHeader(EventHeaders.Role, role);
    }

    /// <summary>
    /// Continues for a new key; answers as the first time for a repeat; refuses a key reused for other content. A first
    /// attempt does not look (a round trip on every command for the rare repeat): a repeat then either fails to file its
    /// receipt (the receipts' key), a lost race, or is refused by the rules; either way <see cref="LostRaces"/> runs the
    /// request again with the receipt looked up, so it answers exactly as before and writes nothing.
    /// </summary>
    public static async Task<IResult> ReplayAsync(CommandTicket ticket, HttpContext context, IDocumentSession session, CancellationToken ct)
    {
        if (!LostRaces.ReceiptsChecked(context)) return WolverineContinue.Result();
        if (await session.LoadAsync<CommandReceipt>(ticket.ReceiptId, ct) is not { } receipt) return WolverineContinue.Result();
        if (receipt.Fingerprint != ticket.Fingerprint)
            throw Refused.Conflict($"Idempotency key '{ticket.IdempotencyKey}' was already used for a different {ticket.CommandName}.");
        return new Answer(receipt.Status, JsonDocument.Parse(receipt.AnswerJson).RootElement.Clone(), receipt.Location);
    }

    public static Stamp Stamp<TCommand>(TCommand command, CitedDocuments documents, IActorContext actors, IClock clock) where TCommand : ILedgerCommand =>
        Stamps.For(command, actors.Current, clock.GetCurrentInstant(), documents.Digests);

    /// <summary>Files the answer under the ticket; it commits with the events or not at all.</summary>
    public static void Record(IDocumentSession session, CommandTicket ticket, Stamp stamp, IResult answer)
    {
        if (answer is not Answer a) throw new InvalidOperationException($"{ticket.CommandName} must answer with an {nameof(Answer)}.");
        session.Insert(new CommandReceipt(ticket.ReceiptId, ticket.Fingerprint, a.Status, a.Location,
            JsonSerializer.Serialize(a.Body, a.Body.GetType(), LedgerJson.Options), stamp.Actor, stamp.RecordedAt));
    }
}
