using System.Security.Cryptography;
using Sanzi.Integrity;
using Shouldly;

namespace Sanzi.UnitTests.Integrity;

/// <summary>
/// Verify recomputes each seal's root from the hash rows its shares read, each share in sequence order but all of them
/// interleaved as they come: a root is the hashes of its range in sequence order, whichever share read them.
/// </summary>
public class SealRootsTests
{
    private static readonly byte[][] Hashes = Enumerable.Range(1, 10).Select(i => SHA256.HashData([(byte)i])).ToArray();

    /// <summary>Two seals, 1..6 and 7..10, as the ledger signs them (the root over the rows' hashes concatenated in order).</summary>
    private static readonly Seal[] Seals =
    [
        Sealed(1, 6, Hashes[..6]),
        Sealed(7, 10, Hashes[6..]),
    ];

    private static Seal Sealed(long from, long to, byte[][] hashes) =>
        new(from, to, hashes.Length, Convert.ToHexStringLower(SHA256.HashData(hashes.SelectMany(h => h).ToArray())), "", "", "", "");

    [Fact]
    public void Rows_read_by_two_shares_in_any_interleaving_give_the_sealed_roots()
    {
        var random = new Random(12);
        for (var run = 0; run < 50; run++)
        {
            var problems = Feed(seq => seq % 3 == 0 ? 1 : 0, random, Hashes);
            problems.ShouldBeEmpty($"run {run}");
        }
    }

    [Fact]
    public void A_row_missing_or_changed_breaks_its_seal_only()
    {
        var changed = Hashes.Select((h, i) => i == 8 ? SHA256.HashData([99]) : h).ToArray();
        Feed(seq => (int)(seq % 2), new Random(3), changed).ShouldHaveSingleItem()
            .Detail.ShouldBe("seal 7..10: the event hashes in its range are not the ones it sealed (4 found, 4 sealed)");

        var missing = Hashes.Select((h, i) => i == 2 ? null : h).ToArray();
        Feed(seq => (int)(seq % 2), new Random(4), missing).ShouldHaveSingleItem()
            .Detail.ShouldBe("seal 1..6: the event hashes in its range are not the ones it sealed (5 found, 6 sealed)");
    }

    [Fact]
    public void Seals_with_no_rows_read_are_named_when_every_share_is_done()
    {
        var roots = new SealRoots(Seals, 2);
        roots.Done(0).ShouldBeNull();
        roots.Done(1)!.Select(p => p.SeqId).ShouldBe([1L, 7L]);
    }

    /// <summary>Rows 1..10 (null: no row) split between two shares by <paramref name="shareOf"/>, handed over in a random interleaving.</summary>
    private static List<Problem> Feed(Func<long, int> shareOf, Random random, byte[]?[] hashes)
    {
        var roots = new SealRoots(Seals, 2);
        var queues = Enumerable.Range(0, 2)
            .Select(share => new Queue<long>(Enumerable.Range(1, hashes.Length).Select(i => (long)i).Where(seq => shareOf(seq) == share && hashes[seq - 1] is not null)))
            .ToArray();
        var problems = new List<Problem>();
        while (queues.Any(q => q.Count > 0))
        {
            var share = queues[0].Count == 0 ? 1 : queues[1].Count == 0 ? 0 : random.Next(2);
            var seq = queues[share].Dequeue();
            problems.AddRange(roots.Add(share, seq, hashes[seq - 1]) ?? []);
        }
        problems.AddRange(roots.Done(0) ?? []);
        problems.AddRange(roots.Done(1) ?? []);
        return problems;
    }
}
