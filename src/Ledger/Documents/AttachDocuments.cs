using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Documents;

/// <summary>
/// Documents attached after the entry they belong to (补附件): the scan of an exception approval (特批) that came
/// later, a disposal's resolution. The body's <c>documents</c> (cited through the command pipeline, as on any write)
/// are the attachment; the event goes on the entry's own stream, so the entry and its evidence read together.
/// </summary>
public sealed record AttachDocuments(string IdempotencyKey, long? Sequence, LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent; <c>sequence</c> names an item's entry by its number in the log (as the audit trail and traces show it).</summary>
    public sealed record Request(string? IdempotencyKey, long? Sequence, LocalDate? BusinessDate) : ICommandRequest<AttachDocuments>
    {
        public AttachDocuments Validate()
        {
            new Rules().IdempotencyKey(IdempotencyKey).Check(Sequence is null or > 0, "sequence", "must be a positive sequence number").ThrowIfBroken();
            return new(IdempotencyKey!, Sequence, BusinessDate);
        }
    }

    public DocumentsAttached Decide(Reform reform, Guid exceptionId, Stamp stamp)
    {
        var exception = reform.Exceptions.FirstOrDefault(x => x.ExceptionId == exceptionId)
                        ?? throw Refused.NotFound($"Exception {exceptionId} is not one of reform {reform.Id}'s.");
        return Attach(reform.Id, exception.UnitCode, Evidence.EntryOf(exception, 0), stamp);
    }

    /// <param name="entryOnStream">Whether the sequence named is an event of this item's stream.</param>
    public DocumentsAttached Decide(Item item, bool entryOnStream, Stamp stamp)
    {
        if (Sequence is not { } sequence) throw Refused.Invalid("sequence", "is required: the number of the item's entry the documents belong to");
        if (!entryOnStream) throw Refused.Invalid("sequence", $"names no entry of {item.ItemCode} {item.Name}");
        return Attach(item.Id, item.UnitCode, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), stamp);
    }

    private static DocumentsAttached Attach(Guid stream, string unitCode, string entry, Stamp stamp) =>
        stamp.Documents is { Count: > 0 }
            ? new DocumentsAttached(stream, unitCode, entry, stamp)
            : throw Refused.Invalid("documents", "is required: the SHA-256 digests of the uploaded documents to attach");
}
