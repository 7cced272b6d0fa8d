namespace Sanzi.Ledger.Units;

/// <summary>The steps of a merger a unit goes through, in order; the API spells them in camelCase.</summary>
public enum UnitStage
{
    Open,
    InReform,
    Frozen,
    DebtsLocked,
    Inventoried,
    Noticed,
    Confirmed,
    HandoverDrafted,
    Closed,
}
