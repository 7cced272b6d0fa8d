using System.Globalization;
using System.Text;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Imports;
using Sanzi.Ledger.Resources;

namespace Sanzi.Bench.County;

/// <summary>A unit of the generated county and the registers it keeps, as the CSV files a county would send.</summary>
public sealed record CountyUnit(string Code, string Name, IReadOnlyList<(TableSpec Table, byte[] Csv, int Rows)> Registers)
{
    public int Items => Registers.Sum(r => r.Rows);
}

/// <summary>A third of a township's villages merging into one new village.</summary>
public sealed record PlannedMerger(string Township, IReadOnlyList<CountyUnit> Villages, string NewCode, string NewName);

/// <summary>
/// A seeded county (same seed, same county): 30 townships of villages, each village with its asset, resource,
/// fund and claim/debt registers (about 55/10/35 per cent, three accounts), and a third of every township's
/// villages planned to merge into one new village.
/// </summary>
public sealed class CountyGenerator(int seed)
{
    private static readonly string[] AssetNames = ["办公楼", "仓库", "拖拉机", "办公桌", "电脑", "打印机", "水泵", "变压器", "晒谷场", "皮卡车"];
    private static readonly string[] People = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
    private readonly Random _random = new(seed);

    public (IReadOnlyList<CountyUnit> Villages, IReadOnlyList<PlannedMerger> Mergers) Generate(int villages, int itemsPerVillage)
    {
        var units = new List<CountyUnit>();
        var mergers = new List<PlannedMerger>();
        const int townships = 30;
        for (var t = 0; t < townships; t++)
        {
            var township = $"360702{101 + t}";
            var count = villages / townships + (t < villages % townships ? 1 : 0);
            var ofTownship = Enumerable.Range(1, count)
                .Select(v => Village($"{township}2{v:D2}", $"{People[t % 10]}家{v}村", itemsPerVillage)).ToList();
            units.AddRange(ofTownship);
            if (count >= 2)
                mergers.Add(new PlannedMerger(township, ofTownship.Take(Math.Max(2, count / 3)).ToList(), $"{township}299", $"合并新村{t + 1}"));
        }

        return (units, mergers);
    }

    public CountyUnit Village(string code, string name, int items)
    {
        var assets = items * 55 / 100;
        var resources = items / 10;
        const int funds = 3;
        var debts = Math.Max(0, items - assets - resources - funds);
        return new CountyUnit(code, name,
        [
            Register(Tables.Assets, assets, i => [$"ZC-{i:D6}", "集体", Pick(AssetCategories.ChineseNames.Values), Pick(AssetNames) + i, "", "1",
                "项", Money(500, 500_000), "0", $"20{_random.Next(10, 25)}-0{_random.Next(1, 10)}-1{_random.Next(0, 9)}", "村部", "", ""]),
            Register(Tables.Resources, resources, i => [$"ZY-{i:D6}", "集体", Pick(LandTypes.ChineseNames.Values), $"地块{i}",
                (_random.Next(1, 2_000) / 10m).ToString(CultureInfo.InvariantCulture), "村北", "东至河 西至路", "", Money(0, 100_000)]),
            Register(Tables.Funds, funds, i => [$"ZJ-{i:D2}", "集体", i == 1 ? "库存现金" : "银行存款", i == 1 ? "库存现金" : $"农商行{i}户",
                i == 1 ? "" : "农商银行", i == 1 ? "" : $"6228{_random.Next(100_000, 999_999)}", "集体", Money(100, 900_000)]),
            Register(Tables.Debts, debts, i => [$"ZW-{i:D6}", "集体", i % 2 == 0 ? "债权" : "债务", i % 2 == 0 ? "应收款" : "应付款",
                $"{Pick(People)}某{i}", i % 3 == 0 ? "外单位" : "个人", Money(100, 200_000), "", $"协议〔2024〕{i}号"]),
        ]);
    }

    private (TableSpec, byte[], int) Register(TableSpec table, int rows, Func<int, string[]> row)
    {
        var text = new StringBuilder(string.Join(',', table.Columns.Select(c => c.Header))).Append("\r\n");
        for (var i = 1; i <= rows; i++) text.Append(string.Join(',', row(i))).Append("\r\n");
        return (table, Encoding.UTF8.GetBytes(text.ToString()), rows);
    }

    private string Money(int from, int to) => (_random.Next(from * 100, to * 100) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private T Pick<T>(IEnumerable<T> values)
    {
        var list = values as IReadOnlyList<T> ?? values.ToList();
        return list[_random.Next(list.Count)];
    }
}
