using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Notices;

/// <summary>
/// Keeps personal data out of the free text a public page shows: identity-card and mobile numbers in any spelling
/// (spaces, hyphens, full-width digits, a +86 prefix), the names of the individuals the unit's books know (people
/// owing or owed, lessees), and a name written after a label such as 借款人 or 联系人. Office numbers stay.
/// </summary>
public sealed partial class PersonalData(IEnumerable<string> names)
{
    private readonly IReadOnlyList<string> _names = names.Where(n => n.Length >= 2).Distinct().OrderByDescending(n => n.Length).ToList();

    /// <summary>The individuals named in a unit's books.</summary>
    public static PersonalData Of(UnitRecords records) => new(records.Lines.Select(l => l.Item).SelectMany(IndividualsOf));

    private static IEnumerable<string> IndividualsOf(Item item)
    {
        if (item is { Kind: ItemKind.Claim or ItemKind.Liability, Holder: HolderType.Individual, Counterparty: { } person }) yield return person;
        if (item.Contract is { ContractorType: HolderType.Individual } contract) yield return contract.Contractor;
    }

    /// <summary>These names too, such as the members who raised objections.</summary>
    public PersonalData With(IEnumerable<string> more) => new(_names.Concat(more));

    [return: NotNullIfNotNull(nameof(text))]
    public string? Mask(string? text)
    {
        if (text is null) return null;
        var masked = Mobile().Replace(IdNumber().Replace(text, Stars), Stars);
        foreach (var name in _names) masked = masked.Replace(name, new string('＊', name.Length), StringComparison.Ordinal);
        return LabelledName().Replace(masked, m => m.Groups["label"].Value + new string('＊', m.Groups["name"].Length));
    }

    private static string Stars(Match m) => new('＊', m.Length);

    // D a digit (ASCII or full-width), S at most one separator between digits.
    private const string D = "[0-9０-９]";
    private const string S = "[ \\-‐－—\u3000]?";

    /// <summary>18-character identity-card numbers (17 digits and a check digit or X), not inside a longer run of digits.</summary>
    [GeneratedRegex($"(?<!{D}{S}){D}(?:{S}{D}){{16}}{S}[0-9０-９XxＸｘ](?!{S}{D})")]
    private static partial Regex IdNumber();

    /// <summary>Mainland mobile numbers: 1, then 3 to 9, then nine digits, optionally after +86.</summary>
    [GeneratedRegex($"(?<!{D}{S})(?:[+＋]?(?:86|８６){S})?[1１]{S}[3-9３-９](?:{S}{D}){{9}}(?!{S}{D})")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<label>(?:姓名|户主|经手人|借款人|承包人|承租人|保管人|收款人|领款人|联系人)[:：]?\s*)(?<name>\p{IsCJKUnifiedIdeographs}{2,3})")]
    private static partial Regex LabelledName();
}
