using System.Reflection;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Audit;

/// <summary>
/// What every kind of event says about the unit, the money, the counterparty and the documents it carries,
/// in one place, so the audit trail, the traces and the rules read events alike.
/// </summary>
public static class EventFacts
{
    /// <summary>Every event type of the ledger by its API name (camelCase of the type name), for filters.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Types = typeof(ILedgerEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILedgerEvent).IsAssignableFrom(t))
        .ToDictionary(TypeName);

    public static string TypeName(Type type) => char.ToLowerInvariant(type.Name[0]) + type.Name[1..];

    /// <summary>The unit an event concerns; a handover transfer concerns the unit handing over. Reform-wide events concern none.</summary>
    public static string? UnitOf(ILedgerEvent e) => e switch
    {
        UnitRegistered u => u.Code,
        UnitJoinedReform u => u.Code,
        UnitFrozen u => u.Code,
        ItemTransferred t => t.FromUnit,
        _ => UnitCodeProperties.GetOrAdd(e.GetType(), t => t.GetProperty("UnitCode", typeof(string)))?.GetValue(e) as string,
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo?> UnitCodeProperties = new();

    /// <summary>The money an event moves or states, in yuan.</summary>
    public static decimal? AmountOf(ILedgerEvent e) => e switch
    {
        PaymentRecorded p => p.Amount,
        ReceiptRecorded r => r.Amount,
        FundAccountOpened f => f.OpeningBalance,
        DebtRecorded d => d.Amount,
        DebtIncreased d => d.Amount,
        DebtReduced d => d.Amount,
        AssetRegistered a => a.NetValue,
        AssetFoundAtCount a => a.VerifiedValue,
        AssetDisposed a => a.Proceeds,
        ResourceRegistered r => r.BookValue,
        ResourceContracted r => r.AnnualRent,
        ItemCounted c => c.VerifiedValue,
        ItemTransferred t => t.Value,
        ExceptionApproved x => x.MaxAmount,
        _ => null,
    };

    /// <summary>The other party of a movement. Increases and reductions of a debt name theirs only in the debt's first event.</summary>
    public static string? CounterpartyOf(ILedgerEvent e) => e switch
    {
        PaymentRecorded p => p.Payee.Name,
        ReceiptRecorded r => r.Payer,
        DebtRecorded d => d.Counterparty,
        AssetDisposed a => a.Recipient,
        ResourceContracted r => r.Contractor,
        _ => null,
    };

    /// <summary>What an inspector asks of a movement: its purpose, its account (科目), its approver and its exception (特批).</summary>
    public static (string? Purpose, string? Account, string? Approver, Guid? ExceptionId) ParticularsOf(ILedgerEvent e) => e switch
    {
        PaymentRecorded p => (p.Purpose, p.AccountCode, p.Approval.Approver, p.ExceptionId),
        ReceiptRecorded r => (r.Purpose, r.AccountCode, null, null),
        DebtRecorded d => (null, null, null, d.ExceptionId),
        DebtIncreased d => (d.Reason, null, null, d.ExceptionId),
        DebtReduced d => (null, null, d.Approval?.Approver, null),
        AssetDisposed a => (a.Reason, null, null, a.ExceptionId),
        _ => (null, null, null, null),
    };

    /// <summary>The document references (vouchers, approvals, resolutions, exception ids) an event carries.</summary>
    public static IReadOnlyList<string> DocumentsOf(ILedgerEvent e)
    {
        string?[] documents = e switch
        {
            PaymentRecorded p => [p.VoucherNumber, p.Approval.Document, p.ResolutionReference, p.ExceptionId?.ToString()],
            ReceiptRecorded r => [r.VoucherNumber],
            DebtRecorded d => [d.Document, d.ExceptionId?.ToString()],
            DebtIncreased d => [d.Document, d.ExceptionId?.ToString()],
            DebtReduced d => [d.Document, d.Approval?.Document],
            AssetRegistered a => [a.TitleDocument],
            ResourceRegistered r => [r.TitleDocument],
            ResourceContracted r => [r.ContractNumber],
            AssetDisposed a => [a.ResolutionReference, a.ExceptionId?.ToString()],
            ReformDeclared r => [r.ApprovalDocument],
            ResolutionRecorded r => [r.Document],
            ExceptionApproved x => [x.Document, x.ExceptionId.ToString()],
            ReformFrozen f => [f.Document],
            MembersConfirmed m => [m.Document],
            _ => [],
        };
        return documents.OfType<string>().ToList();
    }
}
