using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Counterparties;

/// <summary>What a counterparty is, as far as the inspectors' rules care.</summary>
public enum CounterpartyKind
{
    /// <summary>Power, water, telecom (公用事业): every unit pays them, which says nothing.</summary>
    Utility,

    /// <summary>A government body (政府机关): the finance bureau, the tax office.</summary>
    Government,

    /// <summary>A bank (银行): interest, fees, loans.</summary>
    Bank,

    /// <summary>A natural person (个人), whatever an entry said: for the 私分 and loan rules.</summary>
    Individual,
}

/// <summary>A counterparty was entered in the county's counterparty register (往来单位名录) as a kind, or its kind changed.</summary>
public sealed record CounterpartyRegistered(string Name, CounterpartyKind Kind, string Reason, Stamp Stamp) : ILedgerEvent;
