using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Projections.Audit;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>Large cash payment (大额现金支付): a payment from a cash account (库存现金) above <see cref="LeadThresholds.CashPaymentLimit"/>.</summary>
public sealed class LargeCashPayment : EventRule<PaymentRecorded>
{
    public override string Name => "largeCashPayment";
    public override string Flag => "大额现金";

    protected override bool Concerns(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        scope.IsCashAccount(p.AccountId) && p.AccountCode != ChartCodes.Bank && p.Amount > scope.Thresholds.CashPaymentLimit;

    protected override Lead Judge(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        scope.Lead(this, p.UnitCode,
            $"于{Day(p.Stamp.BusinessDate)}以现金支付{p.Payee.Name}{Yuan(p.Amount)}（{p.Purpose}），超过现金支付限额{Yuan(scope.Thresholds.CashPaymentLimit)}",
            p.Amount, scope.Thresholds.CashPaymentLimit, p.Payee.Name, [fact]);
}

/// <summary>
/// Cash above the limit (库存现金超限): a cash account's balance rises above <see cref="LeadThresholds.CashOnHandLimit"/>,
/// at its opening or by a receipt; one lead each time it crosses the limit, on the event that made it cross. Keyed
/// by account: its balance is its own events'.
/// </summary>
public sealed class CashAboveLimit : ILeadRule
{
    public string Name => "cashAboveLimit";
    public string Flag => "大额现金";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => scope.IsCashAccount(fact.StreamId) ? [fact.StreamId.ToString()] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var limit = scope.Thresholds.CashOnHandLimit;
        var balances = new Dictionary<Guid, decimal>();
        foreach (var fact in facts)
        {
            var before = balances.GetValueOrDefault(fact.StreamId);
            var after = fact.Event switch
            {
                FundAccountOpened o => o.OpeningBalance,
                ReceiptRecorded r => before + r.Amount,
                PaymentRecorded p => before - p.Amount,
                ItemTransferred t => t.Value,
                _ => before,
            };
            balances[fact.StreamId] = after;
            if (after > limit && before <= limit && fact.Event is FundAccountOpened or ReceiptRecorded)
                yield return scope.Lead(this, fact.UnitCode!,
                    $"库存现金（{scope.ItemLabel(fact.StreamId)}）于{Day(fact.BusinessDate)}达到{Yuan(after)}，超过库存限额{Yuan(limit)}",
                    after, limit, fact.Counterparty, [fact]);
        }
    }
}

/// <summary>
/// Paying from receipts (坐收坐支): cash received into a cash account and not banked (deposited: a cash payment on
/// 102 银行存款) within <see cref="LeadThresholds.BankingDays"/> days, in business time; the lead lists the cash
/// spent from the account meanwhile. A receipt whose days have not yet run out is not judged. Keyed by cash account.
/// </summary>
public sealed class ReceiptsNotBanked : ILeadRule
{
    public string Name => "receiptsNotBanked";
    public string Flag => "坐收坐支";
    public bool ReadsToday => true;

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => fact.Event switch
    {
        ReceiptRecorded r when scope.IsCashAccount(r.AccountId) => [r.AccountId.ToString()],
        PaymentRecorded p when scope.IsCashAccount(p.AccountId) => [p.AccountId.ToString()],
        _ => [],
    };

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var days = scope.Thresholds.BankingDays;
        var payments = facts.Of<PaymentRecorded>().ToList();
        foreach (var (fact, receipt) in facts.Of<ReceiptRecorded>())
        {
            var due = receipt.Stamp.BusinessDate.PlusDays(days);
            if (due > scope.Today) continue;
            var window = payments.Where(p => p.Event.Stamp.BusinessDate >= receipt.Stamp.BusinessDate && p.Event.Stamp.BusinessDate <= due).ToList();
            var banked = window.Where(p => p.Event.AccountCode == ChartCodes.Bank).Sum(p => p.Event.Amount);
            if (banked >= receipt.Amount) continue;
            var spent = window.Where(p => p.Event.AccountCode != ChartCodes.Bank).ToList();
            yield return scope.Lead(this, receipt.UnitCode,
                $"于{Day(receipt.Stamp.BusinessDate)}收取{receipt.Payer}现金{Yuan(receipt.Amount)}（{receipt.Purpose}），{days}日内存入银行{Yuan(banked)}"
                + (spent.Count > 0 ? $"，其间直接支出{Yuan(spent.Sum(p => p.Event.Amount))}" : ""),
                receipt.Amount - banked, receipt.Amount, receipt.Payer, [fact, .. spent.Select(p => p.Fact)]);
        }
    }
}

