namespace Sanzi.Integrity;

/// <summary>
/// Which seals to trust: the seal file's, where signed, and then the table's newer signed ones; and
/// every way the table, the file and the chain of seals disagree. The file is the authority, since
/// it is the copy outside the database.
/// </summary>
internal static class SealCheck
{
    public static (List<Seal> Chain, List<Problem> Problems) Run(IReadOnlyList<Seal> filed, IReadOnlyList<Seal>? stored, IntegrityKeys keys)
    {
        var (chain, problems) = (new List<Seal>(), new List<Problem>());
        var byFrom = (stored ?? []).GroupBy(s => s.FromSeq).ToDictionary(g => g.Key, g => g.First());
        bool Genuine(Seal s) => s.HashesItself && keys.Signed(s.Hash, s.Signature);
        void Add(Seal s, string detail) => problems.Add(new Problem(ProblemKind.SealBroken, s.FromSeq, null, null, $"seal {s.FromSeq}..{s.ToSeq} {detail}"));

        for (var line = 0; line < filed.Count; line++)
        {
            var seal = filed[line];
            if (!Genuine(seal))
            {
                Add(seal, $"on line {line + 1} of the seal file is not one the ledger signed");
                continue;
            }
            chain.Add(seal);
            if (!byFrom.TryGetValue(seal.FromSeq, out var row)) Add(seal, "is in the seal file but missing from the database");
            else if (row != seal) Add(row, "in the database differs from the seal file");
        }

        var filedThrough = chain.Count > 0 ? chain[^1].ToSeq : 0;
        var filedFroms = chain.Select(s => s.FromSeq).ToHashSet();
        foreach (var row in stored ?? [])
        {
            if (row.ToSeq <= filedThrough)
            {
                if (!filedFroms.Contains(row.FromSeq)) Add(row, "in the database is not in the seal file");
            }
            else if (Genuine(row)) chain.Add(row);
            else Add(row, "in the database is not one the ledger signed");
        }

        for (var i = 0; i < chain.Count; i++)
        {
            var (previousHash, previousTo) = i == 0 ? (HashChain.SealGenesis, 0L) : (chain[i - 1].Hash, chain[i - 1].ToSeq);
            if (chain[i].PrevHash != previousHash || chain[i].FromSeq != previousTo + 1) Add(chain[i], "does not follow the seal before it");
        }
        return (chain, problems);
    }
}
