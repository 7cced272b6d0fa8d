using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;

namespace Sanzi.Projections.Leads;

/// <summary>Large cash payment (大额现金支付): a payment from a cash account (库存现金) above <see cref="LeadThresholds.CashPaymentLimit"/>.</summary>
public sealed class LargeCashPayment : ILeadRule
{
    public string Name => "largeCashPayment";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<PaymentRecorded>()
            .Where(p => scope.IsCashAccount(p.Event.AccountId) && p.Event.Amount > scope.Thresholds.CashPaymentLimit)
            .Select(p => Lead.Of(Name, p.Event.UnitCode,
                $"{p.Event.Amount:0.00} paid in cash to {p.Event.Payee.Name} for {p.Event.Purpose} (大额现金)",
                p.Event.Amount, scope.Thresholds.CashPaymentLimit, p.Event.Payee.Name, [p.Fact]));
}

/// <summary>
/// Cash above the limit (库存现金超限): a cash account's balance rises above <see cref="LeadThresholds.CashOnHandLimit"/>,
/// at its opening or by a receipt; one lead each time it crosses the limit, on the event that made it cross.
/// </summary>
public sealed class CashAboveLimit : ILeadRule
{
    public string Name => "cashAboveLimit";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var limit = scope.Thresholds.CashOnHandLimit;
        var balances = new Dictionary<Guid, decimal>();
        foreach (var fact in scope.Facts.Where(f => scope.IsCashAccount(f.StreamId)))
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
                yield return Lead.Of(Name, fact.UnitCode!, $"Cash on hand reached {after:0.00}, above the limit of {limit:0.00} (库存现金超限)",
                    after, limit, fact.Counterparty, [fact]);
        }
    }
}
