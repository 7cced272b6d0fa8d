using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Documents;

/// <summary>
/// A document (a scanned voucher 凭证, an approval 审批单, a resolution 决议, a contract 合同) was uploaded; its bytes are
/// in the file store under <paramref name="Sha256"/>, which the stamp cites too, so verify re-hashes the file.
/// </summary>
public sealed record DocumentUploaded(string Sha256, string MediaType, long Bytes, string? FileName, Stamp Stamp) : ILedgerEvent;

/// <summary>
/// Documents were attached after the entry they belong to (补附件): the stamp cites them, <paramref name="Entry"/>
/// says which entry of the stream (an exception's id, or the sequence number of a payment or disposal).
/// </summary>
public sealed record DocumentsAttached(Guid StreamId, string UnitCode, string Entry, Stamp Stamp) : ILedgerEvent;
