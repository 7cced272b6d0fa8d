using System.Security.Cryptography;

namespace Sanzi.Integrity;

/// <summary>
/// Recomputes each trusted seal's root from the hash rows the shares read anyway (the server used to send every hash
/// row a second time for this). Each share hands over its rows in sequence order; a row's hash goes to its seal's slot
/// for its sequence number, and a seal is hashed, its slots in order, once every share has read past its end. Only the
/// seals the shares are inside are held: at most 50,000 rows (<see cref="Sealing"/>'s batch) and 32 bytes each.
/// </summary>
internal sealed class SealRoots
{
    private readonly IReadOnlyList<Seal> _seals;
    private readonly long[] _readThrough;
    private readonly int[] _cursor;
    private readonly Range?[] _current;
    private readonly Dictionary<int, Range> _open = new();
    private readonly IncrementalHash _root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Lock _gate = new();
    private int _next;

    public SealRoots(IReadOnlyList<Seal> seals, int shares)
    {
        _seals = seals;
        (_readThrough, _cursor, _current) = (new long[shares], new int[shares], new Range?[shares]);
    }

    public long SealedThrough => _seals.Count > 0 ? _seals[^1].ToSeq : 0;

    /// <summary>The rows of one seal's range found so far, each in the slot of its sequence number.</summary>
    private sealed class Range(int index, Seal seal)
    {
        public int Index => index;
        public Seal Seal => seal;
        public readonly byte[] Slots = new byte[checked((int)(seal.ToSeq - seal.FromSeq + 1) * HashChain.Size)];
        public readonly bool[] Found = new bool[seal.ToSeq - seal.FromSeq + 1];
        public int Count;
        /// <summary>A hash of another length than SHA-256's: an edited row, so the root cannot be the sealed one.</summary>
        public bool Odd;

        /// <summary>The found rows' hashes, moved together in sequence order (a sequence number without a row has no slot in the root).</summary>
        public ReadOnlySpan<byte> Compacted()
        {
            var length = 0;
            for (var slot = 0; slot < Found.Length; slot++)
            {
                if (!Found[slot]) continue;
                if (length != slot * HashChain.Size) Slots.AsSpan(slot * HashChain.Size, HashChain.Size).CopyTo(Slots.AsSpan(length));
                length += HashChain.Size;
            }
            return Slots.AsSpan(0, length);
        }
    }

    /// <summary>
    /// A hash row of share <paramref name="share"/>, whose rows come in sequence order; the seals it completes and whose
    /// roots differ from the sealed ones.
    /// </summary>
    public List<Problem>? Add(int share, long seq, ReadOnlySpan<byte> hash)
    {
        var cursor = _cursor[share];
        while (cursor < _seals.Count && seq > _seals[cursor].ToSeq) cursor++;
        _cursor[share] = cursor;
        if (cursor < _seals.Count && seq >= _seals[cursor].FromSeq)
        {
            var range = _current[share] is { } current && current.Index == cursor ? current : _current[share] = Open(cursor);
            var slot = (int)(seq - range.Seal.FromSeq);
            if (hash.Length == HashChain.Size) hash.CopyTo(range.Slots.AsSpan(slot * HashChain.Size));
            else range.Odd = true;
            range.Found[slot] = true;
            Interlocked.Increment(ref range.Count);
        }
        Volatile.Write(ref _readThrough[share], seq);
        return _next < _seals.Count && _seals[_next].ToSeq <= seq ? Close() : null;
    }

    /// <summary>Share <paramref name="share"/> has read its last hash row.</summary>
    public List<Problem>? Done(int share)
    {
        Volatile.Write(ref _readThrough[share], long.MaxValue);
        return Close();
    }

    /// <summary>
    /// Closes every seal all shares have read past, in order: its found rows' hashes concatenated in sequence order must
    /// hash to its root, and be as many as it sealed.
    /// </summary>
    private List<Problem>? Close()
    {
        List<Problem>? problems = null;
        lock (_gate)
        {
            var readThrough = long.MaxValue;
            for (var share = 0; share < _readThrough.Length; share++) readThrough = Math.Min(readThrough, Volatile.Read(ref _readThrough[share]));
            while (_next < _seals.Count && _seals[_next].ToSeq <= readThrough)
            {
                var seal = _seals[_next];
                _open.Remove(_next++, out var range);
                var count = range?.Count ?? 0;
                if (range is not null) _root.AppendData(range.Compacted());
                var root = Convert.ToHexStringLower(_root.GetHashAndReset());
                if (root != seal.Root || count != seal.Events || range?.Odd == true)
                    (problems ??= []).Add(new Problem(ProblemKind.SealBroken, seal.FromSeq, null, null,
                        $"seal {seal.FromSeq}..{seal.ToSeq}: the event hashes in its range are not the ones it sealed ({count} found, {seal.Events} sealed)"));
            }
        }
        return problems;
    }

    private Range Open(int index)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(index, out var range)) _open[index] = range = new Range(index, _seals[index]);
            return range;
        }
    }
}
