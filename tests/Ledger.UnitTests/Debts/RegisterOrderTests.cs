using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Projections.Debts;
using Shouldly;

namespace Sanzi.UnitTests.Debts;

/// <summary>
/// The kept register is read in the byte order of <see cref="DebtLine.RegisterOrder"/>; it must be the order the register
/// prints (side, counterparty, item code, id, ordinal), also where UTF-16 and byte order part: a name with a character
/// beyond U+FFFF (𠀀, kept as two surrogates) against one with a full-width bracket (U+FF08), a name that is the start of another,
/// ids alike but for a sign bit.
/// </summary>
public class RegisterOrderTests
{
    [Fact]
    public void Comparing_the_keys_byte_by_byte_gives_the_registers_order()
    {
        var random = new Random(12);
        string[] names = ["县建筑公司", "县建筑公司（二）", "县建筑", "𠀀村民张某", "王某", "王某某", "", "A", "a", "Zeta"];
        string[] codes = ["ZW-000010", "ZW-00001", "ZW-000009", "ZQ-1", "债-1"];
        var lines = Enumerable.Range(0, 400).Select(i => new DebtLine(i % 7 == 0 ? new Guid(random.Next(2) == 0 ? 1 : -1, (short)random.Next(2), (short)random.Next(-2, 2),
                (byte)random.Next(256), 0, 0, 0, 0, 0, 0, (byte)random.Next(256)) : Guid.NewGuid(), "360702001",
            codes[random.Next(codes.Length)], i % 3 == 0 ? ItemKind.Liability : ItemKind.Claim, DebtKind.Payable, names[random.Next(names.Length)],
            HolderType.Individual, 1m, [], [])).ToList();

        var printed = lines.OrderBy(l => l.Side).ThenBy(l => l.Counterparty, StringComparer.Ordinal).ThenBy(l => l.ItemCode, StringComparer.Ordinal)
            .ThenBy(l => l.Id).Select(l => l.Id).ToList();
        var byKey = lines.OrderBy(l => Convert.FromHexString(l.RegisterOrder), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .Select(l => l.Id).ToList();

        byKey.ShouldBe(printed);
        string.CompareOrdinal("𠀀", "（").ShouldBeLessThan(0, "UTF-16 puts the surrogates below U+FF08, as the register does; UTF-8 bytes would not");
    }
}
