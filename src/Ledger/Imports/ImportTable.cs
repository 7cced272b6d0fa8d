using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Imports;

/// <summary>The national 清产核资 registers a county keeps in spreadsheets, one per kind of 三资 item.</summary>
public enum ImportTable
{
    /// <summary>资产清查登记表</summary>
    Assets,
    /// <summary>货币资金清查登记表</summary>
    Funds,
    /// <summary>债权债务清查登记表</summary>
    Debts,
    /// <summary>资源性资产清查登记表</summary>
    Resources,
}

/// <summary>
/// How one register's rows become the same command a clerk would send, and which pure decision enters it:
/// the columns (Chinese headers), a row reader (which validates the request, refusing as the API would), and
/// the decision with the item's id.
/// </summary>
public sealed record TableSpec(
    ImportTable Table,
    string Title,
    IReadOnlyList<Column> Columns,
    Func<Cells, string, ILedgerCommand> Read,
    Func<ILedgerCommand, UnitBook, Guid, Stamp, ILedgerEvent> Decide)
{
    /// <summary>The header of the column that carries the item's own code (编号), the natural key of a row.</summary>
    public string CodeHeader => Columns[0].Header;

    public string HeaderOf(string field) =>
        Columns.FirstOrDefault(c => string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase))?.Header ?? field;
}
