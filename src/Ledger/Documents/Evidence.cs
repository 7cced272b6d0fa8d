using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Documents;

/// <summary>Which entries must carry a document, and how a later attachment names the entry it completes.</summary>
public static class Evidence
{
    /// <summary>
    /// What the entry is, in Chinese, when it needs a document (the approval, resolution or write-off decision
    /// scanned): an exception (特批), a disposal (处置), a write-off (核销), a distribution to members (322 收益分配).
    /// </summary>
    public static string? NeededFor(ILedgerEvent e) => e switch
    {
        ExceptionApproved => "特批",
        AssetDisposed => "资产处置",
        DebtReduced { How: Reduction.WriteOff } => "核销",
        PaymentRecorded { AccountCode: ChartOfAccounts.Distribution } => "收益分配",
        _ => null,
    };

    /// <summary>
    /// How <see cref="DocumentsAttached.Entry"/> names an entry: an exception by its id (the reform's stream holds
    /// many), any other by its sequence number in the log.
    /// </summary>
    public static string EntryOf(ILedgerEvent e, long sequence) =>
        e is ExceptionApproved x ? x.ExceptionId.ToString() : sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The resolution (决议) an entry claims to rest on, by its reference, if it names one.</summary>
    public static string? ResolutionOf(ILedgerEvent e) => (e switch
    {
        AssetDisposed d => d.ResolutionReference,
        PaymentRecorded p => p.ResolutionReference,
        ResolutionRecorded r => r.Document,
        _ => null,
    }) is { } reference && !string.IsNullOrWhiteSpace(reference) ? reference.Trim() : null;
}
