namespace Sanzi.Ledger.Common;

/// <summary>Names of the metadata headers the command pipeline writes on events and the read side reads back.</summary>
public static class EventHeaders
{
    /// <summary>The acting person's role: the stamp predates roles, so the audit trail finds it here.</summary>
    public const string Role = "role";
}