/// <summary>
/// IOUs for cash (白条抵库): a cash account counted below its book balance (the difference is usually notes of
/// hand), or a receivable (应收款) from an individual dated before the plan, which is how an IOU sits in the books
/// (a new one after the plan is a loan to an outsider).
/// </summary>
public sealed class IousForCash : EventRule<ILedgerEvent>
{
    public override string Name => "iousForCash";
    public override string Flag => "白条抵库";

    protected override bool Concerns(EventFact fact, ILedgerEvent e, LeadScope scope) => e switch
    {
        ItemCounted c => scope.IsCashAccount(c.ItemId) && c.VerifiedValue < c.BookValue,
        DebtRecorded d => d is { Side: ItemKind.Claim, Kind: DebtKind.Receivable } && scope.Counterparties.IsIndividual(d.Counterparty, d.CounterpartyType)
                          && !scope.InReformWindow(d.UnitCode, d.Stamp.BusinessDate),
        _ => false,
    };

    protected override Lead Judge(EventFact fact, ILedgerEvent e, LeadScope scope) => e is ItemCounted c
        ? scope.Lead(this, c.UnitCode,
            $"于{Day(c.CountedOn)}盘点库存现金（{scope.ItemLabel(c.ItemId)}），账面{Yuan(c.BookValue)}，实存{Yuan(c.VerifiedValue)}，短缺{Yuan(c.BookValue - c.VerifiedValue)}：{c.Reason}",
            c.BookValue - c.VerifiedValue, null, null, [fact])
        : e is DebtRecorded d
            ? scope.Lead(this, d.UnitCode, $"于{Day(d.Stamp.BusinessDate)}记入个人{d.Counterparty}的应收款{Yuan(d.Amount)}（{d.Document}）",
                d.Amount, null, d.Counterparty, [fact])
            : throw new ArgumentException($"Not a concern of {Name}: {fact.Type}", nameof(fact));
}

/// <summary>
/// Public money in private accounts (公款私存, 体外循环): a fund account held by an individual that holds money,
/// by its opening balance or by any receipt. One lead per account, on the first event that put money in it.
/// </summary>
public sealed class PrivateAccount : ILeadRule
{
    public string Name => "privateAccount";
    public string Flag => "公款私存";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => fact.Event switch
    {
        FundAccountOpened { Holder: HolderType.Individual } o => [o.AccountId.ToString()],
        ReceiptRecorded r when scope.FirstEventOf(r.AccountId) is FundAccountOpened { Holder: HolderType.Individual } => [r.AccountId.ToString()],
        _ => [],
    };

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        foreach (var (fact, opened) in facts.Of<FundAccountOpened>())
        {
            var receipts = facts.Of<ReceiptRecorded>().Where(r => r.Event.AccountId == opened.AccountId).ToList();
            if (opened.OpeningBalance <= 0 && receipts.Count == 0) continue;
            var total = opened.OpeningBalance + receipts.Sum(r => r.Event.Amount);
            yield return scope.Lead(this, opened.UnitCode,
                $"账户{opened.Name}（{opened.BankName} {opened.AccountNumber}）由个人持有，存入集体资金{Yuan(total)}"
                + (receipts.Count > 0 ? $"，含收款{receipts.Count}笔" : ""),
                total, null, opened.AccountNumber, [fact, .. receipts.Select(r => r.Fact)]);
        }
    }
}
