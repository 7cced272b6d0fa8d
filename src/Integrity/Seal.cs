namespace Sanzi.Integrity;

/// <summary>
/// A seal over the event hashes of sequence numbers <paramref name="FromSeq"/>..<paramref name="ToSeq"/>:
/// the digest an inspector writes down. It names the seal before it, so the latest one vouches for the
/// whole log, and it is signed with the ledger's key, which the database does not hold.
/// </summary>
/// <param name="Root">SHA-256 of the range's event hashes (32 bytes each) concatenated in sequence order, hex.</param>
/// <param name="SealedAt">UTC with microseconds, exactly the text that was hashed.</param>
/// <param name="Signature">ECDSA P-256 over the ASCII of <paramref name="Hash"/>, IEEE P1363, base64.</param>
public sealed record Seal(long FromSeq, long ToSeq, long Events, string Root, string Hash, string PrevHash, string SealedAt, string Signature)
{
    /// <summary>Whether the seal's hash is the hash of its own fields.</summary>
    public bool HashesItself => HashChain.SealHash(PrevHash, FromSeq, ToSeq, Events, Root, SealedAt) == Hash;
}
