using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Runs every command the same way: shape rules, the actor's stamp, the handler's decision, and one
/// transaction holding the events and the idempotency receipt. A retry with the same key and the
/// same content gets the first answer back and writes nothing.
/// </summary>
public sealed class CommandExecutor(IDocumentSession session, IActorContext actors, IClock clock)
{
    /// <summary>The event metadata header holding the actor's role.</summary>
    public const string RoleHeader = "role";

    /// <summary>Runs a command against its target; the target also scopes the idempotency key.</summary>
    public Task<TAnswer> Execute<TTarget, TAnswer>(ILedgerCommand<TTarget, TAnswer> command, TTarget target, CancellationToken ct)
        where TTarget : notnull =>
        Execute($"{target}", command, (s, stamp) => command.Handle(s, target, stamp, ct), ct);

    public async Task<TAnswer> Execute<TCommand, TAnswer>(
        string scope,
        TCommand command,
        Func<IDocumentSession, Stamp, Task<TAnswer>> handle,
        CancellationToken ct)
        where TCommand : ILedgerCommand
    {
        // A JSON body of `null` binds to no command at all.
        if (command is null) throw Refused.Invalid("body", "must be a JSON object");
        var rules = command.Validate();
        if (!rules.Passed) throw Refused.Invalid(rules);

        var actor = actors.Current;
        var commandName = command.GetType().Name;
        var receiptId = $"{commandName}/{scope}/{command.IdempotencyKey}";
        var fingerprint = Fingerprint(scope, command);
        if (await session.LoadAsync<CommandReceipt>(receiptId, ct) is { } receipt)
        {
            if (receipt.Fingerprint != fingerprint)
                throw Refused.Conflict(
                    $"Idempotency key '{command.IdempotencyKey}' was already used for a different {commandName}.");
            return JsonSerializer.Deserialize<TAnswer>(receipt.AnswerJson, LedgerJson.Options)!;
        }

        var stamp = Stamps.For(command, actor, clock.GetCurrentInstant());
        var answer = await handle(session, stamp);

        session.LastModifiedBy = actor.Name;
        session.CorrelationId = actors.CorrelationId;
        // The stamp predates roles; the role travels as event metadata so the audit trail can show it.
        if (actor.Role is { } role) session.SetHeader(RoleHeader, role);
        session.Insert(new CommandReceipt(receiptId, fingerprint, JsonSerializer.Serialize(answer, LedgerJson.Options),
            actor.Name, stamp.RecordedAt));
        await session.SaveChangesAsync(ct);
        return answer;
    }

    private static string Fingerprint(string scope, ILedgerCommand command) =>
        Convert.ToHexString(SHA256.HashData(
            Encoding.UTF8.GetBytes(scope + "\n" + JsonSerializer.Serialize(command, command.GetType(), LedgerJson.Options))));
}
