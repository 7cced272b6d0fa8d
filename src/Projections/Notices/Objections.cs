using NodaTime;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Notices;

/// <summary>One objection (异议) as the clerk works it: who raised it and how, about what, and its answer once given.</summary>
public sealed record ObjectionLine(
    Guid ObjectionId, LocalDate RaisedOn, string RaisedBy, string? Member, bool Online, string? ItemCode, string? ItemName, string Text,
    bool Open, ObjectionOutcome? Outcome, string? Answer, LocalDate? AnsweredOn);

/// <summary>An objection as the public notice shows it: that it was raised, about which item, and its answer; nobody's name.</summary>
public sealed record PublicObjection(LocalDate RaisedOn, bool Online, string Item, bool Open, string? Outcome, string? Answer, LocalDate? AnsweredOn);

/// <summary>The objections of a unit, folded from its stream's events (they are few: one notice per unit).</summary>
public static class Objections
{
    public static IReadOnlyList<ObjectionLine> Of(IEnumerable<object> unitEvents, IReadOnlyDictionary<Guid, Item> items)
    {
        var lines = new List<ObjectionLine>();
        foreach (var e in unitEvents)
            switch (e)
            {
                case ObjectionRaised r:
                    var item = r.ItemId is { } id ? items.GetValueOrDefault(id) : null;
                    lines.Add(new ObjectionLine(r.ObjectionId, r.Stamp.BusinessDate, r.RaisedBy, r.Member, r.Online, item?.ItemCode, item?.Name, r.Text,
                        true, null, null, null));
                    break;
                case ObjectionResolved s when lines.FindIndex(l => l.ObjectionId == s.ObjectionId) is var i and >= 0:
                    lines[i] = lines[i] with { Open = false, Outcome = s.Outcome, Answer = s.Reason, AnsweredOn = s.Stamp.BusinessDate };
                    break;
            }
        return lines;
    }

    /// <summary>What the public page may show of them: the item by its public name, the answer masked like every notice text.</summary>
    public static IReadOnlyList<PublicObjection> ForPublic(IReadOnlyList<ObjectionLine> lines, PublicNotice notice, UnitRecords records)
    {
        var personal = PersonalData.Of(records).With(lines.Select(l => l.RaisedBy));
        return lines.Select(l => new PublicObjection(l.RaisedOn, l.Online,
            notice.Items.FirstOrDefault(i => i.ItemCode == l.ItemCode) is { } item ? $"{item.ItemCode} {item.Name}" : "公示内容总体",
            l.Open, l.Outcome switch { ObjectionOutcome.Upheld => "异议成立，已更正", ObjectionOutcome.Rejected => "异议不成立", _ => null },
            personal.Mask(l.Answer), l.AnsweredOn)).ToList();
    }

    /// <summary>Whether an objection event belongs to the notice as a report time sees it.</summary>
    public static bool Includes(ReportTime time, object e) =>
        time.Includes(e) && (time.KnownAt is not { } known || e is not Ledger.Common.ILedgerEvent { Stamp: var stamp } || stamp.RecordedAt <= known);
}
